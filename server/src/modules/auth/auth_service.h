#pragma once

// Enterprises and sign-in (API.md "Enterprises and sign-in"): register an enterprise, sign in by
// phone or e-mail, sign out, and who am I. Transport-free: handlers in routes.cpp decode and
// encode; every rule lives here.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"
#include "http/context.h"
#include "modules/auth/login_throttle.h"
#include "modules/auth/session_store.h"
#include "store/store.h"

namespace xieli::auth {

struct AuthOptions {
    SessionPolicy session;
    int account_max_failures = 5;  // wrong passwords in a row before the account is locked
    std::chrono::seconds account_lock = std::chrono::minutes(15);
    int ip_max_failures = 30;  // failed sign-ins from one address within ip_window
    std::chrono::seconds ip_window = std::chrono::minutes(15);
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
    const AuthOptions& options() const { return options_; }

  private:
    struct Candidate;
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
    LoginThrottle ip_throttle_;
    std::string dummy_hash_;  // verified against for unknown logins, so timing does not tell them apart
};

}  // namespace xieli::auth
