// The read scope as branches (records/access.h ScopeBranches) and the list compiled as a
// UNION of them (records/query_compiler.cpp): checked against the plain ORed predicate on a
// real SQLite table — same rows, same order, every page of a cursor walk, same capped count.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>

#include "common/crypto.h"
#include "records/access.h"
#include "records/query_compiler.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

ObjectMeta Customer() {
    return test_support::TestObject(
        "customer", "obj_customer", {{"name", FieldType::kText}, {"industry", FieldType::kText}}
    );
}

// The shape of the pool module's grant (modules/pool/pool_access.cpp), made here so the engine is
// tested without the module: customers without an owner in one of the granted pools.
std::shared_ptr<const ReadGrant> PoolLikeGrant() {
    return std::make_shared<const ReadGrant>(ReadGrant{
        .name = "test_pool",
        .object = "customer",
        .load = [](store::Connection&, const AccessContext&) { return std::vector<int64_t>{}; },
        .branch =
            [](std::string_view alias, const std::vector<int64_t>& ids) {
                SqlFragment f{
                    fmt::format("{0}.owner_id IS NULL AND {0}.pool_id IN ({1})", alias, Placeholders(ids.size())), {}};
                for (int64_t id : ids) f.params.emplace_back(id);
                return f;
            },
    });
}

// User 1 in department 10, reading customers of the department, collaborating on some, member of
// pool 1.
AccessContext Salesperson(const char* read_scope = "department") {
    AccessContext a;
    a.user_id = 1;
    a.department_ids = {10};
    a.department_tree_ids = {10};
    a.permissions = json::parse(fmt::format(R"({{"objects":{{"customer":{{"read":"{}"}}}}}})", read_scope)).as_object();
    a.collaborates_on.insert("customer");
    a.granted.push_back({PoolLikeGrant(), {1}});
    return a;
}

TimePoint Now() {
    return *ParseIsoTime("2026-11-24T08:00:00Z");
}

class ScopeBranchesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }

    void SetUp() override {
        store::SqliteOptions options;
        options.file = dir_.path() / "t.db";
        options.readers = 1;
        db_ = store::OpenSqliteDatabase(options);
        store::Transaction tx = db_->Write();
        tx->ExecuteScript(
            "CREATE TABLE obj_customer (id INTEGER PRIMARY KEY, owner_id INTEGER, department_id INTEGER, "
            "created_by INTEGER, created_at TEXT, updated_by INTEGER, updated_at TEXT, version INTEGER, "
            "deleted_at TEXT, name TEXT, industry TEXT, pool_id INTEGER);"
            "CREATE INDEX obj_customer_owner ON obj_customer(owner_id, updated_at);"
            "CREATE TABLE record_collaborators (object TEXT, record_id INTEGER, user_id INTEGER, can_edit INTEGER);"
        );
        // 400 records: owners 1–5 or none, departments 10/11, pools 1/2 for the ownerless, updated_at
        // with many ties (so the id decides), names with NULLs, some deleted; a deterministic mix.
        for (int64_t id = 1; id <= 400; ++id) {
            int64_t k = (id * 7919) % 101;
            store::Value owner = k % 6 == 0 ? store::Value() : store::Value(k % 6);
            store::Value pool = k % 6 == 0 ? store::Value(k % 2 + 1) : store::Value();
            store::Value name = k % 9 == 0 ? store::Value() : store::Value(fmt::format("n{:03}", k % 37));
            tx->Execute(
                "INSERT INTO obj_customer (id, owner_id, department_id, created_at, updated_at, version, deleted_at, "
                "name, industry, pool_id) VALUES (?, ?, ?, '2026-01-01T00:00:00Z', ?, 1, ?, ?, ?, ?)",
                {store::Value(id),
                 owner,
                 store::Value(10 + (k / 5) % 2),
                 store::Value(fmt::format("2026-02-{:02}T00:00:00Z", 1 + k % 13)),
                 id % 50 == 0 ? store::Value(std::string("2026-03-01T00:00:00Z")) : store::Value(),
                 name,
                 store::Value(std::string(k % 3 == 0 ? "it" : "retail")),
                 pool}
            );
            // Shared with user 1: some of another department's, some in a pool, some already his.
            if (id % 11 == 0) tx->Execute("INSERT INTO record_collaborators VALUES ('customer', ?, 1, 0)", {id});
        }
        tx.Commit();
    }

    std::vector<int64_t> Ids(const std::string& sql, const std::vector<store::Value>& params, size_t id_col = 0) {
        store::Reader r = db_->Read();
        std::vector<int64_t> out;
        for (const store::Row& row : r->Query(sql, store::Params(params))) out.push_back(row.Int(id_col));
        return out;
    }
    int64_t Number(const std::string& sql, const std::vector<store::Value>& params) {
        store::Reader r = db_->Read();
        return r->Query(sql, store::Params(params)).front().Int(0);
    }
    static size_t IdColumn(const CompiledQuery& q) {
        for (size_t i = 0; i < q.columns.size(); ++i) {
            if (q.columns[i]->name == "id") return i;
        }
        ADD_FAILURE() << "no id column";
        return 0;
    }

    // The rows the ORed predicate gives, in the list's order: what the branches must reproduce.
    std::vector<int64_t> Expected(const AccessContext& a, const std::string& filter_sql, const std::string& order) {
        SqlFragment scope = ScopePredicate(a, "customer", "t", Action::kRead);
        return Ids(
            fmt::format(
                "SELECT t.id FROM obj_customer t WHERE t.deleted_at IS NULL AND {} AND {} ORDER BY {}",
                scope.sql,
                filter_sql,
                order
            ),
            scope.params
        );
    }

    // Every page of a list, following next cursors (or offsets) to the end; read scope first
    // (CompiledQuery::scope_first_sql) when asked.
    std::vector<int64_t> Walk(const AccessContext& a, QueryRequest req, bool scope_first = false) {
        std::vector<int64_t> all;
        for (int page = 0; page < 1000; ++page) {
            store::Reader r = db_->Read();
            CompiledQuery q = CompileQuery(object_, a, req, Now(), &*r);
            if (scope_first && q.scope_first_sql.empty()) {
                ADD_FAILURE() << "no scope-first plan";
                return all;
            }
            store::Rows rows = scope_first ? r->Query(q.scope_first_sql, store::Params(q.scope_first_params))
                                           : r->Query(q.sql, store::Params(q.params));
            size_t shown = std::min(rows.size(), static_cast<size_t>(q.limit));
            for (size_t i = 0; i < shown; ++i) all.push_back(rows[i].Int(IdColumn(q)));
            if (rows.size() <= static_cast<size_t>(q.limit)) return all;
            req.cursor = NextCursor(q, rows[shown - 1]);
        }
        ADD_FAILURE() << "the walk did not end";
        return all;
    }

    test_support::TempDir dir_;
    std::unique_ptr<store::Database> db_;
    ObjectMeta object_ = Customer();
};

TEST_F(ScopeBranchesTest, OneBranchForAllNoneAndOwnRecordsOnly) {
    AccessContext admin;
    admin.is_admin = true;
    ASSERT_EQ(ScopeBranches(admin, "customer", "t", Action::kRead).size(), 1u);
    EXPECT_EQ(ScopeBranches(admin, "customer", "t", Action::kRead)[0].sql, "1 = 1");
    AccessContext nobody;
    ASSERT_EQ(ScopeBranches(nobody, "customer", "t", Action::kRead).size(), 1u);
    EXPECT_EQ(ScopeBranches(nobody, "customer", "t", Action::kRead)[0].sql, "1 = 0");

    AccessContext own = Salesperson("self");
    own.collaborates_on.clear();
    own.granted.clear();
    EXPECT_EQ(ScopeBranches(own, "customer", "t", Action::kRead).size(), 1u);
    // The grant opens customers only, and only for reading.
    AccessContext pooled = Salesperson("self");
    pooled.collaborates_on.clear();
    EXPECT_EQ(ScopeBranches(pooled, "customer", "t", Action::kRead).size(), 2u);
    EXPECT_EQ(ScopeBranches(pooled, "customer", "t", Action::kUpdate).size(), 1u);
    EXPECT_EQ(ScopeBranches(pooled, "contact", "t", Action::kRead).size(), 1u);  // no grant on contacts
    // Owner, department, shared, pool.
    EXPECT_EQ(ScopeBranches(Salesperson(), "customer", "t", Action::kRead).size(), 4u);
    // A team's records (owner_id IN several) stay one ORed branch.
    AccessContext lead = Salesperson();
    lead.subordinate_ids = {2};
    ASSERT_EQ(ScopeBranches(lead, "customer", "t", Action::kRead).size(), 1u);
    EXPECT_EQ(
        ScopeBranches(lead, "customer", "t", Action::kRead)[0].sql,
        ScopePredicate(lead, "customer", "t", Action::kRead).sql
    );
}

