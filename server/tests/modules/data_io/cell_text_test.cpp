#include "modules/data_io/cell_text.h"

#include <gtest/gtest.h>

namespace xieli::data_io {
namespace {

using records::FieldMeta;
using records::FieldType;

FieldMeta Field(FieldType type) {
    FieldMeta f;
    f.name = "f";
    f.column = "f";
    f.type = type;
    f.label = {"字段", "Field"};
    return f;
}

TEST(CellText, ExportsValuesAsPeopleReadThem) {
    const json::value null;
    EXPECT_EQ(CellText(Field(FieldType::kCurrency), json::value("1234.50"), null, Lang::kZh), "1234.50");
    EXPECT_EQ(CellText(Field(FieldType::kNumber), json::value(12), null, Lang::kZh), "12");
    EXPECT_EQ(CellText(Field(FieldType::kNumber), json::value(0.5), null, Lang::kZh), "0.5");
    EXPECT_EQ(CellText(Field(FieldType::kBoolean), json::value(true), null, Lang::kZh), "是");
    EXPECT_EQ(CellText(Field(FieldType::kBoolean), json::value(false), null, Lang::kEn), "No");
    EXPECT_EQ(CellText(Field(FieldType::kDate), json::value("2026-11-24"), null, Lang::kZh), "2026-11-24");
    EXPECT_EQ(
        CellText(Field(FieldType::kDatetime), json::value("2026-11-24T17:30:00Z"), null, Lang::kZh),
        "2026-11-25 01:30:00"
    );
    EXPECT_EQ(CellText(Field(FieldType::kSelect), json::value("it"), json::value("IT/互联网"), Lang::kZh), "IT/互联网");
    EXPECT_EQ(CellText(Field(FieldType::kSelect), json::value("gone"), null, Lang::kZh), "gone");
    json::value tags = json::array{"vip", "key"};
    json::value labels = json::array{"VIP", "重点关注"};
    EXPECT_EQ(CellText(Field(FieldType::kMultiselect), tags, labels, Lang::kZh), "VIP、重点关注");
    EXPECT_EQ(CellText(Field(FieldType::kMultiselect), tags, labels, Lang::kEn), "VIP, 重点关注");
    EXPECT_EQ(CellText(Field(FieldType::kUser), json::value(7), json::value("刘洋"), Lang::kZh), "刘洋");
    // A lookup the caller cannot see has no name to show, and its id means nothing.
    EXPECT_EQ(CellText(Field(FieldType::kLookup), json::value(9), null, Lang::kZh), "");
    json::value loc = json::object{{"lat", 30.25}, {"lng", 120.5}};
    EXPECT_EQ(CellText(Field(FieldType::kLocation), loc, null, Lang::kZh), "30.25,120.5");
    EXPECT_EQ(CellText(Field(FieldType::kText), null, null, Lang::kZh), "");
}

TEST(CellText, ReadsBooleansNumbersAndMoney) {
    EXPECT_EQ(ParseBoolCell("是"), true);
    EXPECT_EQ(ParseBoolCell(" TRUE "), true);
    EXPECT_EQ(ParseBoolCell("否"), false);
    EXPECT_EQ(ParseBoolCell("No"), false);
    EXPECT_EQ(ParseBoolCell("maybe"), std::nullopt);

    EXPECT_EQ(ParseNumberCell("1,234.5"), 1234.5);
    EXPECT_EQ(ParseNumberCell("12%"), 12);
    EXPECT_EQ(ParseNumberCell("-3e2"), -300);
    EXPECT_EQ(ParseNumberCell("0x10"), std::nullopt);
    EXPECT_EQ(ParseNumberCell("inf"), std::nullopt);
    EXPECT_EQ(ParseNumberCell("abc"), std::nullopt);

    EXPECT_EQ(ParseMoneyCell("¥1,234.5"), "1234.5");
    EXPECT_EQ(ParseMoneyCell("￥88元"), "88");
    EXPECT_EQ(ParseMoneyCell("1234.5000000001"), "1234.50");
    EXPECT_EQ(ParseMoneyCell("0.30000000000000004"), "0.30");
    EXPECT_EQ(ParseMoneyCell("1.234"), "1.234");  // really three decimals: the engine refuses it
    EXPECT_EQ(ParseMoneyCell("twelve"), std::nullopt);
}

TEST(CellText, ReadsDatesInTheFormsPeopleType) {
    EXPECT_EQ(ParseDateCell("2026-11-24"), "2026-11-24");
    EXPECT_EQ(ParseDateCell("2026/1/5"), "2026-01-05");
    EXPECT_EQ(ParseDateCell("2026.01.05"), "2026-01-05");
    EXPECT_EQ(ParseDateCell("2026年1月5日"), "2026-01-05");
    EXPECT_EQ(ParseDateCell("2026-11-24 09:30"), "2026-11-24");
    EXPECT_EQ(ParseDateCell("45620"), "2024-11-24");  // a spreadsheet's day number
    EXPECT_EQ(ParseDateCell("2026-02-30"), std::nullopt);
    EXPECT_EQ(ParseDateCell("24/11/2026"), std::nullopt);
    EXPECT_EQ(ParseDateCell("2026-11-24T20:00:00Z"), "2026-11-25");  // China's date

    EXPECT_EQ(ParseDatetimeCell("2026-11-24 09:30"), "2026-11-24T09:30:00+08:00");
    EXPECT_EQ(ParseDatetimeCell("2026/11/24 9:30:15"), "2026-11-24T09:30:15+08:00");
    EXPECT_EQ(ParseDatetimeCell("2026-11-24"), "2026-11-24T00:00:00+08:00");
    EXPECT_EQ(ParseDatetimeCell("2026-11-24T01:30:00Z"), "2026-11-24T01:30:00Z");
    EXPECT_EQ(ParseDatetimeCell("45620.5"), "2024-11-24T12:00:00+08:00");
    EXPECT_EQ(ParseDatetimeCell("2026-11-24 25:00"), std::nullopt);
    // What the export writes comes back as the same instant.
    EXPECT_EQ(ParseDatetimeCell(LocalDatetimeText("2026-11-24T17:30:00Z")), "2026-11-25T01:30:00+08:00");
}

TEST(CellText, SplitsListsAndUndoesTheFormulaGuard) {
    EXPECT_EQ(SplitListCell("VIP、重点关注"), (std::vector<std::string>{"VIP", "重点关注"}));
    EXPECT_EQ(SplitListCell("a, b;c；d，e|f"), (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
    EXPECT_EQ(SplitListCell(" , "), std::vector<std::string>{});
    EXPECT_EQ(UnguardCell("'=1+2"), "=1+2");
    EXPECT_EQ(UnguardCell("'+86 138"), "+86 138");
    EXPECT_EQ(UnguardCell("'quoted'"), "'quoted'");
    EXPECT_EQ(UnguardCell("="), "=");
}

}  // namespace
}  // namespace xieli::data_io
