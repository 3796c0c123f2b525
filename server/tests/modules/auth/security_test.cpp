#include <gtest/gtest.h>

#include <optional>

#include "common/crypto.h"
#include "common/error.h"
#include "common/totp.h"
#include "modules/auth/admin_reauth.h"
#include "modules/auth/auth_service.h"
#include "modules/org/org_repository.h"
#include "store/store.h"
#include "support/enterprise_store.h"

namespace xieli::auth {
namespace {

constexpr const char* kAdminPhone = "13900000000";
constexpr const char* kPassword = "Passw0rd2026";
constexpr const char* kColleaguePhone = "13900000001";

// The self-service and admin security features over a real data directory, time moved by hand.
class SecurityTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        env_.emplace(
            clock_, auth::EnterpriseOwner{"安全测试公司", "王五", kAdminPhone, "wangwu@example.com", kPassword}
        );
        store_ = &env_->store();
        auth_ = &env_->auth();
        created_ = env_->created();
        // A colleague without admin rights.
        {
            store::Transaction tx = store_->Tenant(created_.tenant_id).Write();
            org::NewUser u{
                "赵六", kColleaguePhone, "", "销售", created_.root_department_id, std::nullopt, false, {"sales"}};
            colleague_id_ = org::InsertUser(*tx, u, clock_.Now());
            tx.Commit();
        }
        store::Transaction tx = store_->System().Write();
        auth_->CreateLogin(*tx, created_.tenant_id, colleague_id_, kColleaguePhone, "", kPassword, false);
        tx.Commit();
    }
    void TearDown() override {
        InstallAdminReauth(nullptr);
        env_.reset();
    }

    SignedIn SignIn(const std::string& phone = kAdminPhone, const std::string& password = kPassword) {
        return auth_->Login(json::object{{"login", phone}, {"password", password}}, client_);
    }
    http::Caller CallerOf(const std::string& token) {
        auto caller = auth_->Authenticate(token);
        EXPECT_TRUE(caller);
        return caller.value_or(http::Caller{});
    }
    // The current code of a base32 secret, `steps` periods from now.
    std::string CodeFor(const std::string& secret, int steps = 0) {
        return totp::Code(*totp::Base32Decode(secret), totp::StepAt(clock_.Now()) + steps);
    }
    // Turns two-factor on for the admin and returns the secret.
    std::string EnableTotp(const http::Caller& caller) {
        json::object setup = auth_->TotpSetup(caller);
        std::string secret(setup["secret"].as_string());
        auth_->TotpEnable(caller, json::object{{"code", CodeFor(secret)}});
        return secret;
    }
    template <typename F>
    ErrorCode CodeOf(F&& f) {
        try {
            f();
        } catch (const Error& e) {
            return e.code();
        }
        ADD_FAILURE() << "no error";
        return ErrorCode::kInternal;
    }

    // 2026-11-23T00:00:10Z: ten seconds into a TOTP step, so ±1 step stays inside the test's minute.
    ManualClock clock_{*ParseIsoTime("2026-11-23T00:00:10Z")};
    ClientInfo client_{"127.0.0.1", "test"};
    std::optional<test_support::EnterpriseStore> env_;
    store::Store* store_ = nullptr;
    AuthService* auth_ = nullptr;
    CreatedEnterprise created_;
    int64_t colleague_id_ = 0;
};

// ---- Change password ---------------------------------------------------------------------------

TEST_F(SecurityTest, ChangingThePasswordEndsOtherSessionsButNotThisOne) {
    std::string other = SignIn().token;
    std::string mine = SignIn().token;
    http::Caller caller = CallerOf(mine);
    auth_->ChangePassword(caller, json::object{{"old_password", kPassword}, {"new_password", "NewPassw0rd9"}}, client_);
    EXPECT_FALSE(auth_->Authenticate(other));
    EXPECT_TRUE(auth_->Authenticate(mine));
    EXPECT_FALSE(SignIn(kAdminPhone, "NewPassw0rd9").token.empty());
    EXPECT_EQ(CodeOf([&] { SignIn(); }), ErrorCode::kUnauthorized);
}

