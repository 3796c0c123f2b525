#include "modules/auth/auth_service.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "common/crypto.h"
#include "common/error.h"
#include "common/strings.h"
#include "common/totp.h"
#include "modules/auth/password_policy.h"
#include "modules/org/org_repository.h"
#include "modules/org/permissions.h"

namespace xieli::auth {

namespace {

const Text kWrongCredentials{"账号或密码错误", "Wrong account or password"};
const Text kAccountLocked{
    "密码错误次数过多，账号已临时锁定，请稍后再试", "Too many wrong passwords; the account is locked for a while"};
const Text kWrongTotp{"动态验证码错误或已使用过", "The code is wrong or has already been used"};
// The issuer authenticator apps show next to the account.
constexpr std::string_view kTotpIssuer = "协力";

// A TOTP code as typed: apps show "123 456", so inner spaces are dropped.
std::string TotpCodeOf(const json::object& body, std::string_view field) {
    std::string code;
    for (char ch : GetString(body, field).value_or("")) {
        if (ch != ' ') code.push_back(ch);
    }
    return code;
}

int SecondsUntil(TimePoint until, TimePoint now) {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(until - now).count() + 1);
}

FieldError Required(const char* field, Text message) {
    return FieldError{field, "required", std::move(message)};
}

// Registration input, checked field by field so the form can show every problem at once.
EnterpriseOwner ValidateRegistration(const json::object& body) {
    std::vector<FieldError> errors;
    EnterpriseOwner o;
    o.company = TrimCopy(GetString(body, "company").value_or(""));
    o.name = TrimCopy(GetString(body, "name").value_or(""));
    std::string phone = TrimCopy(GetString(body, "phone").value_or(""));
    std::string email = TrimCopy(GetString(body, "email").value_or(""));
    o.password = GetString(body, "password").value_or("");

    long company_len = Utf8Length(o.company);
    if (o.company.empty()) {
        errors.push_back(Required("company", {"请填写公司名称", "Company name is required"}));
    } else if (company_len < 2 || company_len > 100) {
        errors.push_back({"company", "length", {"公司名称应为 2–100 个字符", "Company name must be 2–100 characters"}});
    }
    long name_len = Utf8Length(o.name);
    if (o.name.empty()) {
        errors.push_back(Required("name", {"请填写姓名", "Your name is required"}));
    } else if (name_len < 1 || name_len > 50) {
        errors.push_back({"name", "length", {"姓名应为 1–50 个字符", "Name must be 1–50 characters"}});
    }
    if (phone.empty() && email.empty()) {
        errors.push_back(Required("phone", {"请填写手机号", "A mobile number is required"}));
    }
    if (!phone.empty()) {
        o.phone = NormalizeMobile(phone);
        if (o.phone.empty()) {
            errors.push_back({"phone", "invalid", {"请输入有效的 11 位手机号", "Enter a valid 11-digit mobile number"}}
            );
        }
    }
    if (!email.empty()) {
        o.email = NormalizeEmail(email);
        if (o.email.empty()) errors.push_back({"email", "invalid", {"邮箱格式不正确", "Enter a valid e-mail address"}});
    }
    if (o.password.empty()) {
        errors.push_back(Required("password", {"请设置密码", "A password is required"}));
    } else {
        for (auto& e : CheckPasswordPolicy(o.password, o.phone, o.email)) errors.push_back(std::move(e));
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    return o;
}

}  // namespace

struct AuthService::Candidate {
    int64_t login_id;
    int64_t tenant_id;
    int64_t user_id;
    std::string tenant_code;
    std::string tenant_name;
    std::string password_hash;
    std::string status;
    std::optional<TimePoint> locked_until;
    std::optional<std::string> totp_secret;
};

// The caller's own sign-in identity, for the self-service security endpoints.
struct AuthService::LoginRow {
    int64_t id = 0;
    int64_t tenant_id = 0;
    int64_t user_id = 0;
    std::string phone;
    std::string email;
    std::string password_hash;
    std::optional<TimePoint> locked_until;
    std::optional<std::string> totp_secret;
    std::optional<std::string> totp_pending_secret;
    std::string Label() const { return phone.empty() ? email : phone; }
};

AuthService::AuthService(store::Store& store, const Clock& clock, AuthOptions options)
    : store_(store),
      clock_(clock),
      options_(options),
      sessions_(store.System(), clock, options.session),
      security_(store.System(), sessions_),
      ip_throttle_(clock, options.ip_max_failures, options.ip_window),
      dummy_hash_(crypto::HashPassword(crypto::RandomToken(16))) {}

std::string AuthService::NewTenantCode(store::Connection& conn) {
    // Short, easy to read aloud or type on a phone: no 0/o, 1/l/i.
    static constexpr std::string_view kAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    for (int attempt = 0; attempt < 50; ++attempt) {
        std::string hex = crypto::RandomHex(6);
        std::string code;
        for (size_t i = 0; i < 6; ++i)
            code.push_back(kAlphabet[std::stoi(hex.substr(i * 2, 2), nullptr, 16) % kAlphabet.size()]);
        if (!conn.QueryValue("SELECT 1 FROM tenants WHERE code = ?", {code})) return code;
    }
    throw std::runtime_error("could not find a free enterprise code");
}

void AuthService::CreateLogin(
    store::Connection& system_tx,
    int64_t tenant_id,
    int64_t user_id,
    const std::string& phone,
    const std::string& email,
    const std::string& password,
    bool must_change_password
) {
    std::string ts = FormatUtc(clock_.Now());
    auto nullable = [](const std::string& s) { return s.empty() ? store::Value() : store::Value(s); };
    system_tx.Execute(
        "INSERT INTO logins (tenant_id, user_id, phone, email, password_hash, status, must_change_password, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
        {tenant_id,
         user_id,
         nullable(phone),
         nullable(email),
         crypto::HashPassword(password),
         must_change_password,
         ts,
         ts}
    );
}

CreatedEnterprise AuthService::CreateEnterprise(const EnterpriseOwner& owner, std::string code) {
    TimePoint now = clock_.Now();
    CreatedEnterprise created;
    created.name = owner.company;
    // 1. Reserve the enterprise row as 'provisioning': sessions only resolve for active ones.
    {
        store::Transaction tx = store_.System().Write();
        if (code.empty()) code = NewTenantCode(*tx);
        created.code = code;
        created.tenant_id =
            tx->Query(
                  "INSERT INTO tenants (code, name, status, created_at) VALUES (?, ?, 'provisioning', ?) "
                  "RETURNING id",
                  {code, owner.company, FormatUtc(now)}
            )
                .front()
                .Int(0);
        tx.Commit();
    }
    try {
        // 2. The enterprise's own database with its default organization and administrator.
        store::Database& tenant_db = store_.CreateTenant(created.tenant_id);
        {
            store::Transaction tx = tenant_db.Write();
            created.root_department_id = org::SeedOrganization(*tx, owner.company, now);
            org::NewUser admin{
                owner.name, owner.phone, owner.email, "", created.root_department_id, std::nullopt, true, {"admin"}};
            created.admin_user_id = org::InsertUser(*tx, admin, now);
            tx->Execute(
                "UPDATE departments SET head_user_id = ? WHERE id = ?",
                {created.admin_user_id, created.root_department_id}
            );
            tx.Commit();
        }
        // 3. The administrator's sign-in, and the enterprise goes live.
        store::Transaction tx = store_.System().Write();
        CreateLogin(*tx, created.tenant_id, created.admin_user_id, owner.phone, owner.email, owner.password, false);
        tx->Execute("UPDATE tenants SET status = 'active' WHERE id = ?", {created.tenant_id});
        tx.Commit();
    } catch (...) {
        spdlog::error("provisioning enterprise {} failed; marking it failed", created.tenant_id);
        try {
            store::Transaction tx = store_.System().Write();
            tx->Execute("UPDATE tenants SET status = 'failed' WHERE id = ?", {created.tenant_id});
            tx.Commit();
        } catch (const std::exception& e) {
            spdlog::error("could not mark enterprise {} failed: {}", created.tenant_id, e.what());
        }
        throw;
    }
    return created;
}

SignedIn AuthService::Register(const json::object& body, const ClientInfo& client) {
    EnterpriseOwner owner = ValidateRegistration(body);
    CreatedEnterprise created = CreateEnterprise(owner);
    spdlog::info("enterprise {} ({}) registered", created.tenant_id, created.code);
    LogSignIn(
        owner.phone.empty() ? owner.email : owner.phone,
        created.tenant_id,
        created.admin_user_id,
        client,
        true,
        "registered"
    );
    return StartSession(created.tenant_id, created.admin_user_id, client);
}

SignedIn AuthService::Login(const json::object& body, const ClientInfo& client) {
    std::string login = TrimCopy(GetString(body, "login").value_or(""));
    std::string password = GetString(body, "password").value_or("");
    std::string tenant_code = ToLowerAscii(TrimCopy(GetString(body, "tenant").value_or("")));
    std::vector<FieldError> missing;
    if (login.empty())
        missing.push_back(Required("login", {"请填写手机号或邮箱", "Enter your mobile number or e-mail"}));
    if (password.empty()) missing.push_back(Required("password", {"请填写密码", "Enter your password"}));
    if (!missing.empty()) ThrowValidation(std::move(missing));
    if (login.size() > 254 || password.size() > 1024) throw Error(ErrorCode::kUnauthorized, kWrongCredentials);

    if (int wait = ip_throttle_.RetryAfterSeconds(client.ip); wait > 0) {
        LogSignIn(login, std::nullopt, std::nullopt, client, false, "ip_throttled");
        throw Error(
            ErrorCode::kRateLimited, {"登录尝试过于频繁，请稍后再试", "Too many sign-in attempts; try again later"}
        )
            .WithRetryAfter(wait);
    }

    std::string key = login.find('@') != std::string::npos ? NormalizeEmail(login) : NormalizeMobile(login);
    std::vector<Candidate> candidates;
    if (!key.empty()) {
        store::Reader r = store_.System().Read();
        std::string sql =
            "SELECT l.id, l.tenant_id, l.user_id, t.code, t.name, l.password_hash, l.status, l.locked_until, "
            "l.totp_secret FROM logins l JOIN tenants t ON t.id = l.tenant_id WHERE t.status = 'active' AND ";
        sql += login.find('@') != std::string::npos ? "l.email = ?" : "l.phone = ?";
        sql += " ORDER BY t.id";
        for (const store::Row& row : r->Query(sql, {key})) {
            Candidate c{row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6), {}, {}};
            if (!row.IsNull(7)) c.locked_until = ParseIsoTime(row.Text(7));
            if (!row.IsNull(8)) c.totp_secret = row.Text(8);
            if (tenant_code.empty() || c.tenant_code == tenant_code) candidates.push_back(std::move(c));
        }
    }
    TimePoint now = clock_.Now();
    if (candidates.empty()) {
        crypto::VerifyPassword(dummy_hash_, password);
        ip_throttle_.RecordFailure(client.ip);
        LogSignIn(login, std::nullopt, std::nullopt, client, false, "unknown_login");
        throw Error(ErrorCode::kUnauthorized, kWrongCredentials);
    }

