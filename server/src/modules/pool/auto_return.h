#pragma once

// The pool's daily job: customers whose owner let them sit — no follow-up for a pool's N days, or
// no won deal for its M days — go back to their pool, and owners hear in advance (the pool's
// notice days; once per coming return, not every day).
//
// Which pool's rules apply: the pool a customer came from (its pool_id); a customer that never was
// in a pool follows the first enabled pool (in the pools' order) open to its owner that has rules.
// The clock starts at the later of creation, the last claim and (for the follow-up rule) the last
// follow-up; a customer whose status is 已成交/复购 or that has a won opportunity has a deal.

#include <cstdint>

#include "common/clock.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::pool {

struct AutoReturnReport {
    int64_t returned = 0;
    int64_t notices = 0;
};

// Works inside the caller's write transaction, as of `now`. Idempotent: running it twice returns
// nothing new and sends no notice twice.
AutoReturnReport RunPoolAutoReturn(store::Connection& tx, const records::Schema& schema, TimePoint now);

}  // namespace xieli::pool
