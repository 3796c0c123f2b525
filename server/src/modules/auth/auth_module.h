#pragma once

#include <string>

#include "http/dispatcher.h"
#include "http/router.h"
#include "modules/auth/auth_service.h"

namespace xieli::auth {

inline constexpr const char* kSessionCookie = "xieli_session";

struct CookieOptions {
    bool secure = false;  // set behind HTTPS (--secure-cookies)
};

// POST /auth/register, /auth/login, /auth/logout and GET /me, and the security routes
// (security_routes.h); installs `auth` for RequireFreshAdminSession (admin_reauth.h).
void RegisterAuthRoutes(http::Router& router, AuthService& auth, CookieOptions cookies);

// The client's address and user agent, as sessions and the sign-in log record them.
ClientInfo ClientOf(const http::Request& req);
// The Set-Cookie value that removes the session cookie.
std::string ClearedSessionCookie(const CookieOptions& cookies);

// Resolves the session (Bearer token first, then the cookie) into ctx.caller and ctx.tenant_db,
// and applies the CSRF guard of API.md: a cookie-authenticated write must carry
// X-Requested-With: xieli. An unknown or expired token leaves the caller unset, so protected
// routes answer 401 and public ones (sign-in) still work.
http::Middleware MakeAuthMiddleware(AuthService& auth, store::Store& store);

}  // namespace xieli::auth
