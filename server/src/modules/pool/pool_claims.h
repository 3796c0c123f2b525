#pragma once

// What people do with a public pool's customers: claim (respecting the pool's limit and cooldown;
// two people claiming the same customer at once — exactly one wins), assign (managers and
// administrators hand pool customers to someone), return with a reason from the data dictionary,
// and how many of a pool's customers the caller holds.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/json.h"
#include "modules/pool/pool_repository.h"
#include "records/record_service.h"

namespace xieli::pool {

// May the caller see and use this pool? Full administrators: every pool; others: enabled pools
// open to one of their departments (or the departments above them).
bool CanUsePool(const records::AccessContext& access, int64_t pool_id);

// The pool, or 404 when it does not exist or the caller may not use it.
PoolRow RequireUsablePool(store::Connection& conn, const records::AccessContext& access, int64_t pool_id);

json::object ClaimCustomers(records::RecordScope& s, int64_t pool_id, const std::vector<int64_t>& ids, TimePoint now);
json::object AssignCustomers(
    records::RecordScope& s, int64_t pool_id, const std::vector<int64_t>& ids, int64_t owner_id, TimePoint now
);
// `pool_id` 0: the customer's own pool, else the first pool open to the caller.
json::object ReturnCustomer(
    records::RecordService& service,
    records::RecordScope& s,
    int64_t customer_id,
    int64_t pool_id,
    const std::string& reason,
    TimePoint now
);

// Per usable pool: how many of its customers the caller holds, the limit and what remains.
json::array MyHoldings(records::RecordScope& s);

// How many customers wait in each pool (pool id → count).
std::map<int64_t, int64_t> WaitingCounts(store::Connection& conn);

}  // namespace xieli::pool
