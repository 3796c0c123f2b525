#pragma once

#include "http/router.h"
#include "modules/auth/auth_module.h"
#include "modules/auth/auth_service.h"

namespace xieli::auth {

// docs/api/org.md "Security": change password, my sessions, TOTP, re-authentication, and the admin
// views of the enterprise's sessions and sign-in log (admin area `logs`).
void RegisterSecurityRoutes(http::Router& router, AuthService& auth, CookieOptions cookies);

}  // namespace xieli::auth
