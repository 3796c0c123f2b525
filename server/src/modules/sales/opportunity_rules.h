#pragma once

// What a stage means for an opportunity (DOMAIN.md "Customers and sales"): the pipeline and stage
// must belong together; the stage sets the win probability and the status (open, won, lost);
// winning needs the actual amount and date, losing needs a reason; every move is recorded with
// who, when and how many days the deal sat in the stage it left; with product lines the amount is
// their total. Hooks of the records engine, so
// the form, the kanban, imports and lead conversion all obey the same rules.

#include "records/record_service.h"

namespace xieli::sales {

void BeforeOpportunityWrite(records::WriteEvent& e);
void AfterOpportunityWrite(records::WriteEvent& e);
// after_purge: the stage history goes with the opportunity (records/recycle_bin.h).
void AfterOpportunityPurge(records::PurgeEvent& e);

// {"records": [{"from_stage", "from_label", "to_stage", "to_label", "pipeline", "actor_id",
// "actor_name", "at", "days_in_stage"}]}, newest first; the opportunity must be readable.
json::object StageHistory(records::RecordService& service, records::RecordScope& s, int64_t id);

}  // namespace xieli::sales
