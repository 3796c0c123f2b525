#pragma once

#include "http/router.h"
#include "modules/auth/auth_service.h"
#include "store/store.h"

namespace xieli::org {

// The organization API of docs/api/org.md: departments, users (with import), invitations and join
// requests, roles. Writes go through RequireAdmin (admin_guard.h).
void RegisterOrgRoutes(http::Router& router, auth::AuthService& auth, store::Store& store);

}  // namespace xieli::org
