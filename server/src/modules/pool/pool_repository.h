#pragma once

// Public pools (公海) as rows: their settings and the departments they are open to. Not records —
// module tables read and written with the request's tenant connection (ARCHITECTURE.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "store/database.h"

namespace xieli::pool {

struct PoolSettings {
    std::string name;
    std::string description;
    bool all_departments = false;
    std::vector<int64_t> department_ids;  // when not all_departments
    int claim_limit = 0;                  // 0: no limit
    int no_followup_days = 0;             // 0: off
    int no_deal_days = 0;                 // 0: off
    int cooldown_days = 0;
    int notice_days = 0;  // 0: no advance notice
    bool enabled = true;
};

struct PoolRow {
    int64_t id = 0;
    PoolSettings settings;
    std::string created_at;
    std::string updated_at;
};

std::optional<PoolRow> FindPool(store::Connection& conn, int64_t id);
std::vector<PoolRow> ListPools(store::Connection& conn);
int64_t InsertPool(store::Connection& tx, const PoolSettings& s, int64_t actor, TimePoint now);
void UpdatePool(store::Connection& tx, int64_t id, const PoolSettings& s, TimePoint now);
void DeletePool(store::Connection& tx, int64_t id);

// The body of POST (over defaults) or PATCH (over `current`) /pools: known keys of the right type,
// every problem in one 422. Department ids must name existing departments.
PoolSettings ApplyPoolBody(store::Connection& conn, PoolSettings current, const json::object& body);

json::object PoolToJson(const PoolRow& p);

}  // namespace xieli::pool
