#include "http/context.h"

#include <charconv>

#include "common/error.h"

namespace xieli::http {

json::object Context::JsonBody() const {
    std::string_view type = request.Header("content-type");
    if (type.substr(0, type.find(';')).find("application/json") == std::string_view::npos) {
        throw Error(
            ErrorCode::kUnsupportedMediaType,
            {"请求体应为 application/json", "The request body must be application/json"}
        );
    }
    json::value v = ParseJson(request.body);
    return RequireObject(v);
}

const std::string& Context::PathParam(std::string_view name) const {
    auto it = path_params.find(name);
    if (it == path_params.end())
        throw Error(ErrorCode::kInternal, {"服务器内部错误", "Internal error"}, "no path param");
    return it->second;
}

int64_t Context::PathId(std::string_view name) const {
    const std::string& s = PathParam(name);
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || ptr != s.data() + s.size() || id <= 0) ThrowNotFound();
    return id;
}

const Caller& Context::RequireCaller() const {
    if (!caller) throw Error(ErrorCode::kUnauthorized, {"请先登录", "Please sign in"});
    return *caller;
}

store::Database& Context::TenantDb() const {
    if (!tenant_db) throw Error(ErrorCode::kUnauthorized, {"请先登录", "Please sign in"});
    return *tenant_db;
}

}  // namespace xieli::http