TEST_F(SecurityTest, ChangingThePasswordClearsMustChange) {
    {
        store::Transaction tx = store_->System().Write();
        tx->Execute("UPDATE logins SET must_change_password = 1");
        tx.Commit();
    }
    http::Caller caller = CallerOf(SignIn().token);
    EXPECT_TRUE(auth_->Me(caller)["user"].as_object().at("must_change_password").as_bool());
    auth_->ChangePassword(caller, json::object{{"old_password", kPassword}, {"new_password", "NewPassw0rd9"}}, client_);
    EXPECT_FALSE(auth_->Me(caller)["user"].as_object().at("must_change_password").as_bool());
}

TEST_F(SecurityTest, ChangingThePasswordChecksTheOldOneAndThePolicy) {
    http::Caller caller = CallerOf(SignIn().token);
    auto change = [&](const char* old_password, const char* new_password) -> std::vector<std::string> {
        try {
            auth_->ChangePassword(
                caller, json::object{{"old_password", old_password}, {"new_password", new_password}}, client_
            );
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
            std::vector<std::string> out;
            for (const auto& d : e.details()) out.push_back(d.field + ":" + d.code);
            return out;
        }
        return {};
    };
    EXPECT_EQ(change("", ""), (std::vector<std::string>{"old_password:required", "new_password:required"}));
    EXPECT_EQ(change("Wrong2026x", "NewPassw0rd9"), (std::vector<std::string>{"old_password:wrong"}));
    EXPECT_EQ(change(kPassword, "short1"), (std::vector<std::string>{"new_password:too_short"}));
    EXPECT_EQ(change(kPassword, "a13900000000"), (std::vector<std::string>{"new_password:too_weak"}));
    EXPECT_EQ(change(kPassword, kPassword), (std::vector<std::string>{"new_password:same"}));
    EXPECT_FALSE(SignIn().token.empty()) << "nothing changed";
}

TEST_F(SecurityTest, WrongOldPasswordsCountTowardTheLockout) {
    http::Caller caller = CallerOf(SignIn().token);
    json::object wrong{{"old_password", "Wrong2026x"}, {"new_password", "NewPassw0rd9"}};
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(CodeOf([&] { auth_->ChangePassword(caller, wrong, client_); }), ErrorCode::kValidationFailed);
    // Locked: even the right password is refused, here and at sign-in.
    json::object right{{"old_password", kPassword}, {"new_password", "NewPassw0rd9"}};
    EXPECT_EQ(CodeOf([&] { auth_->ChangePassword(caller, right, client_); }), ErrorCode::kRateLimited);
    EXPECT_EQ(CodeOf([&] { SignIn(); }), ErrorCode::kRateLimited);
    clock_.Advance(std::chrono::minutes(16));
    auth_->ChangePassword(caller, right, client_);
}

// ---- Sessions ----------------------------------------------------------------------------------

TEST_F(SecurityTest, MySessionsListOnlyMineAndMarkTheCurrentOne) {
    std::string first = SignIn().token;
    clock_.Advance(std::chrono::seconds(5));
    std::string second = SignIn().token;
    SignIn(kColleaguePhone);
    http::Caller caller = CallerOf(second);
    json::array records = auth_->security().MySessions(caller)["records"].as_array();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].as_object().at("id").as_int64(), caller.session_id);  // newest first
    EXPECT_TRUE(records[0].as_object().at("current").as_bool());
    EXPECT_FALSE(records[1].as_object().at("current").as_bool());
    EXPECT_EQ(records[1].as_object().at("ip").as_string(), "127.0.0.1");
    EXPECT_EQ(records[1].as_object().at("created_at").as_string(), "2026-11-23T00:00:10Z");
}

TEST_F(SecurityTest, RevokingMySessionEndsItAndOnlyMine) {
    std::string first = SignIn().token;
    std::string second = SignIn().token;
    std::string colleague = SignIn(kColleaguePhone).token;
    http::Caller me = CallerOf(second);
    EXPECT_FALSE(auth_->security().RevokeMySession(me, CallerOf(first).session_id));
    EXPECT_FALSE(auth_->Authenticate(first));
    EXPECT_TRUE(auth_->Authenticate(second));
    // Someone else's session, an unknown one, and one already ended: 404.
    int64_t colleague_session = CallerOf(colleague).session_id;
    EXPECT_EQ(CodeOf([&] { auth_->security().RevokeMySession(me, colleague_session); }), ErrorCode::kNotFound);
    EXPECT_EQ(CodeOf([&] { auth_->security().RevokeMySession(me, 999999); }), ErrorCode::kNotFound);
    EXPECT_TRUE(auth_->Authenticate(colleague));
    EXPECT_TRUE(auth_->security().RevokeMySession(me, me.session_id));  // my own: that is signing out
    EXPECT_FALSE(auth_->Authenticate(second));
}

