// 回收站 (records/recycle_bin.h): the compiled bin query, and purges on a real enterprise database —
// what a purge removes, what refuses it, and the payment plans that go with their contract.

#include "records/recycle_bin.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "support/sales_db_test.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

ObjectMeta Customer() {
    return test_support::TestObject("customer", "obj_customer", {{"name", FieldType::kText}});
}

AccessContext Rep() {
    AccessContext a;
    a.user_id = 7;
    a.main_department_id = 10;
    a.department_ids = {10};
    a.department_tree_ids = {10};
    a.permissions =
        json::parse(R"({"objects":{"customer":{"read":"all","update":"self","delete":"self"}}})").as_object();
    return a;
}

TimePoint Now() {
    return *ParseIsoTime("2026-11-24T02:00:00Z");
}

bool Contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

TEST(RecycleBinQuery, ReadsTheBinInTheDeleteScopeNewestFirst) {
    QueryRequest q;
    q.recycle_bin = true;
    CompiledQuery c = CompileQuery(Customer(), Rep(), q, Now());
    EXPECT_TRUE(Contains(c.sql, "t.deleted_at IS NOT NULL")) << c.sql;
    EXPECT_FALSE(Contains(c.sql, "t.deleted_at IS NULL")) << c.sql;
    EXPECT_TRUE(Contains(c.sql, "ORDER BY t.deleted_at DESC, t.id DESC")) << c.sql;
    ASSERT_FALSE(c.columns.empty());
    EXPECT_EQ(c.columns.front()->name, "deleted_at");
    // Delete scope "self" (read is "all"): only the rep's own records, bound as a value.
    EXPECT_TRUE(Contains(c.where_sql, "t.owner_id IN (?)")) << c.where_sql;
    ASSERT_FALSE(c.where_params.empty());
    EXPECT_EQ(c.where_params.front().AsInt(), 7);

    // The same request without the flag: live records, read scope (all: no owner condition).
    QueryRequest live;
    CompiledQuery l = CompileQuery(Customer(), Rep(), live, Now());
    EXPECT_TRUE(Contains(l.sql, "t.deleted_at IS NULL")) << l.sql;
    EXPECT_FALSE(Contains(l.where_sql, "owner_id")) << l.where_sql;
    EXPECT_TRUE(Contains(l.sql, "ORDER BY t.updated_at DESC")) << l.sql;
}

TEST(RecycleBinQuery, SortsByDeletedAtOnlyInTheBin) {
    QueryRequest q;
    q.recycle_bin = true;
    q.sort = {{"deleted_at", false}};
    CompiledQuery c = CompileQuery(Customer(), Rep(), q, Now());
    EXPECT_TRUE(Contains(c.sql, "ORDER BY t.deleted_at ASC, t.id ASC")) << c.sql;
    q.fields = {"name", "deleted_at"};
    EXPECT_NO_THROW(CompileQuery(Customer(), Rep(), q, Now()));

    QueryRequest live;
    live.sort = {{"deleted_at", true}};
    try {
        CompileQuery(Customer(), Rep(), live, Now());
        ADD_FAILURE() << "live records have no deleted_at to sort on";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        ASSERT_EQ(e.details().size(), 1u);
        EXPECT_EQ(e.details()[0].code, "not_sortable");
    }
}

TEST(RecycleBinIds, KeepsDistinctIdsAndRefusesBadOnes) {
    EXPECT_EQ(ParseRecycleBinIds(json::parse(R"({"ids": [4, 2, 4]})").as_object()), (std::vector<int64_t>{4, 2}));
    for (const char* body : {R"({})", R"({"ids": 3})", R"({"ids": []})", R"({"ids": [1, 0]})", R"({"ids": ["1"]})"}) {
        try {
            ParseRecycleBinIds(json::parse(body).as_object());
            ADD_FAILURE() << body;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kValidationFailed) << body;
        }
    }
    json::array many;
    for (int i = 1; i <= 501; ++i) many.push_back(i);
    EXPECT_THROW(ParseRecycleBinIds(json::object{{"ids", many}}), Error);
}

