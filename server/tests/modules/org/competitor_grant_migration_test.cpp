// Tenant migration 0031_competitor_grants: an enterprise registered before 竞争对手分析 existed has
// roles that say nothing about `opportunity_competitor`; opening it must give them the grant.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "modules/org/permissions.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace xieli::org {
namespace {

constexpr int kGrantMigration = 31;
constexpr std::string_view kObject = "opportunity_competitor";
constexpr const char* kCreatedAt = "2026-01-05T08:00:00Z";

std::vector<store::Migration> TenantMigrationsBefore(int version) {
    std::vector<store::Migration> all = store::MigrationsFor("tenant");
    std::erase_if(all, [&](const store::Migration& m) { return m.version >= version; });
    return all;
}

// What a role of this code was given when the enterprise registered, before the object existed.
json::object DefaultsWithoutTheObject(std::string_view code) {
    json::object perms = DefaultRolePermissions(code);
    perms["objects"].as_object().erase(kObject);
    return perms;
}

class CompetitorGrantMigration : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = store::OpenSqliteDatabase(dir_.path() / "tenant.db", 2, 5000);
        ASSERT_GT(store::ApplyMigrations(*db_, TenantMigrationsBefore(kGrantMigration)), 0);
    }

    void AddRole(const std::string& name, store::Value code, const std::string& permissions) {
        store::Transaction tx = db_->Write();
        tx->Execute(
            "INSERT INTO roles (code, name, permissions, is_system, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            {code, name, permissions, !code.IsNull(), std::string(kCreatedAt), std::string(kCreatedAt)}
        );
        tx.Commit();
    }
    void AddRole(const std::string& name, store::Value code, const json::object& permissions) {
        AddRole(name, std::move(code), json::serialize(permissions));
    }

    // The opening of the enterprise with this build.
    void Upgrade() { store::ApplyMigrations(*db_, store::MigrationsFor("tenant")); }

    std::string Column(const std::string& role, const std::string& column) {
        store::Reader r = db_->Read();
        return r->QueryValue("SELECT " + column + " FROM roles WHERE name = ?", {role})->AsText();
    }
    json::object Permissions(const std::string& role) { return json::parse(Column(role, "permissions")).as_object(); }
    // The role's entry for the object, or null when it has none.
    json::value Grant(const std::string& role) {
        json::object perms = Permissions(role);
        const json::value* grant = perms.at("objects").as_object().if_contains(kObject);
        return grant ? *grant : json::value();
    }

    test_support::TempDir dir_{"xieli-competitor-grant"};
    std::unique_ptr<store::Database> db_;
};

TEST_F(CompetitorGrantMigration, BuiltInRolesGetWhatTheirDefaultsGiveToday) {
    const std::vector<std::string> codes = {"admin", "sales_manager", "sales", "service", "finance"};
    for (const std::string& code : codes) AddRole("role " + code, code, DefaultsWithoutTheObject(code));
    Upgrade();
    for (const std::string& code : codes) {
        SCOPED_TRACE(code);
        json::value want = DefaultRolePermissions(code).at("objects").at(kObject);
        EXPECT_EQ(Grant("role " + code), want);
        // Nothing else in the role moved.
        json::object rest = Permissions("role " + code);
        rest["objects"].as_object().erase(kObject);
        EXPECT_EQ(rest, DefaultsWithoutTheObject(code));
        EXPECT_NE(Column("role " + code, "updated_at"), kCreatedAt);
    }
    // The salesperson of an old enterprise can now work the competitor analysis of their own deals.
    json::value sales = Grant("role sales");
    EXPECT_TRUE(sales.at("create").as_bool());
    EXPECT_EQ(sales.at("read").as_string(), "self");
}

TEST_F(CompetitorGrantMigration, CustomRoleGetsItsGrantOnDeals) {
    const char* deals =
        R"({"create":true,"read":"department","update":"self","delete":"none","import":false,"export":true,"transfer":false})";
    AddRole(
        "大客户专员",
        nullptr,
        R"({"objects":{"customer":{"read":"all"},"opportunity":)" + std::string(deals) + R"(},"fields":{}})"
    );
    AddRole("只看客户", nullptr, R"({"objects":{"customer":{"read":"all"}},"fields":{}})");
    AddRole("空角色", nullptr, "{}");
    Upgrade();
    EXPECT_EQ(Grant("大客户专员"), json::parse(deals));
    // No grant on deals: still nothing, and the row is untouched.
    EXPECT_TRUE(Grant("只看客户").is_null());
    EXPECT_EQ(Column("只看客户", "updated_at"), kCreatedAt);
    EXPECT_EQ(Column("空角色", "permissions"), "{}");
}

TEST_F(CompetitorGrantMigration, RoleAnAdminConfiguredIsLeftAlone) {
    // 刘洋's team lead took the right away from salespeople on purpose; a custom role was given more.
    json::object sales = DefaultsWithoutTheObject("sales");
    sales["objects"].as_object()[kObject] = json::parse(
        R"({"create":false,"read":"none","update":"none","delete":"none","import":false,"export":false,"transfer":false})"
    );
    AddRole("销售（受限）", "sales", sales);
    const std::string custom =
        R"({"objects":{"opportunity":{"read":"self"},"opportunity_competitor":{"read":"all","create":true}},"fields":{}})";
    AddRole("竞品分析员", nullptr, custom);
    const std::string before = Column("销售（受限）", "permissions");
    Upgrade();
    EXPECT_EQ(Column("销售（受限）", "permissions"), before);
    EXPECT_EQ(Column("销售（受限）", "updated_at"), kCreatedAt);
    EXPECT_EQ(Column("竞品分析员", "permissions"), custom);
}

TEST_F(CompetitorGrantMigration, RunningItAgainChangesNothing) {
    AddRole("role sales", "sales", DefaultsWithoutTheObject("sales"));
    AddRole("坏数据", nullptr, "not json");  // skipped, not a failed start-up
    Upgrade();
    const std::string once = Column("role sales", "permissions");
    std::vector<store::Migration> all = store::MigrationsFor("tenant");
    auto grant = std::find_if(all.begin(), all.end(), [](const auto& m) { return m.version == kGrantMigration; });
    ASSERT_NE(grant, all.end());
    EXPECT_EQ(grant->name, "0031_competitor_grants");
    {
        store::Transaction tx = db_->Write();
        tx->ExecuteScript(grant->sql);
        tx.Commit();
    }
    EXPECT_EQ(Column("role sales", "permissions"), once);
    EXPECT_EQ(Column("坏数据", "permissions"), "not json");
    EXPECT_EQ(store::ApplyMigrations(*db_, all), 0);
}

TEST_F(CompetitorGrantMigration, NewEnterpriseHasNoRolesYetAndIsUnaffected) {
    // A new enterprise runs every migration on an empty roles table and is then seeded with today's
    // defaults, which already carry the grant.
    Upgrade();
    store::Reader r = db_->Read();
    EXPECT_EQ(r->QueryValue("SELECT count(*) FROM roles")->AsInt(), 0);
    EXPECT_TRUE(DefaultRolePermissions("sales").at("objects").as_object().contains(kObject));
}

}  // namespace
}  // namespace xieli::org
