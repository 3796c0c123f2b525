#include "modules/auth/security_service.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"

namespace xieli::auth {

namespace {

// Names of the enterprise's users by id, for the admin views (system.db only knows ids).
std::map<int64_t, std::string> UserNames(store::Database& tenant_db, const std::set<int64_t>& ids) {
    std::map<int64_t, std::string> names;
    if (ids.empty()) return names;
    std::string sql = "SELECT id, name FROM users WHERE id IN (";
    std::vector<store::Value> params;
    for (int64_t id : ids) {
        sql += params.empty() ? "?" : ", ?";
        params.emplace_back(id);
    }
    sql += ")";
    store::Reader r = tenant_db.Read();
    for (const store::Row& row : r->Query(sql, params)) names[row.Int(0)] = row.Text(1);
    return names;
}

json::object SessionJson(const SessionView& s, const http::Caller& caller) {
    return json::object{
        {"id", s.id},
        {"created_at", s.created_at},
        {"last_seen_at", s.last_seen_at},
        {"expires_at", s.expires_at},
        {"ip", s.ip},
        {"user_agent", s.user_agent},
        {"current", s.id == caller.session_id},
    };
}

json::value NameOrNull(const std::map<int64_t, std::string>& names, int64_t id) {
    auto it = names.find(id);
    return it == names.end() ? json::value(nullptr) : json::value(it->second);
}

// The next page's cursor when a page came back full: the last id shown.
json::value NextCursor(size_t fetched, int limit, int64_t last_id) {
    if (fetched <= static_cast<size_t>(limit)) return nullptr;
    return json::value(std::to_string(last_id));
}

}  // namespace

json::object SecurityService::MySessions(const http::Caller& caller) {
    json::array records;
    for (const SessionView& s : sessions_.List({caller.tenant_id, caller.user_id, std::nullopt, 0}))
        records.push_back(SessionJson(s, caller));
    return json::object{{"records", std::move(records)}};
}

bool SecurityService::RevokeMySession(const http::Caller& caller, int64_t session_id) {
    if (!sessions_.RevokeIn(caller.tenant_id, caller.user_id, session_id)) ThrowNotFound();
    return session_id == caller.session_id;
}

json::object SecurityService::EnterpriseSessions(
    const http::Caller& caller, store::Database& tenant_db, const SessionFilter& f
) {
    // One more than the page, to know whether another page follows.
    std::vector<SessionView> found = sessions_.List({caller.tenant_id, f.user_id, f.page.cursor, f.page.limit + 1});
    size_t fetched = found.size();
    if (found.size() > static_cast<size_t>(f.page.limit)) found.resize(f.page.limit);
    std::set<int64_t> ids;
    for (const SessionView& s : found) ids.insert(s.user_id);
    std::map<int64_t, std::string> names = UserNames(tenant_db, ids);
    json::array records;
    for (const SessionView& s : found) {
        json::object o = SessionJson(s, caller);
        o["user_id"] = s.user_id;
        o["user_name"] = NameOrNull(names, s.user_id);
        records.push_back(std::move(o));
    }
    return json::object{
        {"records", std::move(records)},
        {"total", sessions_.CountLive(caller.tenant_id, f.user_id)},
        {"next_cursor", NextCursor(fetched, f.page.limit, found.empty() ? 0 : found.back().id)},
    };
}

bool SecurityService::RevokeEnterpriseSession(const http::Caller& caller, int64_t session_id) {
    if (!sessions_.RevokeIn(caller.tenant_id, std::nullopt, session_id)) ThrowNotFound();
    return session_id == caller.session_id;
}

json::object SecurityService::SigninLog(
    const http::Caller& caller, store::Database& tenant_db, const SigninLogFilter& f
) {
    // The filter, shared by the page and the total; optional conditions are added to the text.
    std::string where = " WHERE tenant_id = ?";
    std::vector<store::Value> params{caller.tenant_id};
    if (f.user_id) {
        where += " AND user_id = ?";
        params.emplace_back(*f.user_id);
    }
    if (f.success) {
        where += " AND success = ?";
        params.emplace_back(*f.success);
    }
    if (f.from) {
        where += " AND at >= ?";
        params.emplace_back(FormatUtc(*f.from));
    }
    if (f.until) {
        where += " AND at < ?";
        params.emplace_back(FormatUtc(*f.until));
    }
    store::Reader r = db_.Read();
    int64_t total = r->Query("SELECT count(*) FROM signin_log" + where, params).front().Int(0);

    std::string sql = "SELECT id, at, login, user_id, ip, user_agent, success, reason FROM signin_log" + where;
    if (f.page.cursor) {
        sql += " AND id < ?";
        params.emplace_back(*f.page.cursor);
    }
    sql += " ORDER BY id DESC LIMIT ?";
    params.emplace_back(f.page.limit + 1);
    store::Rows rows = r->Query(sql, params);

    size_t shown = std::min(rows.size(), static_cast<size_t>(f.page.limit));
    std::set<int64_t> ids;
    for (size_t i = 0; i < shown; ++i) {
        if (!rows[i].IsNull(3)) ids.insert(rows[i].Int(3));
    }
    std::map<int64_t, std::string> names = UserNames(tenant_db, ids);
    json::array records;
    for (size_t i = 0; i < shown; ++i) {
        const store::Row& row = rows[i];
        auto text = [&row](size_t c) { return row.IsNull(c) ? json::value(nullptr) : json::value(row.Text(c)); };
        json::value user_id = row.IsNull(3) ? json::value(nullptr) : json::value(row.Int(3));
        records.push_back(json::object{
            {"id", row.Int(0)},
            {"at", row.Text(1)},
            {"login", text(2)},
            {"user_id", user_id},
            {"user_name", row.IsNull(3) ? json::value(nullptr) : NameOrNull(names, row.Int(3))},
            {"ip", text(4)},
            {"user_agent", text(5)},
            {"success", row[6].AsBool()},
            {"reason", text(7)},
        });
    }
    return json::object{
        {"records", std::move(records)},
        {"total", total},
        {"next_cursor", NextCursor(rows.size(), f.page.limit, shown == 0 ? 0 : rows[shown - 1].Int(0))},
    };
}

}  // namespace xieli::auth
