#include "store/store.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "store/client_errors.h"
#include "store/database_error.h"
#include "store/migrations.h"
#include "support/temp_dir.h"

namespace xieli::store {
namespace {

std::set<std::string> Tables(Database& db) {
    std::set<std::string> out;
    Reader r = db.Read();
    for (const Row& row : r->Query("SELECT name FROM sqlite_schema WHERE type = 'table'")) out.insert(row.Text(0));
    return out;
}

bool PrivateToOwner(const std::filesystem::path& p) {
    using std::filesystem::perms;
    return (std::filesystem::status(p).permissions() & (perms::group_all | perms::others_all)) == perms::none;
}

class StoreTest : public ::testing::Test {
protected:
    StoreOptions Options() {
        StoreOptions options;
        options.data_dir = dir_.path() / "data";
        options.readers_per_database = 2;
        return options;
    }

    test_support::TempDir dir_{"xieli-store"};
};

TEST_F(StoreTest, OpenCreatesTheLayoutAndSystemSchema) {
    Store store(Options());
    store.Open();
    std::filesystem::path data = dir_.path() / "data";
    EXPECT_TRUE(std::filesystem::is_regular_file(data / "system.db"));
    EXPECT_TRUE(std::filesystem::is_directory(data / "tenants"));
    EXPECT_TRUE(PrivateToOwner(data));
    EXPECT_TRUE(PrivateToOwner(data / "tenants"));
    EXPECT_TRUE(PrivateToOwner(data / "system.db"));

    std::set<std::string> tables = Tables(store.System());
    for (const char* t : {"schema_migrations", "tenants", "logins", "sessions", "signin_log"}) {
        EXPECT_TRUE(tables.contains(t)) << t;
    }
    EXPECT_THROW(store.Open(), DatabaseError);
}

TEST_F(StoreTest, SystemSchemaEnforcesItsKeys) {
    Store store(Options());
    store.Open();
    Transaction tx = store.System().Write();
    int64_t tenant = tx->QueryValue(
                           "INSERT INTO tenants (code, name, created_at) VALUES (?, ?, ?) RETURNING id",
                           {"acme", "示例科技", "2024-05-01T08:30:00Z"}
    )
                         ->AsInt();
    auto login = [&](int64_t user_id, Value phone, Value email) {
        tx->Execute(
            "INSERT INTO logins (tenant_id, user_id, phone, email, password_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'h', '2024-05-01T08:30:00Z', '2024-05-01T08:30:00Z')",
            {tenant, user_id, phone, email}
        );
    };
    login(1, "13800000000", nullptr);
    login(2, nullptr, nullptr);
    login(3, nullptr, nullptr);  // several logins without phone or e-mail are fine
    try {
        login(4, "13800000000", nullptr);
        FAIL() << "duplicate phone accepted";
    } catch (const ConstraintError& e) {
        EXPECT_TRUE(e.IsDuplicate());
        EXPECT_NE(e.constraint().find("logins.phone"), std::string::npos) << e.constraint();
    }
    EXPECT_THROW(login(1, nullptr, "a@example.com"), ConstraintError);  // (tenant_id, user_id)
    EXPECT_THROW(
        tx->Execute("INSERT INTO logins (tenant_id, user_id, password_hash, created_at, updated_at) VALUES (999, 1, "
                    "'h', 'x', 'x')"),
        ConstraintError
    );
    EXPECT_EQ(tx->QueryValue("SELECT status FROM tenants WHERE id = ?", {tenant})->AsText(), "active");
}

TEST_F(StoreTest, CreateTenantMakesItsDatabase) {
    Store store(Options());
    store.Open();
    Database& db = store.CreateTenant(7);
    std::filesystem::path file = dir_.path() / "data" / "tenants" / "7.db";
    EXPECT_TRUE(std::filesystem::is_regular_file(file));
    EXPECT_TRUE(PrivateToOwner(file));
    std::set<std::string> tables = Tables(db);
    for (const char* t :
         {"schema_migrations", "departments", "users", "user_departments", "roles", "user_roles", "settings"}) {
        EXPECT_TRUE(tables.contains(t)) << t;
    }
    EXPECT_EQ(&store.Tenant(7), &db);
    EXPECT_THROW(store.CreateTenant(7), DatabaseError);
}

TEST_F(StoreTest, UnknownTenantIsNotFound) {
    Store store(Options());
    store.Open();
    for (int64_t id : {int64_t{42}, int64_t{0}, int64_t{-1}}) {
        try {
            store.Tenant(id);
            FAIL() << "tenant " << id << " was found";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kNotFound);
        }
    }
    // Asking did not create anything.
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "data" / "tenants" / "42.db"));
}

