#include "records/formula.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace xieli::records {
namespace {

ObjectMeta Opportunity() {
    ObjectMeta o;
    o.name = "opportunity";
    o.table = "obj_opportunity";
    auto add = [&](const char* name, FieldType type) {
        FieldMeta f;
        f.name = f.column = name;
        f.type = type;
        f.label = {name, name};
        o.fields.push_back(f);
    };
    add("name", FieldType::kText);
    add("amount", FieldType::kCurrency);
    add("win_probability", FieldType::kPercent);
    add("quantity", FieldType::kNumber);
    add("expected_close_date", FieldType::kDate);
    add("created_at", FieldType::kDatetime);
    add("weighted", FieldType::kFormula);
    return o;
}

std::string CodeOf(const std::string& text) {
    try {
        CompileFormula(Opportunity(), text);
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        return e.details().at(0).message.en;
    }
    return "ok";
}

TEST(FormulaTest, CompilesArithmeticWithMoneyInYuan) {
    CompiledFormula f = CompileFormula(Opportunity(), "amount * win_probability / 100");
    EXPECT_EQ(f.sql, "ROUND((((amount / 100.0) * win_probability) / CAST(100 AS REAL)), 2)");
    EXPECT_EQ(f.fields, (std::vector<std::string>{"amount", "win_probability"}));
}

TEST(FormulaTest, DaysBetweenDatesAndFunctions) {
    EXPECT_EQ(
        CompileFormula(Opportunity(), "DAYS(expected_close_date, created_at)").sql,
        "ROUND((julianday(expected_close_date) - julianday(created_at)), 2)"
    );
    EXPECT_EQ(CompileFormula(Opportunity(), "round(abs(-quantity), 1)").sql, "ROUND(round(abs((-quantity)), 1), 2)");
}

TEST(FormulaTest, RefusesWhatIsNotANumber) {
    EXPECT_NE(CodeOf("name * 2").find("is not a number"), std::string::npos);
    EXPECT_NE(CodeOf("expected_close_date + 1").find("inside DAYS"), std::string::npos);
    EXPECT_NE(CodeOf("DAYS(amount, created_at)").find("two dates"), std::string::npos);
    EXPECT_NE(CodeOf("weighted * 2").find("is not a number"), std::string::npos) << "no formula of formulas";
    EXPECT_NE(CodeOf("no_such + 1").find("no field 'no_such'"), std::string::npos);
}

TEST(FormulaTest, RefusesHostileAndBrokenText) {
    for (const char* text :
         {"",
          "amount +",
          "(amount",
          "amount)",
          "amount; DROP TABLE x",
          "amount -- comment",
          "'1'",
          "amount || 1",
          "SLEEP(1)",
          "1..2",
          "ROUND(amount, 9)",
          "amount 1",
          "1e5"}) {
        EXPECT_NE(CodeOf(text), "ok") << text;
    }
    EXPECT_NE(CodeOf(std::string(600, '1')), "ok");
    EXPECT_NE(CodeOf(std::string(40, '(') + "1" + std::string(40, ')')), "ok") << "nesting is bounded";
}

TEST(FormulaTest, RunsInSqliteWithNullsAndDivisionByZero) {
    test_support::TempDir dir;
    std::unique_ptr<store::Database> db = store::OpenSqliteDatabase(dir.path() / "f.db", 1, 1000);
    {
        store::Transaction tx = db->Write();
        tx->ExecuteScript(
            "CREATE TABLE obj_opportunity (id INTEGER PRIMARY KEY, name TEXT, amount INTEGER, win_probability REAL, "
            "quantity REAL, expected_close_date TEXT, created_at TEXT, weighted REAL);"
            "INSERT INTO obj_opportunity VALUES (1, 'a', 1234550, 40, 0, '2026-12-31', '2026-11-24T02:00:00Z', NULL);"
            "INSERT INTO obj_opportunity VALUES (2, 'b', NULL, 40, 3, NULL, '2026-11-24T02:00:00Z', NULL);"
        );
        tx->Execute(
            "UPDATE obj_opportunity SET weighted = " +
            CompileFormula(Opportunity(), "amount * win_probability / 100").sql
        );
        tx.Commit();
    }
    store::Reader r = db->Read();
    EXPECT_DOUBLE_EQ(r->QueryValue("SELECT weighted FROM obj_opportunity WHERE id = 1")->AsDouble(), 4938.2);
    EXPECT_TRUE(r->QueryValue("SELECT weighted FROM obj_opportunity WHERE id = 2")->IsNull());
    auto by_zero = r->QueryValue(
        "SELECT " + CompileFormula(Opportunity(), "amount / quantity").sql + " FROM obj_opportunity WHERE id = 1"
    );
    EXPECT_TRUE(by_zero->IsNull());
    auto days = r->QueryValue(
        "SELECT " + CompileFormula(Opportunity(), "DAYS(expected_close_date, created_at)").sql +
        " FROM obj_opportunity WHERE id = 1"
    );
    EXPECT_DOUBLE_EQ(days->AsDouble(), 36.92);
}

}  // namespace
}  // namespace xieli::records
