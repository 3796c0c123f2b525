#pragma once

#include <cstdint>

#include "store/database.h"

namespace xieli::org {

// Who is acting, in which enterprise, with that enterprise's database (the one the auth middleware
// put into the request context). Services take this instead of an http::Context, so unit tests
// call them without HTTP.
struct Actor {
    int64_t tenant_id = 0;
    int64_t user_id = 0;
    store::Database* db = nullptr;

    store::Database& Db() const { return *db; }
};

}  // namespace xieli::org