    // Locked accounts are not even tried: a correct password must not unlock early.
    std::vector<Candidate*> open;
    int64_t longest_wait = 0;
    for (Candidate& c : candidates) {
        if (c.locked_until && *c.locked_until > now) {
            longest_wait = std::max<int64_t>(longest_wait, SecondsUntil(*c.locked_until, now));
        } else {
            open.push_back(&c);
        }
    }
    if (open.empty()) {
        LogSignIn(login, candidates.front().tenant_id, candidates.front().user_id, client, false, "locked");
        throw Error(ErrorCode::kRateLimited, kAccountLocked).WithRetryAfter(static_cast<int>(longest_wait));
    }

    std::vector<Candidate*> matched;
    for (Candidate* c : open) {
        if (crypto::VerifyPassword(c->password_hash, password)) matched.push_back(c);
    }
    if (matched.empty()) {
        ip_throttle_.RecordFailure(client.ip);
        store::Transaction tx = store_.System().Write();
        for (Candidate* c : open) RecordFailure(*tx, c->login_id, now);
        tx.Commit();
        LogSignIn(login, open.front()->tenant_id, open.front()->user_id, client, false, "wrong_password");
        throw Error(ErrorCode::kUnauthorized, kWrongCredentials);
    }
    if (matched.size() > 1) {
        json::array tenants;
        for (Candidate* c : matched)
            tenants.push_back(json::object{{"code", c->tenant_code}, {"name", c->tenant_name}});
        throw Error(
            ErrorCode::kConflict,
            {"该账号属于多个企业，请选择要进入的企业", "This account belongs to several enterprises; choose one"}
        )
            .WithExtraJson(json::serialize(json::object{{"tenants", std::move(tenants)}}));
    }
    Candidate& c = *matched.front();
    if (c.status != "active") {
        LogSignIn(login, c.tenant_id, c.user_id, client, false, "disabled");
        throw Error(
            ErrorCode::kForbidden,
            {"该账号已被停用，请联系企业管理员", "This account is disabled; contact your administrator"}
        );
    }
    // The second factor (docs/api/org.md "Security"): a wrong code counts like a wrong password.
    std::string totp_code = c.totp_secret ? TotpCodeOf(body, "totp") : "";
    if (c.totp_secret && totp_code.empty()) {
        LogSignIn(login, c.tenant_id, c.user_id, client, false, "totp_required");
        throw Error(
            ErrorCode::kTotpRequired,
            {"请输入身份验证器中的 6 位动态验证码", "Enter the 6-digit code from your authenticator app"}
        );
    }
    {
        store::Transaction tx = store_.System().Write();
        if (c.totp_secret && !AcceptTotp(*tx, c.login_id, *c.totp_secret, totp_code)) {
            RecordFailure(*tx, c.login_id, now);
            tx.Commit();
            ip_throttle_.RecordFailure(client.ip);
            LogSignIn(login, c.tenant_id, c.user_id, client, false, "totp_invalid");
            throw Error(ErrorCode::kTotpInvalid, kWrongTotp);
        }
        tx->Execute("UPDATE logins SET failed_count = 0, locked_until = NULL WHERE id = ?", {c.login_id});
        tx.Commit();
    }
    LogSignIn(login, c.tenant_id, c.user_id, client, true, "ok");
    return StartSession(c.tenant_id, c.user_id, client);
}