TEST_F(SecurityTest, ExpiredSessionsAreNotListed) {
    std::string old = SignIn().token;
    clock_.Advance(std::chrono::hours(24 * 8));  // past the 7-day idle expiry
    http::Caller caller = CallerOf(SignIn().token);
    EXPECT_EQ(auth_->security().MySessions(caller)["records"].as_array().size(), 1u);
    EXPECT_FALSE(auth_->Authenticate(old));
}

TEST_F(SecurityTest, EnterpriseSessionsPageByCursorAndFilterByUser) {
    for (int i = 0; i < 4; ++i) SignIn();
    for (int i = 0; i < 3; ++i) SignIn(kColleaguePhone);
    http::Caller admin = CallerOf(SignIn().token);
    store::Database& tenant = store_->Tenant(created_.tenant_id);
    // Another enterprise's sessions never show.
    auth_->CreateEnterprise({"别家公司", "外人", "13900000009", "", kPassword});
    SignIn("13900000009");

    SessionFilter filter;
    filter.page.limit = 3;
    std::vector<int64_t> seen;
    for (int pages = 0; pages < 10; ++pages) {
        json::object page = auth_->security().EnterpriseSessions(admin, tenant, filter);
        EXPECT_EQ(page["total"].as_int64(), 8);
        for (const auto& r : page["records"].as_array()) seen.push_back(r.as_object().at("id").as_int64());
        if (page["next_cursor"].is_null()) break;
        filter.page.cursor = std::stoll(std::string(page["next_cursor"].as_string()));
    }
    EXPECT_EQ(seen.size(), 8u);
    EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
    EXPECT_EQ(seen.front(), admin.session_id);

    SessionFilter colleague_only{colleague_id_, {}};
    json::object page = auth_->security().EnterpriseSessions(admin, tenant, colleague_only);
    EXPECT_EQ(page["total"].as_int64(), 3);
    ASSERT_EQ(page["records"].as_array().size(), 3u);
    const json::object& first = page["records"].as_array()[0].as_object();
    EXPECT_EQ(first.at("user_id").as_int64(), colleague_id_);
    EXPECT_EQ(first.at("user_name").as_string(), "赵六");
    EXPECT_TRUE(page["next_cursor"].is_null());
}

TEST_F(SecurityTest, AnAdminEndsOnlyTheirEnterprisesSessions) {
    std::string colleague = SignIn(kColleaguePhone).token;
    http::Caller admin = CallerOf(SignIn().token);
    CreatedEnterprise other = auth_->CreateEnterprise({"别家公司", "外人", "13900000009", "", kPassword});
    std::string stranger = SignIn("13900000009").token;
    EXPECT_FALSE(auth_->security().RevokeEnterpriseSession(admin, CallerOf(colleague).session_id));
    EXPECT_FALSE(auth_->Authenticate(colleague));
    int64_t stranger_session = CallerOf(stranger).session_id;
    EXPECT_EQ(
        CodeOf([&] { auth_->security().RevokeEnterpriseSession(admin, stranger_session); }), ErrorCode::kNotFound
    );
    EXPECT_TRUE(auth_->Authenticate(stranger));
    (void)other;
}

// ---- Sign-in log -------------------------------------------------------------------------------

