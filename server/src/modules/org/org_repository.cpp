#include "modules/org/org_repository.h"

#include <algorithm>
#include <map>

#include "modules/org/permissions.h"

namespace xieli::org {

namespace {

struct DefaultRole {
    const char* code;
    const char* name;
    const char* description;
};

constexpr DefaultRole kDefaultRoles[] = {
    {"admin", "管理员", "管理企业的全部数据与设置"},
    {"sales_manager", "销售经理", "管理本部门及下属部门的客户与销售数据"},
    {"sales", "销售", "管理自己负责的线索、客户、商机与合同"},
    {"service", "客服", "查看客户与联系人，记录服务跟进"},
    {"finance", "财务", "管理合同、回款与开票"},
};

UserRow ReadUser(const store::Row& r) {
    UserRow u;
    u.id = r.Int("id");
    u.name = r.Text("name");
    u.phone = r.Text("phone");
    u.email = r.Text("email");
    u.position = r.Text("position");
    u.main_department_id = r.Int("main_department_id");
    if (!r.IsNull("supervisor_id")) u.supervisor_id = r.Int("supervisor_id");
    u.status = r.Text("status");
    u.is_admin = r.Int("is_admin") != 0;
    u.created_at = r.Text("created_at");
    return u;
}

}  // namespace

int64_t InsertDepartment(
    store::Connection& conn, std::optional<int64_t> parent_id, const std::string& name, int sort_order, TimePoint now
) {
    std::string ts = FormatUtc(now);
    return conn
        .Query(
            "INSERT INTO departments (parent_id, name, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
            "RETURNING id",
            {parent_id, name, sort_order, ts, ts}
        )
        .front()
        .Int(0);
}

int64_t InsertUser(store::Connection& conn, const NewUser& user, TimePoint now) {
    std::string ts = FormatUtc(now);
    auto nullable = [](const std::string& s) { return s.empty() ? store::Value() : store::Value(s); };
    int64_t id =
        conn.Query(
                "INSERT INTO users (name, phone, email, position, main_department_id, supervisor_id, status, "
                "is_admin, created_at, updated_at, activated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) "
                "RETURNING id",
                {user.name,
                 nullable(user.phone),
                 nullable(user.email),
                 nullable(user.position),
                 user.main_department_id,
                 user.supervisor_id,
                 user.is_admin,
                 ts,
                 ts,
                 ts}
        )
            .front()
            .Int(0);
    conn.Execute("INSERT INTO user_departments (user_id, department_id) VALUES (?, ?)", {id, user.main_department_id});
    for (const std::string& code : user.role_codes) {
        conn.Execute("INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?", {id, code});
    }
    return id;
}

std::optional<UserRow> FindUser(store::Connection& conn, int64_t user_id) {
    store::Rows rows = conn.Query(
        "SELECT id, name, phone, email, position, main_department_id, supervisor_id, status, is_admin, created_at "
        "FROM users WHERE id = ?",
        {user_id}
    );
    if (rows.empty()) return std::nullopt;
    return ReadUser(rows.front());
}

std::vector<RoleRow> RolesOfUser(store::Connection& conn, int64_t user_id) {
    std::vector<RoleRow> out;
    store::Rows rows = conn.Query(
        "SELECT r.id, r.code, r.name, r.permissions FROM roles r JOIN user_roles ur ON ur.role_id = r.id "
        "WHERE ur.user_id = ? ORDER BY r.id",
        {user_id}
    );
    for (const store::Row& r : rows) {
        RoleRow role{r.Int(0), r.Text(1), r.Text(2), {}};
        boost::system::error_code ec;
        json::value v = json::parse(r.Text(3), ec);
        if (!ec && v.is_object()) role.permissions = std::move(v.get_object());
        out.push_back(std::move(role));
    }
    return out;
}

int64_t SeedOrganization(store::Connection& conn, const std::string& company_name, TimePoint now) {
    std::string ts = FormatUtc(now);
    for (const DefaultRole& role : kDefaultRoles) {
        conn.Execute(
            "INSERT INTO roles (code, name, description, permissions, is_system, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 1, ?, ?)",
            {role.code, role.name, role.description, json::serialize(DefaultRolePermissions(role.code)), ts, ts}
        );
    }
    return InsertDepartment(conn, std::nullopt, company_name, 0, now);
}

json::object UserToJson(const UserRow& user) {
    json::object o{
        {"id", user.id},
        {"name", user.name},
        {"phone", user.phone.empty() ? json::value(nullptr) : json::value(user.phone)},
        {"email", user.email.empty() ? json::value(nullptr) : json::value(user.email)},
        {"position", user.position.empty() ? json::value(nullptr) : json::value(user.position)},
        {"main_department_id", user.main_department_id},
        {"supervisor_id", user.supervisor_id ? json::value(*user.supervisor_id) : json::value(nullptr)},
        {"status", user.status},
        {"is_admin", user.is_admin},
        {"created_at", user.created_at},
    };
    return o;
}

std::string Placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
    return out;
}

