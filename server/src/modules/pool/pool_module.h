#pragma once

// Public pools (公海) and reminder rules (提醒规则) on the records engine (docs/api/pool.md):
// pools with their departments and settings; claim, assign and return; the daily auto-return
// and reminder jobs.

#include "http/router.h"
#include "records/records_module.h"

namespace xieli::jobs {
class Scheduler;
}

namespace xieli::pool {

// Routes, and the notification kinds the module sends (before the server serves).
void RegisterPoolModule(http::Router& router, records::RecordsModule& records);

// The daily jobs "pool.auto_return" (02:00 China time) and "reminders.scan" (07:30), for every
// enterprise. Before the scheduler starts.
void RegisterPoolJobs(jobs::Scheduler& scheduler, records::RecordsModule& records);

}  // namespace xieli::pool
