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
    F& Default(const char* json_value) { return m.default_json = json_value, *this; }
    operator FieldMeta() const { return m; }
};

using T = FieldType;

// Product lines of quotes, contracts and opportunities: at most 200 lines of JSON (sales/line_items.h).
constexpr int kLinesMaxLength = 60000;

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

// For objects without a name field of their own (payments, invoices: their number names them).
ObjectMeta NamedBy(const char* field, ObjectMeta o) {
    o.name_field = field;
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
                F("status", T::kSelect, "线索状态", "Status").Picklist("lead_status").Default(R"("new")"),
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
                // Public pool state (modules/pool): in a pool while owner_id is empty.
                F("pool_id", T::kNumber, "所属公海", "Pool").ReadOnly(),
                F("previous_owner_id", T::kUser, "前负责人", "Previous owner").ReadOnly(),
                F("returned_at", T::kDatetime, "退回公海时间", "Returned to pool").ReadOnly(),
                F("return_reason", T::kSelect, "退回原因", "Return reason").Picklist("pool_return_reason").ReadOnly(),
                F("claimed_at", T::kDatetime, "领取时间", "Claimed at").ReadOnly(),
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
                F("amount", T::kCurrency, "商机金额", "Amount")
                    .Range(0, 1e13)
                    .Help("有产品明细时由明细合计得出", "The total of the product lines when there are lines"),
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
                // Last, so tenants that had deals before it get the same field order as new ones.
                F("lines", T::kTextarea, "产品明细", "Product lines").MaxLength(kLinesMaxLength),
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
        // The competitors in one deal (竞争对手分析): a row per competitor, unique per deal and named
        // after the competitor (modules/sales/deal_competitor_rules.h), shown as related lists on the
        // deal and on the competitor.
        Object(
            "opportunity_competitor",
            "竞争对手分析",
            "Competitor on deal",
            "Aim",
            {
                F("name", T::kText, "竞争对手名称", "Competitor name").ReadOnly(),
                F("opportunity_id", T::kLookup, "商机", "Opportunity").Lookup("opportunity").Required(),
                F("competitor_id", T::kLookup, "竞争对手", "Competitor").Lookup("competitor").Required(),
                F("threat", T::kSelect, "威胁程度", "Threat").Picklist("competitor_threat"),
                F("quoted_amount", T::kCurrency, "对手报价", "Their quote").Range(0, 1e13),
                F("strengths", T::kTextarea, "对手优势", "Their strengths"),
                F("weaknesses", T::kTextarea, "对手劣势", "Their weaknesses"),
                F("strategy", T::kTextarea, "应对策略", "Our response"),
            }
        ),
        // Pipeline to cash. Product lines are a JSON list in a textarea field that the sales module
        // validates and totals (docs/decisions/0007-line-items.md); amounts marked read-only are
        // computed by those rules and refused (422) when a client writes them.
        Object(
            "quote",
            "报价单",
            "Quote",
            "Tickets",
            {
                F("code", T::kAutonumber, "报价单编号", "Quote No.").Autonumber("BJ-{yyyy}-{0000}"),
                F("name", T::kText, "报价单标题", "Title").Required().MaxLength(100),
                F("customer_id", T::kLookup, "客户", "Customer").Lookup("customer").Required(),
                F("opportunity_id", T::kLookup, "商机", "Opportunity").Lookup("opportunity"),
                F("contact_id", T::kLookup, "联系人", "Contact").Lookup("contact"),
                F("quote_date", T::kDate, "报价日期", "Quote date"),
                F("valid_until", T::kDate, "有效期至", "Valid until"),
                F("status", T::kSelect, "报价状态", "Status").Picklist("quote_status"),
                F("lines", T::kTextarea, "产品明细", "Product lines").MaxLength(kLinesMaxLength),
                F("subtotal_amount", T::kCurrency, "产品小计", "Subtotal").ReadOnly(),
                F("discount_amount", T::kCurrency, "折扣金额", "Discount").ReadOnly(),
                F("tax_amount", T::kCurrency, "税额", "Tax").ReadOnly(),
                F("total_amount", T::kCurrency, "报价总额", "Total").ReadOnly(),
                F("terms", T::kTextarea, "报价条款", "Terms"),
                F("remark", T::kTextarea, "备注", "Remark"),
            }
        ),
        Object(
            "contract",
            "合同",
            "Contract",
            "Document",
            {
                F("code", T::kAutonumber, "合同编号", "Contract No.").Autonumber("HT-{yyyy}-{0000}"),
                F("name", T::kText, "合同名称", "Name").Required().MaxLength(100),
                F("customer_id", T::kLookup, "客户", "Customer").Lookup("customer").Required(),
                F("opportunity_id", T::kLookup, "商机", "Opportunity").Lookup("opportunity"),
                F("quote_id", T::kLookup, "报价单", "Quote").Lookup("quote"),
                F("contact_id", T::kLookup, "客户签约人", "Customer signatory").Lookup("contact"),
                F("signer_id", T::kUser, "我方签约人", "Our signatory"),
                F("sign_date", T::kDate, "签约日期", "Sign date"),
                F("start_date", T::kDate, "开始日期", "Start date"),
                F("end_date", T::kDate, "到期日期", "End date"),
                F("status", T::kSelect, "合同状态", "Status").Picklist("contract_status"),
                F("lines", T::kTextarea, "产品明细", "Product lines").MaxLength(kLinesMaxLength),
                F("amount", T::kCurrency, "合同金额", "Amount")
                    .Range(0, 1e13)
                    .Help("有产品明细时由明细合计得出", "The total of the product lines when there are lines"),
                F("paid_amount", T::kCurrency, "已回款金额", "Paid").ReadOnly(),
                F("unpaid_amount", T::kCurrency, "未回款金额", "Unpaid").ReadOnly(),
                F("overdue_amount", T::kCurrency, "逾期未回款", "Overdue").ReadOnly(),
                F("invoiced_amount", T::kCurrency, "已开票金额", "Invoiced").ReadOnly(),
                F("remark", T::kTextarea, "备注", "Remark"),
            }
        ),
        Object(
            "payment_plan",
            "回款计划",
            "Payment plan",
            "Calendar",
            {
                F("name", T::kText, "计划名称", "Name").MaxLength(100),
                F("contract_id", T::kLookup, "合同", "Contract").Lookup("contract").Required(),
                F("customer_id", T::kLookup, "客户", "Customer").Lookup("customer").ReadOnly(),
                F("period", T::kNumber, "期数", "Instalment").Range(1, 999),
                F("due_date", T::kDate, "计划回款日期", "Due date").Required(),
                F("amount", T::kCurrency, "计划回款金额", "Amount").Required().Range(0.01, 1e13),
                F("received_amount", T::kCurrency, "已回款金额", "Received").ReadOnly(),
                F("status", T::kSelect, "回款状态", "Status").Picklist("payment_plan_status").ReadOnly(),
                F("remark", T::kTextarea, "备注", "Remark"),
            }
        ),
        NamedBy(
            "code",
            Object(
                "payment",
                "回款",
                "Payment",
                "Money",
                {
                    F("code", T::kAutonumber, "回款编号", "Payment No.").Autonumber("HK-{yyyy}-{0000}"),
                    F("contract_id", T::kLookup, "合同", "Contract").Lookup("contract").Required(),
                    F("customer_id", T::kLookup, "客户", "Customer").Lookup("customer").ReadOnly(),
                    F("plan_id", T::kLookup, "回款计划", "Payment plan").Lookup("payment_plan"),
                    F("amount", T::kCurrency, "回款金额", "Amount").Required().Range(0.01, 1e13),
                    F("paid_date", T::kDate, "回款日期", "Date received").Required(),
                    F("method", T::kSelect, "回款方式", "Method").Picklist("payment_method"),
                    F("remark", T::kTextarea, "备注", "Remark"),
                }
            )
        ),
        NamedBy(
            "code",
            Object(
                "invoice",
                "开票",
                "Invoice",
                "Postcard",
                {
                    F("code", T::kAutonumber, "开票编号", "Invoice request No.").Autonumber("KP-{yyyy}-{0000}"),
                    F("contract_id", T::kLookup, "合同", "Contract").Lookup("contract").Required(),
                    F("customer_id", T::kLookup, "客户", "Customer").Lookup("customer").ReadOnly(),
                    F("type", T::kSelect, "发票类型", "Invoice type").Picklist("invoice_type").Required(),
                    F("title", T::kText, "发票抬头", "Invoice title").Required().MaxLength(100),
                    F("tax_number", T::kText, "纳税人识别号", "Taxpayer ID").MaxLength(20),
                    F("amount", T::kCurrency, "开票金额", "Amount").Required().Range(0.01, 1e13),
                    F("invoice_date", T::kDate, "开票日期", "Invoice date"),
                    F("invoice_no", T::kText, "发票号码", "Invoice number").MaxLength(50),
                    F("status", T::kSelect, "开票状态", "Status").Picklist("invoice_status"),
                    F("address_phone", T::kText, "地址电话", "Address and phone").MaxLength(200),
                    F("bank_account", T::kText, "开户行及账号", "Bank and account").MaxLength(200),
                    F("remark", T::kTextarea, "备注", "Remark"),
                }
            )
        ),
    };
    return kObjects;
}

