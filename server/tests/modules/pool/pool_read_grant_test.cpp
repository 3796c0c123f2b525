// The pool's read grant (records::ReadGrant "pool"): registered, it is loaded with every caller
// from their departments, and it puts the pool's ownerless customers in the read scope.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "common/clock.h"
#include "common/crypto.h"
#include "modules/auth/auth_service.h"
#include "modules/pool/pool_access.h"
#include "records/access.h"
#include "store/store.h"

namespace xieli::pool {
namespace {

class PoolReadGrantTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        crypto::Init();
        RegisterPoolReadGrant();
    }
    void SetUp() override {
        dir_ =
            std::filesystem::temp_directory_path() / ("xieli-pool-grant-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        store_ = std::make_unique<store::Store>(store::StoreOptions{dir_, 2, 2000});
        store_->Open();
        auth_ = std::make_unique<auth::AuthService>(*store_, clock_, auth::AuthOptions{});
        created_ = auth_->CreateEnterprise({"公海测试公司", "管理员", "13900000001", "", "Passw0rd2026"});
        db_ = &store_->Tenant(created_.tenant_id);
    }
    void TearDown() override {
        auth_.reset();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    std::filesystem::path dir_;
    ManualClock clock_{TimePoint(std::chrono::seconds(1795000000))};  // 2026-11-17
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<auth::AuthService> auth_;
    auth::CreatedEnterprise created_;
    store::Database* db_ = nullptr;
};

TEST_F(PoolReadGrantTest, LoadedWithTheCallerFromTheirDepartments) {
    {
        store::Reader r = db_->Read();
        records::AccessContext a = records::LoadAccessContext(*r, created_.admin_user_id);
        EXPECT_EQ(PoolsOf(a), std::vector<int64_t>{1});  // the pool every enterprise starts with, open to all
    }
    {
        store::Transaction tx = db_->Write();
        tx->Execute("UPDATE pools SET enabled = 0");
        tx.Commit();
    }
    store::Reader r = db_->Read();
    records::AccessContext a = records::LoadAccessContext(*r, created_.admin_user_id);
    EXPECT_TRUE(PoolsOf(a).empty());
    EXPECT_TRUE(a.granted.empty());  // a grant without ids is not carried
}

TEST_F(PoolReadGrantTest, OpensOwnerlessCustomersOfThePoolForReadingOnly) {
    records::AccessContext a;
    a.user_id = 5;
    a.permissions = json::parse(R"({"objects":{"customer":{"read":"self","update":"self"},"contact":{"read":"self"}}})")
                        .as_object();
    a.granted.push_back({std::make_shared<const records::ReadGrant>(PoolReadGrant()), {1, 3}});
    records::SqlFragment read = records::ScopePredicate(a, "customer", "t", records::Action::kRead);
    EXPECT_EQ(read.sql, "(t.owner_id IN (?) OR (t.owner_id IS NULL AND t.pool_id IN (?, ?)))");
    ASSERT_EQ(read.params.size(), 3u);
    EXPECT_EQ(read.params[2].AsInt(), 3);
    EXPECT_EQ(records::ScopePredicate(a, "customer", "t", records::Action::kUpdate).sql, "(t.owner_id IN (?))");
    EXPECT_EQ(records::ScopePredicate(a, "contact", "t", records::Action::kRead).sql, "(t.owner_id IN (?))");
}

}  // namespace
}  // namespace xieli::pool
