// The aggregate answer cache: kept answers are found only under the same tenant, statements,
// parameters and write counters; memory stays within its limits; and the counters it relies on
// move with every write of a counted table, whoever writes it (schema_writer.h).

#include "records/aggregate_cache.h"

#include <gtest/gtest.h>

#include <thread>

#include "records/schema_writer.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace xieli::records {
namespace {

std::shared_ptr<const AggregateRows> Answer(int64_t count) {
    auto rows = std::make_shared<AggregateRows>();
    rows->groups.push_back(AggregateGroup{{store::Value("proposal")}, {store::Value(count)}});
    rows->totals.push_back(store::Value(count));
    return rows;
}

int64_t CountOf(const std::shared_ptr<const AggregateRows>& rows) {
    return rows ? rows->totals.at(0).AsInt() : -1;
}

// Two tenants; the cache only compares their addresses.
const store::Database* const kTenantA = reinterpret_cast<const store::Database*>(0x1000);
const store::Database* const kTenantB = reinterpret_cast<const store::Database*>(0x2000);

TEST(AggregateCache, FindsWhatWasPutUnderTheSameCounters) {
    AggregateCache cache;
    EXPECT_EQ(cache.Find(kTenantA, "k", {3}), nullptr);
    cache.Put(kTenantA, "k", {3}, Answer(7));
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "k", {3})), 7);
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "k", {3})), 7);
    AggregateCacheStats s = cache.Stats();
    EXPECT_EQ(s.hits, 2);
    EXPECT_EQ(s.misses, 1);
    EXPECT_EQ(s.entries, 1u);
}

TEST(AggregateCache, AChangedCounterDropsTheAnswer) {
    AggregateCache cache;
    cache.Put(kTenantA, "k", {3, 10}, Answer(7));
    EXPECT_EQ(cache.Find(kTenantA, "k", {4, 10}), nullptr);  // the object's table was written
    EXPECT_EQ(cache.Stats().stale, 1);
    EXPECT_EQ(cache.Stats().entries, 0u);
    // Gone, not hidden: the old counters do not bring it back.
    EXPECT_EQ(cache.Find(kTenantA, "k", {3, 10}), nullptr);
    cache.Put(kTenantA, "k", {3, 11}, Answer(8));
    EXPECT_EQ(cache.Find(kTenantA, "k", {3, 10}), nullptr);  // a side table (collaborators) was written
    cache.Put(kTenantA, "k", {4, 11}, Answer(9));
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "k", {4, 11})), 9);
}

TEST(AggregateCache, TenantsNeverShareAnAnswer) {
    AggregateCache cache;
    cache.Put(kTenantA, "k", {1}, Answer(7));
    EXPECT_EQ(cache.Find(kTenantB, "k", {1}), nullptr);
    cache.Put(kTenantB, "k", {1}, Answer(5));
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "k", {1})), 7);
    EXPECT_EQ(CountOf(cache.Find(kTenantB, "k", {1})), 5);
}

TEST(AggregateCache, KeepsAtMostItsEntriesLeastRecentlyUsedFirstOut) {
    AggregateCache cache({.entries_per_tenant = 2});
    cache.Put(kTenantA, "a", {1}, Answer(1));
    cache.Put(kTenantA, "b", {1}, Answer(2));
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "a", {1})), 1);  // a is now the most recent
    cache.Put(kTenantA, "c", {1}, Answer(3));
    EXPECT_EQ(cache.Find(kTenantA, "b", {1}), nullptr);
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "a", {1})), 1);
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "c", {1})), 3);
    EXPECT_EQ(cache.Stats().entries, 2u);
    EXPECT_EQ(cache.Stats().evictions, 1);
    // Each tenant has its own room.
    cache.Put(kTenantB, "x", {1}, Answer(4));
    EXPECT_EQ(cache.Stats().entries, 3u);
}

