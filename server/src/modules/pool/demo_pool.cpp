#include "modules/pool/demo_pool.h"

#include <spdlog/spdlog.h>

#include "modules/pool/customer_moves.h"

namespace xieli::pool {

namespace {

struct DemoPoolCustomer {
    const char* name;
    const char* industry;
    const char* region;
    const char* reason;  // pool_return_reason
    int days_ago;        // when it went to the pool
};

constexpr DemoPoolCustomer kPoolCustomers[] = {
    {"常州瑞丰精密机械有限公司", "manufacturing", "江苏省/常州市/武进区", "no_contact", 12},
    {"佛山美嘉家居用品有限公司", "retail", "广东省/佛山市/顺德区", "no_budget", 30},
    {"郑州中原云仓物流有限公司", "logistics", "河南省/郑州市/金水区", "workload", 5},
    {"合肥新启点教育科技有限公司", "education", "安徽省/合肥市/蜀山区", "no_need", 45},
};

}  // namespace

void SeedDemoPool(store::Store& store, records::RecordsModule& records, const Clock& clock) {
    std::optional<int64_t> tenant_id;
    {
        store::Reader r = store.System().Read();
        if (auto v = r->QueryValue("SELECT id FROM tenants WHERE code = 'demo'")) tenant_id = v->AsInt();
    }
    if (!tenant_id) return;
    store::Database& db = store.Tenant(*tenant_id);
    std::shared_ptr<const records::Schema> schema = records.SchemaOf(db);
    records::AccessContext admin;
    std::optional<int64_t> pool_id;
    {
        store::Reader r = db.Read();
        if (r->QueryValue("SELECT 1 FROM obj_customer WHERE pool_id IS NOT NULL LIMIT 1")) return;
        std::optional<store::Value> admin_id =
            r->QueryValue("SELECT id FROM users WHERE is_admin = 1 AND status = 'active' ORDER BY id LIMIT 1");
        std::optional<store::Value> pool = r->QueryValue(
            "SELECT id FROM pools WHERE enabled = 1 AND all_departments = 1 ORDER BY sort_order, id LIMIT 1"
        );
        if (!admin_id || !pool) return;
        admin = records::LoadAccessContext(*r, admin_id->AsInt());
        pool_id = pool->AsInt();
    }
    const records::ObjectMeta& customer = schema->Get("customer");
    records::RecordScope scope{db, schema, admin, Lang::kZh};
    TimePoint now = clock.Now();
    try {
        store::Transaction tx = db.Write();
        for (const DemoPoolCustomer& c : kPoolCustomers) {
            int64_t id = records.service().CreateIn(
                *tx,
                scope,
                "customer",
                json::object{
                    {"name", c.name},
                    {"industry", c.industry},
                    {"region", c.region},
                    {"source", "exhibition"},
                    {"status", "potential"},
                }
            );
            std::optional<CustomerState> state = LoadCustomerState(*tx, id);
            if (!state || !state->owner_id) continue;
            TimePoint returned = now - std::chrono::hours(24 * c.days_ago);
            FieldValues changes{
                {"owner_id", store::Value()},
                {"department_id", store::Value()},
                {"pool_id", store::Value(*pool_id)},
                {"previous_owner_id", store::Value(*state->owner_id)},
                {"returned_at", store::Value(FormatUtc(returned))},
                {"return_reason", store::Value(c.reason)},
            };
            MoveCustomer(*tx, customer, *state, changes, admin.user_id, now, "1 = 1", {});
        }
        tx.Commit();
    } catch (const std::exception& e) {
        // Sample data is a convenience: a failure leaves the enterprise as it was.
        spdlog::warn("demo pool not seeded: {}", e.what());
    }
}

}  // namespace xieli::pool
