#pragma once

#include "common/clock.h"
#include "records/records_module.h"
#include "store/store.h"

namespace xieli::pool {

// Gives the demo enterprise's pool 「公海」 a few customers that wait to be claimed (some returned
// by their former owners with a reason), so the pool page has something to show. Call after
// SeedDemoRecords; runs once (a pool that ever held a customer is left alone).
void SeedDemoPool(store::Store& store, records::RecordsModule& records, const Clock& clock);

}  // namespace xieli::pool
