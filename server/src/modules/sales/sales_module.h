#pragma once

// The sales side of the CRM on the records engine: pipelines and stages, and the rules an
// opportunity's stage brings (issue "pipeline to cash" builds quotes, contracts and the dashboard
// on top).

#include "http/router.h"
#include "records/records_module.h"

namespace xieli::jobs {
class Scheduler;
}

namespace xieli::sales {

void RegisterSalesModule(http::Router& router, records::RecordsModule& records);

// The pipeline-to-cash rules (quotes, contracts, payment plans, payments, invoices) as hooks of the
// records engine; RegisterSalesModule adds them, tests add them to an engine of their own.
void AddCashHooks(records::RecordService& service);

// The daily jobs: payment plans move along with the date (not due → due → overdue) and their
// contracts' overdue amounts follow ("sales.plan_due_status", 00:05 China time); open quotes past
// their valid_until become expired ("sales.quote_expiry", 00:10, quote_expiry.h).
void RegisterSalesJobs(jobs::Scheduler& scheduler, records::RecordsModule& records);

}  // namespace xieli::sales
