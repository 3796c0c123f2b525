#include "modules/auth/security_routes.h"

#include <fmt/format.h>

#include <charconv>
#include <memory>

#include "common/error.h"
#include "modules/org/admin_guard.h"

namespace xieli::auth {

namespace {

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 200;

[[noreturn]] void BadParameter(std::string_view name, std::string_view expected_zh, std::string_view expected_en) {
    ThrowBadRequest(
        {fmt::format("查询参数 {} 应为{}", name, expected_zh),
         fmt::format("Query parameter {} must be {}", name, expected_en)}
    );
}

std::optional<int64_t> ParsePositive(std::string_view s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

// A positive id, or nullopt when absent or empty; 400 otherwise.
std::optional<int64_t> QueryId(const http::Request& req, std::string_view name) {
    std::optional<std::string> v = req.Query(name);
    if (!v || v->empty()) return std::nullopt;
    std::optional<int64_t> id = ParsePositive(*v);
    if (!id) BadParameter(name, "正整数", "a positive integer");
    return id;
}

std::optional<bool> QueryBool(const http::Request& req, std::string_view name) {
    std::optional<std::string> v = req.Query(name);
    if (!v || v->empty()) return std::nullopt;
    if (*v == "true" || *v == "1") return true;
    if (*v == "false" || *v == "0") return false;
    BadParameter(name, " true 或 false", "true or false");
}

// `limit` (default 20, at most 200) and the opaque `cursor` of the previous page.
Page QueryPage(const http::Request& req) {
    Page page;
    if (std::optional<std::string> v = req.Query("limit"); v && !v->empty()) {
        std::optional<int64_t> limit = ParsePositive(*v);
        if (!limit) BadParameter("limit", " 1–200 的整数", "an integer from 1 to 200");
        page.limit = static_cast<int>(std::min<int64_t>(*limit, kMaxLimit));
    } else {
        page.limit = kDefaultLimit;
    }
    if (std::optional<std::string> v = req.Query("cursor"); v && !v->empty()) {
        page.cursor = ParsePositive(*v);
        if (!page.cursor) BadParameter("cursor", "上一页返回的 next_cursor", "the next_cursor of the previous page");
    }
    return page;
}

// A time bound: ISO-8601 ("2026-11-23T09:30:00+08:00", to the second) or a date ("2026-11-23", a day
// in China time). `end`: the bound is inclusive, so the exclusive limit after it is returned.
std::optional<TimePoint> QueryTime(const http::Request& req, std::string_view name, bool end) {
    std::optional<std::string> v = req.Query(name);
    if (!v || v->empty()) return std::nullopt;
    bool date_only = v->size() == 10 && (*v)[4] == '-' && (*v)[7] == '-';
    std::optional<TimePoint> t = ParseIsoTime(date_only ? *v + "T00:00:00+08:00" : *v);
    if (!t) BadParameter(name, "日期（2026-11-23）或 ISO-8601 时间", "a date (2026-11-23) or an ISO-8601 time");
    if (end) *t += date_only ? std::chrono::seconds(std::chrono::hours(24)) : std::chrono::seconds(1);
    return t;
}

struct SecurityHandlers {
    AuthService& auth;
    CookieOptions cookies;

    http::Response ChangePassword(http::Context& ctx) {
        auth.ChangePassword(ctx.RequireCaller(), ctx.JsonBody(), ClientOf(ctx.request));
        return http::Response::NoContent();
    }
    http::Response MySessions(http::Context& ctx) {
        return http::Response::Json(200, auth.security().MySessions(ctx.RequireCaller()));
    }
    http::Response RevokeMySession(http::Context& ctx) {
        bool current = auth.security().RevokeMySession(ctx.RequireCaller(), ctx.PathId("id"));
        return Revoked(current);
    }
    http::Response EnterpriseSessions(http::Context& ctx) {
        org::RequireAdmin(ctx, org::kAreaLogs);
        SessionFilter filter{QueryId(ctx.request, "user_id"), QueryPage(ctx.request)};
        return http::Response::Json(
            200, auth.security().EnterpriseSessions(ctx.RequireCaller(), ctx.TenantDb(), filter)
        );
    }
    http::Response RevokeEnterpriseSession(http::Context& ctx) {
        org::RequireAdmin(ctx, org::kAreaLogs);
        bool current = auth.security().RevokeEnterpriseSession(ctx.RequireCaller(), ctx.PathId("id"));
        return Revoked(current);
    }
    http::Response SigninLog(http::Context& ctx) {
        org::RequireAdmin(ctx, org::kAreaLogs);
        SigninLogFilter filter{
            QueryId(ctx.request, "user_id"),
            QueryBool(ctx.request, "success"),
            QueryTime(ctx.request, "from", false),
            QueryTime(ctx.request, "to", true),
            QueryPage(ctx.request),
        };
        return http::Response::Json(200, auth.security().SigninLog(ctx.RequireCaller(), ctx.TenantDb(), filter));
    }
    http::Response TotpSetup(http::Context& ctx) {
        return http::Response::Json(200, auth.TotpSetup(ctx.RequireCaller()));
    }
    http::Response TotpEnable(http::Context& ctx) {
        auth.TotpEnable(ctx.RequireCaller(), ctx.JsonBody());
        return http::Response::NoContent();
    }
    http::Response TotpDisable(http::Context& ctx) {
        auth.TotpDisable(ctx.RequireCaller(), ctx.JsonBody(), ClientOf(ctx.request));
        return http::Response::NoContent();
    }
    http::Response Reauth(http::Context& ctx) {
        auth.Reauth(ctx.RequireCaller(), ctx.JsonBody(), ClientOf(ctx.request));
        return http::Response::NoContent();
    }

    // 204; ending the session making the request also removes its cookie.
    http::Response Revoked(bool current) const {
        http::Response r = http::Response::NoContent();
        if (current) r.SetHeader("Set-Cookie", ClearedSessionCookie(cookies));
        return r;
    }
};

}  // namespace

void RegisterSecurityRoutes(http::Router& router, AuthService& auth, CookieOptions cookies) {
    auto h = std::make_shared<SecurityHandlers>(SecurityHandlers{auth, cookies});
    auto add = [&router, &h](
                   const char* method,
                   const char* pattern,
                   http::Response (SecurityHandlers::*handler)(http::Context&),
                   const char* summary
               ) {
        router.Add(
            {method,
             pattern,
             [h, handler](http::Context& c) { return ((*h).*handler)(c); },
             http::Access::kAuthenticated,
             summary,
             "auth"}
        );
    };
    add("POST",
        "/api/v1/auth/change-password",
        &SecurityHandlers::ChangePassword,
        "Change my password; my other sessions end");
    add("GET", "/api/v1/auth/sessions", &SecurityHandlers::MySessions, "My active sessions");
    add("DELETE", "/api/v1/auth/sessions/{id}", &SecurityHandlers::RevokeMySession, "End one of my sessions");
    add("POST",
        "/api/v1/auth/totp/setup",
        &SecurityHandlers::TotpSetup,
        "Start two-factor sign-in: a new TOTP secret and its otpauth URL");
    add("POST",
        "/api/v1/auth/totp/enable",
        &SecurityHandlers::TotpEnable,
        "Turn two-factor sign-in on with a code from the app");
    add("POST",
        "/api/v1/auth/totp/disable",
        &SecurityHandlers::TotpDisable,
        "Turn two-factor sign-in off (needs the password)");
    add("POST", "/api/v1/auth/reauth", &SecurityHandlers::Reauth, "Confirm my password to keep using the admin console"
    );
    add("GET",
        "/api/v1/security/sessions",
        &SecurityHandlers::EnterpriseSessions,
        "Active sessions of the enterprise (admin: logs)");
    add("DELETE",
        "/api/v1/security/sessions/{id}",
        &SecurityHandlers::RevokeEnterpriseSession,
        "End a session of the enterprise (admin: logs)");
    add("GET",
        "/api/v1/security/signin-log",
        &SecurityHandlers::SigninLog,
        "The enterprise's sign-in log, newest first (admin: logs)");
}

}  // namespace xieli::auth