SignedIn AuthService::StartSession(int64_t tenant_id, int64_t user_id, const ClientInfo& client) {
    NewSession session;
    {
        store::Transaction tx = store_.System().Write();
        session = sessions_.Create(*tx, tenant_id, user_id, client.ip, client.user_agent);
        tx.Commit();
    }
    http::Caller caller{tenant_id, user_id, session.id, false};
    json::object me = Me(caller);
    json::object body{{"token", session.token}, {"user", me["user"]}, {"tenant", me["tenant"]}};
    return SignedIn{std::move(body), session.token, session.expires_at};
}

void AuthService::Logout(const http::Caller& caller) {
    sessions_.Revoke(caller.session_id);
}

std::optional<http::Caller> AuthService::Authenticate(const std::string& token) {
    std::optional<SessionInfo> s = sessions_.Resolve(token);
    if (!s) return std::nullopt;
    return http::Caller{s->tenant_id, s->user_id, s->id, false};
}

json::object AuthService::TenantJson(int64_t tenant_id) {
    store::Reader r = store_.System().Read();
    store::Rows rows = r->Query("SELECT id, name, code FROM tenants WHERE id = ?", {tenant_id});
    if (rows.empty()) ThrowNotFound();
    return json::object{{"id", rows.front().Int(0)}, {"name", rows.front().Text(1)}, {"code", rows.front().Text(2)}};
}

