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

records::ReadGrant PoolReadGrant() {
    return records::ReadGrant{
        .name = "pool",
        .object = "customer",
        .load = [](store::Connection& conn,
                   const records::AccessContext& access) { return PoolsOpenTo(conn, access.department_ids); },
        .branch =
            [](std::string_view alias, const std::vector<int64_t>& pool_ids) {
                records::SqlFragment f;
                f.sql = fmt::format(
                    "{0}.owner_id IS NULL AND {0}.pool_id IN ({1})", alias, records::Placeholders(pool_ids.size())
                );
                for (int64_t id : pool_ids) f.params.emplace_back(id);
                return f;
            },
    };
}

void RegisterPoolReadGrant() {
    records::RegisterReadGrant(PoolReadGrant());
}

const std::vector<int64_t>& PoolsOf(const records::AccessContext& access) {
    return access.GrantedIds("pool");
}

}  // namespace xieli::pool
