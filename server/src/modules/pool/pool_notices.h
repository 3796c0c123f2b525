#pragma once

// The notifications the pool and the reminder rules send (modules/notify), written in both
// languages where they arise.

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/text.h"
#include "store/database.h"

namespace xieli::pool {

// Once at start-up, before the server serves.
void RegisterNotificationKinds();

void NotifyAssigned(
    store::Connection& tx,
    int64_t user_id,
    int64_t customer_id,
    const std::string& customer,
    const std::string& pool,
    TimePoint now
);
// `due_date` is the local day the customer will return ("2026-12-01").
void NotifyReturnComing(
    store::Connection& tx,
    int64_t user_id,
    int64_t customer_id,
    const std::string& customer,
    const std::string& pool,
    const std::string& due_date,
    const Text& why,
    TimePoint now
);
void NotifyAutoReturned(
    store::Connection& tx,
    int64_t user_id,
    int64_t customer_id,
    const std::string& customer,
    const std::string& pool,
    const Text& why,
    TimePoint now
);
// A reminder rule's message about one record.
void NotifyReminder(
    store::Connection& tx,
    int64_t user_id,
    const Text& title,
    const Text& body,
    const std::string& object,
    int64_t record_id,
    TimePoint now
);

}  // namespace xieli::pool
