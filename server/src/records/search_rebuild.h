#pragma once

// After a searchable field is deleted its text must stop matching keyword search (audit 5 §1.3):
// the search text of every record of the object is written again from the fields it still has.
// A small table is rewritten inside the transaction that deletes the field, so the answer to the
// DELETE already searches without it; a large one by a one-shot job queued in that transaction,
// in batches of their own transactions, so writers are not held up for the whole table.

#include <cstdint>
#include <string_view>

#include "common/clock.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::jobs {
class Scheduler;
}

namespace xieli::records {

class RecordsModule;

inline constexpr std::string_view kSearchRebuildJob = "records.search_rebuild";
// Records rewritten inside the DELETE's transaction at most; a larger object goes to the job (not yet
// measured: the bound keeps the write lock to one pass over a small table).
inline constexpr int64_t kInlineSearchRebuildLimit = 20000;
inline constexpr int kSearchRebuildBatch = 1000;

// `remaining`: the object without the deleted field. Rewrites now or queues the job, in `tx`.
void RebuildSearchAfterFieldDelete(store::Connection& tx, const ObjectMeta& remaining, TimePoint now);

// At start-up (records_jobs.h): the job kind the rebuild of a large table runs as.
void RegisterSearchRebuildJob(jobs::Scheduler& scheduler, RecordsModule& records);

}  // namespace xieli::records
