#include "modules/data_io/column_mapping.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "modules/data_io/import_template.h"
#include "modules/data_io/transfer_jobs.h"

namespace xieli::data_io {
namespace {

using records::FieldMeta;
using records::FieldType;

FieldMeta Field(const char* name, FieldType type, const char* zh, const char* en) {
    FieldMeta f;
    f.name = name;
    f.column = name;
    f.type = type;
    f.label = {zh, en};
    return f;
}

// A customer-like object: name (required), code (autonumber), phone, industry (select), a custom
// amount, a read-only follow-up time, a formula, and the system fields.
records::ObjectMeta Customer() {
    records::ObjectMeta o;
    o.name = "customer";
    o.table = "obj_customer";
    o.label = {"客户", "Customer"};
    o.fields = records::SystemFields();
    FieldMeta code = Field("code", FieldType::kAutonumber, "客户编号", "Customer No.");
    FieldMeta name = Field("name", FieldType::kText, "客户名称", "Name");
    name.required = true;
    FieldMeta industry = Field("industry", FieldType::kSelect, "行业", "Industry");
    industry.picklist = "industry";
    FieldMeta last = Field("last_followup_at", FieldType::kDatetime, "最近跟进时间", "Last follow-up");
    last.read_only = true;
    FieldMeta amount = Field("c_amount", FieldType::kCurrency, "年采购额", "Annual spend");
    amount.is_custom = true;
    FieldMeta secret = Field("c_secret", FieldType::kText, "内部备注", "Internal note");
    secret.is_custom = true;
    for (FieldMeta f :
         {code,
          name,
          Field("phone", FieldType::kPhone, "电话", "Phone"),
          industry,
          last,
          amount,
          secret,
          Field("score", FieldType::kFormula, "评分", "Score")}) {
        o.fields.push_back(f);
    }
    return o;
}

records::AccessContext Sales(const char* secret_access = "hidden") {
    records::AccessContext a;
    a.user_id = 7;
    a.permissions = json::object{
        {"objects", json::object{{"customer", json::object{{"create", true}, {"import", true}, {"read", "self"}}}}},
        {"fields", json::object{{"customer", json::object{{"c_secret", secret_access}, {"phone", "read_only"}}}}},
    };
    return a;
}

std::vector<std::string> Names(const std::vector<const FieldMeta*>& fields) {
    std::vector<std::string> out;
    for (const FieldMeta* f : fields) out.push_back(f->name);
    return out;
}

TEST(ColumnMapping, ImportableFieldsFollowMetadataAndFieldSecurity) {
    records::ObjectMeta o = Customer();
    records::AccessContext admin;
    admin.is_admin = true;
    EXPECT_EQ(
        Names(ImportableFields(o, admin)),
        (std::vector<std::string>{"name", "phone", "industry", "c_amount", "c_secret", "owner_id"})
    );
    // Hidden and read-only for this caller: neither is offered.
    EXPECT_EQ(
        Names(ImportableFields(o, Sales())), (std::vector<std::string>{"name", "industry", "c_amount", "owner_id"})
    );
    EXPECT_EQ(
        Names(MappingCandidates(o, Sales())),
        (std::vector<std::string>{"name", "industry", "c_amount", "owner_id", "id", "code"})
    );
}

TEST(ColumnMapping, NormalizesHeaders) {
    EXPECT_EQ(NormalizeHeader(" *客户名称（必填） "), "客户名称");
    EXPECT_EQ(NormalizeHeader("Customer No. (auto)"), "customerno.");
    EXPECT_EQ(NormalizeHeader("E-mail"), "e-mail");
    EXPECT_EQ(NormalizeHeader("owner_id"), "ownerid");
    EXPECT_EQ(NormalizeHeader("\xEF\xBB\xBF金额*"), "金额");
}

TEST(ColumnMapping, SuggestsByChineseOrEnglishLabelOrApiName) {
    records::ObjectMeta o = Customer();
    records::AccessContext admin;
    admin.is_admin = true;
    json::object m = SuggestMapping(
        {"*客户名称", "Industry", "c_amount", "电话", "负责人", "编号", "备注", "客户名称", "内部备注"},
        MappingCandidates(o, admin)
    );
    EXPECT_EQ(m.at("*客户名称"), "name");
    EXPECT_EQ(m.at("Industry"), "industry");
    EXPECT_EQ(m.at("c_amount"), "c_amount");
    EXPECT_EQ(m.at("电话"), "phone");
    EXPECT_EQ(m.at("负责人"), "owner_id");
    EXPECT_EQ(m.at("编号"), "id");
    EXPECT_TRUE(m.at("备注").is_null());
    EXPECT_TRUE(m.at("客户名称").is_null());  // a field gets one column: the first
    EXPECT_EQ(m.at("内部备注"), "c_secret");
    // A hidden field is never suggested.
    json::object sales = SuggestMapping({"内部备注", "电话"}, MappingCandidates(o, Sales()));
    EXPECT_TRUE(sales.at("内部备注").is_null());
    EXPECT_TRUE(sales.at("电话").is_null());
}

std::vector<std::string> DetailCodes(const Error& e) {
    std::vector<std::string> out;
    for (const FieldError& d : e.details()) out.push_back(d.field + ":" + d.code);
    return out;
}

TEST(ColumnMapping, ChecksTheImportRequest) {
    records::ObjectMeta o = Customer();
    records::AccessContext sales = Sales();
    std::vector<std::string> columns{"客户名称", "行业", "编号", "跟进", "秘密", "电话"};

    ImportPlan plan = CheckImportRequest(
        json::parse(R"({"mapping": {"客户名称": "name", "行业": "industry", "编号": "id"}, "duplicate": "update",
                        "match_field": "id"})")
            .as_object(),
        columns,
        o,
        sales
    );
    EXPECT_EQ(plan.duplicate, "update");
    ASSERT_TRUE(plan.match);
    EXPECT_EQ(plan.match->name, "id");
    EXPECT_EQ(plan.columns.size(), 3u);

