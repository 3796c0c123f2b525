#include "http/dispatcher.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "common/error.h"

namespace xieli::http {

Response Dispatcher::Run(Context& ctx, size_t index, const Handler& handler) const {
    if (index == middlewares_.size()) return handler(ctx);
    return middlewares_[index](ctx, [this, index, &handler](Context& c) { return Run(c, index + 1, handler); });
}

Response Dispatcher::Handle(Request& request) const {
    auto started = std::chrono::steady_clock::now();
    Context ctx{request};
    ctx.lang = LangFromAcceptLanguage(request.Header("accept-language"));
    Response response;
    try {
        RouteMatch match = router_.Match(request.method, request.path);
        bool is_api = request.path == "/api" || request.path.starts_with("/api/");
        if (match.kind == RouteMatch::Kind::kFound) {
            ctx.route = match.route->pattern;
            ctx.path_params = std::move(match.params);
            const Route* route = match.route;
            Handler guarded = [route](Context& c) {
                if (route->access == Access::kAuthenticated) c.RequireCaller();
                return route->handler(c);
            };
            response = Run(ctx, 0, guarded);
        } else if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
            ctx.route = "(method not allowed)";
            std::string allow;
            for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
            response = ErrorResponse(
                Error(ErrorCode::kMethodNotAllowed, {"不支持该请求方法", "This method is not allowed here"}), ctx.lang
            );
            response.SetHeader("Allow", allow);
        } else if (!is_api && fallback_ && (request.method == "GET" || request.method == "HEAD")) {
            ctx.route = "(static)";
            response = fallback_(ctx);
        } else {
            ctx.route = "(not found)";
            throw Error(ErrorCode::kNotFound, {"接口不存在", "No such endpoint"});
        }
    } catch (const Error& e) {
        if (e.code() == ErrorCode::kInternal) spdlog::error("[{}] {}", request.request_id, e.what());
        response = ErrorResponse(e, ctx.lang);
    } catch (const std::exception& e) {
        std::optional<Error> mapped = exception_mapper_ ? exception_mapper_(e) : std::nullopt;
        if (mapped) {
            spdlog::warn("[{}] {} {}: {}", request.request_id, request.method, request.path, e.what());
            response = ErrorResponse(*mapped, ctx.lang);
        } else {
            spdlog::error("[{}] unhandled {} {}: {}", request.request_id, request.method, request.path, e.what());
            response =
                ErrorResponse(Error(ErrorCode::kInternal, {"服务器内部错误", "Internal server error"}), ctx.lang);
        }
    }
    response.SetHeader("X-Request-Id", request.request_id);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (const auto& observe : observers_) observe(ctx, response, seconds);
    return response;
}

}  // namespace xieli::http
