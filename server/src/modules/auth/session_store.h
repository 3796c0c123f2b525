#pragma once

// Sessions in system.db. The token is shown to the client once and stored only as a hash, so a
// leaked database cannot be replayed. Sessions slide: each use pushes the idle expiry forward,
// never past the absolute lifetime.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

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

    const SessionPolicy& policy() const { return policy_; }

  private:
    store::Database& db_;
    const Clock& clock_;
    SessionPolicy policy_;
};

}  // namespace xieli::auth
