#include <gtest/gtest.h>

#include <optional>

#include "common/crypto.h"
#include "common/error.h"
#include "modules/auth/auth_service.h"
#include "store/store.h"
#include "support/enterprise_store.h"

namespace xieli::auth {
namespace {

// A real data directory per test: sessions are rows in system.db.
class SessionTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        AuthOptions options;
        options.session.idle_timeout = std::chrono::hours(1);
        options.session.absolute_lifetime = std::chrono::hours(3);
        options.session.touch_interval = std::chrono::seconds(60);
        env_.emplace(clock_, auth::EnterpriseOwner{"会话测试公司", "王五", "13900000000", "", "Passw0rd2026"}, options);
        store_ = &env_->store();
        auth_ = &env_->auth();
        created_ = env_->created();
    }
    void TearDown() override { env_.reset(); }
    std::string SignIn() {
        json::object body{{"login", "13900000000"}, {"password", "Passw0rd2026"}};
        return auth_->Login(body, {"127.0.0.1", "test"}).token;
    }

    ManualClock clock_{*ParseIsoTime("2026-11-23T00:00:00Z")};
    std::optional<test_support::EnterpriseStore> env_;
    store::Store* store_ = nullptr;
    AuthService* auth_ = nullptr;
    CreatedEnterprise created_;
};

TEST_F(SessionTest, ATokenResolvesToItsUserAndEnterprise) {
    std::string token = SignIn();
    auto caller = auth_->Authenticate(token);
    ASSERT_TRUE(caller);
    EXPECT_EQ(caller->tenant_id, created_.tenant_id);
    EXPECT_EQ(caller->user_id, created_.admin_user_id);
    EXPECT_FALSE(auth_->Authenticate(token + "x"));
    EXPECT_FALSE(auth_->Authenticate(""));
}

TEST_F(SessionTest, OnlyTheHashIsStored) {
    std::string token = SignIn();
    store::Reader r = store_->System().Read();
    auto stored = r->QueryValue("SELECT token_hash FROM sessions ORDER BY id DESC LIMIT 1");
    ASSERT_TRUE(stored);
    EXPECT_NE(stored->AsText(), token);
    EXPECT_EQ(stored->AsText(), crypto::HashToken(token));
}

TEST_F(SessionTest, AnIdleSessionExpires) {
    std::string token = SignIn();
    clock_.Advance(std::chrono::minutes(59));
    EXPECT_TRUE(auth_->Authenticate(token));  // used: slides to 59 min + 1 h
    clock_.Advance(std::chrono::minutes(61));
    EXPECT_FALSE(auth_->Authenticate(token));
}

TEST_F(SessionTest, UseSlidesTheExpiryButNotPastTheAbsoluteLifetime) {
    std::string token = SignIn();
    for (int i = 0; i < 5; ++i) {  // 2.5 h of use every 30 min
        clock_.Advance(std::chrono::minutes(30));
        ASSERT_TRUE(auth_->Authenticate(token)) << "at step " << i;
    }
    clock_.Advance(std::chrono::minutes(31));  // 3 h 1 min after sign-in
    EXPECT_FALSE(auth_->Authenticate(token));
}

TEST_F(SessionTest, LogoutAndRevokeEndSessions) {
    std::string a = SignIn(), b = SignIn();
    auto caller = auth_->Authenticate(a);
    ASSERT_TRUE(caller);
    auth_->Logout(*caller);
    EXPECT_FALSE(auth_->Authenticate(a));
    EXPECT_TRUE(auth_->Authenticate(b));
    auth_->sessions().RevokeAllOf(created_.tenant_id, created_.admin_user_id);
    EXPECT_FALSE(auth_->Authenticate(b));
}

TEST_F(SessionTest, RepeatedWrongPasswordsLockTheAccount) {
    json::object wrong{{"login", "13900000000"}, {"password", "Wrong2026x"}};
    for (int i = 0; i < 5; ++i) {
        try {
            auth_->Login(wrong, {"10.0.0.9", "t"});
            FAIL();
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kUnauthorized);
        }
    }
    try {
        SignIn();
        FAIL() << "a locked account let the right password in";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kRateLimited);
        EXPECT_GT(e.retry_after(), 0);
    }
    clock_.Advance(std::chrono::minutes(16));
    EXPECT_FALSE(SignIn().empty());
}

}  // namespace
}  // namespace xieli::auth
