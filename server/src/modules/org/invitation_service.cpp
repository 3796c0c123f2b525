#include "modules/org/invitation_service.h"

#include <algorithm>

#include "common/crypto.h"
#include "common/error.h"
#include "common/strings.h"
#include "modules/auth/password_policy.h"
#include "modules/org/body_reader.h"
#include "modules/org/org_repository.h"
#include "modules/org/org_rules.h"

namespace xieli::org {

namespace {

constexpr int64_t kDefaultDays = 7;
constexpr int64_t kMaxDays = 30;
constexpr size_t kMaxTokenLength = 200;

std::vector<int64_t> ParseIdArray(const std::string& text) {
    std::vector<int64_t> out;
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const json::value& x : v.get_array()) {
        if (std::optional<int64_t> id = JsonToId(x)) out.push_back(*id);
    }
    return out;
}

std::string IdArrayText(const std::vector<int64_t>& ids) {
    json::array a;
    for (int64_t id : ids) a.push_back(id);
    return json::serialize(a);
}

json::value NullableText(const store::Row& r, size_t i) {
    return r.IsNull(i) || r.Text(i).empty() ? json::value(nullptr) : json::value(r.Text(i));
}

json::value NullableId(const store::Row& r, size_t i) {
    return r.IsNull(i) ? json::value(nullptr) : json::value(r.Int(i));
}

json::array IdsJson(const std::vector<int64_t>& ids) {
    json::array a;
    for (int64_t id : ids) a.push_back(id);
    return a;
}

constexpr const char* kRequestColumns =
    "SELECT j.id, j.name, j.phone, j.email, j.status, j.department_id, d.name, j.role_ids, j.invitation_id, "
    "j.created_at, j.decided_at, j.decided_by, j.user_id FROM join_requests j "
    "LEFT JOIN departments d ON d.id = j.department_id";

json::object RequestJson(const store::Row& r) {
    return json::object{
        {"id", r.Int(0)},
        {"name", r.Text(1)},
        {"phone", NullableText(r, 2)},
        {"email", NullableText(r, 3)},
        {"status", r.Text(4)},
        {"department_id", NullableId(r, 5)},
        {"department_name", NullableText(r, 6)},
        {"role_ids", IdsJson(ParseIdArray(r.Text(7)))},
        {"invitation_id", NullableId(r, 8)},
        {"created_at", r.Text(9)},
        {"decided_at", NullableText(r, 10)},
        {"decided_by", NullableId(r, 11)},
        {"user_id", NullableId(r, 12)},
    };
}

json::object RequestOrThrow(store::Connection& conn, int64_t id) {
    store::Rows rows = conn.Query(std::string(kRequestColumns) + " WHERE j.id = ?", {id});
    if (rows.empty()) ThrowNotFound();
    return RequestJson(rows.front());
}

[[noreturn]] void ThrowNotPending() {
    throw Error(ErrorCode::kConflict, {"该申请已处理过", "This request has already been decided"});
}

}  // namespace

struct InvitationService::Found {
    int64_t tenant_id = 0;
    std::string tenant_name;
    store::Database* db = nullptr;
    int64_t invitation_id = 0;
    int64_t department_id = 0;
    std::string department_name;
    std::string role_ids;
    std::string phone;
    std::string email;
};

