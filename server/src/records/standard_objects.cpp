#include "records/standard_objects.h"

#include <set>

#include "records/schema_writer.h"

namespace xieli::records {

namespace {

// A compact way to write a field definition.
struct F {
    FieldMeta m;
    F(const char* name, FieldType type, const char* zh, const char* en) {
        m.name = name;
        m.column = name;
        m.type = type;
        m.label = {zh, en};
        m.searchable = InfoOf(type).searchable_by_default && type != FieldType::kTextarea;
    }
    F& Required() { return m.required = true, *this; }
    F& Picklist(const char* p) { return m.picklist = p, *this; }
    F& Lookup(const char* o) { return m.lookup_object = o, *this; }
    F& Autonumber(const char* format) { return m.autonumber_format = format, *this; }
    F& ReadOnly() { return m.read_only = true, *this; }
    F& Searchable(bool s = true) { return m.searchable = s, *this; }
    F& MaxLength(int n) { return m.max_length = n, *this; }
    F& Range(double lo, double hi) { return m.min_value = lo, m.max_value = hi, *this; }
    F& Help(const char* zh, const char* en) { return m.help = {zh, en}, *this; }
    operator FieldMeta() const { return m; }
};

using T = FieldType;

ObjectMeta Object(const char* name, const char* zh, const char* en, const char* icon, std::vector<FieldMeta> fields) {
    ObjectMeta o;
    o.name = name;
    o.table = std::string("obj_") + name;
    o.label = {zh, en};
    o.icon = icon;
    int order = 0;
    for (FieldMeta& f : fields) f.sort_order = ++order * 10;
    o.fields = std::move(fields);
    return o;
}

}  // namespace

const std::vector<ObjectMeta>& StandardObjectDefinitions() {
    static const std::vector<ObjectMeta> kObjects = {
        Object(
            "lead",
            "线索",
            "Lead",
            "Promotion",
            {
                F("name", T::kText, "姓名", "Name").Required(),
                F("company", T::kText, "公司名称", "Company"),
                F("title", T::kText, "职务", "Title"),
                F("mobile", T::kPhone, "手机", "Mobile"),
                F("phone", T::kPhone, "电话", "Phone"),
                F("email", T::kEmail, "邮箱", "E-mail"),
                F("source", T::kSelect, "线索来源", "Source").Picklist("lead_source"),
                F("industry", T::kSelect, "行业", "Industry").Picklist("industry"),
                F("region", T::kRegion, "地区", "Region"),
                F("address", T::kText, "地址", "Address"),
                F("status", T::kSelect, "线索状态", "Status").Picklist("lead_status"),
                F("remark", T::kTextarea, "备注", "Remark"),
                F("converted_at", T::kDatetime, "转换时间", "Converted at").ReadOnly(),
                F("converted_customer_id", T::kLookup, "转换的客户", "Converted customer")
                    .Lookup("customer")
                    .ReadOnly(),
                F("converted_contact_id", T::kLookup, "转换的联系人", "Converted contact").Lookup("contact").ReadOnly(),
                F("converted_opportunity_id", T::kLookup, "转换的商机", "Converted opportunity")
                    .Lookup("opportunity")
                    .ReadOnly(),
            }
        ),
        Object(
            "customer",
            "客户",
            "Customer",
            "OfficeBuilding",
            {
                F("code", T::kAutonumber, "客户编号", "Customer No.").Autonumber("KH-{yyyy}-{0000}"),
                F("name", T::kText, "客户名称", "Name").Required().MaxLength(100),
                F("short_name", T::kText, "简称", "Short name").MaxLength(50),
                F("phone", T::kPhone, "电话", "Phone"),
                F("email", T::kEmail, "邮箱", "E-mail"),
                F("website", T::kUrl, "网址", "Website"),
                F("region", T::kRegion, "地区", "Region"),
                F("address", T::kText, "详细地址", "Address"),
                F("location", T::kLocation, "定位", "Location"),
                F("industry", T::kSelect, "行业", "Industry").Picklist("industry"),
                F("source", T::kSelect, "客户来源", "Source").Picklist("customer_source"),
                F("level", T::kSelect, "客户级别", "Level").Picklist("customer_level"),
                F("type", T::kSelect, "客户类型", "Type").Picklist("customer_type"),
                F("status", T::kSelect, "客户状态", "Status").Picklist("customer_status"),
                F("tags", T::kMultiselect, "标签", "Tags").Picklist("customer_tag"),
                F("remark", T::kTextarea, "备注", "Remark"),
                F("last_followup_at", T::kDatetime, "最近跟进时间", "Last follow-up").ReadOnly(),
                F("next_followup_at", T::kDatetime, "下次跟进时间", "Next follow-up").ReadOnly(),
            }
        ),
        Object(
            "contact",
            "联系人",
            "Contact",
            "User",
            {
                F("name", T::kText, "姓名", "Name").Required().MaxLength(50),
                F("customer_id", T::kLookup, "所属客户", "Customer").Lookup("customer").Required(),
                F("title", T::kText, "职务", "Title"),
                F("mobile", T::kPhone, "手机", "Mobile"),
                F("phone", T::kPhone, "电话", "Phone"),
                F("email", T::kEmail, "邮箱", "E-mail"),
                F("wechat", T::kText, "微信", "WeChat").Searchable(),
                F("qq", T::kText, "QQ", "QQ"),
                F("gender", T::kSelect, "性别", "Gender").Picklist("gender"),
                F("birthday", T::kDate, "生日", "Birthday"),
                F("is_decision_maker", T::kBoolean, "关键决策人", "Decision maker"),
                F("address", T::kText, "地址", "Address"),
                F("remark", T::kTextarea, "备注", "Remark"),
            }
        ),
        Object(
            "opportunity",
            "商机",
            "Opportunity",
            "TrendCharts",
            {
                F("name", T::kText, "商机名称", "Name").Required().MaxLength(100),
                F("customer_id", T::kLookup, "客户", "Customer").Lookup("customer").Required(),
                F("contact_id", T::kLookup, "联系人", "Contact").Lookup("contact"),
                F("amount", T::kCurrency, "商机金额", "Amount").Range(0, 1e13),
                F("expected_close_date", T::kDate, "预计成交日期", "Expected close date"),
                F("pipeline", T::kSelect, "销售流程", "Pipeline").Picklist("opportunity_pipeline"),
                F("stage", T::kSelect, "销售阶段", "Stage").Picklist("opportunity_stage"),
                F("win_probability", T::kPercent, "赢率", "Win probability").Range(0, 100).ReadOnly(),
                F("status", T::kSelect, "状态", "Status").Picklist("opportunity_status").ReadOnly(),
                F("source", T::kSelect, "商机来源", "Source").Picklist("customer_source"),
                F("lost_reason", T::kSelect, "输单原因", "Lost reason").Picklist("lost_reason"),
                F("lost_competitor_id", T::kLookup, "输给的竞争对手", "Lost to").Lookup("competitor"),
                F("actual_amount", T::kCurrency, "成交金额", "Won amount").Range(0, 1e13),
                F("actual_close_date", T::kDate, "实际成交日期", "Actual close date"),
                F("stage_changed_at", T::kDatetime, "进入当前阶段时间", "In stage since").ReadOnly(),
                F("remark", T::kTextarea, "备注", "Remark"),
            }
        ),
        Object(
            "followup",
            "跟进记录",
            "Follow-up",
            "ChatLineSquare",
            {
                F("customer_id", T::kLookup, "客户", "Customer").Lookup("customer").Required(),
                F("contact_id", T::kLookup, "联系人", "Contact").Lookup("contact"),
                F("opportunity_id", T::kLookup, "商机", "Opportunity").Lookup("opportunity"),
                F("type", T::kSelect, "跟进方式", "Type").Picklist("followup_type").Required(),
                F("content", T::kTextarea, "跟进内容", "Content").Required().Searchable(),
                F("followup_at", T::kDatetime, "跟进时间", "Time"),
                F("next_followup_at", T::kDatetime, "下次跟进时间", "Next follow-up"),
                F("location", T::kLocation, "定位", "Location"),
            }
        ),
        Object(
            "product",
            "产品",
            "Product",
            "Goods",
            {
                F("name", T::kText, "产品名称", "Name").Required().MaxLength(100),
                F("code", T::kText, "产品编码", "Code").MaxLength(50),
                F("category", T::kSelect, "产品分类", "Category").Picklist("product_category"),
                F("unit", T::kSelect, "单位", "Unit").Picklist("unit"),
                F("price", T::kCurrency, "标准价格", "Price").Range(0, 1e13),
                F("spec", T::kText, "规格", "Specification"),
                F("on_sale", T::kBoolean, "上架", "On sale"),
                F("description", T::kTextarea, "产品介绍", "Description"),
                F("images", T::kImage, "产品图片", "Images"),
            }
        ),
        Object(
            "competitor",
            "竞争对手",
            "Competitor",
            "Aim",
            {
                F("name", T::kText, "名称", "Name").Required().MaxLength(100),
                F("website", T::kUrl, "网址", "Website"),
                F("strengths", T::kTextarea, "优势", "Strengths"),
                F("weaknesses", T::kTextarea, "劣势", "Weaknesses"),
                F("remark", T::kTextarea, "备注", "Remark"),
            }
        ),
    };
    return kObjects;
}

const std::vector<PicklistDef>& StandardPicklists() {
    static const std::vector<PicklistDef> kPicklists = {
        {"industry",
         "行业",
         "Industry",
         {{"it", "IT/互联网", "IT / Internet"},
          {"manufacturing", "制造业", "Manufacturing"},
          {"finance", "金融", "Finance"},
          {"retail", "零售/批发", "Retail / Wholesale"},
          {"education", "教育培训", "Education"},
          {"healthcare", "医疗健康", "Healthcare"},
          {"real_estate", "房地产/建筑", "Real estate / Construction"},
          {"logistics", "物流运输", "Logistics"},
          {"services", "商务服务", "Business services"},
          {"government", "政府/事业单位", "Government"},
          {"other", "其他", "Other"}}},
        {"customer_source",
         "客户来源",
         "Customer source",
         {{"referral", "客户介绍", "Referral"},
          {"website", "官网", "Website"},
          {"exhibition", "展会", "Exhibition"},
          {"cold_call", "电话营销", "Cold call"},
          {"advertising", "广告", "Advertising"},
          {"social", "社交媒体", "Social media"},
          {"partner", "合作伙伴", "Partner"},
          {"other", "其他", "Other"}}},
        {"lead_source",
         "线索来源",
         "Lead source",
         {{"website", "官网表单", "Web form"},
          {"exhibition", "展会", "Exhibition"},
          {"campaign", "市场活动", "Campaign"},
          {"cold_call", "电话营销", "Cold call"},
          {"referral", "客户介绍", "Referral"},
          {"other", "其他", "Other"}}},
        {"lead_status",
         "线索状态",
         "Lead status",
         {{"new", "未处理", "New"},
          {"contacted", "已联系", "Contacted"},
          {"qualified", "有意向", "Qualified"},
          {"converted", "已转换", "Converted"},
          {"invalid", "无效", "Invalid"}}},
        {"customer_level",
         "客户级别",
         "Customer level",
         {{"a", "A（重点客户）", "A (key)"},
          {"b", "B（普通客户）", "B (regular)"},
          {"c", "C（一般客户）", "C (minor)"}}},
        {"customer_type",
         "客户类型",
         "Customer type",
         {{"company", "企业客户", "Company"},
          {"person", "个人客户", "Individual"},
          {"partner", "渠道伙伴", "Channel partner"}}},
        {"customer_status",
         "客户状态",
         "Customer status",
         {{"potential", "潜在客户", "Potential"},
          {"following", "跟进中", "Following up"},
          {"deal", "已成交", "Customer"},
          {"repeat", "复购客户", "Repeat customer"},
          {"lost", "已流失", "Lost"}}},
        {"customer_tag",
         "客户标签",
         "Customer tags",
         {{"vip", "VIP", "VIP"},
          {"key_account", "重点关注", "Key account"},
          {"price_sensitive", "价格敏感", "Price-sensitive"}}},
        {"followup_type",
         "跟进方式",
         "Follow-up type",
         {{"phone", "电话", "Phone"},
          {"visit", "拜访", "Visit"},
          {"wechat", "微信", "WeChat"},
          {"email", "邮件", "E-mail"},
          {"meeting", "会议", "Meeting"},
          {"other", "其他", "Other"}}},
        {"opportunity_stage",
         "销售阶段",
         "Sales stage",
         {{"initial", "初步接洽", "Initial contact"},
          {"needs", "需求确认", "Needs analysis"},
          {"proposal", "方案报价", "Proposal"},
          {"negotiation", "谈判审核", "Negotiation"},
          {"won", "赢单", "Won"},
          {"lost", "输单", "Lost"}}},
        {"opportunity_pipeline",
         "销售流程",
         "Sales pipeline",
         {{"new", "新客户销售", "New business"}, {"repeat", "老客户复购", "Repeat business"}}},
        {"opportunity_status",
         "商机状态",
         "Opportunity status",
         {{"open", "进行中", "Open"}, {"won", "赢单", "Won"}, {"lost", "输单", "Lost"}}},
        {"lost_reason",
         "输单原因",
         "Lost reason",
         {{"price", "价格过高", "Price too high"},
          {"competitor", "选择了竞争对手", "Chose a competitor"},
          {"no_budget", "没有预算", "No budget"},
          {"no_need", "需求取消", "Need went away"},
          {"timing", "时机不对", "Bad timing"},
          {"other", "其他", "Other"}}},
        {"product_category",
         "产品分类",
         "Product category",
         {{"software", "软件", "Software"},
          {"hardware", "硬件", "Hardware"},
          {"service", "服务", "Service"},
          {"other", "其他", "Other"}}},
        {"unit",
         "单位",
         "Unit",
         {{"piece", "个", "Piece"},
          {"set", "套", "Set"},
          {"box", "箱", "Box"},
          {"year", "年", "Year"},
          {"month", "月", "Month"},
          {"hour", "小时", "Hour"},
          {"seat", "账号", "Seat"}}},
        {"gender", "性别", "Gender", {{"male", "男", "Male"}, {"female", "女", "Female"}}},
    };
    return kPicklists;
}

bool SyncStandardObjects(store::Connection& tx, TimePoint now) {
    bool changed = false;
    std::string ts = FormatUtc(now);
    for (const PicklistDef& p : StandardPicklists()) {
        if (!tx.QueryValue("SELECT 1 FROM picklists WHERE name = ?", {p.name})) {
            tx.Execute(
                "INSERT INTO picklists (name, label_zh, label_en, is_system, created_at) VALUES (?, ?, ?, 1, ?)",
                {p.name, p.zh, p.en, ts}
            );
            int order = 0;
            for (const PicklistOption& o : p.options) {
                tx.Execute(
                    "INSERT INTO picklist_options (picklist, value, label_zh, label_en, sort_order) VALUES (?, ?, ?, "
                    "?, ?)",
                    {p.name, o.value, o.zh, o.en, ++order * 10}
                );
            }
            changed = true;
        }
    }
    int order = 0;
    for (const ObjectMeta& def : StandardObjectDefinitions()) {
        ++order;
        if (!tx.QueryValue("SELECT 1 FROM meta_objects WHERE name = ?", {def.name})) {
            CreateObjectTable(tx, def, order * 10, now);
            changed = true;
            continue;
        }
        std::set<std::string> existing;
        for (const store::Row& r : tx.Query("SELECT name FROM meta_fields WHERE object = ?", {def.name}))
            existing.insert(r.Text(0));
        for (const FieldMeta& f : def.fields) {
            if (!existing.count(f.name)) {
                AddFieldColumn(tx, def, f, now);
                changed = true;
            }
        }
    }
    return changed;
}

}  // namespace xieli::records
