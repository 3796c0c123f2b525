#pragma once

// Who may see and claim from which public pool (公海): a pool open to all, or to chosen departments
// and every department below them. The records engine asks this once per request
// (records/access.cpp), so pool customers reach their members through the one predicate.

#include <cstdint>
#include <vector>

#include "store/database.h"

namespace xieli::pool {

// The enabled pools open to a member of `department_ids`, ascending.
std::vector<int64_t> PoolsOpenTo(store::Connection& conn, const std::vector<int64_t>& department_ids);

}  // namespace xieli::pool