json::object AuthService::Me(const http::Caller& caller) {
    json::object tenant = TenantJson(caller.tenant_id);
    bool must_change = false;
    bool totp_enabled = false;
    {
        store::Reader r = store_.System().Read();
        store::Rows rows = r->Query(
            "SELECT must_change_password, totp_secret IS NOT NULL FROM logins WHERE tenant_id = ? AND user_id = ?",
            {caller.tenant_id, caller.user_id}
        );
        if (!rows.empty()) {
            must_change = rows.front()[0].AsBool();
            totp_enabled = rows.front()[1].AsBool();
        }
    }
    store::Reader r = store_.Tenant(caller.tenant_id).Read();
    std::optional<org::UserRow> user = org::FindUser(*r, caller.user_id);
    if (!user) throw Error(ErrorCode::kUnauthorized, {"请先登录", "Please sign in"});
    std::vector<org::RoleRow> roles = org::RolesOfUser(*r, caller.user_id);

    json::object user_json = org::UserToJson(*user);
    user_json["must_change_password"] = must_change;
    user_json["totp_enabled"] = totp_enabled;
    // The sub-administrator areas, so the web app shows the admin pages this person may open.
    json::array admin_areas;
    for (const auto& row : r->Query("SELECT area FROM user_admin_areas WHERE user_id = ? ORDER BY area", {user->id})) {
        admin_areas.push_back(json::value(row.Text(0)));
    }
    user_json["admin_areas"] = std::move(admin_areas);
    json::array role_json;
    std::vector<json::object> role_perms;
    for (const auto& role : roles) {
        role_json.push_back(json::object{{"id", role.id}, {"code", role.code}, {"name", role.name}});
        role_perms.push_back(role.permissions);
    }
    if (user->is_admin) role_perms.push_back(org::DefaultRolePermissions("admin"));
    return json::object{
        {"user", std::move(user_json)},
        {"tenant", std::move(tenant)},
        {"roles", std::move(role_json)},
        {"permissions", org::MergePermissions(role_perms)},
    };
}