TEST_F(ScopeBranchesTest, BranchesTogetherAreTheScope) {
    for (const char* scope : {"self", "department"}) {
        AccessContext a = Salesperson(scope);
        std::vector<int64_t> expected = Expected(a, "1 = 1", "t.id");
        std::set<int64_t> united;
        size_t matches = 0;
        for (const SqlFragment& b : ScopeBranches(a, "customer", "t", Action::kRead)) {
            std::vector<int64_t> ids = Ids(
                fmt::format("SELECT t.id FROM obj_customer t WHERE t.deleted_at IS NULL AND {} ORDER BY t.id", b.sql),
                b.params
            );
            EXPECT_FALSE(ids.empty()) << scope << ": " << b.sql;  // the data exercises every branch
            united.insert(ids.begin(), ids.end());
            matches += ids.size();
        }
        EXPECT_EQ(std::vector<int64_t>(united.begin(), united.end()), expected) << scope;
        // Some records are in two branches (shared and his own): the lists below must show them once.
        EXPECT_GT(matches, united.size()) << scope;
    }
}

TEST_F(ScopeBranchesTest, PageIsAUnionOnlyForSeveralBranches) {
    AccessContext admin;
    admin.is_admin = true;
    EXPECT_EQ(CompileQuery(object_, admin, QueryRequest{}, Now()).sql.find("UNION"), std::string::npos);
    AccessContext own = Salesperson("self");
    own.collaborates_on.clear();
    own.granted.clear();
    EXPECT_EQ(CompileQuery(object_, own, QueryRequest{}, Now()).sql.find("UNION"), std::string::npos);
    CompiledQuery q = CompileQuery(object_, Salesperson(), QueryRequest{}, Now());
    EXPECT_NE(q.sql.find(") UNION SELECT * FROM ("), std::string::npos) << q.sql;
    EXPECT_NE(q.count_sql.find("MIN("), std::string::npos) << q.count_sql;
    // A keyword keeps the ORed scope, for which its plans are chosen.
    QueryRequest keyword;
    keyword.q = "华";
    // (the keyword's own condition may hold a UNION of its candidates; the split's is between pages)
    EXPECT_EQ(
        CompileQuery(object_, Salesperson(), keyword, Now()).sql.find(") UNION SELECT * FROM ("), std::string::npos
    );
    // The rows the aggregates group stay the plain predicate.
    EXPECT_EQ(q.where_sql.find("UNION"), std::string::npos);
}

TEST_F(ScopeBranchesTest, CursorWalkAcrossBranchesMatchesTheOredList) {
    struct Case {
        std::vector<SortKey> sort;
        const char* order;
    };
    const Case cases[] = {
        {{}, "t.updated_at DESC, t.id DESC"},
        {{{"updated_at", false}}, "t.updated_at ASC, t.id ASC"},
        {{{"name", false}}, "t.name ASC NULLS LAST, t.id ASC"},
        {{{"name", true}}, "t.name DESC NULLS LAST, t.id DESC"},
        {{{"id", true}}, "t.id DESC"},
        // Two keys page by offset.
        {{{"industry", false}, {"updated_at", true}}, "t.industry ASC NULLS LAST, t.updated_at DESC, t.id ASC"},
    };
    for (const char* scope : {"self", "department", "team"}) {
        AccessContext a = Salesperson(scope == std::string_view("team") ? "department" : scope);
        if (scope == std::string_view("team")) a.subordinate_ids = {2};  // one ORed branch, as before
        for (const Case& c : cases) {
            for (int limit : {3, 50}) {
                QueryRequest req;
                req.sort = c.sort;
                req.limit = limit;
                EXPECT_EQ(Walk(a, req), Expected(a, "1 = 1", c.order)) << scope << " " << c.order << " " << limit;
                req.filter = json::parse(R"({"field":"industry","op":"eq","value":"it"})");
                EXPECT_EQ(Walk(a, req), Expected(a, "t.industry = 'it'", c.order))
                    << scope << " " << c.order << " " << limit << " filtered";
            }
        }
    }
}

