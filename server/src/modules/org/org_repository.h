#pragma once

// The rows of the organization that sign-in and /me need: users, roles, departments.
// Issue-4's admin console builds on these.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
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

}  // namespace xieli::org