json::object InvitationService::Create(const Actor& actor, const json::object& body) {
    BodyReader in(body);
    std::optional<int64_t> department = in.Int("department_id");
    std::vector<int64_t> roles = in.IdList("role_ids").value_or(std::vector<int64_t>{});
    std::optional<int64_t> days = in.Int("expires_in_days");
    std::optional<std::string> phone_in = in.String("phone");
    std::optional<std::string> email_in = in.String("email");
    if (!department && !in.HasErrorFor("department_id")) {
        in.Required("department_id", {"请选择部门", "Choose a department"});
    }
    if (days && (*days < 1 || *days > kMaxDays)) {
        in.Fail("expires_in_days", "out_of_range", {"有效期应为 1–30 天", "The link must expire in 1–30 days"});
    }
    std::string phone, email;
    if (phone_in && !phone_in->empty()) {
        phone = NormalizeMobile(*phone_in);
        if (phone.empty())
            in.Fail("phone", "invalid", {"请输入有效的 11 位手机号", "Enter a valid 11-digit mobile number"});
    }
    if (email_in && !email_in->empty()) {
        email = NormalizeEmail(*email_in);
        if (email.empty()) in.Fail("email", "invalid", {"邮箱格式不正确", "Enter a valid e-mail address"});
    }
    std::string code;
    {
        store::Reader s = store_.System().Read();
        code = s->QueryValue("SELECT code FROM tenants WHERE id = ?", {actor.tenant_id})->AsText();
    }
    std::string token = code + "." + crypto::RandomToken(32);
    TimePoint expires = clock_.Now() + std::chrono::hours(24 * days.value_or(kDefaultDays));
    int64_t id = 0;
    {
        store::Transaction tx = actor.Db().Write();
        if (department && ExistingIds(*tx, "departments", {*department}).empty()) {
            in.Fail("department_id", "not_found", {"部门不存在", "The department does not exist"});
        }
        if (ExistingIds(*tx, "roles", roles).size() != roles.size()) {
            in.Fail("role_ids", "not_found", {"所选角色不存在", "A chosen role does not exist"});
        }
        in.ThrowIfAny();
        auto nullable = [](const std::string& s) { return s.empty() ? store::Value() : store::Value(s); };
        id =
            tx->Query(
                  "INSERT INTO invitations (token_hash, department_id, role_ids, phone, email, created_by, created_at, "
                  "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {crypto::HashToken(token),
                   *department,
                   IdArrayText(roles),
                   nullable(phone),
                   nullable(email),
                   actor.user_id,
                   FormatUtc(clock_.Now()),
                   FormatUtc(expires)}
            )
                .front()
                .Int(0);
        tx.Commit();
    }
    return json::object{{"id", id}, {"token", token}, {"url", "/join/" + token}, {"expires_at", FormatUtc(expires)}};
}

json::object InvitationService::List(const Actor& actor) {
    store::Reader r = actor.Db().Read();
    std::string now = FormatUtc(clock_.Now());
    json::array records;
    for (const store::Row& row : r->Query(
             "SELECT i.id, i.department_id, d.name, i.role_ids, i.phone, i.email, i.created_by, u.name, i.created_at, "
             "i.expires_at, (SELECT count(*) FROM join_requests j WHERE j.invitation_id = i.id) "
             "FROM invitations i LEFT JOIN departments d ON d.id = i.department_id "
             "LEFT JOIN users u ON u.id = i.created_by ORDER BY i.id DESC"
         )) {
        records.push_back(json::object{
            {"id", row.Int(0)},
            {"department_id", row.Int(1)},
            {"department_name", NullableText(row, 2)},
            {"role_ids", IdsJson(ParseIdArray(row.Text(3)))},
            {"phone", NullableText(row, 4)},
            {"email", NullableText(row, 5)},
            {"created_by", NullableId(row, 6)},
            {"created_by_name", NullableText(row, 7)},
            {"created_at", row.Text(8)},
            {"expires_at", row.Text(9)},
            {"expired", row.Text(9) <= now},
            {"request_count", row.Int(10)},
        });
    }
    return json::object{{"records", std::move(records)}};
}

void InvitationService::Delete(const Actor& actor, int64_t id) {
    store::Transaction tx = actor.Db().Write();
    if (tx->Execute("DELETE FROM invitations WHERE id = ?", {id}) == 0) ThrowNotFound();
    tx.Commit();
}

