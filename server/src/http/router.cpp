#include "http/router.h"

#include <stdexcept>

namespace xieli::http {

struct Router::Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literal;
    std::unique_ptr<Node> param;
    std::string param_name;
    std::map<std::string, const Route*> by_method;
};

namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (pos < path.size()) {
        if (path[pos] == '/') {
            ++pos;
            continue;
        }
        size_t next = path.find('/', pos);
        if (next == std::string_view::npos) next = path.size();
        out.push_back(path.substr(pos, next - pos));
        pos = next;
    }
    return out;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::Add(std::string method, std::string pattern, Handler handler, Access access) {
    Add(Route{std::move(method), std::move(pattern), std::move(handler), access, {}, {}});
}

void Router::Add(Route route) {
    if (route.pattern.empty() || route.pattern.front() != '/') throw std::logic_error("bad pattern " + route.pattern);
    Node* node = root_.get();
    for (std::string_view seg : SplitPath(route.pattern)) {
        if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
            std::string name(seg.substr(1, seg.size() - 2));
            if (!node->param) {
                node->param = std::make_unique<Node>();
                node->param_name = name;
            } else if (node->param_name != name) {
                throw std::logic_error("conflicting parameter names at " + route.pattern);
            }
            node = node->param.get();
        } else {
            auto& child = node->literal[std::string(seg)];
            if (!child) child = std::make_unique<Node>();
            node = child.get();
        }
    }
    if (node->by_method.count(route.method))
        throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
    routes_.push_back(std::make_unique<Route>(std::move(route)));
    node->by_method[routes_.back()->method] = routes_.back().get();
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
    RouteMatch result;
    std::vector<std::string_view> segs = SplitPath(path);

    // Depth-first with backtracking: try the literal child first, then the parameter.
    std::vector<std::pair<std::string, std::string>> bound;
    std::function<const Node*(const Node*, size_t)> walk = [&](const Node* node, size_t depth) -> const Node* {
        if (depth == segs.size()) return node->by_method.empty() ? nullptr : node;
        if (auto it = node->literal.find(segs[depth]); it != node->literal.end()) {
            if (const Node* found = walk(it->second.get(), depth + 1)) return found;
        }
        if (node->param && !segs[depth].empty()) {
            bound.emplace_back(node->param_name, PercentDecode(segs[depth], false));
            if (const Node* found = walk(node->param.get(), depth + 1)) return found;
            bound.pop_back();
        }
        return nullptr;
    };
    const Node* node = walk(root_.get(), 0);
    if (!node) return result;

    auto it = node->by_method.find(std::string(method));
    if (it == node->by_method.end() && method == "HEAD") it = node->by_method.find("GET");
    if (it == node->by_method.end()) {
        result.kind = RouteMatch::Kind::kMethodNotAllowed;
        for (const auto& [m, r] : node->by_method) result.allowed.push_back(m);
        return result;
    }
    result.kind = RouteMatch::Kind::kFound;
    result.route = it->second;
    for (auto& [k, v] : bound) result.params.emplace(std::move(k), std::move(v));
    return result;
}

}  // namespace xieli::http
