#include "records/query_compiler.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "common/crypto.h"
#include "common/error.h"
#include "records/value_codec.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"
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
    AccessContext admin_ = test_support::AdminAccess();
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

TEST_F(QueryCompilerTest, FilterParameterErrorsNameTheParameter) {
    EXPECT_EQ(ParseFilterParam(R"({"field":"name","op":"is_null"})").as_object().at("op"), "is_null");
    auto message_of = [](const std::string& text) {
        try {
            ParseFilterParam(text);
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kBadRequest);
            return e.message().zh + " | " + e.message().en;
        }
        return std::string("no error");
    };
    std::string bad = message_of("notjson");
    EXPECT_NE(bad.find("filter 参数不是有效的 JSON"), std::string::npos) << bad;
    EXPECT_NE(bad.find("The filter parameter is not valid JSON"), std::string::npos) << bad;
    std::string deep = R"({"field":"name","op":"is_null"})";
    for (int i = 0; i < 40; ++i) deep = R"({"and":[)" + deep + "]}";
    std::string too_deep = message_of(deep);
    EXPECT_NE(too_deep.find("最多嵌套 8 层"), std::string::npos) << too_deep;
    EXPECT_NE(too_deep.find("at most 8 levels"), std::string::npos) << too_deep;
    // Within the parser's depth but past the filter's: 422 naming the limit.
    std::string nine = R"({"field":"name","op":"is_null"})";
    for (int i = 0; i < 9; ++i) nine = R"({"and":[)" + nine + "]}";
    try {
        CompileQuery(object_, admin_, WithFilter(nine.c_str()), Now());
        ADD_FAILURE() << "accepted a filter nested 9 deep";
    } catch (const Error& e) {
        ASSERT_FALSE(e.details().empty());
        EXPECT_EQ(e.details()[0].code, "too_deep");
        EXPECT_NE(e.details()[0].message.zh.find("最多 8 层"), std::string::npos);
    }
}

// The compiled SQL run on a real SQLite table: cursor walks over columns with empty values, and
// plain dates on a datetime field.
class QueryOnDataTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }

    void SetUp() override {
        store::SqliteOptions options;
        options.file = dir_.path() / "q.db";
        options.readers = 1;
        db_ = store::OpenSqliteDatabase(options);
        store::Transaction tx = db_->Write();
        tx->ExecuteScript(
            "CREATE TABLE obj_customer (id INTEGER PRIMARY KEY, owner_id INTEGER, department_id INTEGER, "
            "created_by INTEGER, created_at TEXT NOT NULL, updated_by INTEGER, updated_at TEXT NOT NULL, "
            "version INTEGER NOT NULL DEFAULT 1, deleted_at TEXT, name TEXT, amount INTEGER, close_date TEXT, "
            "tags TEXT, remark TEXT, secret TEXT);"
            "CREATE INDEX obj_customer_owner ON obj_customer(owner_id, updated_at);"
            "CREATE INDEX obj_customer_department ON obj_customer(department_id, updated_at);"
            "CREATE TABLE record_collaborators (object TEXT, record_id INTEGER, user_id INTEGER, can_edit INTEGER);"
        );
        // 30 customers; like public-pool customers, every fourth has no owner (and some no
        // department, no creator or no name); owners and departments repeat, so ties are common.
        for (int64_t id = 1; id <= 30; ++id) {
            auto maybe = [](bool empty, int64_t v) { return empty ? store::Value() : store::Value(v); };
            tx->Execute(
                "INSERT INTO obj_customer (id, owner_id, department_id, created_by, created_at, updated_at, name, "
                "amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                {store::Value(id),
                 maybe(id % 4 == 0, 1 + id % 3),
                 maybe(id % 5 == 0, 10 + id % 2),
                 maybe(id % 7 == 0, 1 + id % 2),
                 store::Value(fmt::format("2026-11-{:02}T00:00:00Z", 1 + id % 5)),
                 store::Value(fmt::format("2026-11-{:02}T00:00:00Z", 1 + id % 3)),
                 id % 6 == 0 ? store::Value() : store::Value(fmt::format("客户{:02}", id % 9)),
                 maybe(id % 3 == 0, id % 4 * 100)}
            );
            if (id % 9 == 0) tx->Execute("INSERT INTO record_collaborators VALUES ('customer', ?, 1, 0)", {id});
        }
        tx.Commit();
    }

    static size_t Column(const CompiledQuery& q, std::string_view name) {
        for (size_t i = 0; i < q.columns.size(); ++i) {
            if (q.columns[i]->name == name) return i;
        }
        ADD_FAILURE() << "no column " << name;
        return 0;
    }

    // Every page, following next cursors to the end: the ids in the order shown.
    std::vector<int64_t> Walk(const AccessContext& a, QueryRequest req) {
        std::vector<int64_t> all;
        for (int page = 0; page < 100; ++page) {
            CompiledQuery q = CompileQuery(object_, a, req, Now());
            store::Reader r = db_->Read();
            store::Rows rows = r->Query(q.sql, store::Params(q.params));
            size_t shown = std::min(rows.size(), static_cast<size_t>(q.limit));
            for (size_t i = 0; i < shown; ++i) all.push_back(rows[i].Int(Column(q, "id")));
            if (rows.size() <= static_cast<size_t>(q.limit)) return all;
            req.cursor = NextCursor(q, rows[shown - 1]);
        }
        ADD_FAILURE() << "the walk did not end";
        return all;
    }

    // The ids a filter selects, in id order.
    std::vector<int64_t> Matching(const char* filter_json) {
        QueryRequest req = WithFilter(filter_json);
        req.sort = {{"id", false}};
        req.limit = 200;
        CompiledQuery q = CompileQuery(object_, admin_, req, Now());
        store::Reader r = db_->Read();
        std::vector<int64_t> out;
        for (const store::Row& row : r->Query(q.sql, store::Params(q.params))) out.push_back(row.Int(Column(q, "id")));
        return out;
    }

    test_support::TempDir dir_;
    std::unique_ptr<store::Database> db_;
    ObjectMeta object_ = Customer();
    AccessContext admin_ = test_support::AdminAccess();
};