TEST(AggregateCache, KeepsWithinItsBytes) {
    AggregateCacheLimits limits;
    limits.bytes_per_tenant = 4096;
    AggregateCache cache(limits);
    for (int i = 0; i < 200; ++i) {
        cache.Put(kTenantA, "key-" + std::to_string(i), {1}, Answer(i));
        ASSERT_LE(cache.Stats().bytes, limits.bytes_per_tenant);
    }
    EXPECT_GT(cache.Stats().entries, 1u);
    EXPECT_LT(cache.Stats().entries, 200u);
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "key-199", {1})), 199);  // the newest stays
    // An answer bigger than the whole room is not kept at all.
    auto big = std::make_shared<AggregateRows>();
    big->groups.resize(1000, AggregateGroup{{store::Value(std::string(100, 'x'))}, {store::Value(1)}});
    big->totals.push_back(store::Value(1));
    cache.Put(kTenantA, "big", {1}, big);
    EXPECT_EQ(cache.Find(kTenantA, "big", {1}), nullptr);
    EXPECT_EQ(CountOf(cache.Find(kTenantA, "key-199", {1})), 199);
}

TEST(AggregateCache, DropsTheLeastRecentlyUsedTenant) {
    AggregateCache cache({.tenants = 1});
    cache.Put(kTenantA, "k", {1}, Answer(1));
    cache.Put(kTenantB, "k", {1}, Answer(2));
    EXPECT_EQ(cache.Find(kTenantA, "k", {1}), nullptr);
    EXPECT_EQ(CountOf(cache.Find(kTenantB, "k", {1})), 2);
}

TEST(AggregateCache, SeveralThreadsAtOnce) {
    AggregateCache cache({.entries_per_tenant = 16});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 2000; ++i) {
                std::string key = "k" + std::to_string(i % 40);
                const store::Database* tenant = (i + t) % 2 ? kTenantA : kTenantB;
                auto found = cache.Find(tenant, key, {i % 3});
                if (found)
                    ASSERT_EQ(CountOf(found), i % 40);
                else
                    cache.Put(tenant, key, {i % 3}, Answer(i % 40));
            }
        });
    }
    for (std::thread& th : threads) th.join();
    AggregateCacheStats s = cache.Stats();
    EXPECT_EQ(s.hits + s.misses, 8000);
    EXPECT_LE(s.entries, 32u);
}

TEST(AggregateCacheKey, EveryParameterAndPieceCounts) {
    std::vector<store::Value> scope_liu{store::Value(int64_t{4}), store::Value("2026-11-01")};
    std::vector<store::Value> scope_sun{store::Value(int64_t{5}), store::Value("2026-11-01")};
    std::vector<std::string_view> sql{"obj_customer", "(t.owner_id IN (?)) AND t.created_at >= ?", "COUNT(*)"};
    std::string liu = AggregateCacheKey(sql, scope_liu);
    EXPECT_EQ(liu, AggregateCacheKey(sql, std::vector<store::Value>(scope_liu)));  // same SQL, same values
    EXPECT_NE(liu, AggregateCacheKey(sql, scope_sun));                             // another owner
    EXPECT_NE(liu, AggregateCacheKey(sql, std::vector<store::Value>{store::Value("4"), store::Value("2026-11-01")}));
    EXPECT_NE(liu, AggregateCacheKey(sql, std::vector<store::Value>{store::Value(4.0), store::Value("2026-11-01")}));
    EXPECT_NE(liu, AggregateCacheKey(sql, std::vector<store::Value>{store::Value(), store::Value("2026-11-01")}));
    EXPECT_NE(
        liu,
        AggregateCacheKey({"obj_customer", "(t.owner_id IN (?)) AND t.created_at >= ?", "COUNT(*)", "month"}, scope_liu)
    );
    // Where one piece ends matters: no two lists run together into the same key.
    EXPECT_NE(AggregateCacheKey({"ab", "c"}, {}), AggregateCacheKey({"a", "bc"}, {}));
    EXPECT_NE(
        AggregateCacheKey({"a"}, std::vector<store::Value>{store::Value("x"), store::Value("y")}),
        AggregateCacheKey({"a"}, std::vector<store::Value>{store::Value("xy")})
    );
}

