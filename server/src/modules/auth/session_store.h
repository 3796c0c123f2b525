#pragma once

// Sessions in system.db. The token is shown to the client once and stored only as a hash, so a
// leaked database cannot be replayed. Sessions slide: each use pushes the idle expiry forward,
// never past the absolute lifetime.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace xieli::auth {

struct SessionPolicy {
    std::chrono::seconds idle_timeout = std::chrono::hours(24 * 7);
    std::chrono::seconds absolute_lifetime = std::chrono::hours(24 * 30);
    // last_seen_at is written at most this often, so reads don't turn into writes.
    std::chrono::seconds touch_interval = std::chrono::seconds(60);
};

struct SessionInfo {
    int64_t id = 0;
    int64_t tenant_id = 0;
    int64_t user_id = 0;
    TimePoint expires_at;
};

// A session as the security pages show it (times as stored: ISO-8601 UTC).
struct SessionView {
    int64_t id = 0;
    int64_t tenant_id = 0;
    int64_t user_id = 0;
    std::string created_at;
    std::string last_seen_at;
    std::string expires_at;
    std::string ip;
    std::string user_agent;
};

// Which live sessions to list: one enterprise's, optionally one user's, newest first, `limit` of them
// (0: all) with an id below `before_id` when paging.
struct SessionQuery {
    int64_t tenant_id = 0;
    std::optional<int64_t> user_id;
    std::optional<int64_t> before_id;
    int limit = 0;
};

struct NewSession {
    int64_t id = 0;
    std::string token;
    TimePoint expires_at;
};

class SessionStore {
public:
    SessionStore(store::Database& system_db, const Clock& clock, SessionPolicy policy)
        : db_(system_db), clock_(clock), policy_(policy) {}

    NewSession Create(
        store::Connection& system_tx,
        int64_t tenant_id,
        int64_t user_id,
        const std::string& ip,
        const std::string& user_agent
    );
    // The live session for a token (sliding its expiry), or nullopt when unknown, revoked or expired.
    std::optional<SessionInfo> Resolve(const std::string& token);
    void Revoke(int64_t session_id);
    // Ends every session of a user (disabled, password changed).
    void RevokeAllOf(int64_t tenant_id, int64_t user_id);
    // Ends every session of a user except `keep_session_id`, inside the caller's transaction.
    void RevokeOthers(store::Connection& system_tx, int64_t tenant_id, int64_t user_id, int64_t keep_session_id);
    // Ends one live session of the enterprise (and of that user, when given); false when there is none.
    bool RevokeIn(int64_t tenant_id, std::optional<int64_t> user_id, int64_t session_id);

    // Live sessions: not revoked, not expired.
    std::vector<SessionView> List(const SessionQuery& query);
    int64_t CountLive(int64_t tenant_id, std::optional<int64_t> user_id);

    // The admin console's re-authentication window (admin_reauth.h). True when the session signed in,
    // re-authenticated or used the console within `window`; then the window slides from now (written at
    // most once per touch_interval). False when the session is unknown or idle for longer.
    bool UseAdminWindow(int64_t session_id, std::chrono::seconds window);
    // The session proved its password again: the window restarts now, inside the caller's transaction.
    void RenewAdminWindow(store::Connection& system_tx, int64_t session_id);

    const SessionPolicy& policy() const { return policy_; }

private:
    store::Database& db_;
    const Clock& clock_;
    SessionPolicy policy_;
};

}  // namespace xieli::auth