void AuthService::LogSignIn(
    const std::string& login,
    std::optional<int64_t> tenant_id,
    std::optional<int64_t> user_id,
    const ClientInfo& client,
    bool success,
    const std::string& reason
) {
    try {
        store::Transaction tx = store_.System().Write();
        tx->Execute(
            "INSERT INTO signin_log (at, login, tenant_id, user_id, ip, user_agent, success, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {FormatUtc(clock_.Now()),
             login.substr(0, 254),
             tenant_id,
             user_id,
             client.ip,
             client.user_agent.substr(0, 512),
             success,
             reason}
        );
        tx.Commit();
    } catch (const std::exception& e) {
        // The log must never turn a sign-in into an error.
        spdlog::warn("sign-in log write failed: {}", e.what());
    }
}

void AuthService::RecordFailure(store::Connection& system_tx, int64_t login_id, TimePoint now) {
    system_tx.Execute(
        "UPDATE logins SET failed_count = CASE WHEN failed_count + 1 >= ? THEN 0 ELSE failed_count + 1 END, "
        "locked_until = CASE WHEN failed_count + 1 >= ? THEN ? ELSE locked_until END WHERE id = ?",
        {options_.account_max_failures, options_.account_max_failures, FormatUtc(now + options_.account_lock), login_id}
    );
}

bool AuthService::AcceptTotp(
    store::Connection& system_tx, int64_t login_id, const std::string& base32_secret, const std::string& code
) {
    std::optional<std::string> key = totp::Base32Decode(base32_secret);
    if (!key) return false;
    std::optional<int64_t> step = totp::Verify(*key, code, clock_.Now());
    if (!step) return false;
    // Compare-and-set under the writer, so two requests racing with one code cannot both get in.
    return system_tx.Execute(
               "UPDATE logins SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
               {*step, login_id, *step}
           ) == 1;
}

AuthService::LoginRow AuthService::LoadLogin(const http::Caller& caller) {
    store::Reader r = store_.System().Read();
    store::Rows rows = r->Query(
        "SELECT id, phone, email, password_hash, locked_until, totp_secret, totp_pending_secret FROM logins "
        "WHERE tenant_id = ? AND user_id = ?",
        {caller.tenant_id, caller.user_id}
    );
    if (rows.empty()) throw Error(ErrorCode::kUnauthorized, {"请先登录", "Please sign in"}, "session without a login");
    const store::Row& row = rows.front();
    LoginRow login;
    login.id = row.Int(0);
    login.tenant_id = caller.tenant_id;
    login.user_id = caller.user_id;
    login.phone = row.IsNull(1) ? "" : row.Text(1);
    login.email = row.IsNull(2) ? "" : row.Text(2);
    login.password_hash = row.Text(3);
    if (!row.IsNull(4)) login.locked_until = ParseIsoTime(row.Text(4));
    if (!row.IsNull(5)) login.totp_secret = row.Text(5);
    if (!row.IsNull(6)) login.totp_pending_secret = row.Text(6);
    return login;
}

