#pragma once

#include "http/dispatcher.h"
#include "http/router.h"
#include "modules/auth/auth_service.h"

namespace xieli::auth {

inline constexpr const char* kSessionCookie = "xieli_session";

struct CookieOptions {
    bool secure = false;  // set behind HTTPS (--secure-cookies)
};

// POST /auth/register, /auth/login, /auth/logout and GET /me.
void RegisterAuthRoutes(http::Router& router, AuthService& auth, CookieOptions cookies);

// Resolves the session (Bearer token first, then the cookie) into ctx.caller and ctx.tenant_db,
// and applies the CSRF guard of API.md: a cookie-authenticated write must carry
// X-Requested-With: xieli. An unknown or expired token leaves the caller unset, so protected
// routes answer 401 and public ones (sign-in) still work.
http::Middleware MakeAuthMiddleware(AuthService& auth, store::Store& store);

}  // namespace xieli::auth