std::optional<InvitationService::Found> InvitationService::Resolve(std::string_view token) {
    size_t dot = token.find('.');
    if (token.size() > kMaxTokenLength || dot == std::string_view::npos || dot == 0) return std::nullopt;
    Found f;
    {
        store::Reader s = store_.System().Read();
        store::Rows rows = s->Query(
            "SELECT id, name FROM tenants WHERE code = ? AND status = 'active'", {std::string(token.substr(0, dot))}
        );
        if (rows.empty()) return std::nullopt;
        f.tenant_id = rows.front().Int(0);
        f.tenant_name = rows.front().Text(1);
    }
    try {
        f.db = &store_.Tenant(f.tenant_id);
    } catch (const Error&) {
        return std::nullopt;
    }
    store::Reader r = f.db->Read();
    store::Rows rows = r->Query(
        "SELECT i.id, i.department_id, d.name, i.role_ids, i.phone, i.email FROM invitations i "
        "JOIN departments d ON d.id = i.department_id WHERE i.token_hash = ? AND i.expires_at > ?",
        {crypto::HashToken(token), FormatUtc(clock_.Now())}
    );
    if (rows.empty()) return std::nullopt;
    const store::Row& row = rows.front();
    f.invitation_id = row.Int(0);
    f.department_id = row.Int(1);
    f.department_name = row.Text(2);
    f.role_ids = row.Text(3);
    f.phone = row.IsNull(4) ? "" : row.Text(4);
    f.email = row.IsNull(5) ? "" : row.Text(5);
    return f;
}

json::object InvitationService::Peek(std::string_view token) {
    std::optional<Found> f = Resolve(token);
    if (!f) {
        throw Error(ErrorCode::kNotFound, {"邀请链接无效或已过期", "This invitation link is not valid or has expired"});
    }
    return json::object{
        {"tenant", json::object{{"name", f->tenant_name}}}, {"department", json::object{{"name", f->department_name}}}};
}

json::object InvitationService::Submit(std::string_view token, const json::object& body) {
    std::optional<Found> f = Resolve(token);
    if (!f) {
        throw Error(ErrorCode::kNotFound, {"邀请链接无效或已过期", "This invitation link is not valid or has expired"});
    }
    BodyReader in(body);
    std::string name = in.String("name").value_or("");
    std::optional<std::string> phone_in = in.String("phone");
    std::optional<std::string> email_in = in.String("email");
    std::optional<std::string> password = in.RawString("password");
    std::string problem = CheckDisplayName(name, 50);
    if (problem == "required") {
        in.Required("name", {"请填写姓名", "Name is required"});
    } else if (!problem.empty()) {
        in.Fail("name", problem, {"姓名应为 1–50 个有效字符", "Name must be 1–50 valid characters"});
    }
    std::string phone, email;
    if (!phone_in || phone_in->empty()) {
        in.Required("phone", {"请填写手机号", "A mobile number is required"});
    } else {
        phone = NormalizeMobile(*phone_in);
        if (phone.empty()) {
            in.Fail("phone", "invalid", {"请输入有效的 11 位手机号", "Enter a valid 11-digit mobile number"});
        } else if (!f->phone.empty() && phone != f->phone) {
            in.Fail(
                "phone", "mismatch", {"该邀请发给了另一个手机号", "This invitation was sent to another mobile number"}
            );
        }
    }
    if (email_in && !email_in->empty()) {
        email = NormalizeEmail(*email_in);
        if (email.empty()) in.Fail("email", "invalid", {"邮箱格式不正确", "Enter a valid e-mail address"});
    }
    if (!f->email.empty() && email != f->email && !in.HasErrorFor("email")) {
        in.Fail("email", "mismatch", {"该邀请发给了另一个邮箱", "This invitation was sent to another e-mail address"});
    }
    if (!password || password->empty()) {
        in.Required("password", {"请设置密码", "A password is required"});
    } else {
        for (auto& e : auth::CheckPasswordPolicy(*password, phone, email)) in.errors().push_back(std::move(e));
    }
    in.ThrowIfAny();

    Actor enterprise{f->tenant_id, 0, f->db};
    std::string hash = crypto::HashPassword(*password);  // slow: before the transaction
    {
        store::Transaction tx = f->db->Write();
        users_.CheckIdentityFree(enterprise, *tx, phone, email, 0);
        if (tx->QueryValue("SELECT 1 FROM join_requests WHERE phone = ? AND status = 'pending'", {phone})) {
            throw Error(
                ErrorCode::kConflict,
                {"已提交过加入申请，请等待管理员审核", "A request to join is already waiting for an administrator"},
                {FieldError{
                    "phone", "pending", {"该手机号已有待审核的申请", "This number already has a waiting request"}}}
            );
        }
        tx->Execute(
            "INSERT INTO join_requests (invitation_id, department_id, role_ids, name, phone, email, password_hash, "
            "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
            {f->invitation_id,
             f->department_id,
             f->role_ids,
             name,
             phone,
             email.empty() ? store::Value() : store::Value(email),
             hash,
             FormatUtc(clock_.Now())}
        );
        tx.Commit();
    }
    return json::object{{"status", "pending"}};
}

