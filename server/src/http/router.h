#pragma once

// Routes are patterns of segments, literal or {param}: /api/v1/objects/{object}/records/{id}.
// Matching walks a segment tree, so lookup cost does not grow with the number of routes.
// A literal segment wins over a parameter at the same depth.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/context.h"
#include "http/response.h"

namespace xieli::http {

using Handler = std::function<Response(Context&)>;

// Who may call a route. Everything is kAuthenticated unless registered otherwise.
enum class Access { kPublic, kAuthenticated };

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    Access access = Access::kAuthenticated;
    std::string summary;  // one line for the OpenAPI document
    std::string tag;      // the module, for grouping in the OpenAPI document
};

struct RouteMatch {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
    const Route* route = nullptr;
    std::map<std::string, std::string, std::less<>> params;
    std::vector<std::string> allowed;  // for kMethodNotAllowed: the methods the path has
};

class Router {
public:
    Router();
    ~Router();

    // Throws std::logic_error on a duplicate method+pattern or a malformed pattern (a programming error).
    void Add(Route route);
    void Add(std::string method, std::string pattern, Handler handler, Access access = Access::kAuthenticated);

    RouteMatch Match(std::string_view method, std::string_view path) const;
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

private:
    struct Node;
    std::unique_ptr<Node> root_;
    std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace xieli::http
