#include "modules/auth/auth_module.h"

#include <fmt/format.h>

#include "common/error.h"
#include "modules/auth/admin_reauth.h"
#include "modules/auth/security_routes.h"

namespace xieli::auth {

namespace {

std::string SessionCookie(const std::string& token, TimePoint expires_at, TimePoint now, const CookieOptions& opts) {
    auto max_age = std::chrono::duration_cast<std::chrono::seconds>(expires_at - now).count();
    return fmt::format(
        "{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        kSessionCookie,
        token,
        max_age,
        opts.secure ? "; Secure" : ""
    );
}

// Handlers as plain functions with their dependencies bound, so each stays a few lines.
struct AuthHandlers {
    AuthService& auth;
    CookieOptions cookies;
    SystemClock clock;

    http::Response Register(http::Context& ctx) {
        SignedIn s = auth.Register(ctx.JsonBody(), ClientOf(ctx.request));
        http::Response r = http::Response::Created(s.body, "/api/v1/me");
        r.SetHeader("Set-Cookie", SessionCookie(s.token, s.expires_at, clock.Now(), cookies));
        return r;
    }
    http::Response Login(http::Context& ctx) {
        SignedIn s = auth.Login(ctx.JsonBody(), ClientOf(ctx.request));
        http::Response r = http::Response::Json(200, s.body);
        r.SetHeader("Set-Cookie", SessionCookie(s.token, s.expires_at, clock.Now(), cookies));
        return r;
    }
    http::Response Logout(http::Context& ctx) {
        auth.Logout(ctx.RequireCaller());
        http::Response r = http::Response::NoContent();
        r.SetHeader("Set-Cookie", ClearedSessionCookie(cookies));
        return r;
    }
    http::Response Me(http::Context& ctx) { return http::Response::Json(200, auth.Me(ctx.RequireCaller())); }
};

std::string BearerToken(const http::Request& req) {
    std::string_view h = req.Header("authorization");
    if (h.size() > 7 && (h.substr(0, 7) == "Bearer " || h.substr(0, 7) == "bearer ")) return std::string(h.substr(7));
    return {};
}

}  // namespace

ClientInfo ClientOf(const http::Request& req) {
    return ClientInfo{req.remote_ip, std::string(req.Header("user-agent"))};
}

std::string ClearedSessionCookie(const CookieOptions& cookies) {
    return fmt::format(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}", kSessionCookie, cookies.secure ? "; Secure" : ""
    );
}

void RegisterAuthRoutes(http::Router& router, AuthService& auth, CookieOptions cookies) {
    auto h = std::make_shared<AuthHandlers>(AuthHandlers{auth, cookies, {}});
    router.Add(
        {"POST",
         "/api/v1/auth/register",
         [h](http::Context& c) { return h->Register(c); },
         http::Access::kPublic,
         "Register an enterprise and its administrator",
         "auth"}
    );
    router.Add(
        {"POST",
         "/api/v1/auth/login",
         [h](http::Context& c) { return h->Login(c); },
         http::Access::kPublic,
         "Sign in by phone or e-mail",
         "auth"}
    );
    router.Add(
        {"POST",
         "/api/v1/auth/logout",
         [h](http::Context& c) { return h->Logout(c); },
         http::Access::kAuthenticated,
         "Sign out",
         "auth"}
    );
    router.Add(
        {"GET",
         "/api/v1/me",
         [h](http::Context& c) { return h->Me(c); },
         http::Access::kAuthenticated,
         "The signed-in user, enterprise, roles and effective permissions",
         "auth"}
    );
    RegisterSecurityRoutes(router, auth, cookies);
    InstallAdminReauth(&auth);
}

http::Middleware MakeAuthMiddleware(AuthService& auth, store::Store& store) {
    return [&auth, &store](http::Context& ctx, const http::Next& next) {
        std::string token = BearerToken(ctx.request);
        bool via_cookie = false;
        if (token.empty()) {
            token = ctx.request.Cookie(kSessionCookie);
            via_cookie = !token.empty();
        }
        if (!token.empty()) {
            if (std::optional<http::Caller> caller = auth.Authenticate(token)) {
                caller->via_cookie = via_cookie;
                ctx.caller = caller;
                ctx.tenant_db = &store.Tenant(caller->tenant_id);
            }
        }
        if (via_cookie && ctx.request.IsWrite() && ctx.request.Header("x-requested-with") != "xieli") {
            throw Error(
                ErrorCode::kCsrfFailed,
                {"请求缺少安全校验头，请刷新页面后重试",
                 "The request is missing its CSRF header; reload the page and try again"}
            );
        }
        return next(ctx);
    };
}

}  // namespace xieli::auth