TEST_F(SecurityTest, TheSigninLogFiltersAndPages) {
    SignIn();
    EXPECT_EQ(CodeOf([&] { SignIn(kColleaguePhone, "Wrong2026x"); }), ErrorCode::kUnauthorized);
    clock_.Advance(std::chrono::hours(2));
    SignIn(kColleaguePhone);
    http::Caller admin = CallerOf(SignIn().token);
    store::Database& tenant = store_->Tenant(created_.tenant_id);
    auth_->CreateEnterprise({"别家公司", "外人", "13900000009", "", kPassword});
    SignIn("13900000009");

    auto ids = [&](const SigninLogFilter& f) {
        json::object page = auth_->security().SigninLog(admin, tenant, f);
        std::vector<std::string> out;
        for (const auto& r : page["records"].as_array()) {
            const json::object& o = r.as_object();
            out.push_back(std::string(o.at("reason").as_string()) + "@" + std::string(o.at("login").as_string()));
        }
        return out;
    };
    // Registration is not logged by CreateEnterprise; every attempt since is, newest first.
    SigninLogFilter all;
    EXPECT_EQ(
        ids(all),
        (std::vector<std::string>{"ok@13900000000", "ok@13900000001", "wrong_password@13900000001", "ok@13900000000"})
    );
    SigninLogFilter failures;
    failures.success = false;
    EXPECT_EQ(ids(failures), (std::vector<std::string>{"wrong_password@13900000001"}));
    SigninLogFilter colleague;
    colleague.user_id = colleague_id_;
    EXPECT_EQ(ids(colleague).size(), 2u);
    SigninLogFilter early;
    early.until = *ParseIsoTime("2026-11-23T01:00:00Z");
    EXPECT_EQ(ids(early).size(), 2u);
    SigninLogFilter late;
    late.from = *ParseIsoTime("2026-11-23T01:00:00Z");
    EXPECT_EQ(ids(late).size(), 2u);

    SigninLogFilter paged;
    paged.page.limit = 3;
    json::object first = auth_->security().SigninLog(admin, tenant, paged);
    EXPECT_EQ(first["total"].as_int64(), 4);
    ASSERT_EQ(first["records"].as_array().size(), 3u);
    const json::object& entry = first["records"].as_array()[0].as_object();
    EXPECT_EQ(entry.at("user_name").as_string(), "王五");
    EXPECT_TRUE(entry.at("success").as_bool());
    EXPECT_EQ(entry.at("at").as_string(), "2026-11-23T02:00:10Z");
    paged.page.cursor = std::stoll(std::string(first["next_cursor"].as_string()));
    json::object second = auth_->security().SigninLog(admin, tenant, paged);
    ASSERT_EQ(second["records"].as_array().size(), 1u);
    EXPECT_TRUE(second["next_cursor"].is_null());
}

// ---- TOTP --------------------------------------------------------------------------------------

TEST_F(SecurityTest, TotpSetupGivesASecretAndAnOtpauthUrl) {
    http::Caller caller = CallerOf(SignIn().token);
    json::object setup = auth_->TotpSetup(caller);
    std::string secret(setup["secret"].as_string());
    EXPECT_EQ(secret.size(), 32u);
    EXPECT_EQ(
        setup["otpauth_url"].as_string(),
        "otpauth://totp/%E5%8D%8F%E5%8A%9B:13900000000?secret=" + secret + "&issuer=%E5%8D%8F%E5%8A%9B"
    );
    // Not on until a code proves the app has it.
    EXPECT_FALSE(auth_->Me(caller)["user"].as_object().at("totp_enabled").as_bool());
    EXPECT_FALSE(SignIn().token.empty());
}

TEST_F(SecurityTest, TotpEnableNeedsTheRightCodeForThePendingSecret) {
    http::Caller caller = CallerOf(SignIn().token);
    EXPECT_EQ(CodeOf([&] { auth_->TotpEnable(caller, json::object{{"code", "123456"}}); }), ErrorCode::kConflict);
    std::string secret(auth_->TotpSetup(caller)["secret"].as_string());
    EXPECT_EQ(
        CodeOf([&] {
            auth_->TotpEnable(caller, json::object{{"code", CodeFor(secret, 3)}});
        }),
        ErrorCode::kValidationFailed
    );
    EXPECT_EQ(CodeOf([&] { auth_->TotpEnable(caller, json::object{}); }), ErrorCode::kValidationFailed);
    auth_->TotpEnable(caller, json::object{{"code", CodeFor(secret)}});
    EXPECT_TRUE(auth_->Me(caller)["user"].as_object().at("totp_enabled").as_bool());
    EXPECT_EQ(CodeOf([&] { auth_->TotpSetup(caller); }), ErrorCode::kConflict);
}

