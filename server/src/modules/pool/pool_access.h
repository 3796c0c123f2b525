#pragma once

// Who may see and claim from which public pool (公海): a pool open to all, or to chosen departments
// and every department below them. The pool's read grant (records::ReadGrant) loads this once per
// request with the caller, so pool customers reach their members through the one predicate.

#include <cstdint>
#include <vector>

#include "records/access.h"
#include "store/database.h"

namespace xieli::pool {

// The enabled pools open to a member of `department_ids`, ascending.
std::vector<int64_t> PoolsOpenTo(store::Connection& conn, const std::vector<int64_t>& department_ids);

// The read grant "pool" on customers: a member of an open pool reads the customers waiting in it
// (owner empty). Registered by the pool module at startup; tests put it in a hand-made AccessContext.
records::ReadGrant PoolReadGrant();
void RegisterPoolReadGrant();

// The pools open to the caller (loaded with their AccessContext), ascending.
const std::vector<int64_t>& PoolsOf(const records::AccessContext& access);

}  // namespace xieli::pool
