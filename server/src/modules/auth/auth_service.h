#pragma once

// Enterprises and sign-in (API.md "Enterprises and sign-in"): register an enterprise, sign in by
// phone or e-mail, sign out, and who am I. Transport-free: handlers in routes.cpp decode and
// encode; every rule lives here.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "http/context.h"
#include "modules/auth/login_throttle.h"
#include "modules/auth/security_service.h"
#include "modules/auth/session_store.h"
#include "store/store.h"

namespace xieli::auth {

struct AuthOptions {
    SessionPolicy session;
    int account_max_failures = 5;  // wrong passwords in a row before the account is locked
    std::chrono::seconds account_lock = std::chrono::minutes(15);
    int ip_max_failures = 30;  // failed sign-ins from one address within ip_window
    std::chrono::seconds ip_window = std::chrono::minutes(15);
    // The admin console asks for the password again after this long without an admin action.
    std::chrono::seconds admin_reauth_window = std::chrono::minutes(15);
};

struct ClientInfo {
    std::string ip;
    std::string user_agent;
};

// A session handed to the client: the body to return and the token for the cookie.
struct SignedIn {
    json::object body;
    std::string token;
    TimePoint expires_at;
};

struct EnterpriseOwner {
    std::string company;
    std::string name;
    std::string phone;  // normalized
    std::string email;  // normalized
    std::string password;
};

struct CreatedEnterprise {
    int64_t tenant_id = 0;
    std::string code;
    std::string name;
    int64_t admin_user_id = 0;
    int64_t root_department_id = 0;
};

class AuthService {
public:
    AuthService(store::Store& store, const Clock& clock, AuthOptions options);

    SignedIn Register(const json::object& body, const ClientInfo& client);
    SignedIn Login(const json::object& body, const ClientInfo& client);
    void Logout(const http::Caller& caller);
    json::object Me(const http::Caller& caller);
    // The caller behind a session token, or nullopt.
    std::optional<http::Caller> Authenticate(const std::string& token);

    // Self-service security (docs/api/org.md "Security"). Each proof of the current password counts
    // toward the account lockout when wrong, and answers 429 while the account is locked.
    // {"old_password","new_password"}: the new one must pass the policy; the caller's other sessions end.
    void ChangePassword(const http::Caller& caller, const json::object& body, const ClientInfo& client);
    // {"password"}: restarts the admin console's window (401 when wrong).
    void Reauth(const http::Caller& caller, const json::object& body, const ClientInfo& client);
    // A new pending TOTP secret → {"secret","otpauth_url"}; 409 while two-factor is already on.
    json::object TotpSetup(const http::Caller& caller);
    // {"code"} from the pending secret: two-factor is on from now on.
    void TotpEnable(const http::Caller& caller, const json::object& body);
    // {"password"}: two-factor off.
    void TotpDisable(const http::Caller& caller, const json::object& body, const ClientInfo& client);
    // Throws kReauthRequired unless the session proved its password or used the admin console within
    // options().admin_reauth_window; slides the window (see admin_reauth.h).
    void RequireFreshAdmin(int64_t session_id);

    // Creates the enterprise, its database with the default organization, and its administrator
    // (registration and the demo enterprise both come through here). `code` empty: generated.
    CreatedEnterprise CreateEnterprise(const EnterpriseOwner& owner, std::string code = {});
    // The sign-in identity of a user of an enterprise (system.db), inside the caller's transaction.
    void CreateLogin(
        store::Connection& system_tx,
        int64_t tenant_id,
        int64_t user_id,
        const std::string& phone,
        const std::string& email,
        const std::string& password,
        bool must_change_password
    );

    SessionStore& sessions() { return sessions_; }
    SecurityService& security() { return security_; }
    const AuthOptions& options() const { return options_; }

private:
    struct Candidate;
    struct LoginRow;
    LoginRow LoadLogin(const http::Caller& caller);
    // Checks the caller's current password: 429 while locked; when wrong, counts the failure, logs
    // "<purpose>_wrong_password" and throws `wrong`.
    void ProveCurrentPassword(
        const LoginRow& login,
        const std::string& password,
        const ClientInfo& client,
        std::string_view purpose,
        const Error& wrong
    );
    void RecordFailure(store::Connection& system_tx, int64_t login_id, TimePoint now);
    // Accepts a TOTP code once, inside the caller's transaction: the step it matched must be newer
    // than the last accepted one.
    bool AcceptTotp(
        store::Connection& system_tx, int64_t login_id, const std::string& base32_secret, const std::string& code
    );
    std::string NewTenantCode(store::Connection& system_conn);
    void LogSignIn(
        const std::string& login,
        std::optional<int64_t> tenant_id,
        std::optional<int64_t> user_id,
        const ClientInfo& client,
        bool success,
        const std::string& reason
    );
    SignedIn StartSession(int64_t tenant_id, int64_t user_id, const ClientInfo& client);
    json::object TenantJson(int64_t tenant_id);

    store::Store& store_;
    const Clock& clock_;
    AuthOptions options_;
    SessionStore sessions_;
    SecurityService security_;
    LoginThrottle ip_throttle_;
    std::string dummy_hash_;  // verified against for unknown logins, so timing does not tell them apart
};

}  // namespace xieli::auth