TEST_F(StoreTest, TenantDataSurvivesAReopen) {
    {
        Store store(Options());
        store.Open();
        Transaction tx = store.CreateTenant(3).Write();
        tx->Execute("INSERT INTO settings (key, value) VALUES (?, ?)", {"locale", "zh-CN"});
        tx.Commit();
    }
    Store store(Options());
    store.Open();
    Reader r = store.Tenant(3).Read();
    EXPECT_EQ(r->QueryValue("SELECT value FROM settings WHERE key = ?", {"locale"})->AsText(), "zh-CN");
    // Reopening applies nothing again: one row per tenant migration this build knows.
    EXPECT_EQ(
        r->QueryValue("SELECT count(*) FROM schema_migrations")->AsInt(),
        static_cast<int64_t>(MigrationsFor("tenant").size())
    );
}

TEST_F(StoreTest, TenantsAreSeparateDatabases) {
    Store store(Options());
    store.Open();
    {
        Transaction tx = store.CreateTenant(1).Write();
        tx->Execute("INSERT INTO settings (key, value) VALUES ('name', 'one')");
        tx.Commit();
    }
    store.CreateTenant(2);
    Reader r = store.Tenant(2).Read();
    EXPECT_EQ(r->QueryValue("SELECT count(*) FROM settings")->AsInt(), 0);
}

TEST_F(StoreTest, ConcurrentFirstOpensShareOneDatabase) {
    {
        Store store(Options());
        store.Open();
        store.CreateTenant(5);
    }
    Store store(Options());
    store.Open();
    std::vector<Database*> seen(8);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < seen.size(); ++i) {
        threads.emplace_back([&, i] {
            Database& db = store.Tenant(5);
            Reader r = db.Read();
            r->QueryValue("SELECT count(*) FROM users");
            seen[i] = &db;
        });
    }
    for (auto& t : threads) t.join();
    for (Database* db : seen) EXPECT_EQ(db, seen.front());
}

TEST_F(StoreTest, TotalStatsSumsOpenDatabases) {
    Store store(Options());
    store.Open();
    store.CreateTenant(1);
    store.CreateTenant(2);
    int open = 0;
    PoolStats total = store.TotalStats(&open);
    EXPECT_EQ(open, 3);
    EXPECT_EQ(total.readers_total, 6);
    EXPECT_EQ(total.readers_in_use, 0);
    EXPECT_GT(total.transactions, 0);
    {
        Reader r = store.Tenant(1).Read();
        EXPECT_EQ(store.TotalStats(nullptr).readers_in_use, 1);
    }
}

}  // namespace
}  // namespace xieli::store

namespace xieli::store {
namespace {

TEST(StoreClientErrors, DuplicatesAre409AndBusyIs503) {
    auto dup = ToClientError(ConstraintError("UNIQUE constraint failed: t.x", 2067, ConstraintKind::kUnique, "t.x"));
    ASSERT_TRUE(dup);
    EXPECT_EQ(ToHttpStatus(dup->code()), 409);
    auto busy = ToClientError(BusyError("database is locked", 5));
    ASSERT_TRUE(busy);
    EXPECT_EQ(ToHttpStatus(busy->code()), 503);
    EXPECT_GT(busy->retry_after(), 0);
    EXPECT_FALSE(ToClientError(ConstraintError("NOT NULL", 1299, ConstraintKind::kNotNull, "t.y")));
    EXPECT_FALSE(ToClientError(std::runtime_error("other")));
}

}  // namespace
}  // namespace xieli::store
