#pragma once

// 回收站: what a delete left in the recycle bin (deleted_at set), for every object alike — listed
// through the engine's own query (filters, keyword, sort, paging, field security, labels), brought
// back in batches, or purged for good (彻底删除) by an enterprise administrator
// (docs/api/records.md "Recycle bin").
//
// Who sees and restores a deleted record is who may delete it (the delete data scope). A purge
// removes the row and everything the engine keeps of it — field history, search text, collaborators,
// reminders sent about it — runs the modules' before_purge/after_purge hooks (which name records that
// go with it, such as a contract's payment plans), and writes a "purge" outbox event. A record that
// live records still point at through a lookup field is not purged (409): they would show a link to
// nothing.

#include <cstdint>
#include <vector>

#include "records/record_service.h"

namespace xieli::records {

inline constexpr size_t kRecycleBinMaxIds = 500;

// The bin of one object as a list answer ({"records", "total", "next_cursor"}): `request` as for
// the live records, sortable on deleted_at too (default -deleted_at). Each record carries
// "deleted_at" and "deleted_by" (who deleted it; "_display" names them). 403 when the caller may
// delete no record of the object.
json::object ListRecycleBin(RecordService& service, RecordScope& s, std::string_view object, QueryRequest request);

// {"objects": [{"object", "label", "count", "count_capped"}]}: every object the caller may delete
// records of, with how many of them are in the bin (counted up to kTotalCap).
json::object RecycleBinSummary(RecordScope& s);

// The `ids` of a request body: 1–500 positive ids, duplicates dropped; 422 otherwise.
std::vector<int64_t> ParseRecycleBinIds(const json::object& body);

// Restores every one of `ids` or none (the single restore's rules each, in one transaction). The
// first refused record ends the batch with the single restore's answer and its id as "record_id".
// Returns {"restored": n}.
json::object RestoreRecords(
    RecordService& service, RecordScope& s, std::string_view object, const std::vector<int64_t>& ids
);

// Purges record `id` of `o` from the bin inside `tx`: 404 unless it is in the bin and in the
// caller's delete scope, 409 when live records point at it. Returns how many records went (it and
// those its hooks named).
int64_t PurgeIn(
    store::Connection& tx, const RecordService& service, RecordScope& s, const ObjectMeta& o, int64_t id, TimePoint now
);

// Purges every one of `ids` or none; a refused record ends the batch as PurgeIn refused it, with its
// id as "record_id". Returns {"purged": n} (n: the ids given).
json::object PurgeRecords(
    const RecordService& service,
    RecordScope& s,
    std::string_view object,
    const std::vector<int64_t>& ids,
    TimePoint now
);

// 清空回收站: purges every record of `object` in the bin (in the caller's delete scope) except those
// live records still point at, which stay. Returns {"purged": n, "kept": k, "kept_ids": [...]}, n counting
// the records purged with them (a contract's payment plans) too.
json::object EmptyRecycleBin(const RecordService& service, RecordScope& s, std::string_view object, TimePoint now);

}  // namespace xieli::records