class RecycleBinDbTest : public sales::SalesDbTest {
protected:
    RecycleBinDbTest() : SalesDbTest("2026-11-24T02:00:00Z") {}

    RecordScope Scope() { return RecordScope{*db_, schema_, access_, Lang::kEn}; }
    void Delete(const char* object, int64_t id) {
        RecordScope s = Scope();
        records_.service().Delete(s, object, id);
    }
    int64_t Count(const std::string& sql, std::vector<store::Value> params) {
        store::Reader r = db_->Read();
        return r->Query(sql, store::Params(params)).front().Int(0);
    }
    ErrorCode PurgeError(const char* object, int64_t id) {
        RecordScope s = Scope();
        try {
            PurgeRecords(records_.service(), s, object, {id}, clock_.Now());
        } catch (const Error& e) {
            return e.code();
        }
        return ErrorCode::kInternal;
    }
};

TEST_F(RecycleBinDbTest, ListsDeletedRecordsWithWhenAndWho) {
    int64_t gone = Create("customer", {{"name", "回收站甲"}})["id"].as_int64();
    Create("customer", {{"name", "回收站乙"}});
    clock_.Advance(std::chrono::seconds(60));
    Delete("customer", gone);

    RecordScope s = Scope();
    QueryRequest q;
    json::object bin = ListRecycleBin(records_.service(), s, "customer", q);
    ASSERT_EQ(bin["records"].as_array().size(), 1u);
    const json::object& rec = bin["records"].as_array()[0].as_object();
    EXPECT_EQ(rec.at("id"), gone);
    EXPECT_EQ(rec.at("name"), "回收站甲");
    EXPECT_EQ(rec.at("deleted_by"), 1);
    EXPECT_EQ(rec.at("_display").as_object().at("deleted_by"), "管理员");
    EXPECT_EQ(rec.at("deleted_at"), "2026-11-24T02:01:00Z");
    EXPECT_EQ(bin["total"], 1);

    json::object summary = RecycleBinSummary(s);
    bool found = false;
    for (const json::value& o : summary["objects"].as_array()) {
        if (o.at("object") != "customer") continue;
        found = true;
        EXPECT_EQ(o.at("count"), 1);
        EXPECT_EQ(o.at("label"), "Customer");
    }
    EXPECT_TRUE(found);
}

TEST_F(RecycleBinDbTest, PurgeRemovesTheRowAndEverythingKeptOfIt) {
    int64_t id = Create("customer", {{"name", "彻底删除测试"}})["id"].as_int64();
    {
        RecordScope s = Scope();
        records_.service().Update(s, "customer", id, {{"name", "彻底删除测试二"}});
        store::Transaction tx = db_->Write();
        tx->Execute(
            "INSERT INTO record_collaborators (object, record_id, user_id, can_edit) VALUES ('customer', ?, 1, 0)", {id}
        );
        tx.Commit();
    }
    ASSERT_GT(Count("SELECT COUNT(*) FROM field_history WHERE object = 'customer' AND record_id = ?", {id}), 0);
    ASSERT_EQ(Count("SELECT COUNT(*) FROM obj_customer_fts WHERE rowid = ?", {id}), 1);

    EXPECT_EQ(PurgeError("customer", id), ErrorCode::kNotFound) << "a live record is not in the bin";
    Delete("customer", id);
    {
        RecordScope s = Scope();
        json::object out = PurgeRecords(records_.service(), s, "customer", {id}, clock_.Now());
        EXPECT_EQ(out["purged"], 1);
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer WHERE id = ?", {id}), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM field_history WHERE object = 'customer' AND record_id = ?", {id}), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM record_collaborators WHERE object = 'customer' AND record_id = ?", {id}), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer_fts WHERE rowid = ?", {id}), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer_fts_tail WHERE id = ?", {id}), 0);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM outbox WHERE object = 'customer' AND record_id = ? AND operation = 'purge'", {id}),
        1
    );
    EXPECT_EQ(PurgeError("customer", id), ErrorCode::kNotFound) << "purged twice";
}