void AuthService::ProveCurrentPassword(
    const LoginRow& login,
    const std::string& password,
    const ClientInfo& client,
    std::string_view purpose,
    const Error& wrong
) {
    TimePoint now = clock_.Now();
    if (login.locked_until && *login.locked_until > now) {
        throw Error(ErrorCode::kRateLimited, kAccountLocked).WithRetryAfter(SecondsUntil(*login.locked_until, now));
    }
    if (password.size() <= 1024 && crypto::VerifyPassword(login.password_hash, password)) return;
    {
        store::Transaction tx = store_.System().Write();
        RecordFailure(*tx, login.id, now);
        tx.Commit();
    }
    LogSignIn(login.Label(), login.tenant_id, login.user_id, client, false, std::string(purpose) + "_wrong_password");
    throw wrong;
}

void AuthService::ChangePassword(const http::Caller& caller, const json::object& body, const ClientInfo& client) {
    std::string old_password = GetString(body, "old_password").value_or("");
    std::string new_password = GetString(body, "new_password").value_or("");
    std::vector<FieldError> missing;
    if (old_password.empty())
        missing.push_back(Required("old_password", {"请填写原密码", "Enter your current password"}));
    if (new_password.empty()) missing.push_back(Required("new_password", {"请填写新密码", "Enter the new password"}));
    if (!missing.empty()) ThrowValidation(std::move(missing));

    LoginRow login = LoadLogin(caller);
    ProveCurrentPassword(
        login,
        old_password,
        client,
        "password_change",
        Error(
            ErrorCode::kValidationFailed,
            {"原密码不正确", "The current password is wrong"},
            std::vector<FieldError>{{"old_password", "wrong", {"原密码不正确", "The current password is wrong"}}}
        )
    );
    std::vector<FieldError> errors = CheckPasswordPolicy(new_password, login.phone, login.email, "new_password");
    if (errors.empty() && new_password == old_password) {
        errors.push_back(
            {"new_password", "same", {"新密码不能与原密码相同", "The new password must differ from the current one"}}
        );
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));

    std::string hash = crypto::HashPassword(new_password);  // before the transaction: it takes ~50 ms
    store::Transaction tx = store_.System().Write();
    tx->Execute(
        "UPDATE logins SET password_hash = ?, must_change_password = 0, failed_count = 0, locked_until = NULL, "
        "updated_at = ? WHERE id = ?",
        {hash, FormatUtc(clock_.Now()), login.id}
    );
    sessions_.RevokeOthers(*tx, caller.tenant_id, caller.user_id, caller.session_id);
    tx.Commit();
    // A user created with a generated password is 'pending' until they choose their own.
    {
        store::Transaction tenant_tx = store_.Tenant(caller.tenant_id).Write();
        org::MarkUserActivated(*tenant_tx, caller.user_id, clock_.Now());
        tenant_tx.Commit();
    }
    spdlog::info("user {} of enterprise {} changed their password", caller.user_id, caller.tenant_id);
}

void AuthService::Reauth(const http::Caller& caller, const json::object& body, const ClientInfo& client) {
    std::string password = GetString(body, "password").value_or("");
    if (password.empty()) ThrowValidation({Required("password", {"请填写密码", "Enter your password"})});
    LoginRow login = LoadLogin(caller);
    ProveCurrentPassword(
        login, password, client, "reauth", Error(ErrorCode::kUnauthorized, {"密码不正确", "Wrong password"})
    );
    {
        store::Transaction tx = store_.System().Write();
        tx->Execute("UPDATE logins SET failed_count = 0, locked_until = NULL WHERE id = ?", {login.id});
        sessions_.RenewAdminWindow(*tx, caller.session_id);
        tx.Commit();
    }
    LogSignIn(login.Label(), caller.tenant_id, caller.user_id, client, true, "reauth");
}