namespace {

store::Value Nullable(const std::string& s) {
    return s.empty() ? store::Value() : store::Value(s);
}

std::vector<store::Value> IdValues(const std::vector<int64_t>& ids) {
    std::vector<store::Value> v;
    v.reserve(ids.size());
    for (int64_t id : ids) v.emplace_back(id);
    return v;
}

json::value NullableJson(const store::Row& r, size_t i) {
    return r.IsNull(i) || r.Text(i).empty() ? json::value(nullptr) : json::value(r.Text(i));
}

json::value NullableIdJson(const store::Row& r, size_t i) {
    return r.IsNull(i) ? json::value(nullptr) : json::value(r.Int(i));
}

}  // namespace

int64_t InsertUserAccount(store::Connection& conn, const UserAccount& user, TimePoint now) {
    std::string ts = FormatUtc(now);
    int64_t id = conn.Query(
                         "INSERT INTO users (name, phone, email, position, main_department_id, supervisor_id, status, "
                         "is_admin, created_at, updated_at, activated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "RETURNING id",
                         {user.name,
                          Nullable(user.phone),
                          Nullable(user.email),
                          Nullable(user.position),
                          user.main_department_id,
                          user.supervisor_id,
                          user.status,
                          user.is_admin,
                          ts,
                          ts,
                          user.status == "active" ? store::Value(ts) : store::Value()}
    )
                     .front()
                     .Int(0);
    SetUserDepartments(conn, id, user.main_department_id, user.department_ids);
    SetUserRoles(conn, id, user.role_ids);
    return id;
}

void SetUserDepartments(store::Connection& conn, int64_t user_id, int64_t main_id, std::vector<int64_t> ids) {
    if (std::find(ids.begin(), ids.end(), main_id) == ids.end()) ids.insert(ids.begin(), main_id);
    conn.Execute("DELETE FROM user_departments WHERE user_id = ?", {user_id});
    for (int64_t d : ids) {
        conn.Execute("INSERT OR IGNORE INTO user_departments (user_id, department_id) VALUES (?, ?)", {user_id, d});
    }
}

void SetUserRoles(store::Connection& conn, int64_t user_id, const std::vector<int64_t>& role_ids) {
    conn.Execute("DELETE FROM user_roles WHERE user_id = ?", {user_id});
    for (int64_t r : role_ids) {
        conn.Execute("INSERT OR IGNORE INTO user_roles (user_id, role_id) VALUES (?, ?)", {user_id, r});
    }
}

