#pragma once

// The bench enterprise's organization: registered through AuthService::CreateEnterprise like any
// enterprise, then a sales department with seven regions and their teams, customer service and
// finance, ~200 people with roles, supervisors and sign-ins.

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "modules/auth/auth_service.h"
#include "random.h"
#include "store/store.h"

namespace xieli::bench {

struct BenchUser {
    int64_t id = 0;
    std::string name;
    std::string phone;  // the sign-in
    std::string email;
    std::string role;  // admin | sales_manager | sales | service | finance
    std::string position;
    int64_t department_id = 0;
    std::string area;         // 华东 … for people of a sales region, else empty
    double owner_weight = 0;  // how many of their region's records they own, relatively
};

struct Organization {
    int64_t tenant_id = 0;
    std::string tenant_code;
    std::string company;
    std::vector<BenchUser> users;  // users[0] is the administrator
    size_t sales_example = 0;      // a sales representative (data scope: self)
    size_t manager_example = 0;    // a regional manager (data scope: department tree)
};

struct OrganizationOptions {
    int users = 200;
    std::string password;
    std::string tenant_code = "bench";
};

Organization CreateOrganization(
    store::Store& store, auth::AuthService& auth, const Clock& clock, Rng& rng, const OrganizationOptions& options
);

}  // namespace xieli::bench
