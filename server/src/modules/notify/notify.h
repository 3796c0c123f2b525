#pragma once

// Notifications (站内通知): stored per user, read/unread, each optionally linked to a record; shown
// in the app and pushed on the WebSocket after commit; mailed (SMTP) to users who asked for it.
//
// STABLE API — other modules call it; extend, do not change:
//
//   // Once at start-up: the kind, its label (for the preferences page) and whether e-mail is on by default.
//   notify::RegisterKind("pool.returned", {"客户被收回公海", "Customer returned to the pool"}, false);
//
//   // Inside the caller's write transaction, so the notification exists if and only if the change commits:
//   notify::Notify(*tx, user_id, "pool.returned",
//                  {"客户已收回公海", "Customer returned to the pool"},
//                  {"「华为」超过 30 天未跟进", "\"Huawei\" had no follow-up for 30 days"},
//                  {"customer", 42}, now);
//
// Notify stores the notification (unless the user turned the kind off in the app), writes an outbox
// row (object "notification") so the dispatcher pushes it to the user's open tabs after commit, and,
// when the user wants e-mail for the kind and has an address, queues a one-shot "notify.email" job
// (retried with backoff by the scheduler; see jobs/scheduler.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/text.h"
#include "store/database.h"

namespace xieli::notify {

// The record a notification points to; an empty object means none.
struct Link {
    std::string object;
    int64_t record_id = 0;
};

struct KindInfo {
    std::string kind;
    Text label;
    bool email_by_default = false;
};

// Before the server starts serving; a kind registered twice keeps its first registration.
void RegisterKind(std::string kind, Text label, bool email_by_default);
std::vector<KindInfo> Kinds();
std::optional<KindInfo> FindKind(std::string_view kind);

// Returns the notification's id, or nullopt when the user turned in-app notifications of this kind
// off (an e-mail is still queued when e-mail is on). Throws std::invalid_argument for an unregistered
// kind (a programming error).
std::optional<int64_t> Notify(
    store::Connection& tx,
    int64_t user_id,
    std::string_view kind,
    const Text& title,
    const Text& body,
    const Link& link,
    TimePoint now
);

}  // namespace xieli::notify
