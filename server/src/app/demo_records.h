#pragma once

#include "common/clock.h"
#include "records/records_module.h"
#include "store/store.h"

namespace xieli::app {

// Gives the demo enterprise a believable quarter of sales work — customers in several regions,
// contacts, follow-ups, leads, opportunities in every stage (some won, some lost), products and
// competitors — so the lists, the kanban and the dashboards have something to show on the first
// start. Everything goes through the records engine (validation, hooks, history, search index), as
// if the demo people had typed it. Runs once: an enterprise that has any customer is left alone.
void SeedDemoRecords(store::Store& store, records::RecordsModule& records, const Clock& clock);

}  // namespace xieli::app
