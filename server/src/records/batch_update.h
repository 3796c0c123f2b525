#pragma once

// 批量编辑: the same field values set on many records of one object, each record through the
// engine's normal update (validation, field security, the caller's update scope, hooks, history,
// outbox, search text), all or nothing in one transaction (API.md "Records", docs/api/records.md).

#include <cstdint>
#include <vector>

#include "records/record_service.h"

namespace xieli::records {

inline constexpr size_t kBatchUpdateMaxIds = 500;

// A checked request: distinct ids in the order given, and the values as the update body takes them.
struct BatchUpdateRequest {
    std::vector<int64_t> ids;
    json::object values;
};

// Checks `body` ({"ids": [...], "values": {...}}) against the object's fields as the caller may
// use them: 1–500 positive ids; at least one value; every field known, writable by the caller and
// not unique (one value on many records would collide). Throws a 422 naming every problem.
BatchUpdateRequest ParseBatchUpdate(const json::object& body, const ObjectMeta& object, const AccessContext& access);

// Updates every record or none. A record outside the caller's update scope ends the batch with the
// single update's answer (404, or 403 when the caller may read it) and its id as "record_id"; records
// the rules refuse end it with one 422 whose "records" lists each refused id with its problems.
// Returns {"updated": n} (records whose values really changed).
json::object BatchUpdate(RecordService& service, RecordScope& s, std::string_view object, const json::object& body);

}  // namespace xieli::records
