#pragma once

// The security pages (docs/api/org.md "Security"): a user's own sessions, and the enterprise-wide
// sessions and sign-in log an administrator of area `logs` sees. Reads of system.db filtered to the
// caller's enterprise; user names come from the caller's enterprise database.

#include <cstdint>
#include <optional>

#include "common/clock.h"
#include "common/json.h"
#include "http/context.h"
#include "modules/auth/session_store.h"
#include "store/database.h"

namespace xieli::auth {

// Paging as in API.md: newest first, `limit` per page, `cursor` from the previous page's next_cursor.
struct Page {
    int limit = 20;
    std::optional<int64_t> cursor;  // only ids below this one
};

struct SessionFilter {
    std::optional<int64_t> user_id;
    Page page;
};

struct SigninLogFilter {
    std::optional<int64_t> user_id;
    std::optional<bool> success;
    std::optional<TimePoint> from;   // at >= from
    std::optional<TimePoint> until;  // at < until
    Page page;
};

class SecurityService {
public:
    SecurityService(store::Database& system_db, SessionStore& sessions) : db_(system_db), sessions_(sessions) {}

    // {"records": [{"id","created_at","last_seen_at","expires_at","ip","user_agent","current"}]}
    json::object MySessions(const http::Caller& caller);
    // Ends one of the caller's sessions; 404 when it is not theirs or already over. True when it was
    // the session making the request.
    bool RevokeMySession(const http::Caller& caller, int64_t session_id);

    // {"records": [{…, "user_id","user_name"}], "total", "next_cursor"}
    json::object EnterpriseSessions(const http::Caller& caller, store::Database& tenant_db, const SessionFilter& f);
    // Ends a session of the caller's enterprise; 404 for any other.
    bool RevokeEnterpriseSession(const http::Caller& caller, int64_t session_id);

    // {"records": [{"id","at","login","user_id","user_name","ip","user_agent","success","reason"}],
    //  "total", "next_cursor"}
    json::object SigninLog(const http::Caller& caller, store::Database& tenant_db, const SigninLogFilter& f);

private:
    store::Database& db_;
    SessionStore& sessions_;
};

}  // namespace xieli::auth
