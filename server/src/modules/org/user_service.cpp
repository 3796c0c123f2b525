#include "modules/org/user_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "common/crypto.h"
#include "common/error.h"
#include "common/strings.h"
#include "modules/auth/password_policy.h"
#include "modules/org/admin_guard.h"
#include "modules/org/body_reader.h"
#include "modules/org/org_rules.h"
#include "store/database_error.h"

namespace xieli::org {

namespace {

constexpr long kMaxNameChars = 50;
constexpr long kMaxPositionChars = 50;
constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 200;

const Text kPhoneTaken{
    "该手机号已被企业内其他成员使用", "This mobile number is already used by someone in the enterprise"};
const Text kEmailTaken{
    "该邮箱已被企业内其他成员使用", "This e-mail address is already used by someone in the enterprise"};

[[noreturn]] void ThrowIdentityConflict(std::vector<FieldError> details) {
    Text message = details.size() == 1 ? details.front().message
                                       : Text{
                                             "手机号和邮箱已被企业内其他成员使用",
                                             "The mobile number and e-mail are already used in the enterprise"};
    throw Error(ErrorCode::kConflict, std::move(message), std::move(details));
}

// A unique index on phone or e-mail said no (a race with another request): 409 naming the field.
// Any other constraint is not the client's doing and is left to become a 500.
void ThrowIfIdentityConflict(const store::ConstraintError& e) {
    if (!e.IsDuplicate()) return;
    if (e.constraint().find("email") != std::string::npos) {
        ThrowIdentityConflict({FieldError{"email", "duplicate", kEmailTaken}});
    }
    if (e.constraint().find("phone") != std::string::npos) {
        ThrowIdentityConflict({FieldError{"phone", "duplicate", kPhoneTaken}});
    }
}

void CheckPersonName(BodyReader& in, const std::string& name) {
    std::string problem = CheckDisplayName(name, kMaxNameChars);
    if (problem == "required") {
        in.Required("name", {"请填写姓名", "Name is required"});
    } else if (problem == "too_long") {
        in.Fail("name", "too_long", {"姓名不能超过 50 个字符", "Name must be at most 50 characters"});
    } else if (!problem.empty()) {
        in.Fail("name", "invalid", {"姓名包含无效字符", "Name contains invalid characters"});
    }
}

std::string DecodePhone(BodyReader& in, const std::optional<std::string>& raw) {
    if (!raw || raw->empty()) return {};
    std::string phone = NormalizeMobile(*raw);
    if (phone.empty())
        in.Fail("phone", "invalid", {"请输入有效的 11 位手机号", "Enter a valid 11-digit mobile number"});
    return phone;
}

std::string DecodeEmail(BodyReader& in, const std::optional<std::string>& raw) {
    if (!raw || raw->empty()) return {};
    std::string email = NormalizeEmail(*raw);
    if (email.empty()) in.Fail("email", "invalid", {"邮箱格式不正确", "Enter a valid e-mail address"});
    return email;
}

std::string DecodePosition(BodyReader& in, const std::optional<std::string>& raw) {
    if (!raw || raw->empty()) return {};
    std::string problem = CheckDisplayName(*raw, kMaxPositionChars);
    if (problem == "too_long") {
        in.Fail("position", "too_long", {"职位不能超过 50 个字符", "Position must be at most 50 characters"});
    } else if (!problem.empty()) {
        in.Fail("position", "invalid", {"职位包含无效字符", "Position contains invalid characters"});
    }
    return *raw;
}

// Departments, roles and the supervisor must exist; the supervisor chain must not loop.
void CheckReferences(
    BodyReader& in,
    store::Connection& conn,
    const std::vector<int64_t>& department_ids,
    std::optional<int64_t> main_department_id,
    const std::vector<int64_t>& role_ids,
    std::optional<int64_t> supervisor_id,
    int64_t self_id
) {
    if (ExistingIds(conn, "departments", department_ids).size() != department_ids.size()) {
        in.Fail("department_ids", "not_found", {"所选部门不存在", "A chosen department does not exist"});
    }
    if (main_department_id && ExistingIds(conn, "departments", {*main_department_id}).empty()) {
        in.Fail("main_department_id", "not_found", {"主部门不存在", "The main department does not exist"});
    }
    if (ExistingIds(conn, "roles", role_ids).size() != role_ids.size()) {
        in.Fail("role_ids", "not_found", {"所选角色不存在", "A chosen role does not exist"});
    }
    if (supervisor_id) {
        if (*supervisor_id == self_id) {
            in.Fail("supervisor_id", "cycle", {"不能把自己设为直属上级", "A person cannot be their own supervisor"});
        } else if (!conn.QueryValue("SELECT 1 FROM users WHERE id = ? AND status <> 'disabled'", {*supervisor_id})) {
            in.Fail("supervisor_id", "not_found", {"直属上级不存在或已停用", "The supervisor is not an active user"});
        } else if (self_id != 0 && WouldCreateCycle(SupervisorParents(conn), self_id, *supervisor_id)) {
            in.Fail(
                "supervisor_id",
                "cycle",
                {"直属上级不能是自己的下属（汇报关系会形成循环）",
                 "The supervisor cannot be one of this person's own reports (the chain would loop)"}
            );
        }
    }
}

// A sub-administrator may manage colleagues, not the enterprise's full administrators.
void ProtectFullAdmin(store::Connection& conn, const Actor& actor, const UserRow& target) {
    if (target.is_admin && target.id != actor.user_id && !IsFullAdmin(conn, actor.user_id)) {
        throw Error(
            ErrorCode::kForbidden,
            {"只有企业管理员可以修改管理员的账号",
             "Only an enterprise administrator can change an administrator's account"}
        );
    }
}

std::vector<int64_t> DepartmentsOf(store::Connection& conn, int64_t user_id) {
    std::vector<int64_t> out;
    for (const store::Row& r : conn.Query("SELECT department_id FROM user_departments WHERE user_id = ?", {user_id})) {
        out.push_back(r.Int(0));
    }
    return out;
}

std::optional<int64_t> ParsePositive(const std::string& s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

json::object ViewOrThrow(store::Database& db, int64_t id) {
    store::Reader r = db.Read();
    std::optional<json::object> view = UserView(*r, id);
    if (!view) ThrowNotFound();
    return std::move(*view);
}

}  // namespace

// ---- reads ---------------------------------------------------------------------------------------

json::object UserService::List(const Actor& actor, const UserQuery& query) {
    int limit = kDefaultLimit;
    if (query.limit) {
        std::optional<int64_t> v = ParsePositive(*query.limit);
        if (!v) ThrowBadRequest({"limit 应为正整数", "limit must be a positive integer"});
        limit = static_cast<int>(std::min<int64_t>(*v, kMaxLimit));
    }
    std::optional<int64_t> after;
    if (query.cursor && !query.cursor->empty()) {
        after = ParsePositive(*query.cursor);
        if (!after) ThrowBadRequest({"cursor 无效", "cursor is not valid"});
    }
    int64_t offset = 0;
    if (query.offset && !query.offset->empty() && *query.offset != "0") {
        std::optional<int64_t> v = ParsePositive(*query.offset);
        if (!v) ThrowBadRequest({"offset 应为非负整数", "offset must be a non-negative integer"});
        offset = *v;
    }
    std::string status = query.status.value_or("");
    if (!status.empty() && status != "pending" && status != "active" && status != "disabled") {
        ThrowBadRequest({"status 应为 pending、active 或 disabled", "status must be pending, active or disabled"});
    }
    bool include_sub = true;
    if (query.include_sub) {
        if (*query.include_sub == "false" || *query.include_sub == "0") {
            include_sub = false;
        } else if (*query.include_sub != "true" && *query.include_sub != "1" && !query.include_sub->empty()) {
            ThrowBadRequest({"include_sub 应为 true 或 false", "include_sub must be true or false"});
        }
    }
    std::optional<int64_t> department;
    if (query.department_id && !query.department_id->empty()) {
        department = ParsePositive(*query.department_id);
        if (!department) ThrowBadRequest({"department_id 无效", "department_id is not valid"});
    }
    std::string q = TrimCopy(query.q.value_or(""));
    if (Utf8Length(q) < 0 || q.size() > 200) ThrowBadRequest({"搜索词无效", "The search text is not valid"});

    store::Reader r = actor.Db().Read();
    std::string where = " WHERE 1 = 1";
    std::vector<store::Value> params;
    if (!q.empty()) {
        where +=
            " AND (instr(lower(u.name), lower(?)) > 0 OR instr(u.phone, ?) > 0 OR instr(lower(u.email), lower(?)) > 0)";
        params.insert(params.end(), {q, q, q});
    }
    if (!status.empty()) {
        where += " AND u.status = ?";
        params.emplace_back(status);
    }
    if (department) {
        std::vector<int64_t> ids =
            include_sub ? SubtreeOf(DepartmentParents(*r), *department) : std::vector<int64_t>{*department};
        where += " AND u.id IN (SELECT user_id FROM user_departments WHERE department_id IN (" +
                 Placeholders(ids.size()) + "))";
        for (int64_t id : ids) params.emplace_back(id);
    }
    int64_t total = r->Query("SELECT count(*) FROM users u" + where, store::Params(params)).front().Int(0);

    std::string page_where = where;
    if (after) {
        page_where += " AND u.id > ?";
        params.emplace_back(*after);
    }
    params.emplace_back(limit + 1);
    params.emplace_back(after ? 0 : offset);
    std::vector<int64_t> ids;
    for (const store::Row& row :
         r->Query("SELECT u.id FROM users u" + page_where + " ORDER BY u.id LIMIT ? OFFSET ?", store::Params(params))) {
        ids.push_back(row.Int(0));
    }
    json::value next_cursor = nullptr;
    if (ids.size() > static_cast<size_t>(limit)) {
        ids.resize(limit);
        next_cursor = std::to_string(ids.back());
    }
    return json::object{{"records", UserViews(*r, ids)}, {"total", total}, {"next_cursor", next_cursor}};
}

json::object UserService::Get(const Actor& actor, int64_t id) {
    return ViewOrThrow(actor.Db(), id);
}

// ---- accounts ------------------------------------------------------------------------------------

void UserService::CheckIdentityFree(
    const Actor& actor,
    store::Connection& tenant_conn,
    const std::string& phone,
    const std::string& email,
    int64_t except_user_id
) {
    std::vector<FieldError> taken;
    auto other = [&](std::optional<int64_t> id) { return id && *id != except_user_id; };
    store::Reader system = store_.System().Read();
    if (!phone.empty()) {
        bool in_system = system
                             ->QueryValue(
                                 "SELECT 1 FROM logins WHERE tenant_id = ? AND phone = ? AND user_id <> ?",
                                 {actor.tenant_id, phone, except_user_id}
                             )
                             .has_value();
        if (other(UserIdByPhone(tenant_conn, phone)) || in_system) {
            taken.push_back(FieldError{"phone", "duplicate", kPhoneTaken});
        }
    }
    if (!email.empty()) {
        bool in_system = system
                             ->QueryValue(
                                 "SELECT 1 FROM logins WHERE tenant_id = ? AND email = ? AND user_id <> ?",
                                 {actor.tenant_id, email, except_user_id}
                             )
                             .has_value();
        if (other(UserIdByEmail(tenant_conn, email)) || in_system) {
            taken.push_back(FieldError{"email", "duplicate", kEmailTaken});
        }
    }
    if (!taken.empty()) ThrowIdentityConflict(std::move(taken));
}

int64_t UserService::CreateAccount(const Actor& actor, const UserAccount& account, const LoginSecret& secret) {
    int64_t id = 0;
    {
        store::Transaction tx = actor.Db().Write();
        CheckIdentityFree(actor, *tx, account.phone, account.email, 0);
        try {
            id = InsertUserAccount(*tx, account, clock_.Now());
        } catch (const store::ConstraintError& e) {
            ThrowIfIdentityConflict(e);
            throw;
        }
        tx.Commit();
    }
    try {
        store::Transaction tx = store_.System().Write();
        bool have_hash = !secret.password_hash.empty();
        auth_.CreateLogin(
            *tx,
            actor.tenant_id,
            id,
            account.phone,
            account.email,
            have_hash ? crypto::RandomToken(24) : secret.password,
            secret.must_change_password
        );
        if (have_hash) {
            tx->Execute(
                "UPDATE logins SET password_hash = ? WHERE tenant_id = ? AND user_id = ?",
                {secret.password_hash, actor.tenant_id, id}
            );
        }
        tx.Commit();
    } catch (const std::exception& e) {
        // Undo the profile so nothing is half-created, then report the original failure.
        try {
            store::Transaction tx = actor.Db().Write();
            tx->Execute("DELETE FROM users WHERE id = ?", {id});
            tx.Commit();
        } catch (const std::exception& undo) {
            spdlog::error(
                "tenant {}: user {} has no sign-in identity and could not be removed: {}",
                actor.tenant_id,
                id,
                undo.what()
            );
        }
        if (const auto* c = dynamic_cast<const store::ConstraintError*>(&e)) ThrowIfIdentityConflict(*c);
        throw;
    }
    return id;
}

json::object UserService::Create(const Actor& actor, const json::object& body) {
    BodyReader in(body);
    UserAccount a;
    a.name = in.String("name").value_or("");
    CheckPersonName(in, a.name);
    a.phone = DecodePhone(in, in.String("phone"));
    a.email = DecodeEmail(in, in.String("email"));
    if (a.phone.empty() && a.email.empty() && !in.HasErrorFor("phone") && !in.HasErrorFor("email")) {
        in.Required("phone", {"手机号和邮箱至少填写一项", "Enter a mobile number or an e-mail address"});
    }
    std::optional<std::string> password = in.RawString("password");
    if (password && password->empty()) password.reset();  // "" asks for a generated one, like leaving it out
    if (password) {
        for (auto& e : auth::CheckPasswordPolicy(*password, a.phone, a.email)) in.errors().push_back(std::move(e));
    }
    a.position = DecodePosition(in, in.String("position"));
    std::vector<int64_t> departments = in.IdList("department_ids").value_or(std::vector<int64_t>{});
    std::optional<int64_t> main = in.Int("main_department_id");
    std::optional<int64_t> supervisor = in.Int("supervisor_id");
    a.role_ids = in.IdList("role_ids").value_or(std::vector<int64_t>{});
    if (!main && !departments.empty()) main = departments.front();
    if (!main && !in.HasErrorFor("main_department_id") && !in.HasErrorFor("department_ids")) {
        in.Required("main_department_id", {"请选择主部门", "Choose the main department"});
    }
    {
        store::Reader r = actor.Db().Read();
        CheckReferences(in, *r, departments, main, a.role_ids, supervisor, 0);
    }
    in.ThrowIfAny();
    a.main_department_id = *main;
    a.department_ids = std::move(departments);
    a.supervisor_id = supervisor;

    LoginSecret secret;
    if (password) {
        secret.password = *password;
        a.status = "active";
    } else {
        secret.password = GenerateInitialPassword(a.phone, a.email);
        secret.must_change_password = true;
        a.status = "pending";
    }
    int64_t id = CreateAccount(actor, a, secret);
    json::object view = ViewOrThrow(actor.Db(), id);
    if (!password) view["initial_password"] = secret.password;
    return view;
}

json::object UserService::Update(const Actor& actor, int64_t id, const json::object& body) {
    BodyReader in(body);
    std::optional<std::string> name = in.String("name");
    bool phone_present = in.Has("phone"), email_present = in.Has("email"), position_present = in.Has("position");
    std::optional<std::string> phone_in = in.String("phone");
    std::optional<std::string> email_in = in.String("email");
    std::optional<std::string> position_in = in.String("position");
    std::optional<std::vector<int64_t>> departments = in.IdList("department_ids");
    std::optional<int64_t> main = in.Int("main_department_id");
    Patch<int64_t> supervisor = in.IntPatch("supervisor_id");
    std::optional<std::vector<int64_t>> roles = in.IdList("role_ids");
    if (in.Has("password")) {
        in.Fail("password", "not_allowed", {"请通过重置密码修改密码", "Use reset-password to change a password"});
    }

    std::string old_phone, old_email, new_phone, new_email;
    {
        store::Transaction tx = actor.Db().Write();
        std::optional<UserRow> current = FindUser(*tx, id);
        if (!current) ThrowNotFound();
        ProtectFullAdmin(*tx, actor, *current);
        old_phone = current->phone;
        old_email = current->email;

        std::string new_name = name.value_or(current->name);
        if (name) CheckPersonName(in, *name);
        new_phone = phone_present ? DecodePhone(in, phone_in) : current->phone;
        new_email = email_present ? DecodeEmail(in, email_in) : current->email;
        if (new_phone.empty() && new_email.empty() && !in.HasErrorFor("phone") && !in.HasErrorFor("email")) {
            in.Required(
                phone_present ? "phone" : "email",
                {"手机号和邮箱至少保留一项", "Keep a mobile number or an e-mail address"}
            );
        }
        std::string new_position = position_present ? DecodePosition(in, position_in) : current->position;

        std::vector<int64_t> new_departments = departments ? *departments : DepartmentsOf(*tx, id);
        int64_t new_main = main.value_or(current->main_department_id);
        if (departments && departments->empty()) {
            in.Required("department_ids", {"至少选择一个部门", "Choose at least one department"});
        } else if (departments && !main &&
                   std::find(new_departments.begin(), new_departments.end(), new_main) == new_departments.end()) {
            new_main = new_departments.front();  // the old main department was taken away
        }
        std::optional<int64_t> new_supervisor = supervisor.present ? supervisor.value : current->supervisor_id;
        CheckReferences(
            in,
            *tx,
            new_departments,
            new_main,
            roles.value_or(std::vector<int64_t>{}),
            supervisor.present ? supervisor.value : std::nullopt,
            id
        );
        in.ThrowIfAny();
        CheckIdentityFree(
            actor, *tx, new_phone != old_phone ? new_phone : "", new_email != old_email ? new_email : "", id
        );

        auto nullable = [](const std::string& s) { return s.empty() ? store::Value() : store::Value(s); };
        try {
            tx->Execute(
                "UPDATE users SET name = ?, phone = ?, email = ?, position = ?, main_department_id = ?, "
                "supervisor_id = ?, updated_at = ? WHERE id = ?",
                {new_name,
                 nullable(new_phone),
                 nullable(new_email),
                 nullable(new_position),
                 new_main,
                 new_supervisor,
                 FormatUtc(clock_.Now()),
                 id}
            );
        } catch (const store::ConstraintError& e) {
            ThrowIfIdentityConflict(e);
            throw;
        }
        if (departments || main) SetUserDepartments(*tx, id, new_main, new_departments);
        if (roles) SetUserRoles(*tx, id, *roles);
        tx.Commit();
    }

    if (new_phone != old_phone || new_email != old_email) {
        auto nullable = [](const std::string& s) { return s.empty() ? store::Value() : store::Value(s); };
        try {
            store::Transaction tx = store_.System().Write();
            tx->Execute(
                "UPDATE logins SET phone = ?, email = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?",
                {nullable(new_phone), nullable(new_email), FormatUtc(clock_.Now()), actor.tenant_id, id}
            );
            tx.Commit();
        } catch (const std::exception& e) {
            try {
                store::Transaction tx = actor.Db().Write();
                tx->Execute(
                    "UPDATE users SET phone = ?, email = ? WHERE id = ?", {nullable(old_phone), nullable(old_email), id}
                );
                tx.Commit();
            } catch (const std::exception& undo) {
                spdlog::error(
                    "tenant {}: user {} sign-in identity differs from the profile: {}", actor.tenant_id, id, undo.what()
                );
            }
            if (const auto* c = dynamic_cast<const store::ConstraintError*>(&e)) ThrowIfIdentityConflict(*c);
            throw;
        }
    }
    return ViewOrThrow(actor.Db(), id);
}

// ---- status and password ------------------------------------------------------------------------

void UserService::SetLoginStatus(const Actor& actor, int64_t user_id, std::string_view status) {
    store::Transaction tx = store_.System().Write();
    tx->Execute(
        "UPDATE logins SET status = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?",
        {status, FormatUtc(clock_.Now()), actor.tenant_id, user_id}
    );
    tx.Commit();
}

json::object UserService::Disable(const Actor& actor, int64_t id) {
    std::string old_status;
    {
        store::Transaction tx = actor.Db().Write();
        std::optional<UserRow> user = FindUser(*tx, id);
        if (!user) ThrowNotFound();
        if (id == actor.user_id) {
            throw Error(ErrorCode::kConflict, {"不能停用自己的账号", "You cannot disable your own account"});
        }
        if (user->is_admin && user->status != "disabled") {
            int64_t others =
                tx->QueryValue("SELECT count(*) FROM users WHERE is_admin = 1 AND status = 'active' AND id <> ?", {id})
                    ->AsInt();
            if (others == 0) {
                throw Error(
                    ErrorCode::kConflict,
                    {"不能停用企业唯一的在用管理员", "You cannot disable the enterprise's last active administrator"}
                );
            }
        }
        ProtectFullAdmin(*tx, actor, *user);
        old_status = user->status;
        tx->Execute("UPDATE users SET status = 'disabled', updated_at = ? WHERE id = ?", {FormatUtc(clock_.Now()), id});
        tx.Commit();
    }
    try {
        SetLoginStatus(actor, id, "disabled");
    } catch (...) {
        store::Transaction tx = actor.Db().Write();
        tx->Execute("UPDATE users SET status = ? WHERE id = ?", {old_status, id});
        tx.Commit();
        throw;
    }
    // After the identity is disabled, so a sign-in racing with this cannot leave a live session.
    auth_.sessions().RevokeAllOf(actor.tenant_id, id);
    return ViewOrThrow(actor.Db(), id);
}

json::object UserService::Enable(const Actor& actor, int64_t id) {
    std::string old_status;
    {
        store::Transaction tx = actor.Db().Write();
        std::optional<UserRow> user = FindUser(*tx, id);
        if (!user) ThrowNotFound();
        old_status = user->status;
        if (user->status == "disabled") {
            tx->Execute(
                "UPDATE users SET status = CASE WHEN activated_at IS NULL THEN 'pending' ELSE 'active' END, "
                "updated_at = ? WHERE id = ?",
                {FormatUtc(clock_.Now()), id}
            );
        }
        tx.Commit();
    }
    try {
        SetLoginStatus(actor, id, "active");
    } catch (...) {
        store::Transaction tx = actor.Db().Write();
        tx->Execute("UPDATE users SET status = ? WHERE id = ?", {old_status, id});
        tx.Commit();
        throw;
    }
    return ViewOrThrow(actor.Db(), id);
}

json::object UserService::ResetPassword(const Actor& actor, int64_t id, const json::object& body) {
    BodyReader in(body);
    std::optional<std::string> password = in.RawString("password");
    if (password && password->empty()) password.reset();
    std::optional<UserRow> user;
    {
        store::Reader r = actor.Db().Read();
        user = FindUser(*r, id);
        if (!user) ThrowNotFound();
        ProtectFullAdmin(*r, actor, *user);
    }
    if (password) {
        for (auto& e : auth::CheckPasswordPolicy(*password, user->phone, user->email)) in.errors().push_back(e);
    }
    in.ThrowIfAny();
    std::string chosen = password ? *password : GenerateInitialPassword(user->phone, user->email);
    std::string hash = crypto::HashPassword(chosen);  // slow: outside any transaction
    {
        store::Transaction tx = store_.System().Write();
        int64_t changed = tx->Execute(
            "UPDATE logins SET password_hash = ?, must_change_password = 1, failed_count = 0, locked_until = NULL, "
            "updated_at = ? WHERE tenant_id = ? AND user_id = ?",
            {hash, FormatUtc(clock_.Now()), actor.tenant_id, id}
        );
        if (changed == 0) {
            // A profile without a sign-in identity (never expected): give it one now.
            auth_.CreateLogin(*tx, actor.tenant_id, id, user->phone, user->email, chosen, true);
            if (user->status == "disabled") {
                tx->Execute(
                    "UPDATE logins SET status = 'disabled' WHERE tenant_id = ? AND user_id = ?", {actor.tenant_id, id}
                );
            }
        }
        tx.Commit();
    }
    auth_.sessions().RevokeAllOf(actor.tenant_id, id);
    json::object out;
    if (!password) out["initial_password"] = chosen;
    return out;
}

json::object UserService::SetAdminAreas(const Actor& actor, int64_t id, const json::object& body) {
    BodyReader in(body);
    std::optional<std::vector<std::string>> areas = in.StringList("areas");
    if (!areas && !in.HasErrorFor("areas")) in.Required("areas", {"请提供管理范围", "areas is required"});
    if (areas) {
        for (const std::string& a : *areas) {
            if (!IsAdminArea(a)) {
                in.Fail(
                    "areas",
                    "unknown",
                    {"未知的管理范围「" + Clip(a, 32) + "」", "Unknown admin area \"" + Clip(a, 32) + "\""}
                );
            }
        }
    }
    in.ThrowIfAny();
    {
        store::Transaction tx = actor.Db().Write();
        if (!FindUser(*tx, id)) ThrowNotFound();
        tx->Execute("DELETE FROM user_admin_areas WHERE user_id = ?", {id});
        for (const std::string& a : *areas) {
            tx->Execute("INSERT INTO user_admin_areas (user_id, area) VALUES (?, ?)", {id, a});
        }
        tx.Commit();
    }
    return ViewOrThrow(actor.Db(), id);
}

}  // namespace xieli::org
