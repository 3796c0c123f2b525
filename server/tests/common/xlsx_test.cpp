#include <gtest/gtest.h>

#include "common/xlsx_reader.h"
#include "common/xlsx_writer.h"
#include "common/zip_archive.h"

namespace xieli {
namespace {

TEST(Zip, RoundTripsEntries) {
    std::string big(200000, 'a');
    std::string zip = WriteZip({{"a.txt", "hello"}, {"dir/b.xml", big}, {"empty", ""}});
    ZipReader r(zip);
    EXPECT_EQ(r.names(), (std::vector<std::string>{"a.txt", "dir/b.xml", "empty"}));
    EXPECT_EQ(r.Read("a.txt", 100), "hello");
    EXPECT_EQ(r.Read("dir/b.xml", 1 << 20), big);
    EXPECT_EQ(r.Read("empty", 10), "");
    EXPECT_FALSE(r.Read("missing", 10));
}

TEST(Zip, RefusesBombsCorruptionAndGarbage) {
    std::string zip = WriteZip({{"bomb.xml", std::string(5 << 20, '0')}});
    EXPECT_LT(zip.size(), 100000u);
    EXPECT_THROW(ZipReader(zip).Read("bomb.xml", 1 << 20), ZipError);

    std::string corrupt = WriteZip({{"a.txt", std::string(1000, 'x')}});
    corrupt[40] ^= 0x55;  // inside the deflated data
    EXPECT_THROW(ZipReader(corrupt).Read("a.txt", 1 << 20), ZipError);

    EXPECT_THROW(ZipReader("not a zip at all, not even close"), ZipError);
    EXPECT_THROW(ZipReader(""), ZipError);
    std::string truncated = zip.substr(0, zip.size() / 2);
    EXPECT_THROW(ZipReader{truncated}, ZipError);
}

TEST(Xlsx, WhatTheWriterWritesTheReaderReads) {
    Table rows = {
        {"姓名", "手机号", "备注"},
        {"王芳", "13800000001", "a < b & \"c\" > d"},
        {"", "", ""},
        {"张伟", "", "  spaced  "},
    };
    std::string book =
        WriteXlsx({XlsxSheet{"员工", rows, {12, 16}, {1}, true}, XlsxSheet{"说明", {{"second"}}, {}, {}, false}});
    EXPECT_TRUE(LooksLikeZip(book));
    Table back = ReadXlsxFirstSheet(book);
    ASSERT_EQ(back.size(), 4u);
    EXPECT_EQ(back[0], rows[0]);
    EXPECT_EQ(back[1], rows[1]);
    EXPECT_TRUE(back[2].empty());
    EXPECT_EQ(back[3], (std::vector<std::string>{"张伟", "", "  spaced  "}));
}

// A workbook as spreadsheet programs write it: shared strings with rich-text runs and phonetic
// readings, numbers, booleans, prefixed element names and a sheet found through relationships.
std::string HandMadeBook() {
    std::string workbook =
        R"(<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
        R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>)"
        R"(<x:sheet name="A" sheetId="3" r:id="rId9"/></x:sheets></x:workbook>)";
    std::string rels =
        R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="rId1" Target="worksheets/other.xml"/><Relationship Id="rId9" Target="worksheets/first.xml"/>)"
        R"(</Relationships>)";
    std::string shared =
        R"(<sst><si><t>姓名</t></si><si><r><t>王</t></r><r><t xml:space="preserve">芳</t></r><rPh><t>おう</t></rPh></si>)"
        R"(<si><t>&#x9500;&#21806;&amp;&lt;</t></si></sst>)";
    std::string sheet =
        R"(<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="b"><x:v>1</x:v></x:c></x:row>)"
        R"(<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3"><x:v>1.3800000001E10</x:v></x:c>)"
        R"(<x:c r="C3" t="s"><x:v>2</x:v></x:c><x:c r="D3" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c>)"
        R"(<x:c r="E3"><x:v>3.5</x:v></x:c><x:c r="F3" t="str"><x:v>公式结果</x:v></x:c><x:c r="G3"/></x:row>)"
        R"(<x:row><x:c><x:v>7</x:v></x:c><x:c><x:v>8</x:v></x:c></x:row></x:sheetData></x:worksheet>)";
    return WriteZip({
        {"xl/workbook.xml", workbook},
        {"xl/_rels/workbook.xml.rels", rels},
        {"xl/sharedStrings.xml", shared},
        {"xl/worksheets/first.xml", sheet},
        {"xl/worksheets/other.xml",
         "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>wrong</t></is></c></row></sheetData></worksheet>"},
    });
}

TEST(Xlsx, ReadsWhatSpreadsheetProgramsWrite) {
    Table t = ReadXlsxFirstSheet(HandMadeBook());
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], (std::vector<std::string>{"姓名", "", "TRUE"}));
    EXPECT_TRUE(t[1].empty());
    EXPECT_EQ(t[2], (std::vector<std::string>{"王芳", "13800000001", "销售&<", "内联", "3.5", "公式结果"}));
    EXPECT_EQ(t[3], (std::vector<std::string>{"7", "8"}));  // rows and cells without r follow on
}

TEST(Xlsx, RefusesWhatItCannotTrust) {
    std::string doctype = WriteZip(
        {{"xl/worksheets/sheet1.xml",
          R"(<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>)"}}
    );
    EXPECT_THROW(ReadXlsxFirstSheet(doctype), XlsxError);
    std::string bad_index = WriteZip(
        {{"xl/worksheets/sheet1.xml",
          R"(<worksheet><sheetData><row><c t="s"><v>5</v></c></row></sheetData></worksheet>)"}}
    );
    EXPECT_THROW(ReadXlsxFirstSheet(bad_index), XlsxError);
    EXPECT_THROW(ReadXlsxFirstSheet(WriteZip({{"other.txt", "x"}})), XlsxError);  // no sheet
    EXPECT_THROW(ReadXlsxFirstSheet("PK\x03\x04garbage"), XlsxError);
    std::string far = WriteZip(
        {{"xl/worksheets/sheet1.xml",
          R"(<worksheet><sheetData><row r="900000"><c r="A900000"><v>1</v></c></row></sheetData></worksheet>)"}}
    );
    EXPECT_THROW(ReadXlsxFirstSheet(far), XlsxError);
    std::string wide = WriteZip(
        {{"xl/worksheets/sheet1.xml",
          R"(<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row></sheetData></worksheet>)"}}
    );
    EXPECT_EQ(ReadXlsxFirstSheet(wide), (Table{{"1"}}));  // far-right cells are ignored
}

}  // namespace
}  // namespace xieli