TEST_F(SecurityTest, SignInWithTotpOnNeedsTheCode) {
    std::string secret = EnableTotp(CallerOf(SignIn().token));
    clock_.Advance(std::chrono::seconds(30));  // the enabling code's step is used up
    EXPECT_EQ(CodeOf([&] { SignIn(); }), ErrorCode::kTotpRequired);
    json::object body{{"login", kAdminPhone}, {"password", kPassword}, {"totp", "000000"}};
    if (CodeFor(secret) == "000000") body["totp"] = "111111";
    EXPECT_EQ(CodeOf([&] { auth_->Login(body, client_); }), ErrorCode::kTotpInvalid);
    // The wrong password still says wrong password, before any code is asked for.
    json::object wrong_password{{"login", kAdminPhone}, {"password", "Wrong2026x"}, {"totp", CodeFor(secret)}};
    EXPECT_EQ(CodeOf([&] { auth_->Login(wrong_password, client_); }), ErrorCode::kUnauthorized);
    std::string code = CodeFor(secret);
    body["totp"] = code.substr(0, 3) + " " + code.substr(3);  // as the app shows it
    EXPECT_FALSE(auth_->Login(body, client_).token.empty());
}

TEST_F(SecurityTest, ATotpCodeWorksOnceAndOneStepEitherSide) {
    std::string secret = EnableTotp(CallerOf(SignIn().token));
    clock_.Advance(std::chrono::seconds(60));
    auto login = [&](const std::string& code) {
        return auth_->Login(json::object{{"login", kAdminPhone}, {"password", kPassword}, {"totp", code}}, client_);
    };
    std::string previous = CodeFor(secret, -1);
    EXPECT_FALSE(login(previous).token.empty());  // a phone a step behind
    EXPECT_EQ(CodeOf([&] { login(previous); }), ErrorCode::kTotpInvalid) << "the same step twice";
    std::string next = CodeFor(secret, 1);
    EXPECT_FALSE(login(next).token.empty());  // a phone a step ahead
    // The current step is older than the last one used: refused too.
    EXPECT_EQ(CodeOf([&] { login(CodeFor(secret)); }), ErrorCode::kTotpInvalid);
    clock_.Advance(std::chrono::seconds(60));
    EXPECT_EQ(CodeOf([&] { login(CodeFor(secret, -2)); }), ErrorCode::kTotpInvalid) << "two steps behind";
    EXPECT_EQ(CodeOf([&] { login(CodeFor(secret, 2)); }), ErrorCode::kTotpInvalid) << "two steps ahead";
    EXPECT_FALSE(login(CodeFor(secret)).token.empty());
}

TEST_F(SecurityTest, WrongTotpCodesCountTowardTheLockout) {
    std::string secret = EnableTotp(CallerOf(SignIn().token));
    clock_.Advance(std::chrono::seconds(30));
    std::string bad = CodeFor(secret) == "000000" ? "111111" : "000000";
    json::object body{{"login", kAdminPhone}, {"password", kPassword}, {"totp", bad}};
    for (int i = 0; i < 5; ++i) EXPECT_EQ(CodeOf([&] { auth_->Login(body, client_); }), ErrorCode::kTotpInvalid);
    body["totp"] = CodeFor(secret);
    EXPECT_EQ(CodeOf([&] { auth_->Login(body, client_); }), ErrorCode::kRateLimited);
}

TEST_F(SecurityTest, TotpDisableNeedsThePassword) {
    http::Caller caller = CallerOf(SignIn().token);
    EnableTotp(caller);
    EXPECT_EQ(
        CodeOf([&] {
            auth_->TotpDisable(caller, json::object{{"password", "Wrong2026x"}}, client_);
        }),
        ErrorCode::kValidationFailed
    );
    EXPECT_TRUE(auth_->Me(caller)["user"].as_object().at("totp_enabled").as_bool());
    auth_->TotpDisable(caller, json::object{{"password", kPassword}}, client_);
    EXPECT_FALSE(auth_->Me(caller)["user"].as_object().at("totp_enabled").as_bool());
    EXPECT_FALSE(SignIn().token.empty());
    // And it can be set up again with a new secret.
    EXPECT_NE(EnableTotp(caller), "");
}

