#include "app/demo_enterprise.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <vector>

#include "modules/org/org_repository.h"

namespace xieli::app {

namespace {

constexpr const char* kDemoCode = "demo";
constexpr const char* kDemoCompany = "示例科技有限公司";
constexpr const char* kDemoPassword = "Demo@2026";

struct Colleague {
    const char* name;
    const char* phone;
    const char* email;
    const char* position;
    const char* department;  // by name, created below
    const char* role;
    const char* supervisor;  // by name, or nullptr
};

constexpr Colleague kColleagues[] = {
    {"王芳", "13800000001", "wangfang@demo.xieli.cn", "销售总监", "销售部", "sales_manager", nullptr},
    {"张伟", "13800000002", "zhangwei@demo.xieli.cn", "销售经理", "华东大区", "sales_manager", "王芳"},
    {"刘洋", "13800000003", "liuyang@demo.xieli.cn", "销售代表", "华东大区", "sales", "张伟"},
    {"孙丽", "13800000004", "sunli@demo.xieli.cn", "销售代表", "华南大区", "sales", "王芳"},
    {"陈静", "13800000005", "chenjing@demo.xieli.cn", "客服专员", "客服部", "service", nullptr},
    {"赵敏", "13800000006", "zhaomin@demo.xieli.cn", "财务主管", "财务部", "finance", nullptr},
};

}  // namespace

std::string EnsureDemoEnterprise(store::Store& store, auth::AuthService& auth, const Clock& clock) {
    {
        store::Reader r = store.System().Read();
        if (r->QueryValue("SELECT 1 FROM tenants WHERE code = ?", {kDemoCode})) return {};
    }
    auth::CreatedEnterprise demo =
        auth.CreateEnterprise({kDemoCompany, "李明", "13800000000", "admin@demo.xieli.cn", kDemoPassword}, kDemoCode);
    TimePoint now = clock.Now();
    std::map<std::string, int64_t> departments{{kDemoCompany, demo.root_department_id}};
    std::map<std::string, int64_t> users{{"李明", demo.admin_user_id}};
    std::vector<std::pair<int64_t, const Colleague*>> created;
    {
        store::Transaction tx = store.Tenant(demo.tenant_id).Write();
        int64_t sales = org::InsertDepartment(*tx, demo.root_department_id, "销售部", 1, now);
        departments["销售部"] = sales;
        departments["华东大区"] = org::InsertDepartment(*tx, sales, "华东大区", 1, now);
        departments["华南大区"] = org::InsertDepartment(*tx, sales, "华南大区", 2, now);
        departments["客服部"] = org::InsertDepartment(*tx, demo.root_department_id, "客服部", 2, now);
        departments["财务部"] = org::InsertDepartment(*tx, demo.root_department_id, "财务部", 3, now);
        for (const Colleague& c : kColleagues) {
            org::NewUser u{
                c.name, c.phone, c.email, c.position, departments.at(c.department), std::nullopt, false, {c.role}};
            if (c.supervisor) u.supervisor_id = users.at(c.supervisor);
            int64_t id = org::InsertUser(*tx, u, now);
            users[c.name] = id;
            created.emplace_back(id, &c);
        }
        tx->Execute(
            "UPDATE departments SET head_user_id = ? WHERE id = ?", {users.at("王芳"), departments.at("销售部")}
        );
        tx->Execute(
            "UPDATE departments SET head_user_id = ? WHERE id = ?", {users.at("张伟"), departments.at("华东大区")}
        );
        tx->Execute(
            "UPDATE departments SET head_user_id = ? WHERE id = ?", {users.at("孙丽"), departments.at("华南大区")}
        );
        tx->Execute(
            "UPDATE departments SET head_user_id = ? WHERE id = ?", {users.at("陈静"), departments.at("客服部")}
        );
        tx->Execute(
            "UPDATE departments SET head_user_id = ? WHERE id = ?", {users.at("赵敏"), departments.at("财务部")}
        );
        tx.Commit();
    }
    {
        store::Transaction tx = store.System().Write();
        for (const auto& [id, c] : created)
            auth.CreateLogin(*tx, demo.tenant_id, id, c->phone, c->email, kDemoPassword, false);
        tx.Commit();
    }
    spdlog::info("demo enterprise created ({} users)", created.size() + 1);
    std::string hint = fmt::format(
        "示例企业「{}」已创建 / Demo enterprise created.\n"
        "  管理员 Administrator  李明   手机 13800000000  密码 {}\n",
        kDemoCompany,
        kDemoPassword
    );
    for (const Colleague& c : kColleagues) {
        // fmt pads by bytes, not by how wide Chinese characters look, so columns are separated plainly.
        hint += fmt::format("  {} {}   手机 {}  密码 {}\n", c.position, c.name, c.phone, kDemoPassword);
    }
    return hint;
}

}  // namespace xieli::app
