#include "modules/org/user_import.h"

#include <gtest/gtest.h>

#include "common/csv.h"

namespace xieli::org {
namespace {

// ---- CSV -----------------------------------------------------------------------------------------

TEST(Csv, QuotesCommasNewlinesAndBlankLines) {
    Table t = ParseCsv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",,x\ny");
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
    EXPECT_TRUE(t[1].empty());  // the blank line keeps its place
    EXPECT_EQ(t[2], (std::vector<std::string>{"two\nlines", "", "x"}));
    EXPECT_EQ(t[3], (std::vector<std::string>{"y"}));
}

TEST(Csv, TrailingNewlineAndUnterminatedQuote) {
    EXPECT_EQ(ParseCsv("a,b\n").size(), 1u);
    EXPECT_EQ(ParseCsv("a,").front(), (std::vector<std::string>{"a", ""}));
    EXPECT_EQ(ParseCsv("\"open,end").front(), (std::vector<std::string>{"open,end"}));
    EXPECT_TRUE(ParseCsv("").empty());
}

TEST(Csv, WritingQuotesWhatNeedsItAndDefusesFormulas) {
    EXPECT_EQ(CsvLine({"姓名", "a,b", "x\"y", "=SUM(A1)"}), "姓名,\"a,b\",\"x\"\"y\",'=SUM(A1)\r\n");
    EXPECT_EQ(ParseCsv(CsvLine({"a,b", "line\nbreak"})).front(), (std::vector<std::string>{"a,b", "line\nbreak"}));
}

TEST(Csv, Utf8WithOrWithoutBomAndGbk) {
    EXPECT_EQ(DecodeSpreadsheetText("\xEF\xBB\xBF姓名"), "姓名");
    EXPECT_EQ(DecodeSpreadsheetText("姓名"), "姓名");
    // 姓名,测试 in GBK
    EXPECT_EQ(DecodeSpreadsheetText("\xD0\xD5\xC3\xFB,\xB2\xE2\xCA\xD4"), "姓名,测试");
    EXPECT_FALSE(DecodeSpreadsheetText("\x81"));  // a lone lead byte is neither
}

// ---- rows ----------------------------------------------------------------------------------------

TEST(ImportRows, HeaderByNameInAnyOrderChineseOrEnglish) {
    Table t = {
        {"*手机号", "Name", "部门（如 销售部/华东大区）", "备注"},
        {" 13800000001 ", " 王芳 ", "销售部", "ignored"},
        {"", "", "", ""},
        {"13800000002", "张伟"},
    };
    auto rows = ReadImportRows(t);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].row, 2);
    EXPECT_EQ(rows[0].name, "王芳");
    EXPECT_EQ(rows[0].phone, "13800000001");
    EXPECT_EQ(rows[0].department, "销售部");
    EXPECT_EQ(rows[1].row, 4);  // the blank row is skipped but counted
    EXPECT_EQ(rows[1].department, "");
}

TEST(ImportRows, FileProblemsAreOneValidationErrorOnFile) {
    auto code_of = [](const Table& t, size_t max = kMaxImportRows) {
        try {
            ReadImportRows(t, max);
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
            EXPECT_EQ(e.details().at(0).field, "file");
            return e.details().at(0).code;
        }
        return std::string("none");
    };
    EXPECT_EQ(code_of({}), "empty");
    EXPECT_EQ(code_of({{"", ""}}), "empty");
    EXPECT_EQ(code_of({{"王芳", "13800000001"}}), "bad_header");
    EXPECT_EQ(code_of({{"姓名", "职位"}, {"王芳", "经理"}}), "bad_header");  // neither phone nor e-mail
    EXPECT_EQ(code_of({{"姓名", "邮箱"}}), "empty");
    EXPECT_EQ(code_of({{"姓名", "手机号"}, {"a", "1"}, {"b", "2"}, {"c", "3"}}, 2), "too_many_rows");
    EXPECT_EQ(code_of({{"姓名", "手机号"}, {"a", "1"}, {"b", "2"}}, 2), "none");
}

DepartmentRecord Dept(int64_t id, std::optional<int64_t> parent, std::string name) {
    DepartmentRecord d;
    d.id = id;
    d.parent_id = parent;
    d.name = std::move(name);
    return d;
}