TEST(TablesNamedIn, SubqueriesOfTheScopeAndFilters) {
    EXPECT_EQ(
        TablesNamedIn("(t.owner_id IN (?, ?) OR t.department_id IN (?)) AND t.deleted_at IS NULL"),
        std::vector<std::string>{}
    );
    EXPECT_EQ(
        TablesNamedIn("(t.owner_id IN (?) OR t.id IN (SELECT record_id FROM record_collaborators WHERE object = ? "
                      "AND user_id = ?)) AND t.deleted_at IS NULL"),
        std::vector<std::string>{"record_collaborators"}
    );
    EXPECT_EQ(
        TablesNamedIn("t.industry IN (WITH RECURSIVE sub(v) AS (SELECT ? UNION SELECT o.value FROM picklist_options o "
                      "JOIN sub ON o.parent = sub.v WHERE o.picklist = ?) SELECT v FROM sub)"),
        std::vector<std::string>{"picklist_options"}
    );
    EXPECT_EQ(
        TablesNamedIn("EXISTS (SELECT 1 FROM json_each(t.tags) WHERE json_each.value = ?)"), std::vector<std::string>{}
    );
    EXPECT_EQ(
        TablesNamedIn("t.id IN (SELECT rowid FROM obj_customer_fts WHERE obj_customer_fts MATCH ?)"),
        std::vector<std::string>{"obj_customer_fts"}
    );
    EXPECT_EQ(TablesNamedIn("t.id IN (SELECT x FROM (SELECT 1 AS x))"), std::nullopt);
    EXPECT_EQ(TablesNamedIn("t.from_city = ? AND t.joined_at > ?"), std::vector<std::string>{});
}

class WriteCounterTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = store::OpenSqliteDatabase(dir_.path() / "t.db", 1, 2000);
        store::Transaction tx = db_->Write();
        tx->ExecuteScript("CREATE TABLE obj_deal (id INTEGER PRIMARY KEY, amount INTEGER)");
        KeepWriteCounter(*tx, "obj_deal");
        KeepWriteCounter(*tx, "obj_deal");  // again: a no-op
        tx.Commit();
    }
    int64_t Writes() {
        store::Reader r = db_->Read();
        std::map<std::string, int64_t> c = WriteCounters(*r, {"obj_deal", "obj_other"});
        EXPECT_EQ(c.count("obj_other"), 0u);
        return c.at("obj_deal");
    }
    void Run(const char* sql) {
        store::Transaction tx = db_->Write();
        tx->ExecuteScript(sql);
        tx.Commit();
    }

    test_support::TempDir dir_{"xieli-aggcache"};
    std::unique_ptr<store::Database> db_;
};

TEST_F(WriteCounterTest, EveryRowWrittenByAnySqlCounts) {
    EXPECT_EQ(Writes(), 0);
    Run("INSERT INTO obj_deal (amount) VALUES (1), (2), (3)");
    EXPECT_EQ(Writes(), 3);
    Run("UPDATE obj_deal SET amount = amount + 1 WHERE id < 3");
    EXPECT_EQ(Writes(), 5);
    Run("UPDATE obj_deal SET amount = amount WHERE id = 99");  // no row: nothing changed
    EXPECT_EQ(Writes(), 5);
    Run("DELETE FROM obj_deal WHERE id = 3");
    EXPECT_EQ(Writes(), 6);
    Run("INSERT INTO obj_deal (id, amount) VALUES (1, 9) ON CONFLICT (id) DO UPDATE SET amount = excluded.amount");
    EXPECT_EQ(Writes(), 7);
}

TEST_F(WriteCounterTest, ARolledBackWriteLeavesTheCounter) {
    {
        store::Transaction tx = db_->Write();
        tx->ExecuteScript("INSERT INTO obj_deal (amount) VALUES (1)");
        // Not committed: the reader's snapshot has neither the row nor the new count.
        EXPECT_EQ(Writes(), 0);
    }
    EXPECT_EQ(Writes(), 0);
}

TEST_F(WriteCounterTest, ATableWithoutACounterHasNone) {
    Run("CREATE TABLE plain (id INTEGER PRIMARY KEY)");
    store::Reader r = db_->Read();
    EXPECT_TRUE(WriteCounters(*r, {"plain"}).empty());
}

}  // namespace
}  // namespace xieli::records
