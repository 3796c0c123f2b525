#include "store/migrations.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/database_error.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace xieli::store {
namespace {

class MigrationsTest : public ::testing::Test {
protected:
    void SetUp() override { db_ = OpenSqliteDatabase(dir_.path() / "m.db", 2, 5000); }

    bool TableExists(const std::string& name) {
        Reader r = db_->Read();
        return r->QueryValue("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", {name})->AsInt() ==
               1;
    }

    std::vector<int64_t> AppliedVersions() {
        std::vector<int64_t> out;
        Reader r = db_->Read();
        for (const Row& row : r->Query("SELECT version FROM schema_migrations ORDER BY version"))
            out.push_back(row.Int(0));
        return out;
    }

    test_support::TempDir dir_{"xieli-migrations"};
    std::unique_ptr<Database> db_;
    std::vector<Migration> migrations_ = {
        {1, "0001_accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
        {2,
         "0002_contacts",
         "CREATE TABLE contacts (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts(id));\n"
         "CREATE INDEX contacts_account ON contacts (account_id);"},
    };
};

TEST_F(MigrationsTest, AppliesInOrderAndRecordsEach) {
    // Given out of order, applied by version: contacts references accounts.
    std::vector<Migration> reversed(migrations_.rbegin(), migrations_.rend());
    EXPECT_EQ(ApplyMigrations(*db_, reversed), 2);
    EXPECT_TRUE(TableExists("accounts"));
    EXPECT_TRUE(TableExists("contacts"));
    EXPECT_EQ(AppliedVersions(), (std::vector<int64_t>{1, 2}));

    Reader r = db_->Read();
    Rows rows = r->Query("SELECT name, checksum, applied_at FROM schema_migrations ORDER BY version");
    EXPECT_EQ(rows[0].Text("name"), "0001_accounts");
    EXPECT_EQ(rows[0].Text("checksum").size(), 64u);  // BLAKE2b-256 in hex
    EXPECT_NE(rows[0].Text("checksum"), rows[1].Text("checksum"));
    std::string at = rows[0].Text("applied_at");
    ASSERT_EQ(at.size(), 20u);  // 2024-05-01T08:30:00Z
    EXPECT_EQ(at[10], 'T');
    EXPECT_EQ(at.back(), 'Z');
}

TEST_F(MigrationsTest, SecondRunAppliesNothing) {
    EXPECT_EQ(ApplyMigrations(*db_, migrations_), 2);
    EXPECT_EQ(ApplyMigrations(*db_, migrations_), 0);
    // A reopened database too.
    db_ = OpenSqliteDatabase(dir_.path() / "m.db", 2, 5000);
    EXPECT_EQ(ApplyMigrations(*db_, migrations_), 0);
}

TEST_F(MigrationsTest, AppliesOnlyTheNewOnes) {
    EXPECT_EQ(ApplyMigrations(*db_, {migrations_[0]}), 1);
    EXPECT_EQ(ApplyMigrations(*db_, migrations_), 1);
    EXPECT_EQ(AppliedVersions(), (std::vector<int64_t>{1, 2}));
}

TEST_F(MigrationsTest, ChangedMigrationIsRefused) {
    ASSERT_EQ(ApplyMigrations(*db_, migrations_), 2);
    std::vector<Migration> edited = migrations_;
    edited[0].sql += "\n-- a harmless-looking edit";
    edited.push_back({3, "0003_more", "CREATE TABLE more (x INTEGER);"});
    try {
        ApplyMigrations(*db_, edited);
        FAIL() << "an edited migration was accepted";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("0001_accounts"), std::string::npos) << e.what();
    }
    // Refused before anything new ran.
    EXPECT_FALSE(TableExists("more"));
    EXPECT_EQ(AppliedVersions(), (std::vector<int64_t>{1, 2}));
}

TEST_F(MigrationsTest, ReusedVersionIsRefused) {
    ASSERT_EQ(ApplyMigrations(*db_, migrations_), 2);
    std::vector<Migration> renamed = migrations_;
    renamed[1].name = "0002_something_else";
    EXPECT_THROW(ApplyMigrations(*db_, renamed), DatabaseError);
}

TEST_F(MigrationsTest, FailingMigrationLeavesNoTrace) {
    std::vector<Migration> with_bad = migrations_;
    // The first statement succeeds, the second fails: the whole file must disappear.
    with_bad.push_back({3, "0003_broken", "CREATE TABLE half (x INTEGER);\nCREATE TABLE accounts (y INTEGER);"});
    with_bad.push_back({4, "0004_after", "CREATE TABLE after_broken (x INTEGER);"});
    try {
        ApplyMigrations(*db_, with_bad);
        FAIL() << "a broken migration was accepted";
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("0003_broken"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(TableExists("contacts"));  // earlier ones stay, each had its own transaction
    EXPECT_FALSE(TableExists("half"));
    EXPECT_FALSE(TableExists("after_broken"));
    EXPECT_EQ(AppliedVersions(), (std::vector<int64_t>{1, 2}));
    // The writer was released: the database is still usable.
    Transaction tx = db_->Write();
    tx->Execute("INSERT INTO accounts (name) VALUES (?)", {"x"});
    tx.Commit();
}

TEST_F(MigrationsTest, DuplicateVersionsAreRefused) {
    std::vector<Migration> twice = migrations_;
    twice.push_back({2, "0002_again", "SELECT 1;"});
    EXPECT_THROW(ApplyMigrations(*db_, twice), DatabaseError);
    EXPECT_FALSE(TableExists("accounts"));
}

TEST(MigrationsForTest, EmbeddedSetsParseAndOrder) {
    for (const std::string set : {"system", "tenant"}) {
        std::vector<Migration> list = MigrationsFor(set);
        ASSERT_FALSE(list.empty()) << set;
        EXPECT_EQ(list.front().version, 1) << set;
        EXPECT_EQ(list.front().name, "0001_init") << set;
        EXPECT_FALSE(list.front().sql.empty());
        for (size_t i = 1; i < list.size(); ++i) EXPECT_LT(list[i - 1].version, list[i].version);
    }
    EXPECT_TRUE(MigrationsFor("no_such_set").empty());
}

TEST(MigrationsForTest, EmbeddedMigrationsApplyToAFreshDatabase) {
    test_support::TempDir dir{"xieli-migrations"};
    for (const std::string set : {"system", "tenant"}) {
        auto db = OpenSqliteDatabase(dir.path() / (set + ".db"), 1, 5000);
        std::vector<Migration> list = MigrationsFor(set);
        EXPECT_EQ(ApplyMigrations(*db, list), static_cast<int>(list.size())) << set;
        EXPECT_EQ(ApplyMigrations(*db, list), 0) << set;
        Reader r = db->Read();
        EXPECT_TRUE(r->Query("PRAGMA foreign_key_check").empty()) << set;
    }
}

}  // namespace
}  // namespace xieli::store