ImportDirectory Directory() {
    ImportDirectory d;
    d.departments = {Dept(1, std::nullopt, "示例科技"), Dept(2, 1, "销售部"), Dept(3, 2, "华东大区")};
    d.roles = {{"管理员", 1}, {"销售", 3}, {"客服", 4}};
    d.by_phone["13800000000"] = {1, false};
    d.by_phone["13800000009"] = {9, true};
    d.emails.insert("admin@example.com");
    return d;
}

ImportRow Row(std::string name, std::string phone, std::string email = "") {
    ImportRow r;
    r.row = 2;
    r.name = std::move(name);
    r.phone = std::move(phone);
    r.email = std::move(email);
    return r;
}

std::vector<std::string> Fields(const CheckedRow& c) {
    std::vector<std::string> f;
    for (const auto& e : c.errors) f.push_back(e.field + ":" + e.code);
    return f;
}

TEST(ImportRowCheck, AGoodRowResolvesEverything) {
    ImportRow r = Row("刘洋", "+86 138-0000-0003", "LiuYang@Example.com");
    r.department = "销售部/华东大区";
    r.position = "销售代表";
    r.supervisor = "13800000000";
    r.roles = "销售、客服,销售";
    CheckedRow c = CheckImportRow(r, Directory());
    EXPECT_TRUE(c.errors.empty()) << Fields(c).front();
    EXPECT_EQ(c.account.phone, "13800000003");
    EXPECT_EQ(c.account.email, "liuyang@example.com");
    EXPECT_EQ(c.account.main_department_id, 3);
    EXPECT_EQ(c.account.supervisor_id, 1);
    EXPECT_EQ(c.account.role_ids, (std::vector<int64_t>{3, 4}));
    EXPECT_EQ(c.account.status, "pending");
}

TEST(ImportRowCheck, EmptyDepartmentIsTheRoot) {
    CheckedRow c = CheckImportRow(Row("甲", "", "jia@example.com"), Directory());
    EXPECT_TRUE(c.errors.empty());
    EXPECT_EQ(c.account.main_department_id, 1);
}

TEST(ImportRowCheck, EveryProblemOfARowIsListed) {
    ImportRow r = Row("", "12345", "bad@");
    r.department = "不存在";
    r.supervisor = "13900000000";
    r.roles = "销售、老板";
    r.position = std::string(51, 'x');
    EXPECT_EQ(
        Fields(CheckImportRow(r, Directory())),
        (std::vector<std::string>{
            "name:required",
            "phone:invalid",
            "email:invalid",
            "department:not_found",
            "position:too_long",
            "supervisor:not_found",
            "roles:not_found"})
    );
}

TEST(ImportRowCheck, DuplicatesAndSupervisors) {
    ImportDirectory d = Directory();
    EXPECT_EQ(Fields(CheckImportRow(Row("乙", "13800000000"), d)), (std::vector<std::string>{"phone:duplicate"}));
    EXPECT_EQ(
        Fields(CheckImportRow(Row("乙", "", "ADMIN@example.com"), d)), (std::vector<std::string>{"email:duplicate"})
    );
    EXPECT_EQ(Fields(CheckImportRow(Row("乙", "", ""), d)), (std::vector<std::string>{"phone:required"}));

    ImportRow disabled_boss = Row("丙", "13800000005");
    disabled_boss.supervisor = "13800000009";
    EXPECT_EQ(Fields(CheckImportRow(disabled_boss, d)), (std::vector<std::string>{"supervisor:inactive"}));

    // A row created earlier in the file can be named as supervisor, and its phone is now taken.
    ImportRow later = Row("丁", "13800000007");
    later.supervisor = "13800000006";
    EXPECT_EQ(Fields(CheckImportRow(later, d)), (std::vector<std::string>{"supervisor:not_found"}));
    d.Add("13800000006", "", 42);
    CheckedRow ok = CheckImportRow(later, d);
    EXPECT_TRUE(ok.errors.empty());
    EXPECT_EQ(ok.account.supervisor_id, 42);
    EXPECT_EQ(Fields(CheckImportRow(Row("戊", "13800000006"), d)), (std::vector<std::string>{"phone:duplicate"}));
}

}  // namespace
}  // namespace xieli::org