    // Default: skip duplicates matched by the name field.
    plan = CheckImportRequest(json::parse(R"({"mapping": {"客户名称": "name"}})").as_object(), columns, o, sales);
    EXPECT_EQ(plan.duplicate, "skip");
    EXPECT_EQ(plan.match->name, "name");

    // An id column that is not the match field is simply not used.
    plan = CheckImportRequest(
        json::parse(R"({"mapping": {"客户名称": "name", "编号": "id"}, "duplicate": "create"})").as_object(),
        columns,
        o,
        sales
    );
    EXPECT_EQ(plan.columns.size(), 1u);
    EXPECT_EQ(plan.match, nullptr);

    try {
        CheckImportRequest(
            json::parse(R"({"mapping": {"客户名称": "name", "跟进": "last_followup_at", "秘密": "c_secret",
                                        "电话": "phone", "行业": "nope", "没有": "industry"}})")
                .as_object(),
            columns,
            o,
            sales
        );
        FAIL() << "accepted a bad mapping";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        EXPECT_EQ(
            DetailCodes(e),
            (std::vector<std::string>{
                "mapping.跟进:read_only",
                "mapping.秘密:unknown_field",  // hidden looks exactly like absent
                "mapping.电话:read_only",
                "mapping.行业:unknown_field",
                "mapping.没有:unknown_column"})
        );
    }
    auto codes_of = [&](const char* body) {
        try {
            CheckImportRequest(json::parse(body).as_object(), columns, o, sales);
        } catch (const Error& e) {
            return DetailCodes(e);
        }
        return std::vector<std::string>{};
    };
    EXPECT_EQ(
        codes_of(R"({"mapping": {"行业": "industry"}, "duplicate": "create"})"),
        (std::vector<std::string>{"mapping:missing_required"})
    );
    EXPECT_EQ(
        codes_of(R"({"mapping": {"行业": "industry"}, "duplicate": "update", "match_field": "name"})"),
        (std::vector<std::string>{"match_field:not_mapped"})
    );
    EXPECT_EQ(codes_of(R"({"mapping": {"客户名称": null}})"), (std::vector<std::string>{"mapping:empty"}));
    EXPECT_EQ(
        codes_of(R"({"mapping": {"客户名称": "name", "行业": "name"}})"),
        (std::vector<std::string>{"mapping.行业:duplicate_field"})
    );
    EXPECT_EQ(
        codes_of(R"({"mapping": {"客户名称": "name"}, "duplicate": "merge"})"),
        (std::vector<std::string>{"duplicate:invalid"})
    );
    EXPECT_EQ(
        codes_of(R"({"mapping": {"客户名称": "name"}, "match_field": "industry"})"),
        (std::vector<std::string>{"match_field:not_matchable"})
    );
    EXPECT_EQ(codes_of(R"({"mapping": [1]})"), (std::vector<std::string>{"mapping:invalid_type"}));
    // Without a mapping the suggestion is used.
    EXPECT_EQ(codes_of(R"({"duplicate": "create"})"), std::vector<std::string>{});
}

