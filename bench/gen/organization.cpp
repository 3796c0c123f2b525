#include "organization.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "modules/org/org_repository.h"
#include "word_lists.h"

namespace xieli::bench {

namespace {

struct Region {
    const char* area;
    std::vector<const char*> teams;
};

// Teams sit where the customers are (word_lists.cpp Cities()).
const std::vector<Region>& Regions() {
    static const std::vector<Region> kRegions = {
        {"华北", {"北京一组", "北京二组", "天津组"}},
        {"华东", {"上海一组", "上海二组", "杭州组", "南京组", "苏州组"}},
        {"华南", {"深圳一组", "深圳二组", "广州组", "东莞组"}},
        {"华中", {"武汉组", "长沙组"}},
        {"西南", {"成都组", "重庆组"}},
        {"西北", {"西安组"}},
        {"东北", {"沈阳组"}},
    };
    return kRegions;
}

double AreaWeight(const char* area) {
    double w = 0;
    for (const City& c : Cities()) {
        if (std::string_view(c.area) == area) w += c.weight;
    }
    return w;
}

}  // namespace

Organization CreateOrganization(
    store::Store& store, auth::AuthService& auth, const Clock& clock, Rng& rng, const OrganizationOptions& options
) {
    Organization org;
    org.company = "星河协同科技有限公司";
    org.tenant_code = options.tenant_code;
    PersonName admin_name = MakePersonName(rng);
    auth::CreatedEnterprise created = auth.CreateEnterprise(
        {org.company, admin_name.name, "13900000000", "u0000@bench.xieli.cn", options.password}, options.tenant_code
    );
    org.tenant_id = created.tenant_id;
    org.users.push_back(
        {created.admin_user_id,
         admin_name.name,
         "13900000000",
         "u0000@bench.xieli.cn",
         "admin",
         "总经理",
         created.root_department_id,
         "",
         0}
    );

    TimePoint now = clock.Now();
    int next_phone = 1;
    std::vector<BenchUser> created_users;
    store::Transaction tx = store.Tenant(org.tenant_id).Write();
    auto add = [&](const std::string& role,
                   const std::string& position,
                   int64_t department,
                   std::optional<int64_t> supervisor,
                   const std::string& area,
                   double owner_weight) -> BenchUser& {
        BenchUser u;
        u.name = MakePersonName(rng).name;
        u.phone = fmt::format("139{:08}", next_phone);
        u.email = fmt::format("u{:04}@bench.xieli.cn", next_phone);
        u.role = role;
        u.position = position;
        u.department_id = department;
        u.area = area;
        u.owner_weight = owner_weight;
        org::NewUser nu{u.name, u.phone, u.email, position, department, supervisor, false, {role}};
        ++next_phone;
        u.id = org::InsertUser(*tx, nu, now);
        org.users.push_back(u);
        return org.users.back();
    };
    auto set_head = [&](int64_t department, int64_t user) {
        tx->Execute("UPDATE departments SET head_user_id = ? WHERE id = ?", {user, department});
    };

    int64_t root = created.root_department_id;
    int64_t sales_dept = org::InsertDepartment(*tx, root, "销售部", 1, now);
    int64_t service_dept = org::InsertDepartment(*tx, root, "客服部", 2, now);
    int64_t finance_dept = org::InsertDepartment(*tx, root, "财务部", 3, now);
    int64_t director = add("sales_manager", "销售总监", sales_dept, std::nullopt, "", 0).id;
    set_head(sales_dept, director);

    struct Team {
        std::string name;
        int64_t department_id;
        int64_t lead_id;
        std::string area;
        double weight;
    };
    std::vector<Team> teams;
    int order = 0;
    for (const Region& region : Regions()) {
        int64_t dept = org::InsertDepartment(*tx, sales_dept, fmt::format("{}大区", region.area), ++order, now);
        BenchUser& manager = add("sales_manager", "大区经理", dept, director, region.area, 1);
        set_head(dept, manager.id);
        if (std::string_view(region.area) == "华南") org.manager_example = org.users.size() - 1;
        int64_t manager_id = manager.id;
        int team_order = 0;
        for (const char* team_name : region.teams) {
            int64_t team_dept = org::InsertDepartment(*tx, dept, team_name, ++team_order, now);
            BenchUser& lead = add("sales_manager", "销售主管", team_dept, manager_id, region.area, 4);
            set_head(team_dept, lead.id);
            teams.push_back({team_name, team_dept, lead.id, region.area, AreaWeight(region.area) / region.teams.size()}
            );
        }
    }
    int64_t service_head = add("service", "客服经理", service_dept, std::nullopt, "", 0).id;
    set_head(service_dept, service_head);
    for (int i = 0; i < 9; ++i) add("service", "客服专员", service_dept, service_head, "", 0);
    int64_t finance_head = add("finance", "财务经理", finance_dept, std::nullopt, "", 0).id;
    set_head(finance_dept, finance_head);
    for (int i = 0; i < 4; ++i) add("finance", "会计", finance_dept, finance_head, "", 0);

    // The rest are sales representatives: one per team first, then by where the customers are.
    int reps = std::max<int>(static_cast<int>(teams.size()), options.users - static_cast<int>(org.users.size()));
    std::vector<double> weights;
    for (const Team& t : teams) weights.push_back(t.weight);
    WeightedIndex team_index(weights);
    for (int i = 0; i < reps; ++i) {
        const Team& t = i < static_cast<int>(teams.size()) ? teams[i] : teams[team_index.Pick(rng)];
        add("sales", "销售代表", t.department_id, t.lead_id, t.area, 10);
        // The first representative of 深圳一组 signs in for the bench's sales-user runs.
        if (org.sales_example == 0 && t.name == "深圳一组") org.sales_example = org.users.size() - 1;
    }
    tx.Commit();

    // Sign-ins: one Argon2id hash each, the slow part (~50 ms a person).
    std::printf("sign-ins for %zu people …\n", org.users.size() - 1);
    std::fflush(stdout);
    store::Transaction sys = store.System().Write();
    for (size_t i = 1; i < org.users.size(); ++i) {
        const BenchUser& u = org.users[i];
        auth.CreateLogin(*sys, org.tenant_id, u.id, u.phone, u.email, options.password, false);
    }
    sys.Commit();
    return org;
}

}  // namespace xieli::bench
