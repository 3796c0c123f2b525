#include "modules/auth/session_store.h"

#include <algorithm>

#include "common/crypto.h"

namespace xieli::auth {

namespace {

// "tenant_id = ? AND live [AND user_id = ?]": the filter every listing and revocation shares. Optional
// conditions are added to the text rather than written as "? IS NULL OR …", which PostgreSQL cannot type.
std::string LiveFilter(
    int64_t tenant_id, std::optional<int64_t> user_id, const std::string& now, std::vector<store::Value>& params
) {
    std::string where = "tenant_id = ? AND revoked_at IS NULL AND expires_at > ?";
    params.emplace_back(tenant_id);
    params.emplace_back(now);
    if (user_id) {
        where += " AND user_id = ?";
        params.emplace_back(*user_id);
    }
    return where;
}

}  // namespace

NewSession SessionStore::Create(
    store::Connection& system_tx,
    int64_t tenant_id,
    int64_t user_id,
    const std::string& ip,
    const std::string& user_agent
) {
    TimePoint now = clock_.Now();
    NewSession s;
    s.token = crypto::RandomToken(32);
    s.expires_at = now + policy_.idle_timeout;
    std::string ts = FormatUtc(now);
    s.id = system_tx
               .Query(
                   "INSERT INTO sessions (token_hash, tenant_id, user_id, created_at, last_seen_at, expires_at, ip, "
                   "user_agent, admin_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {crypto::HashToken(s.token),
                    tenant_id,
                    user_id,
                    ts,
                    ts,
                    FormatUtc(s.expires_at),
                    ip,
                    user_agent.substr(0, 512),
                    ts}
               )
               .front()
               .Int(0);
    return s;
}

std::optional<SessionInfo> SessionStore::Resolve(const std::string& token) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    std::string hash = crypto::HashToken(token);
    store::Rows rows;
    {
        store::Reader r = db_.Read();
        rows = r->Query(
            "SELECT s.id, s.tenant_id, s.user_id, s.created_at, s.last_seen_at, s.expires_at FROM sessions s "
            "JOIN tenants t ON t.id = s.tenant_id WHERE s.token_hash = ? AND s.revoked_at IS NULL "
            "AND t.status = 'active'",
            {hash}
        );
    }
    if (rows.empty()) return std::nullopt;
    const store::Row& row = rows.front();
    TimePoint now = clock_.Now();
    auto created = ParseIsoTime(row.Text(3));
    auto last_seen = ParseIsoTime(row.Text(4));
    auto expires = ParseIsoTime(row.Text(5));
    if (!created || !last_seen || !expires || *expires <= now) return std::nullopt;

    SessionInfo info{row.Int(0), row.Int(1), row.Int(2), *expires};
    if (now - *last_seen >= policy_.touch_interval) {
        info.expires_at = std::min(now + policy_.idle_timeout, *created + policy_.absolute_lifetime);
        store::Transaction tx = db_.Write();
        tx->Execute(
            "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?",
            {FormatUtc(now), FormatUtc(info.expires_at), info.id}
        );
        tx.Commit();
    }
    return info;
}

void SessionStore::Revoke(int64_t session_id) {
    store::Transaction tx = db_.Write();
    tx->Execute(
        "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {FormatUtc(clock_.Now()), session_id}
    );
    tx.Commit();
}

void SessionStore::RevokeAllOf(int64_t tenant_id, int64_t user_id) {
    store::Transaction tx = db_.Write();
    tx->Execute(
        "UPDATE sessions SET revoked_at = ? WHERE tenant_id = ? AND user_id = ? AND revoked_at IS NULL",
        {FormatUtc(clock_.Now()), tenant_id, user_id}
    );
    tx.Commit();
}

void SessionStore::RevokeOthers(
    store::Connection& system_tx, int64_t tenant_id, int64_t user_id, int64_t keep_session_id
) {
    system_tx.Execute(
        "UPDATE sessions SET revoked_at = ? WHERE tenant_id = ? AND user_id = ? AND id <> ? AND revoked_at IS NULL",
        {FormatUtc(clock_.Now()), tenant_id, user_id, keep_session_id}
    );
}

bool SessionStore::RevokeIn(int64_t tenant_id, std::optional<int64_t> user_id, int64_t session_id) {
    std::string now = FormatUtc(clock_.Now());
    std::vector<store::Value> params{now};
    std::string sql = "UPDATE sessions SET revoked_at = ? WHERE " + LiveFilter(tenant_id, user_id, now, params);
    sql += " AND id = ?";
    params.emplace_back(session_id);
    store::Transaction tx = db_.Write();
    int64_t changed = tx->Execute(sql, params);
    tx.Commit();
    return changed > 0;
}

std::vector<SessionView> SessionStore::List(const SessionQuery& query) {
    std::vector<store::Value> params;
    std::string sql =
        "SELECT id, tenant_id, user_id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions WHERE " +
        LiveFilter(query.tenant_id, query.user_id, FormatUtc(clock_.Now()), params);
    if (query.before_id) {
        sql += " AND id < ?";
        params.emplace_back(*query.before_id);
    }
    sql += " ORDER BY id DESC";
    if (query.limit > 0) {
        sql += " LIMIT ?";
        params.emplace_back(query.limit);
    }
    std::vector<SessionView> out;
    store::Reader r = db_.Read();
    for (const store::Row& row : r->Query(sql, params)) {
        out.push_back(SessionView{
            row.Int(0),
            row.Int(1),
            row.Int(2),
            row.Text(3),
            row.Text(4),
            row.Text(5),
            row.IsNull(6) ? "" : row.Text(6),
            row.IsNull(7) ? "" : row.Text(7)});
    }
    return out;
}

int64_t SessionStore::CountLive(int64_t tenant_id, std::optional<int64_t> user_id) {
    std::vector<store::Value> params;
    std::string sql =
        "SELECT count(*) FROM sessions WHERE " + LiveFilter(tenant_id, user_id, FormatUtc(clock_.Now()), params);
    store::Reader r = db_.Read();
    return r->Query(sql, params).front().Int(0);
}

bool SessionStore::UseAdminWindow(int64_t session_id, std::chrono::seconds window) {
    std::optional<store::Value> seen;
    {
        store::Reader r = db_.Read();
        seen = r->QueryValue(
            "SELECT COALESCE(admin_seen_at, created_at) FROM sessions WHERE id = ? AND revoked_at IS NULL", {session_id}
        );
    }
    if (!seen) return false;
    std::optional<TimePoint> at = ParseIsoTime(seen->AsText());
    TimePoint now = clock_.Now();
    if (!at || now - *at > window) return false;
    if (now - *at >= policy_.touch_interval) {
        store::Transaction tx = db_.Write();
        tx->Execute("UPDATE sessions SET admin_seen_at = ? WHERE id = ?", {FormatUtc(now), session_id});
        tx.Commit();
    }
    return true;
}

void SessionStore::RenewAdminWindow(store::Connection& system_tx, int64_t session_id) {
    system_tx.Execute("UPDATE sessions SET admin_seen_at = ? WHERE id = ?", {FormatUtc(clock_.Now()), session_id});
}

}  // namespace xieli::auth
