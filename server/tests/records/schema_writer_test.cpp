// Which fields get an index and of what shape, bringing an existing table's indexes to that rule
// (the resync at a database's first use), and the plan SQLite makes of a filtered list with them.

#include "records/schema_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "records/query_compiler.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

ObjectMeta Deals() {
    return test_support::TestObject(
        "deal",
        "obj_deal",
        {{"name", FieldType::kText},
         {"code", FieldType::kAutonumber},
         {"stage", FieldType::kSelect},
         {"partner_id", FieldType::kLookup},
         {"manager_id", FieldType::kUser},
         {"close_date", FieldType::kDate},
         {"amount", FieldType::kCurrency},
         {"address", FieldType::kText},
         {"phone", FieldType::kPhone},
         {"email", FieldType::kEmail},
         {"tax_no", FieldType::kText, true},
         {"won", FieldType::kBoolean},
         {"tags", FieldType::kMultiselect},
         {"remark", FieldType::kTextarea}}
    );
}

std::string IndexSql(const ObjectMeta& o, const char* field) {
    std::optional<IndexDefinition> index = FieldIndex(o, *o.Field(field));
    return index ? index->sql : "";
}

TEST(FieldIndex, ListFiltersGetTheDefaultSortBesideThem) {
    ObjectMeta o = Deals();
    for (const char* f : {"stage", "partner_id", "manager_id", "close_date"}) {
        EXPECT_EQ(
            IndexSql(o, f),
            fmt::format("CREATE INDEX obj_deal_{0} ON obj_deal ({0}, updated_at) WHERE deleted_at IS NULL", f)
        );
    }
    for (const char* f : {"name", "code", "amount", "tax_no"}) {
        EXPECT_EQ(
            IndexSql(o, f), fmt::format("CREATE INDEX obj_deal_{0} ON obj_deal ({0}) WHERE deleted_at IS NULL", f)
        );
    }
    for (const char* f : {"address", "phone", "email", "won", "tags", "remark", "id", "owner_id", "updated_at"})
        EXPECT_EQ(IndexSql(o, f), "") << f;
}

// The dashboards' covering indexes: the declared fields, then the data scope's columns, without
// the recycle bin; only for the object they are declared for and only when it has every field.
TEST(AggregateIndexFor, DeclaredFieldsThenTheScopeColumns) {
    ObjectMeta o = Deals();
    std::optional<IndexDefinition> index =
        AggregateIndexFor(o, {"deal", "pipeline", {"stage", "close_date", "amount"}});
    ASSERT_TRUE(index);
    EXPECT_EQ(index->name, "obj_deal__agg_pipeline");
    EXPECT_EQ(
        index->sql,
        "CREATE INDEX obj_deal__agg_pipeline ON obj_deal (stage, close_date, amount, owner_id, department_id, "
        "deleted_at) "
        "WHERE deleted_at IS NULL"
    );
    // One that leads with a scope column (a person's own records by their picklists) has it once.
    EXPECT_EQ(
        AggregateIndexFor(o, {"deal", "mine", {"owner_id", "stage"}})->sql,
        "CREATE INDEX obj_deal__agg_mine ON obj_deal (owner_id, stage, department_id, deleted_at) WHERE deleted_at "
        "IS NULL"
    );
    EXPECT_FALSE(AggregateIndexFor(o, {"lead", "pipeline", {"stage"}}));
    EXPECT_FALSE(AggregateIndexFor(o, {"deal", "pipeline", {"stage", "no_such_field"}}));
    EXPECT_FALSE(AggregateIndexFor(o, {"deal", "pipeline", {}}));
    EXPECT_THROW(AggregateIndexFor(o, {"deal", "Pipeline; DROP", {"stage"}}), std::logic_error);
}

class SchemaWriterDbTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = store::OpenSqliteDatabase(dir_.path() / "t.db", 1, 2000);
        store::Transaction tx = db_->Write();
        std::string columns;
        for (const FieldMeta& f : object_.fields) {
            if (!f.is_system) columns += ", " + f.column;
        }
        tx->ExecuteScript(
            "CREATE TABLE obj_deal (id INTEGER PRIMARY KEY, owner_id INTEGER, department_id INTEGER, created_by "
            "INTEGER, created_at TEXT NOT NULL, updated_by INTEGER, updated_at TEXT NOT NULL, version INTEGER NOT NULL "
            "DEFAULT 1, deleted_at TEXT" +
            columns + ")"
        );
        tx.Commit();
    }
    std::map<std::string, std::string> Indexes() {
        store::Reader r = db_->Read();
        std::map<std::string, std::string> out;
        for (const store::Row& row : r->Query(
                 "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obj_deal' AND sql NOT NULL"
             )) {
            out[row.Text(0)] = row.Text(1);
        }
        return out;
    }
    IndexChanges Sync(const std::vector<AggregateIndex>& aggregates = {}) {
        store::Transaction tx = db_->Write();
        IndexChanges changes = SyncObjectIndexes(*tx, object_, aggregates);
        tx.Commit();
        return changes;
    }

    test_support::TempDir dir_{"xieli-schema"};
    std::unique_ptr<store::Database> db_;
    ObjectMeta object_ = Deals();
};

TEST_F(SchemaWriterDbTest, AnOldTableIsBroughtToTheRuleOnceAndOthersIndexesAreKept) {
    {
        // The rule before: one single-column index per sortable field, free text included.
        store::Transaction tx = db_->Write();
        tx->ExecuteScript(
            "CREATE INDEX obj_deal_owner ON obj_deal (owner_id, updated_at, created_at, deleted_at);"
            "CREATE INDEX obj_deal_department ON obj_deal (department_id);"
            "CREATE INDEX obj_deal_stage ON obj_deal (stage) WHERE deleted_at IS NULL;"
            "CREATE INDEX obj_deal_address ON obj_deal (address) WHERE deleted_at IS NULL;"
            "CREATE INDEX obj_deal_name ON obj_deal (name) WHERE deleted_at IS NULL;"
            "CREATE INDEX by_hand ON obj_deal (remark);"
            "CREATE INDEX obj_deal_by_hand ON obj_deal (email, phone);"
        );
        tx.Commit();
    }
    IndexChanges first = Sync();
    EXPECT_EQ(first.dropped, std::vector<std::string>{"obj_deal_address"});
    std::map<std::string, std::string> indexes = Indexes();
    EXPECT_EQ(indexes.at("obj_deal_stage"), IndexSql(object_, "stage"));
    EXPECT_EQ(
        indexes.at("obj_deal_department"), "CREATE INDEX obj_deal_department ON obj_deal (department_id, updated_at)"
    );
    EXPECT_TRUE(indexes.count("by_hand") && indexes.count("obj_deal_by_hand")) << "not ours: left alone";
    for (const IndexDefinition& wanted : ObjectIndexes(object_)) EXPECT_EQ(indexes[wanted.name], wanted.sql);
    // Unchanged ones are not rebuilt.
    EXPECT_EQ(std::count(first.created.begin(), first.created.end(), "obj_deal_owner"), 0);
    EXPECT_EQ(std::count(first.created.begin(), first.created.end(), "obj_deal_name"), 0);

    IndexChanges again = Sync();
    EXPECT_TRUE(again.created.empty());
    EXPECT_TRUE(again.dropped.empty());
}

