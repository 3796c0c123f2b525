#include "modules/pool/pool_access.h"

#include <fmt/format.h>

#include <string>

namespace xieli::pool {

std::vector<int64_t> PoolsOpenTo(store::Connection& conn, const std::vector<int64_t>& department_ids) {
    std::vector<store::Value> params;
    std::string seeds;
    for (int64_t id : department_ids) {
        seeds += seeds.empty() ? "?" : ", ?";
        params.emplace_back(id);
    }
    // A pool opened to a department is open to the departments below it: walk up from the
    // user's departments to the root and match any of those.
    std::string sql =
        seeds.empty()
            ? "SELECT id FROM pools WHERE enabled = 1 AND all_departments = 1 ORDER BY id"
            : fmt::format(
                  "WITH RECURSIVE up(id) AS (SELECT id FROM departments WHERE id IN ({}) "
                  "UNION SELECT d.parent_id FROM departments d JOIN up ON d.id = up.id WHERE d.parent_id IS NOT NULL) "
                  "SELECT p.id FROM pools p WHERE p.enabled = 1 AND (p.all_departments = 1 OR EXISTS "
                  "(SELECT 1 FROM pool_departments pd WHERE pd.pool_id = p.id AND pd.department_id IN "
                  "(SELECT id FROM up))) ORDER BY p.id",
                  seeds
              );
    std::vector<int64_t> out;
    for (const store::Row& r : conn.Query(sql, store::Params(params))) out.push_back(r.Int(0));
    return out;
}

}  // namespace xieli::pool