// Audit 5 §4.1: sorted ascending by owner, the public-pool customers (no owner) came first while
// the cursor assumed empty values last, so the walk stopped after them (or repeated them).
TEST_F(QueryOnDataTest, CursorWalksSeeEveryRecordOnceWhateverTheEmptyValues) {
    // A salesperson reading the department's records and shared ones: the list is a UNION of
    // several branches (ScopeBranches), with its own outer ORDER BY.
    AccessContext rep;
    rep.user_id = 1;
    rep.department_ids = {10};
    rep.department_tree_ids = {10};
    rep.permissions = json::parse(R"({"objects":{"customer":{"read":"department"}}})").as_object();
    rep.collaborates_on.insert("customer");
    ASSERT_GT(ScopeBranches(rep, "customer", "t", Action::kRead).size(), 1u);

    for (const AccessContext* a : {&admin_, &rep}) {
        SqlFragment scope = ScopePredicate(*a, "customer", "t", Action::kRead);
        for (const char* field : {"owner_id", "department_id", "created_by", "name", "amount", "created_at"}) {
            for (bool desc : {false, true}) {
                // Expected: non-empty values in the direction asked, ties by id the same way, then
                // the empty ones — read straight from the table, ordered here rather than by SQL.
                std::vector<std::pair<std::optional<std::string>, int64_t>> rows;
                {
                    store::Reader r = db_->Read();
                    for (const store::Row& row : r->Query(
                             fmt::format(
                                 "SELECT t.id, t.{} FROM obj_customer t WHERE t.deleted_at IS NULL AND {}",
                                 field,
                                 scope.sql
                             ),
                             store::Params(scope.params)
                         )) {
                        std::optional<std::string> v;
                        // Numbers compared as numbers: pad them (all are small and not negative).
                        if (!row.IsNull(1))
                            v = row[1].IsInt() ? fmt::format("{:012}", row.Int(1)) : std::string(row.Text(1));
                        rows.emplace_back(v, row.Int(0));
                    }
                }
                std::sort(rows.begin(), rows.end(), [&](const auto& x, const auto& y) {
                    if (x.first.has_value() != y.first.has_value()) return x.first.has_value();
                    if (x.first != y.first) return desc ? *x.first > *y.first : *x.first < *y.first;
                    return desc ? x.second > y.second : x.second < y.second;
                });
                std::vector<int64_t> expected;
                for (const auto& row : rows) expected.push_back(row.second);
                ASSERT_GE(expected.size(), 8u);

                QueryRequest req;
                req.sort = {{field, desc}};
                req.limit = 4;
                std::vector<int64_t> walked = Walk(*a, req);
                EXPECT_EQ(walked, expected) << field << (desc ? " desc" : " asc") << " as user " << a->user_id;
                EXPECT_EQ(std::set<int64_t>(walked.begin(), walked.end()).size(), walked.size());
            }
        }
    }
}

