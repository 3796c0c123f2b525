#include "modules/org/org_repository.h"

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
    int64_t id = conn.Query(
                         "INSERT INTO users (name, phone, email, position, main_department_id, supervisor_id, status, "
                         "is_admin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING id",
                         {user.name,
                          nullable(user.phone),
                          nullable(user.email),
                          nullable(user.position),
                          user.main_department_id,
                          user.supervisor_id,
                          user.is_admin,
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

}  // namespace xieli::org