json::object InvitationService::ListRequests(const Actor& actor, const std::optional<std::string>& status) {
    std::string s = status.value_or("");
    if (!s.empty() && s != "pending" && s != "approved" && s != "rejected") {
        ThrowBadRequest({"status 应为 pending、approved 或 rejected", "status must be pending, approved or rejected"});
    }
    store::Reader r = actor.Db().Read();
    store::Rows rows = s.empty()
                           ? r->Query(std::string(kRequestColumns) + " ORDER BY j.id DESC")
                           : r->Query(std::string(kRequestColumns) + " WHERE j.status = ? ORDER BY j.id DESC", {s});
    json::array records;
    for (const store::Row& row : rows) records.push_back(RequestJson(row));
    return json::object{{"records", std::move(records)}};
}

json::object InvitationService::Approve(const Actor& actor, int64_t id) {
    UserAccount account;
    LoginSecret secret;
    {
        store::Reader r = actor.Db().Read();
        store::Rows rows = r->Query(
            "SELECT status, name, phone, email, department_id, role_ids, password_hash FROM join_requests WHERE id = ?",
            {id}
        );
        if (rows.empty()) ThrowNotFound();
        const store::Row& row = rows.front();
        if (row.Text(0) != "pending") ThrowNotPending();
        account.name = row.Text(1);
        account.phone = row.Text(2);
        account.email = row.IsNull(3) ? "" : row.Text(3);
        // The department may have been deleted while the request waited: the root takes them in.
        std::optional<int64_t> department;
        if (!row.IsNull(4) && !ExistingIds(*r, "departments", {row.Int(4)}).empty()) department = row.Int(4);
        if (!department) department = RootDepartmentId(*r);
        account.main_department_id = *department;
        account.department_ids = {*department};
        account.role_ids = ExistingIds(*r, "roles", ParseIdArray(row.Text(5)));
        account.status = "active";
        secret.password_hash = row.Text(6);
    }
    int64_t user_id = users_.CreateAccount(actor, account, secret);
    json::object out;
    {
        store::Transaction tx = actor.Db().Write();
        tx->Execute(
            "UPDATE join_requests SET status = 'approved', user_id = ?, decided_by = ?, decided_at = ?, "
            "password_hash = '' WHERE id = ?",
            {user_id, actor.user_id, FormatUtc(clock_.Now()), id}
        );
        out = RequestOrThrow(*tx, id);
        tx.Commit();
    }
    out["user"] = users_.Get(actor, user_id);
    return out;
}

json::object InvitationService::Reject(const Actor& actor, int64_t id) {
    store::Transaction tx = actor.Db().Write();
    store::Rows rows = tx->Query("SELECT status FROM join_requests WHERE id = ?", {id});
    if (rows.empty()) ThrowNotFound();
    if (rows.front().Text(0) != "pending") ThrowNotPending();
    tx->Execute(
        "UPDATE join_requests SET status = 'rejected', decided_by = ?, decided_at = ?, password_hash = '' WHERE id = ?",
        {actor.user_id, FormatUtc(clock_.Now()), id}
    );
    json::object out = RequestOrThrow(*tx, id);
    tx.Commit();
    return out;
}

}  // namespace xieli::org
