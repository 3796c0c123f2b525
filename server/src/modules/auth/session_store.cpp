#include "modules/auth/session_store.h"

#include <algorithm>

#include "common/crypto.h"

namespace xieli::auth {

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
                   "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {crypto::HashToken(s.token),
                    tenant_id,
                    user_id,
                    ts,
                    ts,
                    FormatUtc(s.expires_at),
                    ip,
                    user_agent.substr(0, 512)}
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

}  // namespace xieli::auth
