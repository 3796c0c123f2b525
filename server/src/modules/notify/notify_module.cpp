#include "modules/notify/notify_module.h"

#include <spdlog/spdlog.h>

#include <cctype>

#include "common/error.h"
#include "modules/notify/notifications.h"
#include "modules/notify/notify.h"
#include "modules/notify/preferences.h"
#include "modules/notify/smtp.h"
#include "modules/org/admin_guard.h"

namespace xieli::notify {

namespace {

int LimitParam(const http::Request& req) {
    std::optional<std::string> v = req.Query("limit");
    if (!v) return 20;
    int limit = 0;
    try {
        size_t used = 0;
        limit = std::stoi(*v, &used);
        if (used != v->size()) limit = 0;
    } catch (const std::exception&) {
        limit = 0;
    }
    if (limit < 1 || limit > 200)
        ThrowValidation({{"limit", "invalid", {"每页条数应为 1–200", "limit must be 1–200"}}});
    return limit;
}

std::optional<int64_t> CursorParam(const http::Request& req) {
    std::optional<std::string> v = req.Query("cursor");
    if (!v || v->empty()) return std::nullopt;
    try {
        size_t used = 0;
        int64_t id = std::stoll(*v, &used);
        if (used == v->size() && id > 0) return id;
    } catch (const std::exception&) {
    }
    ThrowValidation({{"cursor", "invalid", {"分页游标不正确", "cursor is not valid"}}});
}

// Mails a notification to its user (the "notify.email" one-shot job; the scheduler retries failures).
// Its result says whether a mail went out: {"mailed": 1}, or {"mailed": 0} with no server or address.
jobs::JobResult SendNotificationEmail(jobs::TenantContext& t, TimePoint now, std::chrono::seconds timeout) {
    const json::object& p = t.params;
    int64_t user_id = GetInt(p, "user_id").value_or(0);
    std::optional<SmtpSettings> settings;
    std::string address, locale;
    {
        store::Reader r = t.db.Read();
        settings = LoadSmtpSettings(*r);
        store::Rows rows = r->Query("SELECT email, locale FROM users WHERE id = ? AND status = 'active'", {user_id});
        if (!rows.empty()) {
            address = rows.front().IsNull(0) ? "" : rows.front().Text(0);
            locale = rows.front().IsNull(1) ? "" : rows.front().Text(1);
        }
    }
    // Nothing to retry: no server configured, or no one to mail.
    if (!settings || !IsEmailAddress(address)) return jobs::JobResult{{"mailed", 0}};
    bool en = locale.starts_with("en");
    MailMessage message{
        address,
        GetString(p, en ? "title_en" : "title_zh").value_or(""),
        GetString(p, en ? "body_en" : "body_zh").value_or(""),
    };
    std::optional<int64_t> notification_id = GetInt(p, "notification_id");
    std::string kind = GetString(p, "kind").value_or("");
    std::string error;
    try {
        SendMail(*settings, message, timeout);
    } catch (const std::exception& e) {
        error = e.what();
    }
    store::Transaction tx = t.db.Write();
    LogEmail(*tx, message, kind, notification_id, error, t.attempt, now);
    tx.Commit();
    if (!error.empty()) throw std::runtime_error(error);
    return jobs::JobResult{{"mailed", 1}};
}

struct NotifyHandlers {
    NotifyModule& m;

    std::string Now() const { return FormatUtc(m.clock().Now()); }

