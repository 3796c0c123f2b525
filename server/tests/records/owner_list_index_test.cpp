// Not a timing: the shape of the plan. On a real enterprise database (the standard objects and
// their indexes as the server makes them), a salesperson's counted customer list — his own
// customers filtered by their picklists — counts from the declared `owner_lists` index alone,
// never fetching his rows from the table (docs/performance.md: ~1 µs a row, thousands of rows);
// a manager's counts each branch of his scope from `owner_lists` and `department_lists`.

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
        LoadBenchStatistics();
    }
    // The plan of the count of `who`'s list of customers with `filter`, on the writer: the
    // connection that loaded the statistics.
    std::string CountPlan(const AccessContext& who, const char* filter) {
        QueryRequest req;
        req.filter = json::parse(filter);
        req.limit = 50;
        req.sort = {{"updated_at", true}};
        store::Transaction tx = env_->db().Write();
        CompiledQuery q = CompileQuery(schema_->Get("customer"), who, req, clock_.Now(), &*tx);
        std::string plan;
        for (const store::Row& row : tx->Query("EXPLAIN QUERY PLAN " + q.count_sql, store::Params(q.count_params)))
            plan += row.Text(3) + "\n";
        return plan;
    }
    // The planner chooses by the statistics ANALYZE keeps: those of the bench enterprise (1M
    // customers, 200 people, 29 departments; docs/performance.md), not an empty table's guesses.
    void LoadBenchStatistics() {
        static const std::pair<const char*, const char*> kStats[] = {
            {"obj_customer__agg_owner_lists", "1000120 5436 1812 166 34 6 4 4 4"},
            {"obj_customer__agg_department_lists", "1000120 38467 12823 1204 257 39 18 4 4"},
            {"obj_customer_department", "1000120 38467 1"},
            {"obj_customer_industry", "1000120 90920 1"},
            {"obj_customer_level", "1000120 333374 1"},
            {"obj_customer_owner", "1000120 5436 1 1 1"},
            {"obj_customer_source", "1000120 111125 1"},
            {"obj_customer_status", "1000120 166687 1"},
            {"obj_customer_type", "1000120 250030 1"},
            {"obj_customer_updated", "1000120 1"},
        };
        store::Transaction tx = env_->db().Write();
        tx->ExecuteScript("ANALYZE obj_customer");  // creates sqlite_stat1
        tx->Execute("DELETE FROM sqlite_stat1 WHERE tbl = 'obj_customer'");
        for (const auto& [index, stat] : kStats)
            tx->Execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('obj_customer', ?, ?)", {index, stat});
        tx->ExecuteScript("ANALYZE sqlite_schema");  // reloads them
        tx.Commit();
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

// A regional manager: his and his team's customers, and those of his departments (read scope
// department_tree). Each branch of his count is a seek in its own covering index.
AccessContext RegionalManager() {
    AccessContext a;
    a.user_id = 13;
    a.subordinate_ids = {14, 15, 16};
    a.department_ids = {3};
    a.department_tree_ids = {3, 4, 5};
    a.permissions = json::parse(R"({"objects": {"customer": {"read": "department_tree"}}})").as_object();
    return a;
}

TEST_F(OwnerListIndexTest, ACountByLevelAndIndustrySeeksItsMatches) {
    std::string plan = CountPlan(
        RegionalManager(),
        R"({"and": [{"field": "industry", "op": "eq", "value": "it"}, {"field": "level", "op": "eq", "value": "a"}]})"
    );
    EXPECT_NE(plan.find("owner_lists (owner_id=? AND level=? AND industry=?)"), std::string::npos) << plan;
    EXPECT_NE(plan.find("department_lists (department_id=? AND level=? AND industry=?)"), std::string::npos) << plan;
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

TEST_F(OwnerListIndexTest, AManagersCountedListReadsOnlyTheIndexes) {
    for (const char* filter :
         {R"({"and": [{"field": "industry", "op": "eq", "value": "it"}, {"field": "level", "op": "eq", "value": "a"}]})",
          R"({"field": "status", "op": "eq", "value": "active"})"}) {
        std::string plan = CountPlan(RegionalManager(), filter);
        EXPECT_NE(plan.find("COVERING INDEX obj_customer__agg_owner_lists"), std::string::npos) << filter << "\n"
                                                                                                << plan;
        EXPECT_NE(plan.find("COVERING INDEX obj_customer__agg_department_lists"), std::string::npos) << filter << "\n"
                                                                                                     << plan;
    }
}

}  // namespace
}  // namespace xieli::records
