#pragma once

// From a parsed Request to a Response: route match, the middleware chain, the handler, and the
// mapping of every failure to the JSON error of API.md. Transport-free, so it is unit-tested
// without sockets.

#include <functional>
#include <optional>
#include <vector>

#include "common/error.h"
#include "http/router.h"

namespace xieli::http {

using Next = std::function<Response(Context&)>;
// A middleware may answer itself (throw or return) or call next(ctx).
using Middleware = std::function<Response(Context&, const Next&)>;
// Turns a non-Error exception that has a client meaning (a duplicate key, a busy database) into
// an Error; nullopt leaves it a 500.
using ExceptionMapper = std::function<std::optional<Error>(const std::exception&)>;
// Observes every finished request (access log, metrics).
using Observer = std::function<void(const Context&, const Response&, double seconds)>;

class Dispatcher {
public:
    explicit Dispatcher(Router& router) : router_(router) {}

    void Use(Middleware middleware) { middlewares_.push_back(std::move(middleware)); }
    void Observe(Observer observer) { observers_.push_back(std::move(observer)); }
    // Answers GET/HEAD outside /api/ that no route matched (the web app's files).
    void SetFallback(Handler handler) { fallback_ = std::move(handler); }
    void SetExceptionMapper(ExceptionMapper mapper) { exception_mapper_ = std::move(mapper); }

    Response Handle(Request& request) const;

private:
    Response Run(Context& ctx, size_t index, const Handler& handler) const;

    Router& router_;
    std::vector<Middleware> middlewares_;
    std::vector<Observer> observers_;
    Handler fallback_;
    ExceptionMapper exception_mapper_;
};

}  // namespace xieli::http
