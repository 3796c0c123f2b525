// The pool's read grant (records::ReadGrant "pool"): registered, it is loaded with every caller
// from their departments, and it puts the pool's ownerless customers in the read scope.

#include <gtest/gtest.h>

#include <optional>

#include "common/clock.h"
#include "common/crypto.h"
#include "modules/auth/auth_service.h"
#include "modules/pool/pool_access.h"
#include "records/access.h"
#include "store/store.h"
#include "support/enterprise_store.h"

namespace xieli::pool {
namespace {

class PoolReadGrantTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        crypto::Init();
        RegisterPoolReadGrant();
    }
    void SetUp() override {
        env_.emplace(clock_, auth::EnterpriseOwner{"公海测试公司", "管理员", "13900000001", "", "Passw0rd2026"});
        store_ = &env_->store();
        auth_ = &env_->auth();
        created_ = env_->created();
        db_ = &store_->Tenant(created_.tenant_id);
    }
    void TearDown() override { env_.reset(); }

    ManualClock clock_{TimePoint(std::chrono::seconds(1795000000))};  // 2026-11-17
    std::optional<test_support::EnterpriseStore> env_;
    store::Store* store_ = nullptr;
    auth::AuthService* auth_ = nullptr;
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