// Audit 5 §6.1: formulas were dropped from every export, even when named in `fields`.
TEST(ColumnMapping, FormulasAreExportedButNeverImported) {
    records::ObjectMeta o = Customer();
    records::AccessContext admin;
    admin.is_admin = true;
    const FieldMeta* score = o.Field("score");
    ASSERT_TRUE(score);
    EXPECT_TRUE(Readable(o, *score, admin));
    EXPECT_EQ(Names(ExportColumns(o, admin, {"name", "score"})), (std::vector<std::string>{"name", "score"}));
    std::vector<std::string> all = Names(ExportColumns(o, admin, {}));
    EXPECT_NE(std::find(all.begin(), all.end(), "score"), all.end()) << "the default export holds formulas";

    // Never a target: not importable, not suggested, refused when mapped, not a match field.
    std::vector<std::string> importable = Names(MappingCandidates(o, admin));
    EXPECT_EQ(std::find(importable.begin(), importable.end(), "score"), importable.end());
    EXPECT_TRUE(SuggestMapping({"评分"}, MappingCandidates(o, admin)).at("评分").is_null());
    std::vector<std::string> columns{"客户名称", "评分"};
    auto codes_of = [&](const char* body) {
        try {
            CheckImportRequest(json::parse(body).as_object(), columns, o, admin);
        } catch (const Error& e) {
            return DetailCodes(e);
        }
        return std::vector<std::string>{};
    };
    EXPECT_EQ(
        codes_of(R"({"mapping": {"客户名称": "name", "评分": "score"}})"),
        (std::vector<std::string>{"mapping.评分:read_only"})
    );
    EXPECT_EQ(
        codes_of(R"({"mapping": {"客户名称": "name", "评分": null}, "match_field": "score"})"),
        (std::vector<std::string>{"match_field:not_matchable"})
    );
}

TEST(ImportTemplate, HeaderAndHintsComeFromTheFields) {
    records::ObjectMeta o = Customer();
    records::Schema schema({});
    records::AccessContext admin;
    admin.is_admin = true;
    std::vector<const FieldMeta*> fields = ImportableFields(o, admin);
    EXPECT_EQ(
        TemplateHeader(fields, Lang::kZh),
        (std::vector<std::string>{"*客户名称", "电话", "行业", "年采购额", "内部备注", "负责人"})
    );
    EXPECT_EQ(
        TemplateHeader(fields, Lang::kEn),
        (std::vector<std::string>{"*Name", "Phone", "Industry", "Annual spend", "Internal note", "Owner"})
    );
    PicklistOptions options{{"industry", {{"it", {"IT/互联网", "IT / Internet"}}, {"finance", {"金融", "Finance"}}}}};
    EXPECT_EQ(ColumnHint(*o.Field("industry"), schema, options, Lang::kZh), "单选：IT/互联网、金融");
    EXPECT_EQ(ColumnHint(*o.Field("name"), schema, options, Lang::kZh), "必填；文本，最多 255 个字");
    EXPECT_EQ(ColumnHint(*o.Field("industry"), schema, options, Lang::kEn), "One of: IT / Internet, Finance");

    DownloadFile csv = BuildImportTemplate(o, schema, fields, options, Lang::kZh, "csv");
    EXPECT_EQ(csv.file_name, "客户导入模板.csv");
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF*客户名称,电话,行业,年采购额,内部备注,负责人\r\n#必填"));
    DownloadFile xlsx = BuildImportTemplate(o, schema, fields, options, Lang::kZh, "xlsx");
    EXPECT_EQ(xlsx.ascii_name, "customer-import-template.xlsx");
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
    EXPECT_THROW(BuildImportTemplate(o, schema, fields, options, Lang::kZh, "pdf"), Error);
}

}  // namespace
}  // namespace xieli::data_io