TEST_F(RecycleBinDbTest, RefusesToPurgeWhatLiveRecordsPointAt) {
    int64_t customer = Create("customer", {{"name", "被引用的客户"}})["id"].as_int64();
    int64_t contact = Create("contact", {{"name", "联系人"}, {"customer_id", customer}})["id"].as_int64();
    Delete("customer", customer);
    {
        RecordScope s = Scope();
        try {
            PurgeRecords(records_.service(), s, "customer", {customer}, clock_.Now());
            ADD_FAILURE() << "a live contact points at the customer";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kConflict);
            json::object extra = json::parse(e.extra_json()).as_object();
            EXPECT_EQ(extra["reference_count"], 1);
            EXPECT_EQ(extra["record_id"], customer);
            EXPECT_EQ(extra["referenced_by"].as_array()[0].at("object"), "contact");
        }
        json::object emptied = EmptyRecycleBin(records_.service(), s, "customer", clock_.Now());
        EXPECT_EQ(emptied["purged"], 0);
        EXPECT_EQ(emptied["kept"], 1);
        EXPECT_EQ(emptied["kept_ids"], (json::array{customer}));
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer WHERE id = ?", {customer}), 1);
    // With the contact in the bin too, nothing live points at the customer any more.
    Delete("contact", contact);
    RecordScope s = Scope();
    json::object emptied = EmptyRecycleBin(records_.service(), s, "customer", clock_.Now());
    EXPECT_EQ(emptied["purged"], 1);
    EXPECT_EQ(emptied["kept"], 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer WHERE id = ?", {customer}), 0);
}

TEST_F(RecycleBinDbTest, AContractTakesItsPlansInTheBinWithIt) {
    int64_t customer = Create("customer", {{"name", "合同客户"}})["id"].as_int64();
    int64_t contract =
        Create("contract", {{"name", "清除合同"}, {"customer_id", customer}, {"amount", "1000.00"}})["id"].as_int64();
    int64_t plan1 =
        Create("payment_plan", {{"contract_id", contract}, {"due_date", "2026-11-30"}, {"amount", "500.00"}})["id"]
            .as_int64();
    int64_t plan2 =
        Create("payment_plan", {{"contract_id", contract}, {"due_date", "2026-12-31"}, {"amount", "500.00"}})["id"]
            .as_int64();
    Delete("contract", contract);
    ASSERT_EQ(
        Count("SELECT COUNT(*) FROM obj_payment_plan WHERE contract_id = ? AND deleted_at IS NOT NULL", {contract}), 2
    );

    RecordScope s = Scope();
    PurgeRecords(records_.service(), s, "contract", {contract}, clock_.Now());
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_contract WHERE id = ?", {contract}), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_payment_plan WHERE id IN (?, ?)", {plan1, plan2}), 0);
    EXPECT_EQ(
        Count(
            "SELECT COUNT(*) FROM outbox WHERE object = 'payment_plan' AND record_id IN (?, ?) AND operation = 'purge'",
            {plan1, plan2}
        ),
        2
    );
    EXPECT_EQ(
        Count(
            "SELECT COUNT(*) FROM field_history WHERE object = 'payment_plan' AND record_id IN (?, ?)", {plan1, plan2}
        ),
        0
    );
}

TEST_F(RecycleBinDbTest, BatchRestoreIsAllOrNone) {
    int64_t a = Create("customer", {{"name", "恢复甲"}})["id"].as_int64();
    int64_t b = Create("customer", {{"name", "恢复乙"}})["id"].as_int64();
    Delete("customer", a);
    RecordScope s = Scope();
    try {
        RestoreRecords(records_.service(), s, "customer", {a, b});
        ADD_FAILURE() << "b is not in the bin";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kNotFound);
        EXPECT_EQ(json::parse(e.extra_json()).as_object()["record_id"], b);
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer WHERE id = ? AND deleted_at IS NOT NULL", {a}), 1);
    Delete("customer", b);
    EXPECT_EQ(RestoreRecords(records_.service(), s, "customer", {a, b})["restored"], 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_customer WHERE id IN (?, ?) AND deleted_at IS NULL", {a, b}), 2);
}

}  // namespace
}  // namespace xieli::records