// Not a timing: the shape of the plan. A filter on a picklist plus the default sort walks the
// field's index in list order and stops after a page, with no sort of all the matches.
TEST_F(SchemaWriterDbTest, AFilteredListWalksOneIndexInOrder) {
    Sync();
    AccessContext admin;
    admin.user_id = 1;
    admin.is_admin = true;
    QueryRequest req;
    req.filter = json::parse(R"({"field": "stage", "op": "eq", "value": "won"})");
    req.limit = 50;
    CompiledQuery q = CompileQuery(object_, admin, req, TimePoint{});
    store::Reader r = db_->Read();
    std::string plan;
    for (const store::Row& row : r->Query("EXPLAIN QUERY PLAN " + q.sql, store::Params(q.params)))
        plan += row.Text(3) + "\n";
    EXPECT_NE(plan.find("USING INDEX obj_deal_stage"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

TEST_F(SchemaWriterDbTest, AggregateIndexesComeAndGoWithTheirDeclaration) {
    std::vector<AggregateIndex> declared{{"deal", "pipeline", {"stage", "close_date", "amount"}}};
    IndexChanges first = Sync(declared);
    EXPECT_EQ(std::count(first.created.begin(), first.created.end(), "obj_deal__agg_pipeline"), 1);
    EXPECT_EQ(Indexes().at("obj_deal__agg_pipeline"), AggregateIndexFor(object_, declared[0])->sql);
    EXPECT_TRUE(Sync(declared).created.empty()) << "unchanged: not rebuilt";

    declared[0].fields = {"stage", "amount"};
    IndexChanges changed = Sync(declared);
    EXPECT_EQ(changed.created, std::vector<std::string>{"obj_deal__agg_pipeline"});
    EXPECT_EQ(Indexes().at("obj_deal__agg_pipeline"), AggregateIndexFor(object_, declared[0])->sql);

    IndexChanges gone = Sync();
    EXPECT_EQ(gone.dropped, std::vector<std::string>{"obj_deal__agg_pipeline"});
    EXPECT_EQ(Indexes().count("obj_deal__agg_pipeline"), 0u);
}

// Not a timing: the shape of the plan. An aggregate of the declared fields, for someone who sees a
// department tree, reads the covering index alone — never the table; so does a count of the
// records created in a period (the system index on created_at carries the scope columns).
TEST_F(SchemaWriterDbTest, ADashboardAggregateReadsOnlyAnIndex) {
    Sync({{"deal", "pipeline", {"stage", "close_date", "amount"}}});
    AccessContext manager;
    manager.user_id = 5;
    manager.subordinate_ids = {6, 7};
    manager.department_ids = {2};
    manager.department_tree_ids = {2, 3};
    manager.permissions = json::parse(R"({"objects": {"deal": {"read": "department_tree"}}})").as_object();
    AccessContext own;
    own.user_id = 6;
    own.permissions = json::parse(R"({"objects": {"deal": {"read": "self"}}})").as_object();
    auto plan = [&](const std::string& filter, const std::string& select, const AccessContext& who) {
        QueryRequest req;
        req.filter = json::parse(filter);
        CompiledQuery q = CompileQuery(object_, who, req, TimePoint{});
        store::Reader r = db_->Read();
        std::string out;
        for (const store::Row& row : r->Query(
                 fmt::format("EXPLAIN QUERY PLAN SELECT {} FROM obj_deal t WHERE {}", select, q.where_sql),
                 store::Params(q.where_params)
             ))
            out += row.Text(3) + "\n";
        return out;
    };
    std::string by_stage =
        plan(R"({"field": "stage", "op": "eq", "value": "won"})", "COUNT(*), SUM(t.amount)", manager);
    EXPECT_NE(by_stage.find("COVERING INDEX obj_deal__agg_pipeline"), std::string::npos) << by_stage;
    AccessContext admin;
    admin.user_id = 1;
    admin.is_admin = true;
    std::string created = plan(R"({"field": "created_at", "op": "this_month"})", "COUNT(*)", admin);
    EXPECT_NE(created.find("COVERING INDEX obj_deal_created"), std::string::npos) << created;
    std::string own_created = plan(R"({"field": "created_at", "op": "this_month"})", "COUNT(*)", own);
    EXPECT_NE(own_created.find("COVERING INDEX"), std::string::npos) << own_created;
}

}  // namespace
}  // namespace xieli::records