// ---- Admin re-authentication -------------------------------------------------------------------

TEST_F(SecurityTest, SignInOpensTheAdminWindowAndUseSlidesIt) {
    int64_t session = CallerOf(SignIn().token).session_id;
    clock_.Advance(std::chrono::minutes(14));
    auth_->RequireFreshAdmin(session);  // 14 min after sign-in: fine, and the window moves
    clock_.Advance(std::chrono::minutes(14));
    auth_->RequireFreshAdmin(session);  // 28 min after sign-in, 14 after the last admin action
    clock_.Advance(std::chrono::minutes(15));
    auth_->RequireFreshAdmin(session);  // exactly 15: still fine
    clock_.Advance(std::chrono::minutes(15) + std::chrono::seconds(1));
    EXPECT_EQ(CodeOf([&] { auth_->RequireFreshAdmin(session); }), ErrorCode::kReauthRequired);
    EXPECT_EQ(CodeOf([&] { auth_->RequireFreshAdmin(session); }), ErrorCode::kReauthRequired)
        << "a refusal does not slide";
}

TEST_F(SecurityTest, ReauthReopensTheWindow) {
    std::string token = SignIn().token;
    http::Caller caller = CallerOf(token);
    clock_.Advance(std::chrono::minutes(20));
    caller = CallerOf(token);
    EXPECT_EQ(CodeOf([&] { auth_->RequireFreshAdmin(caller.session_id); }), ErrorCode::kReauthRequired);
    EXPECT_EQ(
        CodeOf([&] {
            auth_->Reauth(caller, json::object{{"password", "Wrong2026x"}}, client_);
        }),
        ErrorCode::kUnauthorized
    );
    EXPECT_EQ(CodeOf([&] { auth_->Reauth(caller, json::object{}, client_); }), ErrorCode::kValidationFailed);
    EXPECT_EQ(CodeOf([&] { auth_->RequireFreshAdmin(caller.session_id); }), ErrorCode::kReauthRequired);
    auth_->Reauth(caller, json::object{{"password", kPassword}}, client_);
    auth_->RequireFreshAdmin(caller.session_id);
    // Another session of the same user keeps its own window.
    clock_.Advance(std::chrono::minutes(10));
    int64_t other = CallerOf(SignIn().token).session_id;
    clock_.Advance(std::chrono::minutes(10));
    auth_->RequireFreshAdmin(other);
    EXPECT_EQ(CodeOf([&] { auth_->RequireFreshAdmin(caller.session_id); }), ErrorCode::kReauthRequired);
}

TEST_F(SecurityTest, WrongReauthPasswordsCountTowardTheLockout) {
    http::Caller caller = CallerOf(SignIn().token);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(
            CodeOf([&] {
                auth_->Reauth(caller, json::object{{"password", "Wrong2026x"}}, client_);
            }),
            ErrorCode::kUnauthorized
        );
    }
    EXPECT_EQ(
        CodeOf([&] {
            auth_->Reauth(caller, json::object{{"password", kPassword}}, client_);
        }),
        ErrorCode::kRateLimited
    );
}

TEST_F(SecurityTest, RequireFreshAdminSessionReadsTheCallerOfARequest) {
    InstallAdminReauth(auth_);
    http::Request request;
    http::Context ctx{request};
    EXPECT_EQ(CodeOf([&] { RequireFreshAdminSession(ctx); }), ErrorCode::kUnauthorized);
    ctx.caller = CallerOf(SignIn().token);
    RequireFreshAdminSession(ctx);
    clock_.Advance(std::chrono::minutes(16));
    EXPECT_EQ(CodeOf([&] { RequireFreshAdminSession(ctx); }), ErrorCode::kReauthRequired);
    // A revoked session has no window at all.
    auth_->Reauth(*ctx.caller, json::object{{"password", kPassword}}, client_);
    RequireFreshAdminSession(ctx);
    auth_->Logout(*ctx.caller);
    EXPECT_EQ(CodeOf([&] { RequireFreshAdminSession(ctx); }), ErrorCode::kReauthRequired);
}

}  // namespace
}  // namespace xieli::auth