// Audit 5 §4.2: a plain date on a datetime field is that whole day in China time.
TEST_F(QueryOnDataTest, APlainDateOnADatetimeFieldIsThatDayInChinaTime) {
    {
        store::Transaction tx = db_->Write();
        // 31 Oct 23:59:59, 1 Nov 00:00:00, 1 Nov 23:59:59, 2 Nov 00:00:00 in China time.
        const char* times[] = {
            "2026-10-31T15:59:59Z", "2026-10-31T16:00:00Z", "2026-11-01T15:59:59Z", "2026-11-01T16:00:00Z"};
        for (int64_t i = 0; i < 4; ++i) {
            tx->Execute("UPDATE obj_customer SET created_at = ? WHERE id = ?", {store::Value(times[i]), i + 1});
        }
        tx->Execute("DELETE FROM obj_customer WHERE id > 4");
        tx.Commit();
    }
    using V = std::vector<int64_t>;
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"eq","value":"2026-11-01"})"), (V{2, 3}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"ne","value":"2026-11-01"})"), (V{1, 4}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"gte","value":"2026-11-01"})"), (V{2, 3, 4}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"gt","value":"2026-11-01"})"), (V{4}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"lt","value":"2026-11-01"})"), (V{1}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"lte","value":"2026-11-01"})"), (V{1, 2, 3}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"between","value":["2026-11-01","2026-11-01"]})"), (V{2, 3}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"between","value":["2026-10-31","2026-11-01"]})"), (V{1, 2, 3}));
    // Mixed: a time is itself, a date its whole day.
    EXPECT_EQ(
        Matching(R"({"field":"created_at","op":"between","value":["2026-10-31T16:00:00Z","2026-11-02"]})"), (V{2, 3, 4})
    );
    EXPECT_EQ(
        Matching(R"({"field":"created_at","op":"between","value":["2026-11-01","2026-11-01T15:59:59Z"]})"), (V{2, 3})
    );
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"in","value":["2026-10-31","2026-11-02"]})"), (V{1, 4}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"nin","value":["2026-10-31"]})"), (V{2, 3, 4}));
    // Full times keep their exact meaning.
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"lte","value":"2026-11-01T00:00:00+08:00"})"), (V{1, 2}));
    EXPECT_EQ(Matching(R"({"field":"created_at","op":"eq","value":"2026-11-01T15:59:59Z"})"), (V{3}));

    // Anything else is refused with a message that says what is expected.
    for (const char* bad : {"2026-11-31", "2026/11/01", "yesterday", "2026-11-01 09:00"}) {
        try {
            Matching(fmt::format(R"({{"field":"created_at","op":"gte","value":"{}"}})", bad).c_str());
            ADD_FAILURE() << "accepted " << bad;
        } catch (const Error& e) {
            ASSERT_FALSE(e.details().empty());
            EXPECT_EQ(e.details()[0].code, "invalid_value");
            EXPECT_NE(e.details()[0].message.zh.find("2026-11-01T09:30:00+08:00"), std::string::npos);
            EXPECT_NE(e.details()[0].message.en.find("a date (e.g. 2026-11-01"), std::string::npos);
        }
    }
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