TEST_F(ScopeBranchesTest, ScopeFirstPagesAreTheOredListsPages) {
    struct Case {
        std::vector<SortKey> sort;
        const char* order;
    };
    const Case cases[] = {
        {{}, "t.updated_at DESC, t.id DESC"},
        {{{"name", false}}, "t.name ASC NULLS LAST, t.id ASC"},
        {{{"name", true}}, "t.name DESC NULLS LAST, t.id DESC"},
        {{{"id", false}}, "t.id ASC"},
        // Two keys page by offset.
        {{{"industry", false}, {"updated_at", true}}, "t.industry ASC NULLS LAST, t.updated_at DESC, t.id ASC"},
    };
    AccessContext lead = Salesperson();
    lead.subordinate_ids = {2};
    AccessContext own = Salesperson("self");
    own.collaborates_on.clear();
    own.granted.clear();  // one part: his own records
    for (const AccessContext& a : {Salesperson("self"), Salesperson(), lead, own}) {
        std::string who = fmt::format(
            "{} subordinates, scope {}", a.subordinate_ids.size(), ScopePredicate(a, "customer", "t", Action::kRead).sql
        );
        for (const Case& c : cases) {
            for (int limit : {1, 4, 50}) {
                QueryRequest req;
                req.sort = c.sort;
                req.limit = limit;
                EXPECT_EQ(Walk(a, req, true), Expected(a, "1 = 1", c.order)) << who << " " << c.order << " " << limit;
                req.filter = json::parse(R"({"field":"industry","op":"eq","value":"it"})");
                EXPECT_EQ(Walk(a, req, true), Expected(a, "t.industry = 'it'", c.order))
                    << who << " " << c.order << " " << limit << " filtered";
            }
        }
        // An explicit offset.
        QueryRequest req;
        req.limit = 10;
        req.offset = 17;
        CompiledQuery q = CompileQuery(object_, a, req, Now());
        std::vector<int64_t> page = Ids(q.scope_first_sql, q.scope_first_params, IdColumn(q));
        std::vector<int64_t> expected = Expected(a, "1 = 1", "t.updated_at DESC, t.id DESC");
        ASSERT_GT(expected.size(), 27u) << who;
        page.resize(10);
        EXPECT_EQ(page, std::vector<int64_t>(expected.begin() + 17, expected.begin() + 27)) << who;
    }
    // Unfiltered, each owner and department is a part walked in order; filtered, the IN parts unordered.
    QueryRequest plain;
    CompiledQuery unfiltered = CompileQuery(object_, lead, plain, Now());
    EXPECT_NE(
        unfiltered.scope_first_sql.find("WHERE t.deleted_at IS NULL AND t.owner_id = ? ORDER BY"), std::string::npos
    ) << unfiltered.scope_first_sql;
    EXPECT_EQ(unfiltered.scope_first_sql.find("+t.updated_at"), std::string::npos);
    plain.filter = json::parse(R"({"field":"industry","op":"eq","value":"it"})");
    CompiledQuery filtered = CompileQuery(object_, lead, plain, Now());
    EXPECT_NE(filtered.scope_first_sql.find("t.owner_id IN (?, ?)"), std::string::npos) << filtered.scope_first_sql;
    EXPECT_NE(filtered.scope_first_sql.find("+t.updated_at"), std::string::npos);
    // Everyone's or nobody's records have no scope to read first.
    AccessContext admin;
    admin.is_admin = true;
    EXPECT_TRUE(CompileQuery(object_, admin, QueryRequest{}, Now()).scope_first_sql.empty());
    EXPECT_TRUE(CompileQuery(object_, AccessContext{}, QueryRequest{}, Now()).scope_first_sql.empty());
}

