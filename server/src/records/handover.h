#pragma once

// 交接: move everything one person owns — all objects, or the chosen ones — to another, in one
// transaction, with field history, outbox events and an audit entry. Open tasks and pending
// approvals join here as those modules arrive (each adds its own step through this function).

#include <string>
#include <vector>

#include "records/record_service.h"

namespace xieli::records {

// `objects` empty: every object. Returns {"moved": {"customer": 12, …}, "total": 15}.
json::object Handover(
    RecordScope& s, int64_t from_user_id, int64_t to_user_id, const std::vector<std::string>& objects, TimePoint now
);

}  // namespace xieli::records
