#include "store/sqlite/sqlite_database.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/database_error.h"
#include "support/temp_dir.h"

namespace xieli::store {
namespace {

using namespace std::chrono_literals;

// A fresh directory per test, removed afterwards.
// Polls until `done` holds; a condition that never comes true fails the test instead of hanging it.
template <typename F>
bool Eventually(F done) {
    for (int i = 0; i < 500; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

class SqliteDatabaseTest : public ::testing::Test {
protected:
    void SetUp() override { db_ = Open(); }

    std::unique_ptr<Database> Open(int readers = 2, int busy_timeout_ms = 5000, size_t statement_cache = 128) {
        SqliteOptions options;
        options.file = dir_.path() / "test.db";
        options.readers = readers;
        options.busy_timeout_ms = busy_timeout_ms;
        options.statement_cache_size = statement_cache;
        return OpenSqliteDatabase(options);
    }

    void Exec(std::string_view script) {
        Transaction tx = db_->Write();
        tx->ExecuteScript(script);
        tx.Commit();
    }

    int64_t Count(std::string_view table) {
        Reader r = db_->Read();
        return r->QueryValue("SELECT count(*) FROM " + std::string(table))->AsInt();
    }

    test_support::TempDir dir_{"xieli-sqlite"};
    std::unique_ptr<Database> db_;
};

TEST_F(SqliteDatabaseTest, EveryConnectionHasThePragmas) {
    {
        Transaction tx = db_->Write();
        EXPECT_EQ(tx->QueryValue("PRAGMA journal_mode")->AsText(), "wal");
        EXPECT_EQ(tx->QueryValue("PRAGMA synchronous")->AsInt(), 1);  // NORMAL
        EXPECT_EQ(tx->QueryValue("PRAGMA foreign_keys")->AsInt(), 1);
        EXPECT_EQ(tx->QueryValue("PRAGMA temp_store")->AsInt(), 2);  // MEMORY
        EXPECT_EQ(tx->QueryValue("PRAGMA busy_timeout")->AsInt(), 5000);
        EXPECT_EQ(tx->QueryValue("PRAGMA query_only")->AsInt(), 0);
        EXPECT_EQ(tx->dialect(), Dialect::kSqlite);
    }
    Reader r = db_->Read();
    EXPECT_EQ(r->QueryValue("PRAGMA journal_mode")->AsText(), "wal");
    EXPECT_EQ(r->QueryValue("PRAGMA foreign_keys")->AsInt(), 1);
    EXPECT_EQ(r->QueryValue("PRAGMA synchronous")->AsInt(), 1);
    EXPECT_EQ(r->QueryValue("PRAGMA query_only")->AsInt(), 1);
    EXPECT_LT(r->QueryValue("PRAGMA cache_size")->AsInt(), 0);  // negative: KiB, not pages
    EXPECT_GT(r->QueryValue("PRAGMA mmap_size")->AsInt(), 0);   // readers map the file
}

TEST_F(SqliteDatabaseTest, BulkWritesKeepMorePagesAndCheckpointLessUntilTheLastJobEnds) {
    auto writer_settings = [&] {
        Transaction tx = db_->Write();
        return std::make_pair(
            tx->QueryValue("PRAGMA cache_size")->AsInt(), tx->QueryValue("PRAGMA wal_autocheckpoint")->AsInt()
        );
    };
    SqliteOptions defaults;
    auto normal = std::make_pair(int64_t{-defaults.cache_size_kib}, int64_t{1000});
    auto bulk = std::make_pair(int64_t{-defaults.bulk_cache_size_kib}, int64_t{defaults.bulk_wal_autocheckpoint_pages});
    EXPECT_EQ(writer_settings(), normal);
    {
        BulkWriteScope first(*db_);
        EXPECT_EQ(writer_settings(), bulk);
        {
            BulkWriteScope second(*db_);
            EXPECT_EQ(writer_settings(), bulk);
        }
        EXPECT_EQ(writer_settings(), bulk) << "one job still runs";
        Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    }
    EXPECT_EQ(writer_settings(), normal);
    EXPECT_EQ(Count("t"), 1);
}

TEST_F(SqliteDatabaseTest, CreatesThePrivateFile) {
    auto perms = std::filesystem::status(dir_.path() / "test.db").permissions();
    EXPECT_EQ(
        perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all), std::filesystem::perms::none
    );
}

TEST_F(SqliteDatabaseTest, MissingFileIsRefusedWithoutCreate) {
    SqliteOptions options;
    options.file = dir_.path() / "absent.db";
    options.create = false;
    EXPECT_THROW(OpenSqliteDatabase(options), DatabaseError);
    EXPECT_FALSE(std::filesystem::exists(options.file));
}

TEST_F(SqliteDatabaseTest, ReaderRefusesWrites) {
    Exec("CREATE TABLE t (x INTEGER)");
    Reader r = db_->Read();
    EXPECT_THROW(r->Execute("INSERT INTO t VALUES (1)"), DatabaseError);
    EXPECT_THROW(r->ExecuteScript("DELETE FROM t"), DatabaseError);
}

TEST_F(SqliteDatabaseTest, RoundTripsEveryValueTypeAndNull) {
    Exec("CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, d REAL, s TEXT, n TEXT, b INTEGER)");
    const std::string chinese = "示例科技有限公司";
    const std::string with_nul("a\0b", 3);
    {
        Transaction tx = db_->Write();
        EXPECT_EQ(
            tx->Execute(
                "INSERT INTO v (i, d, s, n, b) VALUES (?, ?, ?, ?, ?)",
                {int64_t{9007199254740993}, 3.25, chinese, nullptr, true}
            ),
            1
        );
        std::vector<Value> params = {
            Value(-1), Value(-0.5), Value(with_nul), Value(std::optional<int>()), Value(false)};
        EXPECT_EQ(tx->Execute("INSERT INTO v (i, d, s, n, b) VALUES (?, ?, ?, ?, ?)", params), 1);
        EXPECT_EQ(tx->Execute("INSERT INTO v (i, d, s, n, b) VALUES (?, ?, ?, ?, ?)", {0, 0.0, "", "x", Value()}), 1);
        tx.Commit();
    }
    Reader r = db_->Read();
    Rows rows = r->Query("SELECT i, d, s, n, b FROM v ORDER BY id");
    ASSERT_EQ(rows.size(), 3u);
    ASSERT_EQ(rows.columns(), (std::vector<std::string>{"i", "d", "s", "n", "b"}));

    EXPECT_TRUE(rows[0]["i"].IsInt());
    EXPECT_EQ(rows[0].Int("i"), 9007199254740993);
    EXPECT_TRUE(rows[0][1].IsDouble());
    EXPECT_DOUBLE_EQ(rows[0].Double(1), 3.25);
    EXPECT_TRUE(rows[0][2].IsText());
    EXPECT_EQ(rows[0].Text("s"), chinese);
    EXPECT_TRUE(rows[0].IsNull("n"));
    EXPECT_TRUE(rows[0]["b"].AsBool());

    EXPECT_EQ(rows[1].Int(0), -1);
    EXPECT_DOUBLE_EQ(rows[1].Double(1), -0.5);
    EXPECT_EQ(rows[1].Text(2), with_nul);  // embedded NUL kept: lengths, not C strings
    EXPECT_TRUE(rows[1].IsNull(3));
    EXPECT_FALSE(rows[1]["b"].AsBool());

    // An empty string stays an empty string, not NULL.
    EXPECT_TRUE(rows[2][2].IsText());
    EXPECT_EQ(rows[2].Text(2), "");
    EXPECT_TRUE(rows[2].IsNull("b"));

    // Bound values compare in SQL the way they were written.
    EXPECT_EQ(r->QueryValue("SELECT count(*) FROM v WHERE s = ? AND n IS ?", {chinese, nullptr})->AsInt(), 1);
    EXPECT_FALSE(r->QueryValue("SELECT i FROM v WHERE id = ?", {999}).has_value());
}

TEST_F(SqliteDatabaseTest, UpdateAndDeleteReportChangedRows) {
    Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)");
    Transaction tx = db_->Write();
    for (int i = 0; i < 5; ++i) tx->Execute("INSERT INTO t (x) VALUES (?)", {i});
    EXPECT_EQ(tx->Execute("UPDATE t SET x = x + 10 WHERE x >= ?", {2}), 3);
    EXPECT_EQ(tx->Execute("UPDATE t SET x = 0 WHERE x = ?", {12345}), 0);
    EXPECT_EQ(tx->Execute("DELETE FROM t WHERE x < ?", {10}), 2);
    // DDL and reads report no changes, not the last DML's count.
    EXPECT_EQ(tx->Execute("CREATE TABLE u (y INTEGER)"), 0);
    EXPECT_EQ(tx->Execute("SELECT * FROM t"), 0);
    tx.Commit();
}

TEST_F(SqliteDatabaseTest, ReturningGivesTheNewId) {
    Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    Transaction tx = db_->Write();
    int64_t first = tx->Query("INSERT INTO t (name) VALUES (?) RETURNING id", {"a"}).front().Int(0);
    int64_t second = tx->QueryValue("INSERT INTO t (name) VALUES (?) RETURNING id", {"b"})->AsInt();
    EXPECT_EQ(second, first + 1);
    // Execute steps through RETURNING rows so the insert happens.
    EXPECT_EQ(tx->Execute("INSERT INTO t (name) VALUES (?) RETURNING id", {"c"}), 1);
    tx.Commit();
    EXPECT_EQ(Count("t"), 3);
}

TEST_F(SqliteDatabaseTest, CommitIsVisibleToReaders) {
    Exec("CREATE TABLE t (x INTEGER)");
    {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO t VALUES (?)", {1});
        tx.Commit();
    }
    EXPECT_EQ(Count("t"), 1);
    EXPECT_EQ(db_->Stats().transactions, 2);
    EXPECT_EQ(db_->Stats().rollbacks, 0);
}

TEST_F(SqliteDatabaseTest, DestroyedTransactionRollsBack) {
    Exec("CREATE TABLE t (x INTEGER)");
    {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO t VALUES (?)", {1});
    }
    EXPECT_EQ(Count("t"), 0);
    EXPECT_EQ(db_->Stats().rollbacks, 1);
    try {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO t VALUES (?)", {2});
        throw std::runtime_error("handler failed");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(Count("t"), 0);
    // The writer was released both times.
    Transaction tx = db_->Write();
    tx.Commit();
}

TEST_F(SqliteDatabaseTest, TransactionCanBeMoved) {
    Exec("CREATE TABLE t (x INTEGER)");
    auto begin = [&] {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO t VALUES (1)");
        return tx;
    };
    Transaction tx = begin();
    tx.Commit();
    EXPECT_EQ(Count("t"), 1);
}

TEST_F(SqliteDatabaseTest, UniqueViolationIsAConstraintError) {
    Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)");
    Transaction tx = db_->Write();
    tx->Execute("INSERT INTO t (code) VALUES (?)", {"KH-1"});
    try {
        tx->Execute("INSERT INTO t (code) VALUES (?)", {"KH-1"});
        FAIL() << "no exception";
    } catch (const ConstraintError& e) {
        EXPECT_EQ(e.kind(), ConstraintKind::kUnique);
        EXPECT_TRUE(e.IsDuplicate());
        EXPECT_EQ(e.constraint(), "UNIQUE constraint failed: t.code");
        // The statement may be logged; the bound value never is.
        EXPECT_EQ(std::string(e.what()).find("KH-1"), std::string::npos);
    }
    // The failed statement does not end the transaction: the first insert still commits.
    tx.Commit();
    EXPECT_EQ(Count("t"), 1);
}

TEST_F(SqliteDatabaseTest, OtherConstraintsHaveTheirKind) {
    Exec(
        "CREATE TABLE p (id INTEGER PRIMARY KEY);"
        "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id), n TEXT NOT NULL, "
        "  v INTEGER CHECK (v > 0));"
    );
    Transaction tx = db_->Write();
    auto kind_of = [&](std::string_view sql) -> std::optional<ConstraintKind> {
        try {
            tx->Execute(sql);
        } catch (const ConstraintError& e) {
            return e.kind();
        }
        return std::nullopt;
    };
    EXPECT_EQ(kind_of("INSERT INTO c (p_id, n, v) VALUES (42, 'x', 1)"), ConstraintKind::kForeignKey);
    EXPECT_EQ(kind_of("INSERT INTO c (n, v) VALUES (NULL, 1)"), ConstraintKind::kNotNull);
    EXPECT_EQ(kind_of("INSERT INTO c (n, v) VALUES ('x', 0)"), ConstraintKind::kCheck);
    tx->Execute("INSERT INTO p (id) VALUES (1)");
    EXPECT_EQ(kind_of("INSERT INTO p (id) VALUES (1)"), ConstraintKind::kPrimaryKey);
}

TEST_F(SqliteDatabaseTest, FailedCommitRollsBackAndReleasesTheWriter) {
    // A deferred foreign key is only checked at COMMIT, so COMMIT itself fails.
    Exec(
        "CREATE TABLE p (id INTEGER PRIMARY KEY);"
        "CREATE TABLE c (p_id INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);"
        "CREATE TABLE other (x INTEGER);"
    );
    {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO other VALUES (1)");
        tx->Execute("INSERT INTO c VALUES (99)");
        try {
            tx.Commit();
            FAIL() << "commit succeeded";
        } catch (const ConstraintError& e) {
            EXPECT_EQ(e.kind(), ConstraintKind::kForeignKey);
        }
        // Statements after the failed commit would autocommit; they are refused instead.
        EXPECT_THROW(tx->Execute("INSERT INTO other VALUES (2)"), DatabaseError);
    }
    EXPECT_EQ(Count("c"), 0);
    EXPECT_EQ(Count("other"), 0);

    // The writer is free again and works normally; another thread gets it without waiting.
    std::thread other([&] {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO other VALUES (3)");
        tx.Commit();
    });
    other.join();
    EXPECT_EQ(Count("other"), 1);
    EXPECT_EQ(db_->Stats().write_waits, 0);
}

TEST_F(SqliteDatabaseTest, ReadersSeeCommittedDataWhileAWriteIsOpen) {
    Exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
    Transaction tx = db_->Write();
    tx->Execute("INSERT INTO t VALUES (2)");
    EXPECT_EQ(tx->QueryValue("SELECT count(*) FROM t")->AsInt(), 2);  // the writer sees its own work
    {
        // WAL: the reader neither blocks nor sees uncommitted rows.
        auto started = std::chrono::steady_clock::now();
        EXPECT_EQ(Count("t"), 1);
        EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
    }
    tx.Commit();
    EXPECT_EQ(Count("t"), 2);
}

TEST_F(SqliteDatabaseTest, ConcurrentWritersSerialize) {
    Exec("CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0);");
    constexpr int kThreads = 4;
    constexpr int kIncrements = 200;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kIncrements; ++i) {
                try {
                    // Read-modify-write in C++: only correct if transactions never overlap.
                    Transaction tx = db_->Write();
                    int64_t n = tx->QueryValue("SELECT n FROM counter")->AsInt();
                    tx->Execute("UPDATE counter SET n = ?", {n + 1});
                    tx.Commit();
                    // Readers run beside the writers.
                    Reader r = db_->Read();
                    r->QueryValue("SELECT n FROM counter");
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    Reader r = db_->Read();
    EXPECT_EQ(r->QueryValue("SELECT n FROM counter")->AsInt(), kThreads * kIncrements);
    PoolStats stats = db_->Stats();
    EXPECT_EQ(stats.transactions, kThreads * kIncrements + 1);
    EXPECT_EQ(stats.rollbacks, 0);
    EXPECT_EQ(stats.readers_total, 2);
    EXPECT_EQ(stats.readers_in_use, 1);
}

TEST_F(SqliteDatabaseTest, NestedWriteOnOneThreadFailsInsteadOfHanging) {
    Transaction tx = db_->Write();
    EXPECT_THROW(db_->Write(), DatabaseError);
}

TEST_F(SqliteDatabaseTest, WriterWaitEndsWithBusyErrorAfterTheTimeout) {
    db_ = Open(2, 100);
    Transaction tx = db_->Write();
    std::thread other([&] { EXPECT_THROW(db_->Write(), BusyError); });
    other.join();
    EXPECT_EQ(db_->Stats().write_waits, 1);
}

TEST_F(SqliteDatabaseTest, ReaderPoolWaitsWhenExhausted) {
    std::optional<Reader> a(db_->Read());
    std::optional<Reader> b(db_->Read());
    EXPECT_EQ(db_->Stats().readers_in_use, 2);
    EXPECT_EQ(db_->Stats().reader_waits, 0);

    std::atomic<bool> got{false};
    std::thread waiter([&] {
        Reader c = db_->Read();
        EXPECT_EQ(c->QueryValue("SELECT 1")->AsInt(), 1);
        got = true;
    });
    ASSERT_TRUE(Eventually([&] { return db_->Stats().reader_waits == 1; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(got.load());
    a.reset();  // hands the connection to the waiter
    waiter.join();
    EXPECT_TRUE(got.load());
    b.reset();
    EXPECT_EQ(db_->Stats().readers_in_use, 0);
}

TEST_F(SqliteDatabaseTest, ReaderWaitEndsWithBusyErrorAfterTheTimeout) {
    db_ = Open(1, 100);
    Reader a = db_->Read();
    std::thread other([&] { EXPECT_THROW(db_->Read(), BusyError); });
    other.join();
}

TEST_F(SqliteDatabaseTest, ReaderLeftInATransactionIsResetOnRelease) {
    Exec("CREATE TABLE t (x INTEGER)");
    db_ = Open(1);
    {
        Reader r = db_->Read();
        r->Execute("BEGIN");
        EXPECT_EQ(r->QueryValue("SELECT count(*) FROM t")->AsInt(), 0);
    }
    {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO t VALUES (1)");
        tx.Commit();
    }
    // Had the snapshot stayed open, the same (only) reader would still see 0.
    EXPECT_EQ(Count("t"), 1);
}

TEST_F(SqliteDatabaseTest, QueryEachStreamsAndStops) {
    Exec(
        "CREATE TABLE t (x INTEGER);"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO t SELECT i FROM n;"
    );
    Reader r = db_->Read();
    int64_t sum = 0;
    r->QueryEach("SELECT x FROM t ORDER BY x", {}, [&](const Row& row) {
        EXPECT_EQ(row.columns().front(), "x");
        sum += row.Int("x");
        return true;
    });
    EXPECT_EQ(sum, 5050);

    int seen = 0;
    std::vector<Value> params = {Value(50)};
    r->QueryEach("SELECT x FROM t WHERE x > ? ORDER BY x", params, [&](const Row&) { return ++seen < 3; });
    EXPECT_EQ(seen, 3);
}

TEST_F(SqliteDatabaseTest, StoppedQueryDoesNotPinAnOldSnapshot) {
    Exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);");
    db_ = Open(1);
    {
        Reader r = db_->Read();
        r->QueryEach("SELECT x FROM t", {}, [](const Row&) { return false; });
        // The statement was reset, so this reader is not inside a read transaction any more.
    }
    {
        Transaction tx = db_->Write();
        tx->Execute("INSERT INTO t VALUES (3)");
        tx.Commit();
    }
    EXPECT_EQ(Count("t"), 3);
}

TEST_F(SqliteDatabaseTest, ExceptionInsideQueryEachLeavesTheConnectionUsable) {
    Exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
    Reader r = db_->Read();
    EXPECT_THROW(
        r->QueryEach("SELECT x FROM t", {}, [](const Row&) -> bool { throw std::runtime_error("stop"); }),
        std::runtime_error
    );
    EXPECT_EQ(r->QueryValue("SELECT x FROM t")->AsInt(), 1);
}

TEST_F(SqliteDatabaseTest, QueryWithinGivesUpPastItsWorkAndLeavesTheConnectionUsable) {
    // A count to 100 000 takes some hundreds of thousands of steps; to 10, a few dozen.
    const std::string sql =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT count(*) FROM n";
    Reader r = db_->Read();
    EXPECT_FALSE(r->QueryWithin(sql, std::vector<Value>{Value(100000)}, 20000).has_value());
    std::optional<Rows> small = r->QueryWithin(sql, std::vector<Value>{Value(10)}, 20000);
    ASSERT_TRUE(small.has_value());
    EXPECT_EQ(small->front().Int(0), 10);
    // Enough work allowed: the whole answer.
    std::optional<Rows> large = r->QueryWithin(sql, std::vector<Value>{Value(100000)}, 100'000'000);
    ASSERT_TRUE(large.has_value());
    EXPECT_EQ(large->front().Int(0), 100000);
    // The limit was for that query only: the same statement, asked plainly, runs to its end.
    EXPECT_EQ(r->Query(sql, {Value(100000)}).front().Int(0), 100000);

    // Inside a write transaction, a query that gives up leaves the transaction and its writes alone.
    Exec("CREATE TABLE t (x INTEGER)");
    Transaction tx = db_->Write();
    tx->Execute("INSERT INTO t VALUES (1)");
    EXPECT_FALSE(tx->QueryWithin(sql, std::vector<Value>{Value(100000)}, 20000).has_value());
    tx->Execute("INSERT INTO t VALUES (2)");
    tx.Commit();
    EXPECT_EQ(Count("t"), 2);
    // A query that fails for another reason still throws.
    EXPECT_THROW(r->QueryWithin("SELECT nothing FROM t", {}, 100000), DatabaseError);
}

TEST_F(SqliteDatabaseTest, SameStatementCanRunInsideItsOwnCallback) {
    Exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);");
    Reader r = db_->Read();
    const std::string sql = "SELECT x FROM t WHERE x >= ? ORDER BY x";
    std::vector<Value> params = {Value(1)};
    std::vector<int64_t> inner;
    r->QueryEach(sql, params, [&](const Row& row) {
        inner.push_back(r->Query(sql, {row.Int(0)}).size());
        return true;
    });
    EXPECT_EQ(inner, (std::vector<int64_t>{2, 1}));
}

TEST_F(SqliteDatabaseTest, StatementsAreCachedAndReused) {
    Exec("CREATE TABLE t (x INTEGER)");
    Transaction tx = db_->Write();
    auto& conn = dynamic_cast<SqliteConnection&>(*tx);
    StatementCacheStats before = conn.cache_stats();
    for (int i = 0; i < 10; ++i) tx->Execute("INSERT INTO t VALUES (?)", {i});
    StatementCacheStats after = conn.cache_stats();
    EXPECT_EQ(after.misses - before.misses, 1);
    EXPECT_EQ(after.hits - before.hits, 9);
    EXPECT_EQ(after.size, before.size + 1);
    // Bindings were cleared: a reused statement given too few values is an error, not a stale value.
    EXPECT_THROW(tx->Execute("INSERT INTO t VALUES (?)"), DatabaseError);
    tx.Commit();
    EXPECT_EQ(Count("t"), 10);
}

TEST_F(SqliteDatabaseTest, StatementCacheIsBounded) {
    db_ = Open(1, 5000, 4);
    Reader r = db_->Read();
    auto& conn = dynamic_cast<SqliteConnection&>(*r);
    for (int i = 0; i < 20; ++i) r->QueryValue("SELECT " + std::to_string(i));
    EXPECT_EQ(conn.cache_stats().size, 4u);
    // The most recently used survive.
    int64_t misses = conn.cache_stats().misses;
    r->QueryValue("SELECT 19");
    EXPECT_EQ(conn.cache_stats().misses, misses);
    r->QueryValue("SELECT 0");
    EXPECT_EQ(conn.cache_stats().misses, misses + 1);
}

TEST_F(SqliteDatabaseTest, RefusesMistakes) {
    Reader r = db_->Read();
    EXPECT_THROW(r->Query("SELECT 1; SELECT 2"), DatabaseError);  // only ExecuteScript runs several
    EXPECT_THROW(r->Query("SELECT ?", {1, 2}), DatabaseError);    // parameter count
    EXPECT_THROW(r->Query("SELEC 1"), DatabaseError);
    EXPECT_THROW(r->Query("SELECT \"no_such_column\""), DatabaseError);  // no double-quoted strings
    EXPECT_THROW(r->Query(""), DatabaseError);
    EXPECT_EQ(r->QueryValue("SELECT 1;  ")->AsInt(), 1);  // a trailing semicolon is fine
}

TEST_F(SqliteDatabaseTest, Fts5TrigramFindsChineseSubstrings) {
    Exec(
        "CREATE VIRTUAL TABLE search USING fts5(name, tokenize='trigram');"
        "INSERT INTO search (rowid, name) VALUES (1, '示例科技有限公司'), (2, '北京贸易公司'), (3, 'Acme Ltd');"
    );
    Reader r = db_->Read();
    // Three characters or more: the index answers MATCH and LIKE.
    EXPECT_EQ(r->QueryValue("SELECT rowid FROM search WHERE search MATCH ?", {"科技有"})->AsInt(), 1);
    EXPECT_EQ(r->QueryValue("SELECT rowid FROM search WHERE name LIKE ?", {"%科技有限%"})->AsInt(), 1);
    EXPECT_EQ(r->QueryValue("SELECT rowid FROM search WHERE search MATCH ?", {"acm"})->AsInt(), 3);
    // Two Chinese characters: MATCH cannot work (no trigram), and SQLite 3.40's trigram LIKE returns nothing
    // for a short multibyte pattern, so the records engine must compare outside the index. The unary + keeps
    // the LIKE from being handed to FTS5.
    EXPECT_EQ(r->QueryValue("SELECT rowid FROM search WHERE +name LIKE ?", {"%科技%"})->AsInt(), 1);
    EXPECT_EQ(r->QueryValue("SELECT rowid FROM search WHERE instr(name, ?) > 0", {"科技"})->AsInt(), 1);
}

}  // namespace
}  // namespace xieli::store
