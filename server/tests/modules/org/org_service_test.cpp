// The organization services against real databases (a temporary data directory), without HTTP.

#include <gtest/gtest.h>

#include <optional>

#include "common/crypto.h"
#include "common/error.h"
#include "modules/auth/auth_service.h"
#include "modules/org/department_service.h"
#include "modules/org/invitation_service.h"
#include "modules/org/org_repository.h"
#include "modules/org/user_service.h"
#include "store/store.h"
#include "support/enterprise_store.h"

namespace xieli::org {
namespace {

class OrgServiceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        env_.emplace(clock_, auth::EnterpriseOwner{"组织测试公司", "管理员", "13900000000", "", "Passw0rd2026"});
        store_ = &env_->store();
        auth_ = &env_->auth();
        created_ = env_->created();
        actor_ = Actor{created_.tenant_id, created_.admin_user_id, &store_->Tenant(created_.tenant_id)};
        users_ = std::make_unique<UserService>(*store_, *auth_, clock_);
    }
    void TearDown() override {
        users_.reset();
        env_.reset();
    }

    json::object NewUser(const std::string& phone, const std::string& password = "") {
        json::object body{
            {"name", "同事"}, {"phone", phone}, {"department_ids", json::array{created_.root_department_id}}};
        if (!password.empty()) body["password"] = password;
        return users_->Create(actor_, body);
    }
    store::Rows Login(int64_t user_id) {
        store::Reader r = store_->System().Read();
        return r->Query(
            "SELECT phone, email, status, must_change_password FROM logins WHERE tenant_id = ? AND user_id = ?",
            {created_.tenant_id, user_id}
        );
    }
    int64_t UserCount() {
        store::Reader r = actor_.Db().Read();
        return r->QueryValue("SELECT count(*) FROM users")->AsInt();
    }

    ManualClock clock_{*ParseIsoTime("2026-11-23T00:00:00Z")};
    std::optional<test_support::EnterpriseStore> env_;
    store::Store* store_ = nullptr;
    auth::AuthService* auth_ = nullptr;
    std::unique_ptr<UserService> users_;
    auth::CreatedEnterprise created_;
    Actor actor_;
};

TEST_F(OrgServiceTest, ACreatedUserHasAProfileAndASignInIdentity) {
    json::object u = NewUser("13900000001");
    EXPECT_EQ(u.at("status").as_string(), "pending");
    store::Rows login = Login(u.at("id").as_int64());
    ASSERT_EQ(login.size(), 1u);
    EXPECT_EQ(login.front().Text(0), "13900000001");
    EXPECT_EQ(login.front().Text(2), "active");
    EXPECT_EQ(login.front().Int(3), 1);

    json::object chosen = NewUser("13900000002", "Chosen2026x");
    EXPECT_EQ(chosen.at("status").as_string(), "active");
    EXPECT_EQ(Login(chosen.at("id").as_int64()).front().Int(3), 0);
}

TEST_F(OrgServiceTest, WhenTheSignInIdentityCannotBeWrittenTheProfileIsUndone) {
    int64_t before = UserCount();
    int64_t next_id = 0;
    {
        store::Reader r = actor_.Db().Read();
        next_id = r->QueryValue("SELECT max(id) + 1 FROM users")->AsInt();
    }
    {
        // A stale identity already holds the id the next user will get.
        store::Transaction tx = store_->System().Write();
        tx->Execute(
            "INSERT INTO logins (tenant_id, user_id, phone, password_hash, created_at, updated_at) "
            "VALUES (?, ?, '13900000077', 'x', 'now', 'now')",
            {created_.tenant_id, next_id}
        );
        tx.Commit();
    }
    EXPECT_ANY_THROW(NewUser("13900000003"));
    EXPECT_EQ(UserCount(), before);
    // A phone taken only on the system side is reported before anything is written.
    try {
        NewUser("13900000077");
        FAIL() << "expected a conflict";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kConflict);
        EXPECT_EQ(e.details().at(0).field, "phone");
    }
    EXPECT_EQ(UserCount(), before);
}

TEST_F(OrgServiceTest, PhoneChangesAndDisablingReachTheSignInIdentity) {
    json::object u = NewUser("13900000004", "Chosen2026x");
    int64_t id = u.at("id").as_int64();
    users_->Update(actor_, id, json::object{{"phone", "139 0000 0005"}});
    EXPECT_EQ(Login(id).front().Text(0), "13900000005");

    auth::SignedIn s =
        auth_->Login(json::object{{"login", "13900000005"}, {"password", "Chosen2026x"}}, {"127.0.0.1", "t"});
    ASSERT_TRUE(auth_->Authenticate(s.token));
    users_->Disable(actor_, id);
    EXPECT_EQ(Login(id).front().Text(2), "disabled");
    EXPECT_FALSE(auth_->Authenticate(s.token));
    users_->Enable(actor_, id);
    EXPECT_EQ(Login(id).front().Text(2), "active");
}

TEST_F(OrgServiceTest, PendingUsersBecomeActiveOnceActivated) {
    json::object u = NewUser("13900000006");
    int64_t id = u.at("id").as_int64();
    {
        store::Transaction tx = actor_.Db().Write();
        MarkUserActivated(*tx, id, clock_.Now());
        tx.Commit();
    }
    EXPECT_EQ(users_->Get(actor_, id).at("status").as_string(), "active");
    users_->Disable(actor_, id);
    EXPECT_EQ(users_->Enable(actor_, id).at("status").as_string(), "active");
}

TEST_F(OrgServiceTest, DepartmentRules) {
    DepartmentService departments(clock_);
    int64_t root = created_.root_department_id;
    int64_t a = departments.Create(actor_, json::object{{"name", "一部"}, {"parent_id", root}}).at("id").as_int64();
    int64_t b = departments.Create(actor_, json::object{{"name", "二组"}, {"parent_id", a}}).at("id").as_int64();
    try {
        departments.Update(actor_, a, json::object{{"parent_id", b}});
        FAIL() << "expected a cycle";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        EXPECT_EQ(e.details().at(0).field, "parent_id");
        EXPECT_EQ(e.details().at(0).code, "cycle");
    }
    EXPECT_THROW(departments.Delete(actor_, a), Error);  // has 二组
    departments.Delete(actor_, b);
    departments.Delete(actor_, a);
    EXPECT_EQ(departments.List(actor_).at("records").as_array().size(), 1u);
}

TEST_F(OrgServiceTest, InvitationsExpire) {
    InvitationService invitations(*store_, *users_, clock_);
    json::object inv = invitations.Create(
        actor_, json::object{{"department_id", created_.root_department_id}, {"expires_in_days", 2}}
    );
    std::string token(inv.at("token").as_string());
    EXPECT_EQ(invitations.Peek(token).at("tenant").at("name").as_string(), "组织测试公司");
    {
        store::Reader r = actor_.Db().Read();
        EXPECT_FALSE(r->QueryValue("SELECT 1 FROM invitations WHERE token_hash = ?", {token}));  // only the hash
    }
    clock_.Advance(std::chrono::hours(47));
    EXPECT_NO_THROW(invitations.Peek(token));
    clock_.Advance(std::chrono::hours(2));
    EXPECT_THROW(invitations.Peek(token), Error);
    EXPECT_THROW(
        invitations.Submit(token, json::object{{"name", "迟到"}, {"phone", "13900000008"}, {"password", "Late2026xx"}}),
        Error
    );
}

}  // namespace
}  // namespace xieli::org