std::vector<DepartmentRecord> ListDepartments(store::Connection& conn) {
    std::vector<DepartmentRecord> out;
    store::Rows rows = conn.Query(
        "SELECT d.id, d.parent_id, d.name, d.head_user_id, h.name, d.sort_order, "
        "(SELECT count(*) FROM user_departments ud WHERE ud.department_id = d.id) "
        "FROM departments d LEFT JOIN users h ON h.id = d.head_user_id ORDER BY d.sort_order, d.id"
    );
    for (const store::Row& r : rows) {
        DepartmentRecord d;
        d.id = r.Int(0);
        if (!r.IsNull(1)) d.parent_id = r.Int(1);
        d.name = r.Text(2);
        if (!r.IsNull(3)) d.head_user_id = r.Int(3);
        if (!r.IsNull(4)) d.head_name = r.Text(4);
        d.sort_order = r.Int(5);
        d.member_count = r.Int(6);
        out.push_back(std::move(d));
    }
    return out;
}

ParentMap DepartmentParents(store::Connection& conn) {
    ParentMap out;
    for (const store::Row& r : conn.Query("SELECT id, parent_id FROM departments")) {
        out[r.Int(0)] = r.IsNull(1) ? std::nullopt : std::optional<int64_t>(r.Int(1));
    }
    return out;
}

ParentMap SupervisorParents(store::Connection& conn) {
    ParentMap out;
    for (const store::Row& r : conn.Query("SELECT id, supervisor_id FROM users")) {
        out[r.Int(0)] = r.IsNull(1) ? std::nullopt : std::optional<int64_t>(r.Int(1));
    }
    return out;
}

std::optional<int64_t> RootDepartmentId(store::Connection& conn) {
    auto v = conn.QueryValue("SELECT id FROM departments WHERE parent_id IS NULL ORDER BY id LIMIT 1");
    if (!v) return std::nullopt;
    return v->AsInt();
}

std::vector<int64_t> ExistingIds(store::Connection& conn, std::string_view table, const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    // `table` is one of our own names, never client text.
    std::string sql;
    if (table == "users") {
        sql = "SELECT id FROM users WHERE id IN (";
    } else if (table == "departments") {
        sql = "SELECT id FROM departments WHERE id IN (";
    } else if (table == "roles") {
        sql = "SELECT id FROM roles WHERE id IN (";
    } else {
        throw std::logic_error("ExistingIds: unknown table");
    }
    sql += Placeholders(ids.size()) + ")";
    std::vector<store::Value> params = IdValues(ids);
    std::vector<int64_t> found;
    for (const store::Row& r : conn.Query(sql, store::Params(params))) found.push_back(r.Int(0));
    std::vector<int64_t> out;
    for (int64_t id : ids) {
        if (std::find(found.begin(), found.end(), id) != found.end()) out.push_back(id);
    }
    return out;
}

json::array UserViews(store::Connection& conn, const std::vector<int64_t>& ids) {
    json::array out;
    if (ids.empty()) return out;
    std::vector<store::Value> params = IdValues(ids);
    std::string in = "(" + Placeholders(ids.size()) + ")";

    std::map<int64_t, json::array> departments, role_ids, roles, areas;
    for (const store::Row& r : conn.Query(
             "SELECT ud.user_id, ud.department_id FROM user_departments ud JOIN departments d ON d.id = "
             "ud.department_id "
             "WHERE ud.user_id IN " +
                 in + " ORDER BY d.sort_order, d.id",
             store::Params(params)
         )) {
        departments[r.Int(0)].push_back(r.Int(1));
    }
    for (const store::Row& r : conn.Query(
             "SELECT ur.user_id, r.id, r.code, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
             "WHERE ur.user_id IN " +
                 in + " ORDER BY r.id",
             store::Params(params)
         )) {
        role_ids[r.Int(0)].push_back(r.Int(1));
        roles[r.Int(0)].push_back(json::object{{"id", r.Int(1)}, {"code", NullableJson(r, 2)}, {"name", r.Text(3)}});
    }
    for (const store::Row& r : conn.Query(
             "SELECT user_id, area FROM user_admin_areas WHERE user_id IN " + in + " ORDER BY area",
             store::Params(params)
         )) {
        areas[r.Int(0)].push_back(json::value(r.Text(1)));
    }

    std::map<int64_t, json::object> by_id;
    for (const store::Row& r : conn.Query(
             "SELECT u.id, u.name, u.phone, u.email, u.position, u.status, u.is_admin, u.main_department_id, d.name, "
             "u.supervisor_id, s.name, u.created_at FROM users u LEFT JOIN departments d ON d.id = "
             "u.main_department_id "
             "LEFT JOIN users s ON s.id = u.supervisor_id WHERE u.id IN " +
                 in,
             store::Params(params)
         )) {
        int64_t id = r.Int(0);
        by_id[id] = json::object{
            {"id", id},
            {"name", r.Text(1)},
            {"phone", NullableJson(r, 2)},
            {"email", NullableJson(r, 3)},
            {"position", NullableJson(r, 4)},
            {"status", r.Text(5)},
            {"is_admin", r.Int(6) != 0},
            {"main_department_id", NullableIdJson(r, 7)},
            {"main_department_name", NullableJson(r, 8)},
            {"department_ids", std::move(departments[id])},
            {"supervisor_id", NullableIdJson(r, 9)},
            {"supervisor_name", NullableJson(r, 10)},
            {"role_ids", std::move(role_ids[id])},
            {"roles", std::move(roles[id])},
            {"admin_areas", std::move(areas[id])},
            {"created_at", r.Text(11)},
        };
    }
    for (int64_t id : ids) {
        auto it = by_id.find(id);
        if (it != by_id.end()) out.push_back(std::move(it->second));
    }
    return out;
}

