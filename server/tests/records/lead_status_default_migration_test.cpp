// Tenant migration 0032_lead_status_default: a new lead starts as 未处理 (lead_status "new") through
// the status field's metadata default. Enterprises registered now get it from the standard object
// definition; the migration gives it to those registered before, unless an administrator already
// chose a default or switched "new" off.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/crypto.h"
#include "records/standard_objects.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace xieli::records {
namespace {

constexpr int kDefaultMigration = 32;

std::vector<store::Migration> TenantMigrationsBefore(int version) {
    std::vector<store::Migration> all = store::MigrationsFor("tenant");
    std::erase_if(all, [&](const store::Migration& m) { return m.version >= version; });
    return all;
}

class LeadStatusDefaultMigration : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        db_ = store::OpenSqliteDatabase(dir_.path() / "tenant.db", 2, 5000);
        ASSERT_GT(store::ApplyMigrations(*db_, TenantMigrationsBefore(kDefaultMigration)), 0);
        store::Transaction tx = db_->Write();
        SyncStandardObjects(*tx, *ParseIsoTime("2026-01-05T08:00:00Z"));
        tx.Commit();
    }
    void Run(const std::string& sql) {
        store::Transaction tx = db_->Write();
        tx->ExecuteScript(sql);
        tx.Commit();
    }
    void Upgrade() { store::ApplyMigrations(*db_, store::MigrationsFor("tenant")); }
    store::Value Default() {
        store::Reader r = db_->Read();
        return *r->QueryValue("SELECT default_value FROM meta_fields WHERE object = 'lead' AND name = 'status'");
    }

    test_support::TempDir dir_{"xieli-lead-status-default"};
    std::unique_ptr<store::Database> db_;
};

TEST_F(LeadStatusDefaultMigration, NewEnterprisesHaveItFromTheDefinition) {
    EXPECT_EQ(Default().AsText(), R"("new")");
}

TEST_F(LeadStatusDefaultMigration, AnEnterpriseRegisteredBeforeGetsIt) {
    Run("UPDATE meta_fields SET default_value = NULL WHERE object = 'lead' AND name = 'status'");
    ASSERT_TRUE(Default().IsNull());
    Upgrade();
    EXPECT_EQ(Default().AsText(), R"("new")");
}

TEST_F(LeadStatusDefaultMigration, AnAdministratorsChoiceIsLeftAlone) {
    Run("UPDATE meta_fields SET default_value = '\"contacted\"' WHERE object = 'lead' AND name = 'status'");
    Upgrade();
    EXPECT_EQ(Default().AsText(), R"("contacted")");
}

TEST_F(LeadStatusDefaultMigration, NothingWhenNewWasSwitchedOff) {
    Run("UPDATE meta_fields SET default_value = NULL WHERE object = 'lead' AND name = 'status';"
        "UPDATE picklist_options SET disabled = 1 WHERE picklist = 'lead_status' AND value = 'new'");
    Upgrade();
    EXPECT_TRUE(Default().IsNull());
}

}  // namespace
}  // namespace xieli::records
