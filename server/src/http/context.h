#pragma once

// What a handler gets: the request, the caller (after authentication), the caller's enterprise
// database, and the language to answer in.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/json.h"
#include "common/text.h"
#include "http/request.h"

namespace xieli::store {
class Database;
}

namespace xieli::http {

// The signed-in caller, set by the authentication middleware.
struct Caller {
    int64_t tenant_id = 0;
    int64_t user_id = 0;
    int64_t session_id = 0;
    bool via_cookie = false;  // cookie sessions must pass the CSRF guard on writes
};

struct Context {
    Request& request;
    Lang lang = Lang::kZh;
    std::string route;  // the matched pattern, for metrics and logs
    std::map<std::string, std::string, std::less<>> path_params;
    std::optional<Caller> caller;
    store::Database* tenant_db = nullptr;  // the caller's enterprise only; set by the tenant middleware

    // The body as a JSON object: 415 unless Content-Type is JSON, 400 when malformed.
    json::object JsonBody() const;
    const std::string& PathParam(std::string_view name) const;
    // A path parameter that must be a positive integer id; 404 otherwise (an id that cannot exist).
    int64_t PathId(std::string_view name) const;
    // The signed-in caller; 401 if there is none (for routes registered as public that need one).
    const Caller& RequireCaller() const;
    store::Database& TenantDb() const;
};

}  // namespace xieli::http
