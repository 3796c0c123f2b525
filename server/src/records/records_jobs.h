#pragma once

// The records engine's background jobs, registered at start-up in one place; each job's body lives
// with what it does:
//   records.search_rebuild     one-shot: rewrites the search text of a large object after a
//                              searchable field is deleted or restored (search_rebuild.h)
//   records.recycle_bin_purge  daily at 03:30: purges what has been in the recycle bin longer than
//                              the enterprise keeps it (recycle_bin_retention.h)

namespace xieli::jobs {
class Scheduler;
}

namespace xieli::records {

class RecordsModule;

void RegisterRecordsJobs(jobs::Scheduler& scheduler, RecordsModule& records);

}  // namespace xieli::records