TEST_F(ScopeBranchesTest, ExplicitOffsetSkipsAcrossBranches) {
    AccessContext a = Salesperson();
    std::vector<int64_t> expected = Expected(a, "1 = 1", "t.updated_at DESC, t.id DESC");
    ASSERT_GT(expected.size(), 30u);
    QueryRequest req;
    req.limit = 10;
    req.offset = 17;
    CompiledQuery q = CompileQuery(object_, a, req, Now());
    std::vector<int64_t> page = Ids(q.sql, q.params, IdColumn(q));
    page.resize(10);
    EXPECT_EQ(page, std::vector<int64_t>(expected.begin() + 17, expected.begin() + 27));
}

TEST_F(ScopeBranchesTest, CountSplitsATeamsScopeThatItsPageKeepsOred) {
    AccessContext lead = Salesperson();
    lead.subordinate_ids = {2};
    // Own and subordinates', department, shared, pool.
    std::vector<SqlFragment> parts = ScopeCountBranches(lead, "customer", "t", Action::kRead);
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[0].sql, "t.owner_id IN (?, ?)");
    EXPECT_EQ(parts[1].sql, "t.department_id IN (?)");
    CompiledQuery q = CompileQuery(object_, lead, QueryRequest{}, Now());
    EXPECT_EQ(q.sql.find("UNION"), std::string::npos) << q.sql;
    EXPECT_NE(q.count_sql.find(" UNION SELECT * FROM ("), std::string::npos) << q.count_sql;
    AccessContext admin;
    admin.is_admin = true;
    ASSERT_EQ(ScopeCountBranches(admin, "customer", "t", Action::kRead).size(), 1u);
    EXPECT_EQ(ScopeCountBranches(admin, "customer", "t", Action::kRead)[0].sql, "1 = 1");
    // A keyword's count keeps the ORed scope its plans are chosen for.
    QueryRequest keyword;
    keyword.q = "n01";
    EXPECT_EQ(CompileQuery(object_, lead, keyword, Now()).count_sql.find("MIN("), std::string::npos);
}

TEST_F(ScopeBranchesTest, CappedCountAddsTheBranches) {
    AccessContext lead = Salesperson();
    lead.subordinate_ids = {2};  // the count splits his scope too
    for (const AccessContext& a : {Salesperson(), lead}) {
        std::string who = a.subordinate_ids.empty() ? "salesperson" : "lead";
        int64_t all = static_cast<int64_t>(Expected(a, "1 = 1", "t.id").size());
        int64_t it = static_cast<int64_t>(Expected(a, "t.industry = 'it'", "t.id").size());
        ASSERT_GT(all, 40) << who;
        for (int64_t cap : {int64_t{1000}, int64_t{40}, all - 1, all, int64_t{3}}) {
            QueryRequest req;
            req.total_cap = cap;
            CompiledQuery q = CompileQuery(object_, a, req, Now());
            EXPECT_EQ(Number(q.count_sql, q.count_params), std::min(all, cap + 1)) << who << " " << cap;
            req.filter = json::parse(R"({"field":"industry","op":"eq","value":"it"})");
            q = CompileQuery(object_, a, req, Now());
            EXPECT_EQ(Number(q.count_sql, q.count_params), std::min(it, cap + 1)) << who << " " << cap << " filtered";
        }
    }
    AccessContext a = Salesperson();
    int64_t all = static_cast<int64_t>(Expected(a, "1 = 1", "t.id").size());
    // Uncapped (exports) counts exactly.
    QueryRequest exact;
    exact.total_cap = 0;
    CompiledQuery q = CompileQuery(object_, a, exact, Now());
    EXPECT_EQ(Number(q.count_sql, q.count_params), all);
}

}  // namespace
}  // namespace xieli::records
