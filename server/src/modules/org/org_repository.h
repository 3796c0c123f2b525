#pragma once

// The rows of the organization: what sign-in and /me need (users, roles, departments), and the
// shared reads and writes of the admin console's services (docs/api/org.md). Plain functions over
// a connection: the caller owns the transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "modules/org/org_rules.h"
#include "store/database.h"

namespace xieli::org {

struct NewUser {
    std::string name;
    std::string phone;  // normalized, may be empty
    std::string email;  // normalized, may be empty
    std::string position;
    int64_t main_department_id = 0;
    std::optional<int64_t> supervisor_id;
    bool is_admin = false;
    std::vector<std::string> role_codes;
};

struct UserRow {
    int64_t id = 0;
    std::string name;
    std::string phone;
    std::string email;
    std::string position;
    int64_t main_department_id = 0;
    std::optional<int64_t> supervisor_id;
    std::string status;
    bool is_admin = false;
    std::string created_at;
};

struct RoleRow {
    int64_t id = 0;
    std::string code;
    std::string name;
    json::object permissions;
};

// Inserts the user into the main department (and user_departments) with the roles named by code.
int64_t InsertUser(store::Connection& conn, const NewUser& user, TimePoint now);
int64_t InsertDepartment(
    store::Connection& conn, std::optional<int64_t> parent_id, const std::string& name, int sort_order, TimePoint now
);
std::optional<UserRow> FindUser(store::Connection& conn, int64_t user_id);
std::vector<RoleRow> RolesOfUser(store::Connection& conn, int64_t user_id);

// What every new enterprise starts with: the default roles (管理员, 销售经理, 销售, 客服, 财务) and
// the root department named after the company. Returns the root department's id.
int64_t SeedOrganization(store::Connection& conn, const std::string& company_name, TimePoint now);

json::object UserToJson(const UserRow& user);

// ---- The admin console's shared reads and writes -------------------------------------------

// A new user as the admin console creates it: several departments, roles by id, pending or active.
struct UserAccount {
    std::string name;
    std::string phone;  // normalized, may be empty
    std::string email;  // normalized, may be empty
    std::string position;
    int64_t main_department_id = 0;
    std::vector<int64_t> department_ids;  // main_department_id is added when missing
    std::optional<int64_t> supervisor_id;
    std::vector<int64_t> role_ids;
    std::string status = "active";  // active | pending (not activated: must replace a generated password)
    bool is_admin = false;
};
int64_t InsertUserAccount(store::Connection& conn, const UserAccount& user, TimePoint now);
// Replaces a user's departments (main included) or roles.
void SetUserDepartments(store::Connection& conn, int64_t user_id, int64_t main_id, std::vector<int64_t> ids);
void SetUserRoles(store::Connection& conn, int64_t user_id, const std::vector<int64_t>& role_ids);

std::vector<DepartmentRecord> ListDepartments(store::Connection& conn);
ParentMap DepartmentParents(store::Connection& conn);
ParentMap SupervisorParents(store::Connection& conn);
std::optional<int64_t> RootDepartmentId(store::Connection& conn);

// The ids among `ids` that exist in `table` (users, departments, roles).
std::vector<int64_t> ExistingIds(store::Connection& conn, std::string_view table, const std::vector<int64_t>& ids);

// The User of docs/api/org.md (departments, supervisor, roles and admin areas resolved), in the
// order of `ids`; unknown ids are skipped.
json::array UserViews(store::Connection& conn, const std::vector<int64_t>& ids);
std::optional<json::object> UserView(store::Connection& conn, int64_t user_id);

// A role as GET /roles lists it, with user_count.
json::array RoleViews(store::Connection& conn, std::optional<int64_t> only_id = std::nullopt);
std::optional<json::object> RoleView(store::Connection& conn, int64_t role_id);

// The user already holding this phone or e-mail in the enterprise (any status), if any.
std::optional<int64_t> UserIdByPhone(store::Connection& conn, const std::string& phone);
std::optional<int64_t> UserIdByEmail(store::Connection& conn, const std::string& email);

// A pending user (created with a generated password) becomes active once they chose their own
// password. For POST /auth/change-password: call inside the enterprise write transaction.
void MarkUserActivated(store::Connection& tenant_tx, int64_t user_id, TimePoint now);

// "?, ?, ?" for an IN list of n bound values (the values are always bound, never spliced).
std::string Placeholders(size_t n);

}  // namespace xieli::org
