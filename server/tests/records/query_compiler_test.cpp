#include "records/query_compiler.h"

#include <gtest/gtest.h>

#include "common/crypto.h"
#include "common/error.h"
#include "records/value_codec.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

ObjectMeta Customer() {
    return test_support::TestObject(
        "customer",
        "obj_customer",
        {{"name", FieldType::kText},
         {"amount", FieldType::kCurrency},
         {"close_date", FieldType::kDate},
         {"tags", FieldType::kMultiselect},
         {"remark", FieldType::kTextarea},
         {"secret", FieldType::kText}}
    );
}

AccessContext Admin() {
    AccessContext a;
    a.user_id = 1;
    a.is_admin = true;
    return a;
}

TimePoint Now() {
    return *ParseIsoTime("2026-11-23T20:00:00Z");
}  // 2026-11-24 04:00 in China

std::string ErrorCodeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.details().empty() ? std::string(ToCodeString(e.code())) : e.details()[0].code;
    }
    return "no error";
}

QueryRequest WithFilter(const char* filter_json) {
    QueryRequest q;
    q.filter = json::parse(filter_json);
    return q;
}

class QueryCompilerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    ObjectMeta object_ = Customer();
    AccessContext admin_ = Admin();
};

TEST_F(QueryCompilerTest, ValuesAreBoundNeverSpliced) {
    CompiledQuery q =
        CompileQuery(object_, admin_, WithFilter(R"({"field":"name","op":"eq","value":"x' OR 1=1 --"})"), Now());
    EXPECT_EQ(q.sql.find("OR 1=1"), std::string::npos);
    ASSERT_FALSE(q.params.empty());
    EXPECT_EQ(q.params.back().AsText(), "x' OR 1=1 --");
}

TEST_F(QueryCompilerTest, HostileFieldNamesAreUnknownFields) {
    EXPECT_EQ(
        ErrorCodeOf([&] {
            CompileQuery(object_, admin_, WithFilter(R"({"field":"name; DROP TABLE x","op":"eq","value":1})"), Now());
        }),
        "unknown_field"
    );
    EXPECT_EQ(
        ErrorCodeOf([&] {
            CompileQuery(object_, admin_, WithFilter(R"({"field":"\"name\"","op":"eq","value":1})"), Now());
        }),
        "unknown_field"
    );
}

TEST_F(QueryCompilerTest, OperatorsMustSuitTheType) {
    EXPECT_EQ(
        ErrorCodeOf([&] {
            CompileQuery(object_, admin_, WithFilter(R"({"field":"remark","op":"gt","value":"a"})"), Now());
        }),
        "unsupported_operator"
    );
    EXPECT_EQ(
        ErrorCodeOf([&] { CompileQuery(object_, admin_, WithFilter(R"({"field":"name","op":"today"})"), Now()); }),
        "unsupported_operator"
    );
    EXPECT_EQ(
        ErrorCodeOf([&] {
            CompileQuery(object_, admin_, WithFilter(R"({"field":"amount","op":"gt","value":"abc"})"), Now());
        }),
        "invalid_value"
    );
    EXPECT_EQ(
        ErrorCodeOf([&] {
            CompileQuery(
                object_, admin_, WithFilter(R"({"field":"close_date","op":"lt","value":"2026-02-30"})"), Now()
            );
        }),
        "invalid_value"
    );
    EXPECT_EQ(
        ErrorCodeOf([&] {
            CompileQuery(object_, admin_, WithFilter(R"({"field":"name","op":"in","value":[]})"), Now());
        }),
        "invalid_value"
    );
}

TEST_F(QueryCompilerTest, EveryOperatorCompiles) {
    const char* filters[] = {
        R"({"field":"name","op":"eq","value":"a"})",
        R"({"field":"name","op":"ne","value":"a"})",
        R"({"field":"name","op":"in","value":["a","b"]})",
        R"({"field":"name","op":"nin","value":["a"]})",
        R"({"field":"amount","op":"lt","value":"1.5"})",
        R"({"field":"amount","op":"lte","value":2})",
        R"({"field":"amount","op":"gt","value":"3"})",
        R"({"field":"amount","op":"gte","value":"4.25"})",
        R"({"field":"amount","op":"between","value":["1","9"]})",
        R"({"field":"name","op":"contains","value":"科技"})",
        R"({"field":"name","op":"starts_with","value":"上海"})",
        R"({"field":"name","op":"is_null"})",
        R"({"field":"name","op":"not_null"})",
        R"({"field":"close_date","op":"this_month"})",
        R"({"field":"created_at","op":"last_n_days","value":7})",
        R"({"field":"tags","op":"contains","value":"vip"})",
        R"({"and":[{"field":"name","op":"eq","value":"a"},{"or":[{"field":"amount","op":"gt","value":1},{"field":"name","op":"is_null"}]}]})",
    };
    for (const char* f : filters) {
        EXPECT_NO_THROW(CompileQuery(object_, admin_, WithFilter(f), Now())) << f;
    }
}

TEST_F(QueryCompilerTest, MoneyFiltersCompareCents) {
    CompiledQuery q =
        CompileQuery(object_, admin_, WithFilter(R"({"field":"amount","op":"gte","value":"4.25"})"), Now());
    EXPECT_EQ(q.params.back().AsInt(), 425);
}

TEST_F(QueryCompilerTest, LikePatternsEscapeWildcards) {
    CompiledQuery q =
        CompileQuery(object_, admin_, WithFilter(R"({"field":"name","op":"contains","value":"50%_off"})"), Now());
    EXPECT_EQ(q.params.back().AsText(), "%50\\%\\_off%");
}

TEST_F(QueryCompilerTest, HiddenFieldsCanBeNeitherFilteredNorSortedNorRead) {
    AccessContext sales;
    sales.user_id = 7;
    sales.permissions =
        json::parse(R"({"objects":{"customer":{"read":"self"}},"fields":{"customer":{"secret":"hidden"}}})")
            .as_object();
    EXPECT_EQ(
        ErrorCodeOf([&] {
            CompileQuery(object_, sales, WithFilter(R"({"field":"secret","op":"eq","value":"x"})"), Now());
        }),
        "unknown_field"
    );
    QueryRequest sorted;
    sorted.sort = {{"secret", false}};
    EXPECT_EQ(ErrorCodeOf([&] { CompileQuery(object_, sales, sorted, Now()); }), "not_sortable");
    CompiledQuery q = CompileQuery(object_, sales, QueryRequest{}, Now());
    for (const FieldMeta* f : q.columns) EXPECT_NE(f->name, "secret");
    EXPECT_NE(q.sql.find("owner_id IN (?)"), std::string::npos) << q.sql;
}

TEST_F(QueryCompilerTest, NoReadScopeMeansNoRows) {
    AccessContext nobody;
    nobody.user_id = 9;
    CompiledQuery q = CompileQuery(object_, nobody, QueryRequest{}, Now());
    EXPECT_NE(q.sql.find("1 = 0"), std::string::npos);
}

TEST_F(QueryCompilerTest, LimitsAreEnforced) {
    QueryRequest q;
    q.limit = 201;
    EXPECT_EQ(ErrorCodeOf([&] { CompileQuery(object_, admin_, q, Now()); }), "out_of_range");
    std::string deep = R"({"field":"name","op":"is_null"})";
    for (int i = 0; i < 10; ++i) deep = R"({"and":[)" + deep + "]}";
    EXPECT_EQ(ErrorCodeOf([&] { CompileQuery(object_, admin_, WithFilter(deep.c_str()), Now()); }), "too_deep");
    QueryRequest bad_cursor;
    bad_cursor.cursor = "not-a-cursor";
    EXPECT_EQ(ErrorCodeOf([&] { CompileQuery(object_, admin_, bad_cursor, Now()); }), "bad_request");
}

TEST(RelativeDates, UseChinaTimeAndMondayWeeks) {
    TimePoint now = Now();  // Tuesday 2026-11-24 in China, still Monday 23rd in UTC
    auto r = [&](const char* op, std::optional<int64_t> n = std::nullopt) {
        auto range = RelativeDateRange(op, n, now);
        return range->first + ".." + range->second;
    };
    EXPECT_EQ(r("today"), "2026-11-24..2026-11-25");
    EXPECT_EQ(r("yesterday"), "2026-11-23..2026-11-24");
    EXPECT_EQ(r("this_week"), "2026-11-23..2026-11-30");
    EXPECT_EQ(r("last_week"), "2026-11-16..2026-11-23");
    EXPECT_EQ(r("this_month"), "2026-11-01..2026-12-01");
    EXPECT_EQ(r("next_month"), "2026-12-01..2027-01-01");
    EXPECT_EQ(r("last_month"), "2026-10-01..2026-11-01");
    EXPECT_EQ(r("this_quarter"), "2026-10-01..2027-01-01");
    EXPECT_EQ(r("last_quarter"), "2026-07-01..2026-10-01");
    EXPECT_EQ(r("this_year"), "2026-01-01..2027-01-01");
    EXPECT_EQ(r("last_n_days", 7), "2026-11-18..2026-11-25");
    EXPECT_EQ(r("next_n_days", 3), "2026-11-24..2026-11-27");
    EXPECT_FALSE(RelativeDateRange("someday", std::nullopt, now));
}

TEST(ValueCodec, MoneyIsExact) {
    EXPECT_EQ(ParseMoney(json::value("1234.5")), 123450);
    EXPECT_EQ(ParseMoney(json::value("-0.01")), -1);
    EXPECT_EQ(ParseMoney(json::value(12)), 1200);
    EXPECT_EQ(ParseMoney(json::value(0.1)), 10);
    EXPECT_FALSE(ParseMoney(json::value("1.234")));
    EXPECT_FALSE(ParseMoney(json::value("1e5")));
    EXPECT_FALSE(ParseMoney(json::value("")));
    EXPECT_FALSE(ParseMoney(json::value(true)));
    EXPECT_EQ(FormatMoney(123450), "1234.50");
    EXPECT_EQ(FormatMoney(-5), "-0.05");
}

TEST(ValueCodec, DatesAreRealCalendarDates) {
    EXPECT_TRUE(IsValidDate("2028-02-29"));
    EXPECT_FALSE(IsValidDate("2026-02-29"));
    EXPECT_FALSE(IsValidDate("2026-13-01"));
    EXPECT_FALSE(IsValidDate("2026-1-01"));
    EXPECT_FALSE(IsValidDate("20260101"));
}

TEST(ValueCodec, DecodesAndEncodesEachType) {
    auto field = [](FieldType t) {
        FieldMeta f;
        f.name = "f";
        f.type = t;
        f.label = {"字段", "Field"};
        return f;
    };
    std::vector<FieldError> errors;
    EXPECT_EQ(
        DecodeValue(field(FieldType::kDatetime), json::value("2026-11-24T09:00:00+08:00"), errors)->AsText(),
        "2026-11-24T01:00:00Z"
    );
    EXPECT_EQ(DecodeValue(field(FieldType::kEmail), json::value(" A@B.CN "), errors)->AsText(), "a@b.cn");
    EXPECT_EQ(DecodeValue(field(FieldType::kUrl), json::value("xieli.cn"), errors)->AsText(), "https://xieli.cn");
    EXPECT_EQ(
        DecodeValue(field(FieldType::kMultiselect), json::parse(R"(["a","b","a"])"), errors)->AsText(), R"(["a","b"])"
    );
    EXPECT_TRUE(DecodeValue(field(FieldType::kText), json::value(nullptr), errors)->IsNull());
    EXPECT_TRUE(errors.empty());
    EXPECT_FALSE(DecodeValue(field(FieldType::kBoolean), json::value("yes"), errors));
    EXPECT_FALSE(DecodeValue(field(FieldType::kLookup), json::value(-3), errors));
    EXPECT_FALSE(DecodeValue(field(FieldType::kLocation), json::parse(R"({"lat":100,"lng":1})"), errors));
    EXPECT_FALSE(DecodeValue(field(FieldType::kText), json::value(std::string(300, 'x')), errors));
    EXPECT_EQ(errors.size(), 4u);
    EXPECT_EQ(EncodeValue(field(FieldType::kCurrency), store::Value(int64_t{995})), json::value("9.95"));
    EXPECT_EQ(EncodeValue(field(FieldType::kBoolean), store::Value(int64_t{1})), json::value(true));
}

}  // namespace
}  // namespace xieli::records