    http::Response List(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        std::optional<std::string> unread = c.request.Query("unread");
        if (unread && *unread != "true" && *unread != "false" && *unread != "1" && *unread != "0") {
            ThrowValidation({{"unread", "invalid", {"应为 true 或 false", "must be true or false"}}});
        }
        bool unread_only = unread && (*unread == "true" || *unread == "1");
        int limit = LimitParam(c.request);
        std::optional<int64_t> cursor = CursorParam(c.request);
        store::Reader r = c.TenantDb().Read();
        return http::Response::Json(200, ListNotifications(*r, caller.user_id, unread_only, limit, cursor, c.lang));
    }
    http::Response Unread(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        store::Reader r = c.TenantDb().Read();
        return http::Response::Json(200, json::object{{"count", UnreadCount(*r, caller.user_id)}});
    }
    http::Response Read(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        int64_t id = c.PathId("id");
        store::Transaction tx = c.TenantDb().Write();
        std::optional<json::object> n = MarkRead(*tx, caller.user_id, id, Now(), c.lang);
        if (!n) throw Error(ErrorCode::kNotFound, {"通知不存在", "Notification not found"});
        tx.Commit();
        return http::Response::Json(200, *n);
    }
    http::Response ReadAll(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        store::Transaction tx = c.TenantDb().Write();
        int64_t n = MarkAllRead(*tx, caller.user_id, Now());
        tx.Commit();
        return http::Response::Json(200, json::object{{"updated", n}});
    }
    http::Response GetPreferences(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        store::Reader r = c.TenantDb().Read();
        return http::Response::Json(200, PreferencesJson(*r, caller.user_id, c.lang));
    }
    http::Response PutPreferences(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        json::object body = c.JsonBody();
        store::Transaction tx = c.TenantDb().Write();
        SavePreferences(*tx, caller.user_id, body);
        json::object out = PreferencesJson(*tx, caller.user_id, c.lang);
        tx.Commit();
        return http::Response::Json(200, out);
    }

    http::Response GetSmtp(http::Context& c) {
        org::RequireAdmin(c, org::kAreaSystem);
        store::Reader r = c.TenantDb().Read();
        return http::Response::Json(200, SmtpSettingsJson(LoadSmtpSettings(*r)));
    }
    http::Response PutSmtp(http::Context& c) {
        org::RequireAdmin(c, org::kAreaSystem);
        json::object body = c.JsonBody();
        store::Transaction tx = c.TenantDb().Write();
        SaveSmtpSettings(*tx, body, c.RequireCaller().user_id, m.clock().Now());
        json::object out = SmtpSettingsJson(LoadSmtpSettings(*tx));
        tx.Commit();
        return http::Response::Json(200, out);
    }
    http::Response TestSmtp(http::Context& c) {
        org::RequireAdmin(c, org::kAreaSystem);
        json::object body = c.JsonBody();
        std::optional<std::string> to;
        try {
            to = GetString(body, "to");
        } catch (const Error&) {
        }
        if (!to || !IsEmailAddress(*to)) {
            ThrowValidation({{"to", "invalid", {"请填写正确的收件地址", "to must be an e-mail address"}}});
        }
        std::optional<SmtpSettings> settings;
        {
            store::Reader r = c.TenantDb().Read();
            settings = LoadSmtpSettings(*r);
        }
        if (!settings) {
            throw Error(ErrorCode::kConflict, {"尚未配置邮件服务器", "No SMTP server is configured"});
        }
        MailMessage message{
            *to,
            "协力 CRM 测试邮件 / Xieli CRM test e-mail",
            "这是一封测试邮件：邮件服务器配置可用。\nThis is a test e-mail: the SMTP settings work.\n"};
        std::string error;
        try {
            SendMail(*settings, message, m.options().smtp_timeout);
        } catch (const std::exception& e) {
            error = e.what();
        }
        store::Transaction tx = c.TenantDb().Write();
        LogEmail(*tx, message, "smtp.test", std::nullopt, error, 1, m.clock().Now());
        tx.Commit();
        // The remote server's refusal is not the caller's mistake: 200 with the outcome.
        json::object out{{"sent", error.empty()}};
        if (!error.empty()) out["error"] = error;
        return http::Response::Json(200, out);
    }
    http::Response SmtpLog(http::Context& c) {
        org::RequireAdmin(c, org::kAreaSystem);
        int limit = LimitParam(c.request);
        std::optional<int64_t> cursor = CursorParam(c.request);
        store::Reader r = c.TenantDb().Read();
        return http::Response::Json(200, EmailLogJson(*r, limit, cursor));
    }