// The sales dashboard's figures of deals (web/src/components/sales/dashboard.ts), each readable
// from one index for admins, managers and salespeople alike, and the counted customer lists of a
// salesperson (docs/performance.md). Each index costs every write of its table one more B-tree;
// deals and customers change a few times a day per person.
const std::vector<AggregateIndex>& StandardAggregateIndexes() {
    static const std::vector<AggregateIndex> kIndexes = {
        // The funnel: open deals of a pipeline by stage, counted and summed in stage order.
        {"opportunity", "funnel", {"status", "pipeline", "stage", "amount", "win_probability"}},
        // The forecast: open deals by expected close month, amount and weighted amount.
        {"opportunity", "forecast", {"status", "expected_close_date", "amount", "win_probability"}},
        // Won and lost in a period, by status and by lost reason.
        {"opportunity", "closed", {"status", "stage_changed_at", "lost_reason", "amount", "actual_amount"}},
        // Won deals by their close date (赢单金额 and the won side of 赢单/输单, which the web app asks
        // apart from the lost side: ORed, the two made SQLite scan every deal, 0.4 s on 500k).
        {"opportunity", "won", {"status", "actual_close_date", "amount", "actual_amount"}},
        // 签约 and the contract-amount target actuals: signed contracts of a period.
        {"contract", "signed", {"sign_date", "status", "amount"}},
        // 待回款: contracts with money outstanding, and how much of it is overdue.
        {"contract", "unpaid", {"unpaid_amount", "overdue_amount", "status"}},
        // 回款 and the payment target actuals: payments of a period.
        {"payment", "paid", {"paid_date", "amount"}},
        // A salesperson's customer lists count his own customers filtered by their picklists: the
        // total reads his entries here instead of fetching each of his thousands of rows from the
        // table. Level and industry first, the commonest filters (a list of one industry and
        // level): such a count seeks exactly its matches (docs/performance.md). updated_at last:
        // a page read scope first (CompiledQuery::scope_first_sql) sorts the matches' entries
        // without reading their rows.
        {"customer", "owner_lists", {"owner_id", "level", "industry", "status", "source", "type", "updated_at"}},
        // A manager's (or a department reader's) count adds the branch of his departments'
        // customers (ScopeCountBranches): the same seek in the customers of those departments.
        {"customer",
         "department_lists",
         {"department_id", "level", "industry", "status", "source", "type", "updated_at"}},
    };
    return kIndexes;
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
        {"competitor_threat",
         "威胁程度",
         "Threat level",
         {{"high", "高", "High"}, {"medium", "中", "Medium"}, {"low", "低", "Low"}}},
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
        {"quote_status",
         "报价状态",
         "Quote status",
         {{"draft", "草稿", "Draft"},
          {"sent", "已发送", "Sent"},
          {"accepted", "已接受", "Accepted"},
          {"rejected", "已拒绝", "Rejected"},
          {"expired", "已失效", "Expired"}}},
        {"contract_status",
         "合同状态",
         "Contract status",
         {{"draft", "草稿", "Draft"},
          {"pending", "审批中", "Pending approval"},
          {"active", "执行中", "Active"},
          {"completed", "已完成", "Completed"},
          {"terminated", "已终止", "Terminated"}}},
        // Derived by the sales module from the payments and today's date; not chosen by people.
        {"payment_plan_status",
         "回款状态",
         "Payment plan status",
         {{"not_due", "未到期", "Not due"},
          {"due", "待回款", "Due"},
          {"partial", "部分回款", "Partly paid"},
          {"paid", "已回款", "Paid"},
          {"overdue", "已逾期", "Overdue"}}},
        {"payment_method",
         "回款方式",
         "Payment method",
         {{"bank_transfer", "银行转账", "Bank transfer"},
          {"cash", "现金", "Cash"},
          {"check", "支票", "Cheque"},
          {"acceptance", "承兑汇票", "Bank acceptance bill"},
          {"alipay", "支付宝", "Alipay"},
          {"wechat", "微信支付", "WeChat Pay"},
          {"other", "其他", "Other"}}},
        {"invoice_type",
         "发票类型",
         "Invoice type",
         {{"normal", "增值税普通发票", "VAT general invoice"}, {"special", "增值税专用发票", "VAT special invoice"}}},
        {"invoice_status",
         "开票状态",
         "Invoice status",
         {{"pending", "待开票", "Requested"}, {"issued", "已开票", "Issued"}, {"voided", "已作废", "Voided"}}},
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
