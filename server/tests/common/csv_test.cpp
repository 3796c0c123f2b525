#include "common/csv.h"

#include <gtest/gtest.h>

namespace xieli {
namespace {

TEST(Csv, QuotesOnlyWhatNeedsIt) {
    EXPECT_EQ(CsvCell("plain"), "plain");
    EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
    EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(CsvCell("cr\rhere"), "\"cr\rhere\"");
    EXPECT_EQ(CsvCell(""), "");
    EXPECT_EQ(CsvCell("客户名称"), "客户名称");
}

TEST(Csv, DefusesFormulasButNotNumbers) {
    EXPECT_EQ(CsvCell("=SUM(A1:A9)"), "'=SUM(A1:A9)");
    EXPECT_EQ(CsvCell("+86 138"), "'+86 138");
    EXPECT_EQ(CsvCell("-2+3"), "'-2+3");
    EXPECT_EQ(CsvCell("@cmd"), "'@cmd");
    EXPECT_EQ(CsvCell("\tx"), "'\tx");
    EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    // A plain number is never run as a formula.
    EXPECT_EQ(CsvCell("-12.50"), "-12.50");
    EXPECT_EQ(CsvCell("-3"), "-3");
    EXPECT_EQ(CsvCell("-.5"), "'-.5");
    EXPECT_EQ(CsvCell("-1."), "'-1.");
    // Inside a cell the characters are harmless.
    EXPECT_EQ(CsvCell("a=b"), "a=b");
    // Files only the server reads back keep their text.
    EXPECT_EQ(CsvCell("=1+2", FormulaGuard::kOff), "=1+2");
    EXPECT_EQ(CsvLine({"=x", "y"}, FormulaGuard::kOff), "=x,y\r\n");
}

TEST(Csv, LinesRoundTripThroughTheParser) {
    std::vector<std::string> cells{"a,b", "line\nbreak", "\"q\"", "", "=1+2", "尾"};
    Table t = ParseCsv(CsvLine(cells, FormulaGuard::kOff) + CsvLine({"x"}, FormulaGuard::kOff));
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0], cells);
    EXPECT_EQ(t[1], (std::vector<std::string>{"x"}));
}

}  // namespace
}  // namespace xieli