    // GET /api/v1/ws: authenticated by the middleware like any request; answers 101 with a hub
    // ticket that the transport redeems to complete the upgrade.
    http::Response Socket(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        std::string upgrade(c.request.Header("upgrade"));
        for (char& ch : upgrade) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (upgrade != "websocket") {
            throw Error(
                ErrorCode::kBadRequest, {"此地址只接受 WebSocket 连接", "This endpoint only accepts WebSocket upgrades"}
            );
        }
        // A cookie travels with a page from any site: a browser socket must come from our own origin.
        std::string_view origin = c.request.Header("origin");
        if (caller.via_cookie && !origin.empty()) {
            std::string_view host = c.request.Header("host");
            std::string_view without_scheme =
                origin.substr(origin.find("://") == std::string_view::npos ? 0 : origin.find("://") + 3);
            if (without_scheme != host) {
                throw Error(ErrorCode::kForbidden, {"来源不被允许", "Cross-origin WebSocket refused"});
            }
        }
        http::Response r;
        r.status = 101;
        r.SetHeader(http::kWebSocketTicketHeader, m.hub().IssueTicket(caller));
        return r;
    }
};

}  // namespace

NotifyModule::NotifyModule(
    store::Store& store,
    records::RecordsModule& records,
    jobs::Scheduler& scheduler,
    std::shared_ptr<http::Hub> hub,
    const Clock& clock,
    NotifyOptions options
)
    : store_(store), records_(records), hub_(std::move(hub)), clock_(clock), options_(options) {
    RegisterKind("record.assigned", {"记录分配给我", "A record is assigned to me"}, true);
    std::chrono::seconds timeout = options_.smtp_timeout;
    scheduler.RegisterOnce(kEmailJobKind, [timeout](jobs::TenantContext& t, TimePoint now) {
        return SendNotificationEmail(t, now, timeout);
    });
}

NotifyModule::~NotifyModule() {
    Stop();
}

void NotifyModule::Start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void NotifyModule::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RegisterNotifyModule(http::Router& router, NotifyModule& module, jobs::Scheduler&) {
    auto h = std::make_shared<NotifyHandlers>(NotifyHandlers{module});
    auto add = [&](const char* method,
                   const char* pattern,
                   http::Response (NotifyHandlers::*fn)(http::Context&),
                   const char* summary,
                   const char* tag) {
        router.Add(http::Route{
            method,
            pattern,
            [h, fn](http::Context& c) { return ((*h).*fn)(c); },
            http::Access::kAuthenticated,
            summary,
            tag});
    };
    add("GET",
        "/api/v1/notifications",
        &NotifyHandlers::List,
        "My notifications (cursor paging, ?unread=true)",
        "notifications");
    add("GET",
        "/api/v1/notifications/unread-count",
        &NotifyHandlers::Unread,
        "How many of my notifications are unread",
        "notifications");
    add("POST", "/api/v1/notifications/{id}/read", &NotifyHandlers::Read, "Mark one notification read", "notifications"
    );
    add("POST",
        "/api/v1/notifications/read-all",
        &NotifyHandlers::ReadAll,
        "Mark all my notifications read",
        "notifications");
    add("GET",
        "/api/v1/notifications/preferences",
        &NotifyHandlers::GetPreferences,
        "My notification preferences per kind",
        "notifications");
    add("PUT",
        "/api/v1/notifications/preferences",
        &NotifyHandlers::PutPreferences,
        "Change my notification preferences",
        "notifications");
    add("GET", "/api/v1/settings/smtp", &NotifyHandlers::GetSmtp, "The enterprise's SMTP settings (admin)", "settings");
    add("PUT", "/api/v1/settings/smtp", &NotifyHandlers::PutSmtp, "Change the SMTP settings (admin)", "settings");
    add("POST", "/api/v1/settings/smtp/test", &NotifyHandlers::TestSmtp, "Send a test e-mail (admin)", "settings");
    add("GET", "/api/v1/settings/smtp/log", &NotifyHandlers::SmtpLog, "The e-mail send log (admin)", "settings");
    add("GET", "/api/v1/ws", &NotifyHandlers::Socket, "Realtime WebSocket (notifications, record changes)", "realtime");
}

}  // namespace xieli::notify
