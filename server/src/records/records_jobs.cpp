#include "records/records_jobs.h"

#include "records/recycle_bin_retention.h"
#include "records/search_rebuild.h"

namespace xieli::records {

void RegisterRecordsJobs(jobs::Scheduler& scheduler, RecordsModule& records) {
    RegisterSearchRebuildJob(scheduler, records);
    RegisterRecycleBinJobs(scheduler, records);
}

}  // namespace xieli::records
