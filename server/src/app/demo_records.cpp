#include "app/demo_records.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <functional>
#include <map>

#include "common/error.h"
#include "modules/sales/targets.h"
#include "records/value_codec.h"

namespace xieli::app {

namespace {

using std::chrono::hours;

struct DemoCustomer {
    const char* name;
    const char* short_name;
    const char* phone;
    const char* region;
    const char* industry;
    const char* level;
    const char* source;
    const char* status;
    const char* owner;
    const char* contact;
    const char* contact_title;
    const char* contact_mobile;
};

constexpr DemoCustomer kCustomers[] = {
    {"杭州云帆网络科技有限公司",
     "云帆网络",
     "0571-88861234",
     "浙江省/杭州市/西湖区",
     "it",
     "a",
     "referral",
     "deal",
     "刘洋",
     "周建国",
     "技术总监",
     "13905710001"},
    {"苏州恒瑞精密机械有限公司",
     "恒瑞精密",
     "0512-66025588",
     "江苏省/苏州市/工业园区",
     "manufacturing",
     "a",
     "exhibition",
     "following",
     "刘洋",
     "吴海燕",
     "采购经理",
     "13905120002"},
    {"上海启明教育科技有限公司",
     "启明教育",
     "021-54301122",
     "上海市/上海市/徐汇区",
     "education",
     "b",
     "website",
     "following",
     "张伟",
     "郑晓东",
     "运营总监",
     "13901210003"},
    {"南京瑞达物流有限公司",
     "瑞达物流",
     "025-84561230",
     "江苏省/南京市/江宁区",
     "logistics",
     "b",
     "cold_call",
     "potential",
     "刘洋",
     "冯丽",
     "总经理助理",
     "13905250004"},
    {"宁波海晨进出口贸易有限公司",
     "海晨贸易",
     "0574-87123456",
     "浙江省/宁波市/鄞州区",
     "retail",
     "c",
     "advertising",
     "potential",
     "张伟",
     "陈志强",
     "业务经理",
     "13905740005"},
    {"深圳市鹏达电子有限公司",
     "鹏达电子",
     "0755-86001234",
     "广东省/深圳市/南山区",
     "manufacturing",
     "a",
     "partner",
     "deal",
     "孙丽",
     "黄伟",
     "副总经理",
     "13907550006"},
    {"广州康和医疗器械有限公司",
     "康和医疗",
     "020-38882233",
     "广东省/广州市/天河区",
     "healthcare",
     "a",
     "referral",
     "following",
     "孙丽",
     "林嘉怡",
     "采购主管",
     "13902000007"},
    {"佛山美家建材有限公司",
     "美家建材",
     "0757-83216677",
     "广东省/佛山市/顺德区",
     "real_estate",
     "b",
     "exhibition",
     "following",
     "孙丽",
     "何志明",
     "总经理",
     "13907570008"},
    {"厦门蓝海软件有限公司",
     "蓝海软件",
     "0592-5901234",
     "福建省/厦门市/思明区",
     "it",
     "b",
     "website",
     "repeat",
     "孙丽",
     "许婷",
     "CTO",
     "13905920009"},
    {"北京华信咨询有限公司",
     "华信咨询",
     "010-65012345",
     "北京市/北京市/朝阳区",
     "services",
     "a",
     "referral",
     "deal",
     "王芳",
     "杨帆",
     "合伙人",
     "13901010010"},
    {"天津港联供应链管理有限公司",
     "港联供应链",
     "022-25671234",
     "天津市/天津市/滨海新区",
     "logistics",
     "c",
     "cold_call",
     "potential",
     "王芳",
     "赵磊",
     "物流经理",
     "13902200011"},
    {"合肥新源能源科技有限公司",
     "新源能源",
     "0551-65531234",
     "安徽省/合肥市/高新区",
     "manufacturing",
     "b",
     "social",
     "following",
     "张伟",
     "孙浩",
     "项目经理",
     "13905510012"},
    {"无锡博远智能装备有限公司",
     "博远智能",
     "0510-85201234",
     "江苏省/无锡市/新吴区",
     "manufacturing",
     "a",
     "exhibition",
     "following",
     "刘洋",
     "钱文静",
     "采购总监",
     "13905100013"},
    {"东莞市利通五金制品有限公司",
     "利通五金",
     "0769-22881234",
     "广东省/东莞市/长安镇",
     "manufacturing",
     "c",
     "cold_call",
     "potential",
     "孙丽",
     "刘强",
     "厂长",
     "13907690014"},
    {"温州瓯江连锁超市有限公司",
     "瓯江超市",
     "0577-88991234",
     "浙江省/温州市/鹿城区",
     "retail",
     "b",
     "advertising",
     "following",
     "刘洋",
     "潘晓燕",
     "信息部经理",
     "13905770015"},
    {"武汉光谷生物技术有限公司",
     "光谷生物",
     "027-87651234",
     "湖北省/武汉市/洪山区",
     "healthcare",
     "b",
     "website",
     "potential",
     "王芳",
     "唐俊",
     "研发总监",
     "13902700016"},
};

struct DemoOpportunity {
    const char* name;
    int customer;  // index into kCustomers
    const char* amount;
    const char* stage;
    int close_in_days;
};

constexpr DemoOpportunity kOpportunities[] = {
    {"云帆网络 CRM 年度订阅", 0, "86000.00", "won", -12},
    {"恒瑞精密 ERP 集成项目", 1, "240000.00", "negotiation", 20},
    {"启明教育 校区管理系统", 2, "128000.00", "proposal", 35},
    {"瑞达物流 车队调度试点", 3, "45000.00", "needs", 50},
    {"海晨贸易 外贸管理模块", 4, "32000.00", "initial", 70},
    {"鹏达电子 生产看板", 5, "156000.00", "won", -5},
    {"康和医疗 经销商门户", 6, "198000.00", "negotiation", 15},
    {"美家建材 门店会员系统", 7, "76000.00", "proposal", 28},
    {"蓝海软件 二期扩容", 8, "58000.00", "won", -20},
    {"华信咨询 项目管理平台", 9, "320000.00", "proposal", 40},
    {"港联供应链 仓储条码", 10, "68000.00", "lost", -8},
    {"新源能源 设备巡检 App", 11, "112000.00", "needs", 45},
    {"博远智能 售后服务工单", 12, "135000.00", "negotiation", 10},
    {"瓯江超市 会员营销", 14, "54000.00", "initial", 60},
    {"光谷生物 实验数据平台", 15, "210000.00", "needs", 75},
};

constexpr const char* kFollowups[] = {
    "电话沟通了需求，客户关注数据安全和私有化部署，约下周上门演示。",
    "上门拜访，演示了客户管理和审批流程，对移动端很满意，需要内部评估。",
    "发送了方案和报价，客户反馈价格略高，希望分两期实施。",
    "微信沟通合同条款，法务在审核付款节点。",
    "参加客户的项目启动会，确认了上线时间和培训安排。",
};

std::string Iso(TimePoint t) {
    return FormatUtc(t);
}
std::string Day(TimePoint t) {
    return FormatUtc(t).substr(0, 10);
}

// What the pipeline-to-cash sample needs from the rest of the seeding.
struct CashSeed {
    std::function<int64_t(const char* person, const char* object, json::object body)> create;
    std::function<TimePoint(int)> days;
    const std::vector<int64_t>& customers;
    const std::vector<int64_t>& contacts;
    const std::vector<int64_t>& opportunities;
    const std::vector<int64_t>& products;
    store::Connection& tx;
    const records::AccessContext& admin;
    TimePoint now;
};

std::string Lines(const std::vector<int64_t>& products, std::initializer_list<std::pair<size_t, const char*>> items) {
    json::array lines;
    for (const auto& [product, quantity] : items) {
        lines.push_back(json::object{{"product_id", products.at(product)}, {"quantity", quantity}, {"tax_rate", "6"}});
    }
    return json::serialize(lines);
}

// Quotes for deals in proposal and negotiation, contracts for the won ones with instalments,
// payments (one plan paid, one overdue and partly paid, one due soon), invoices, and this year's
// targets for the sales team.
void SeedPipelineToCash(const CashSeed& c) {
    struct DemoQuote {
        size_t opportunity;  // index into kOpportunities
        const char* status;
        std::initializer_list<std::pair<size_t, const char*>> lines;
    };
    const DemoQuote quotes[] = {
        {1, "sent", {{1, "60"}, {2, "20"}, {3, "1"}}},
        {2, "draft", {{0, "80"}, {2, "10"}}},
        {6, "sent", {{1, "50"}, {2, "15"}, {4, "10"}}},
    };
    for (const DemoQuote& q : quotes) {
        const DemoOpportunity& o = kOpportunities[q.opportunity];
        c.create(
            kCustomers[o.customer].owner,
            "quote",
            json::object{
                {"name", std::string(o.name) + " 报价"},
                {"customer_id", c.customers[o.customer]},
                {"opportunity_id", c.opportunities[q.opportunity]},
                {"contact_id", c.contacts[o.customer]},
                {"quote_date", Day(c.days(-3))},
                {"valid_until", Day(c.days(27))},
                {"status", q.status},
                {"lines", Lines(c.products, q.lines)},
                {"terms", "报价含税（6%），有效期 30 天；实施费用按实际人天结算。"},
            }
        );
    }
    // Won deals become contracts: 云帆 (lines, paid on time), 鹏达 (first instalment overdue and
    // partly paid), 蓝海 (expiring within the month).
    struct DemoContract {
        size_t opportunity;
        int ends_in_days;
        std::initializer_list<std::pair<size_t, const char*>> lines;
    };
    const DemoContract contracts[] = {
        {0, 353, {{1, "40"}, {2, "8"}}},
        {5, 360, {}},
        {8, 20, {}},
    };
    for (const DemoContract& k : contracts) {
        const DemoOpportunity& o = kOpportunities[k.opportunity];
        const char* owner = kCustomers[o.customer].owner;
        json::object body{
            {"name", std::string(o.name) + " 合同"},
            {"customer_id", c.customers[o.customer]},
            {"opportunity_id", c.opportunities[k.opportunity]},
            {"contact_id", c.contacts[o.customer]},
            {"sign_date", Day(c.days(o.close_in_days))},
            {"start_date", Day(c.days(o.close_in_days + 1))},
            {"end_date", Day(c.days(k.ends_in_days))},
            {"status", "active"},
        };
        if (k.lines.size() > 0) {
            body["lines"] = Lines(c.products, k.lines);
        } else {
            body["amount"] = o.amount;
        }
        int64_t contract = c.create(owner, "contract", body);
        std::optional<store::Value> stored =
            c.tx.QueryValue("SELECT amount FROM obj_contract WHERE id = ?", {contract});
        int64_t amount = stored ? stored->AsInt() : 0;
        // Three instalments: 50 % at signing, 30 % on delivery, the rest on acceptance.
        const int64_t shares[] = {amount / 2, amount * 3 / 10, amount - amount / 2 - amount * 3 / 10};
        // 鹏达's first instalment fell due two days ago and is only partly paid (已逾期).
        const int due[] = {
            o.close_in_days + (k.opportunity == 5 ? 3 : 10), o.close_in_days + 40, o.close_in_days + 100};
        std::vector<int64_t> plans;
        for (size_t n = 0; n < 3; ++n) {
            plans.push_back(c.create(
                owner,
                "payment_plan",
                json::object{
                    {"contract_id", contract},
                    {"due_date", Day(c.days(due[n]))},
                    {"amount", records::FormatMoney(shares[n])},
                }
            ));
        }
        int64_t first_paid = k.opportunity == 5 ? shares[0] * 2 / 5 : shares[0];
        c.create(
            owner,
            "payment",
            json::object{
                {"contract_id", contract},
                {"plan_id", plans[0]},
                {"amount", records::FormatMoney(first_paid)},
                {"paid_date", Day(c.days(o.close_in_days + 2))},
                {"method", "bank_transfer"},
            }
        );
        c.create(
            owner,
            "invoice",
            json::object{
                {"contract_id", contract},
                {"type", k.opportunity == 8 ? "special" : "normal"},
                {"title", kCustomers[o.customer].name},
                {"tax_number", "91330100MA2H000001"},
                {"amount", records::FormatMoney(first_paid)},
                {"invoice_date", Day(c.days(o.close_in_days + 2))},
                {"status", "issued"},
            }
        );
    }
    // Targets for this year: each sales rep by contract amount, the sales department by contract
    // amount and by payments.
    int year = std::stoi(Day(c.now + std::chrono::hours(8)).substr(0, 4));
    std::vector<std::pair<std::string, int64_t>> scopes;
    for (const store::Row& r : c.tx.Query("SELECT id FROM users WHERE name IN ('刘洋', '孙丽', '张伟') ORDER BY id")) {
        scopes.emplace_back("user", r.Int(0));
    }
    auto department = c.tx.QueryValue("SELECT id FROM departments WHERE name = '销售部'");
    for (const auto& [type, id] : scopes) {
        json::array months;
        for (int m = 1; m <= 12; ++m) months.push_back(json::value(m % 3 == 0 ? "120000.00" : "80000.00"));
        sales::PutTargets(
            c.tx,
            c.admin,
            json::object{
                {"year", year},
                {"metric", "contract_amount"},
                {"scope_type", type},
                {"scope_id", id},
                {"months", months}},
            c.now
        );
    }
    if (department) {
        for (const char* metric : {"contract_amount", "payment_amount"}) {
            json::array months;
            for (int m = 1; m <= 12; ++m) months.push_back(json::value("200000.00"));
            sales::PutTargets(
                c.tx,
                c.admin,
                json::object{
                    {"year", year},
                    {"metric", metric},
                    {"scope_type", "department"},
                    {"scope_id", department->AsInt()},
                    {"months", months},
                },
                c.now
            );
        }
    }
}

}  // namespace

void SeedDemoRecords(store::Store& store, records::RecordsModule& records, const Clock& clock) {
    std::optional<int64_t> tenant_id;
    {
        store::Reader r = store.System().Read();
        if (auto v = r->QueryValue("SELECT id FROM tenants WHERE code = 'demo'")) tenant_id = v->AsInt();
    }
    if (!tenant_id) return;
    store::Database& db = store.Tenant(*tenant_id);
    std::shared_ptr<const records::Schema> schema = records.SchemaOf(db);
    std::map<std::string, records::AccessContext> people;
    {
        store::Reader r = db.Read();
        if (r->QueryValue("SELECT 1 FROM obj_customer LIMIT 1")) return;
        for (const store::Row& row : r->Query("SELECT id, name FROM users WHERE status = 'active'"))
            people[row.Text(1)] = records::LoadAccessContext(*r, row.Int(0));
    }
    if (!people.count("李明") || !people.count("刘洋") || !people.count("孙丽")) return;
    auto scope = [&](const char* person) { return records::RecordScope{db, schema, people.at(person), Lang::kZh}; };
    records::RecordService& service = records.service();
    TimePoint now = clock.Now();
    auto days = [&](int n) { return now + hours(24 * n); };
    try {
        store::Transaction tx = db.Write();
        auto create = [&](const char* person, const char* object, json::object body) {
            records::RecordScope s = scope(person);
            return service.CreateIn(*tx, s, object, body);
        };
        // When the demo people created them: spread over the last quarter, oldest first.
        auto backdate = [&](const char* table, int64_t id, int days_ago) {
            tx->Execute(
                fmt::format("UPDATE {} SET created_at = ?, updated_at = ? WHERE id = ?", table),
                {Iso(days(-days_ago)), Iso(days(-days_ago)), id}
            );
        };
        std::vector<int64_t> customer_ids, contact_ids, opportunity_ids;
        int i = 0;
        for (const DemoCustomer& c : kCustomers) {
            int64_t id = create(
                c.owner,
                "customer",
                json::object{
                    {"name", c.name},
                    {"short_name", c.short_name},
                    {"phone", c.phone},
                    {"region", c.region},
                    {"industry", c.industry},
                    {"level", c.level},
                    {"source", c.source},
                    {"status", c.status},
                    {"type", "company"},
                }
            );
            backdate("obj_customer", id, 85 - i * 5);
            customer_ids.push_back(id);
            int64_t contact = create(
                c.owner,
                "contact",
                json::object{
                    {"name", c.contact},
                    {"customer_id", id},
                    {"title", c.contact_title},
                    {"mobile", c.contact_mobile},
                    {"is_decision_maker", i % 3 == 0},
                }
            );
            backdate("obj_contact", contact, 84 - i * 5);
            contact_ids.push_back(contact);
            // Two or three follow-ups each, the latest with the next step planned.
            int visits = 2 + i % 2;
            for (int k = 0; k < visits; ++k) {
                int ago = 60 - i * 3 - k * 9;
                if (ago < 1) ago = 1 + k;
                json::object fu{
                    {"customer_id", id},
                    {"contact_id", contact},
                    {"type", k % 2 == 0 ? "phone" : "visit"},
                    {"content", kFollowups[(i + k) % std::size(kFollowups)]},
                    {"followup_at", Iso(days(-ago))},
                };
                if (k == visits - 1) fu["next_followup_at"] = Iso(days(2 + i % 9));
                backdate("obj_followup", create(c.owner, "followup", fu), ago);
            }
            ++i;
        }
        for (const DemoOpportunity& o : kOpportunities) {
            const DemoCustomer& c = kCustomers[o.customer];
            json::object body{
                {"name", o.name},
                {"customer_id", customer_ids[o.customer]},
                {"contact_id", contact_ids[o.customer]},
                {"amount", o.amount},
                {"expected_close_date", Day(days(o.close_in_days))},
                {"stage", o.stage},
                {"source", c.source},
            };
            if (std::string_view(o.stage) == "won") {
                body["actual_amount"] = o.amount;
                body["actual_close_date"] = Day(days(o.close_in_days));
            }
            if (std::string_view(o.stage) == "lost") body["lost_reason"] = "price";
            int64_t id = create(c.owner, "opportunity", body);
            backdate("obj_opportunity", id, 40 - o.customer * 2);
            opportunity_ids.push_back(id);
        }
        struct DemoLead {
            const char* name;
            const char* company;
            const char* mobile;
            const char* source;
            const char* status;
            const char* owner;
        };
        constexpr DemoLead kLeads[] = {
            {"马俊", "常州华晟纺织有限公司", "13905190101", "exhibition", "new", "刘洋"},
            {"高雅", "珠海星河旅游发展有限公司", "13907560102", "website", "contacted", "孙丽"},
            {"罗斌", "嘉兴禾丰食品有限公司", "13905730103", "campaign", "qualified", "张伟"},
            {"梁静", "中山市宏图家具有限公司", "13907600104", "cold_call", "new", "孙丽"},
            {"宋涛", "扬州运河文化传媒有限公司", "13905140105", "referral", "contacted", "刘洋"},
            {"韩雪", "青岛海润水产有限公司", "13905320106", "website", "new", "王芳"},
        };
        for (const DemoLead& l : kLeads) {
            create(
                l.owner,
                "lead",
                json::object{
                    {"name", l.name},
                    {"company", l.company},
                    {"mobile", l.mobile},
                    {"source", l.source},
                    {"status", l.status},
                }
            );
        }
        struct DemoProduct {
            const char* name;
            const char* code;
            const char* category;
            const char* unit;
            const char* price;
        };
        constexpr DemoProduct kProducts[] = {
            {"协力 CRM 标准版（年）", "CRM-STD", "software_std", "seat", "980.00"},
            {"协力 CRM 专业版（年）", "CRM-PRO", "software_pro", "seat", "1680.00"},
            {"实施服务（人天）", "SVC-DAY", "service", "hour", "2400.00"},
            {"数据迁移服务", "SVC-MIG", "service", "set", "15000.00"},
            {"外勤考勤终端", "HW-T1", "hardware_attendance", "piece", "1299.00"},
        };
        // Sub-categories, so the category tree (picklist parents) has something to show.
        struct DemoCategory {
            const char* value;
            const char* parent;
            const char* zh;
            const char* en;
            int order;
        };
        constexpr DemoCategory kCategories[] = {
            {"software_std", "software", "标准版", "Standard edition", 11},
            {"software_pro", "software", "专业版", "Professional edition", 12},
            {"hardware_attendance", "hardware", "考勤机", "Attendance terminals", 21},
            {"hardware_scanner", "hardware", "扫码枪", "Barcode scanners", 22},
        };
        for (const DemoCategory& k : kCategories) {
            tx->Execute(
                "INSERT OR IGNORE INTO picklist_options (picklist, value, label_zh, label_en, sort_order, parent) "
                "VALUES ('product_category', ?, ?, ?, ?, ?)",
                {k.value, k.zh, k.en, k.order, k.parent}
            );
        }
        std::vector<int64_t> product_ids;
        for (const DemoProduct& p : kProducts) {
            product_ids.push_back(create(
                "李明",
                "product",
                json::object{
                    {"name", p.name},
                    {"code", p.code},
                    {"category", p.category},
                    {"unit", p.unit},
                    {"price", p.price},
                    {"on_sale", true},
                }
            ));
        }
        std::vector<int64_t> competitor_ids;
        for (const char* name : {"纷享销客", "销售易", "简道云"}) {
            competitor_ids.push_back(
                create("李明", "competitor", json::object{{"name", name}, {"remark", "示例竞争对手"}})
            );
        }
        // Who else is in two open deals (恒瑞精密, 启明教育), added by each deal's owner.
        struct DemoRival {
            size_t opportunity;
            size_t competitor;
            const char* threat;
            const char* strengths;
            const char* strategy;
        };
        constexpr DemoRival kRivals[] = {
            {1, 0, "high", "品牌知名度高，已有 ERP 对接案例", "突出本地实施团队和报价灵活"},
            {1, 2, "low", "价格低，表单搭建灵活", "强调销售流程和回款管理的完整性"},
            {2, 1, "medium", "教育行业客户多", "安排校区管理演示，提供试用账号"},
        };
        for (const DemoRival& r : kRivals) {
            const DemoCustomer& c = kCustomers[kOpportunities[r.opportunity].customer];
            create(
                c.owner,
                "opportunity_competitor",
                json::object{
                    {"opportunity_id", opportunity_ids.at(r.opportunity)},
                    {"competitor_id", competitor_ids.at(r.competitor)},
                    {"threat", r.threat},
                    {"strengths", r.strengths},
                    {"strategy", r.strategy},
                }
            );
        }
        SeedPipelineToCash(
            {create, days, customer_ids, contact_ids, opportunity_ids, product_ids, *tx, people.at("李明"), now}
        );
        tx.Commit();
        spdlog::info(
            "demo enterprise: sample customers, contacts, follow-ups, leads, opportunities, quotes, contracts, "
            "payments, invoices and targets added"
        );
    } catch (const Error& e) {
        // Sample data is a courtesy: the enterprise works without it, so a rule it trips is logged.
        spdlog::warn("demo sample data not added: {} ({})", e.message().zh, e.internal());
    }
}

}  // namespace xieli::app
