// Not a timing: the shape of the plan. On a real enterprise database (the standard objects and
// their indexes as the server makes them), a salesperson's counted customer list — his own
// customers filtered by their picklists — counts from the declared `owner_lists` index alone,
// never fetching his rows from the table (docs/performance.md: ~1 µs a row, thousands of rows).

#include <gtest/gtest.h>

#include "common/crypto.h"
#include "records/query_compiler.h"
#include "records/records_module.h"
#include "support/enterprise_store.h"

namespace xieli::records {
namespace {

class OwnerListIndexTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        env_.emplace(clock_, auth::EnterpriseOwner{"列表索引公司", "王五", "13900000003", "", "Passw0rd2026"});
        schema_ = RecordsModule(clock_).SchemaOf(env_->db());
    }
    // The plan of the count of `who`'s list of customers with `filter`.
    std::string CountPlan(const AccessContext& who, const char* filter) {
        QueryRequest req;
        req.filter = json::parse(filter);
        req.limit = 50;
        req.sort = {{"updated_at", true}};
        store::Reader r = env_->db().Read();
        CompiledQuery q = CompileQuery(schema_->Get("customer"), who, req, clock_.Now(), &*r);
        std::string plan;
        for (const store::Row& row : r->Query("EXPLAIN QUERY PLAN " + q.count_sql, store::Params(q.count_params)))
            plan += row.Text(3) + "\n";
        return plan;
    }

    ManualClock clock_{*ParseIsoTime("2026-11-25T00:00:00Z")};
    std::optional<test_support::EnterpriseStore> env_;
    std::shared_ptr<const Schema> schema_;
};

AccessContext Salesperson() {
    AccessContext a;
    a.user_id = 7;
    a.department_ids = {2};
    a.department_tree_ids = {2};
    a.permissions = json::parse(R"({"objects": {"customer": {"read": "self"}}})").as_object();
    return a;
}

TEST_F(OwnerListIndexTest, ASalespersonsCountedListReadsOnlyTheIndex) {
    for (const char* filter :
         {R"({"and": [{"field": "industry", "op": "eq", "value": "it"}, {"field": "level", "op": "eq", "value": "a"}]})",
          R"({"field": "status", "op": "eq", "value": "active"})",
          R"({"field": "source", "op": "in", "value": ["website", "referral"]})"}) {
        std::string plan = CountPlan(Salesperson(), filter);
        EXPECT_NE(plan.find("COVERING INDEX obj_customer__agg_owner_lists"), std::string::npos) << filter << "\n"
                                                                                                << plan;
    }
}

}  // namespace
}  // namespace xieli::records
