#pragma once

// A customer waiting in a 公海 pool has no owner; it leaves the pool by a claim or by the pool's
// 分配 (assign), which keep the pool's own records (claim log, cooldown, limits, notices). A plain
// transfer (更换负责人) would give it an owner and leave it "in the pool" at once, so the pool
// refuses it and says where to go.

#include "records/record_service.h"

namespace xieli::pool {

// RecordHooks::before_transfer of customers: 409 `in_pool` naming the pool.
void RefusePooledTransfer(records::WriteEvent& e);

}  // namespace xieli::pool