std::optional<json::object> UserView(store::Connection& conn, int64_t user_id) {
    json::array a = UserViews(conn, {user_id});
    if (a.empty()) return std::nullopt;
    return std::move(a.front().as_object());
}

json::array RoleViews(store::Connection& conn, std::optional<int64_t> only_id) {
    std::string sql =
        "SELECT r.id, r.code, r.name, r.description, r.is_system, r.permissions, "
        "(SELECT count(*) FROM user_roles ur WHERE ur.role_id = r.id) FROM roles r";
    store::Rows rows = only_id ? conn.Query(sql + " WHERE r.id = ?", {*only_id}) : conn.Query(sql + " ORDER BY r.id");
    json::array out;
    for (const store::Row& r : rows) {
        boost::system::error_code ec;
        json::value perms = json::parse(r.Text(5), ec);
        if (ec || !perms.is_object()) perms = json::object{{"objects", json::object{}}, {"fields", json::object{}}};
        out.push_back(json::object{
            {"id", r.Int(0)},
            {"code", NullableJson(r, 1)},
            {"name", r.Text(2)},
            {"description", NullableJson(r, 3)},
            {"is_system", r.Int(4) != 0},
            {"user_count", r.Int(6)},
            {"permissions", std::move(perms)},
        });
    }
    return out;
}

std::optional<json::object> RoleView(store::Connection& conn, int64_t role_id) {
    json::array a = RoleViews(conn, role_id);
    if (a.empty()) return std::nullopt;
    return std::move(a.front().as_object());
}

void MarkUserActivated(store::Connection& tenant_tx, int64_t user_id, TimePoint now) {
    tenant_tx.Execute(
        "UPDATE users SET status = CASE WHEN status = 'pending' THEN 'active' ELSE status END, "
        "activated_at = COALESCE(activated_at, ?) WHERE id = ?",
        {FormatUtc(now), user_id}
    );
}

std::optional<int64_t> UserIdByPhone(store::Connection& conn, const std::string& phone) {
    if (phone.empty()) return std::nullopt;
    auto v = conn.QueryValue("SELECT id FROM users WHERE phone = ?", {phone});
    if (!v) return std::nullopt;
    return v->AsInt();
}

std::optional<int64_t> UserIdByEmail(store::Connection& conn, const std::string& email) {
    if (email.empty()) return std::nullopt;
    auto v = conn.QueryValue("SELECT id FROM users WHERE email = ?", {email});
    if (!v) return std::nullopt;
    return v->AsInt();
}

}  // namespace xieli::org