json::object AuthService::TotpSetup(const http::Caller& caller) {
    LoginRow login = LoadLogin(caller);
    if (login.totp_secret) {
        throw Error(
            ErrorCode::kConflict,
            {"两步验证已开启；如需更换，请先关闭", "Two-factor sign-in is already on; turn it off first to change it"}
        );
    }
    std::string secret = totp::NewSecret();
    store::Transaction tx = store_.System().Write();
    tx->Execute(
        "UPDATE logins SET totp_pending_secret = ?, updated_at = ? WHERE id = ?",
        {secret, FormatUtc(clock_.Now()), login.id}
    );
    tx.Commit();
    return json::object{
        {"secret", secret},
        {"otpauth_url", totp::OtpauthUrl(kTotpIssuer, login.Label(), secret)},
    };
}

void AuthService::TotpEnable(const http::Caller& caller, const json::object& body) {
    std::string code = TotpCodeOf(body, "code");
    if (code.empty())
        ThrowValidation({Required("code", {"请输入动态验证码", "Enter the code from your authenticator app"})});
    LoginRow login = LoadLogin(caller);
    if (login.totp_secret) {
        throw Error(ErrorCode::kConflict, {"两步验证已开启", "Two-factor sign-in is already on"});
    }
    if (!login.totp_pending_secret) {
        throw Error(
            ErrorCode::kConflict, {"请先生成两步验证密钥", "Set up two-factor sign-in first (POST /auth/totp/setup)"}
        );
    }
    std::optional<std::string> key = totp::Base32Decode(*login.totp_pending_secret);
    std::optional<int64_t> step = key ? totp::Verify(*key, code, clock_.Now()) : std::nullopt;
    if (!step) {
        ThrowValidation({{"code", "invalid", {"动态验证码不正确", "The code is not right; check the app's time"}}});
    }
    store::Transaction tx = store_.System().Write();
    // Only the secret the code was checked against: a setup racing in between leaves nothing half-enabled.
    int64_t changed = tx->Execute(
        "UPDATE logins SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = ?, "
        "totp_last_step = ?, updated_at = ? WHERE id = ? AND totp_pending_secret = ? AND totp_secret IS NULL",
        {FormatUtc(clock_.Now()), *step, FormatUtc(clock_.Now()), login.id, *login.totp_pending_secret}
    );
    if (changed != 1) {
        throw Error(ErrorCode::kConflict, {"密钥已变更，请重新设置", "The secret changed meanwhile; set up again"});
    }
    tx.Commit();
    spdlog::info("user {} of enterprise {} turned two-factor sign-in on", caller.user_id, caller.tenant_id);
}

void AuthService::TotpDisable(const http::Caller& caller, const json::object& body, const ClientInfo& client) {
    std::string password = GetString(body, "password").value_or("");
    if (password.empty()) ThrowValidation({Required("password", {"请填写密码", "Enter your password"})});
    LoginRow login = LoadLogin(caller);
    ProveCurrentPassword(
        login,
        password,
        client,
        "totp_disable",
        Error(
            ErrorCode::kValidationFailed,
            {"密码不正确", "Wrong password"},
            std::vector<FieldError>{{"password", "wrong", {"密码不正确", "Wrong password"}}}
        )
    );
    store::Transaction tx = store_.System().Write();
    tx->Execute(
        "UPDATE logins SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, "
        "totp_last_step = NULL, failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = ?",
        {FormatUtc(clock_.Now()), login.id}
    );
    tx.Commit();
    spdlog::info("user {} of enterprise {} turned two-factor sign-in off", caller.user_id, caller.tenant_id);
}

void AuthService::RequireFreshAdmin(int64_t session_id) {
    if (!sessions_.UseAdminWindow(session_id, options_.admin_reauth_window)) {
        throw Error(
            ErrorCode::kReauthRequired,
            {"为了安全，请重新输入密码后继续管理操作", "For your security, enter your password again to continue"}
        );
    }
}

}  // namespace xieli::auth
