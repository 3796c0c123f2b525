#include "modules/data_io/upload.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "common/xlsx_writer.h"

namespace xieli::data_io {
namespace {

std::string Code(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        std::string out(ToCodeString(e.code()));
        if (!e.details().empty()) out += ":" + e.details().front().code;
        return out;
    }
    return "ok";
}

TEST(Upload, ReadsCsvWithHeaderSampleAndCounts) {
    std::string csv =
        "\xEF\xBB\xBF\r\n*客户名称,电话,,备注\r\n杭州云帆,0571-1,x,\r\n\r\n,,,\r\n上海,021-2,,\"多\n行\"\r\n";
    Sheet s = ReadUploadedSheet("text/csv; charset=utf-8", csv, {});
    EXPECT_EQ(s.format, "csv");
    EXPECT_EQ(s.header_index, 1u);  // the blank first line is row 1
    EXPECT_EQ(s.columns, (std::vector<std::string>{"客户名称", "电话", "备注"}));
    EXPECT_EQ(s.data_rows, 2u);
    EXPECT_EQ(CellOf(s, s.rows[2], 1), "0571-1");
    EXPECT_EQ(CellOf(s, s.rows[5], 2), "多\n行");
    EXPECT_EQ(CellOf(s, s.rows[2], 2), "");  // the unnamed column between is skipped
}

TEST(Upload, SkipsTheTemplateCommentRow) {
    Sheet s = ReadUploadedSheet("text/csv", "名称,行业\r\n#必填,单选\r\nA,it\r\n", {});
    EXPECT_EQ(s.data_rows, 1u);
    EXPECT_TRUE(IsTemplateComment(s, 1));
    EXPECT_FALSE(IsTemplateComment(s, 2));
}

TEST(Upload, TellsXlsxByContent) {
    std::string book = WriteXlsx({XlsxSheet{"客户", {{"名称", "电话"}, {"A", "13800000000"}}, {}, {}, true}});
    Sheet s = ReadUploadedSheet("application/octet-stream", book, {});
    EXPECT_EQ(s.format, "xlsx");
    EXPECT_EQ(s.columns, (std::vector<std::string>{"名称", "电话"}));
    // A browser that calls it CSV is not believed either.
    EXPECT_EQ(ReadUploadedSheet("text/csv", book, {}).format, "xlsx");
}

TEST(Upload, RefusesWhatIsNotASpreadsheet) {
    UploadLimits limits;
    limits.max_bytes = 1000;
    limits.max_rows = 3;
    limits.max_columns = 4;
    limits.max_header_chars = 10;
    EXPECT_EQ(Code([&] { ReadUploadedSheet("application/json", "a,b", limits); }), "unsupported_media_type");
    EXPECT_EQ(Code([&] { ReadUploadedSheet("text/csv", "", limits); }), "validation_failed:empty");
    EXPECT_EQ(Code([&] { ReadUploadedSheet("text/csv", "\r\n , \r\n", limits); }), "validation_failed:empty");
    EXPECT_EQ(Code([&] { ReadUploadedSheet("text/csv", std::string(1001, 'a'), limits); }), "payload_too_large");
    EXPECT_EQ(
        Code([&] { ReadUploadedSheet("text/csv", std::string("a\0b,c\n", 6), limits); }), "validation_failed:unreadable"
    );
    EXPECT_EQ(Code([&] { ReadUploadedSheet("text/csv", "\xff\xfe\xfd\x80", limits); }), "validation_failed:encoding");
    EXPECT_EQ(Code([&] { ReadUploadedSheet(kXlsxContentType, "not a zip", limits); }), "validation_failed:unreadable");
    EXPECT_EQ(
        Code([&] { ReadUploadedSheet("text/csv", "PK\x03\x04garbage", limits); }), "validation_failed:unreadable"
    );
    EXPECT_EQ(Code([&] { ReadUploadedSheet("text/csv", "a,b\r\n", limits); }), "validation_failed:no_rows");
    EXPECT_EQ(
        Code([&] { ReadUploadedSheet("text/csv", "a,b,c,d,e\r\n1\r\n", limits); }), "validation_failed:too_many_columns"
    );
    EXPECT_EQ(
        Code([&] { ReadUploadedSheet("text/csv", "a,bbbbbbbbbbbb\r\n1\r\n", limits); }), "validation_failed:bad_header"
    );
    EXPECT_EQ(
        Code([&] { ReadUploadedSheet("text/csv", "a,a\r\n1\r\n", limits); }), "validation_failed:duplicate_column"
    );
    EXPECT_EQ(
        Code([&] { ReadUploadedSheet("text/csv", "a\r\n1\r\n2\r\n3\r\n4\r\n", limits); }),
        "validation_failed:too_many_rows"
    );
    EXPECT_EQ(Code([&] { ReadUploadedSheet("text/csv", "a\r\n1\r\n2\r\n\r\n3\r\n", limits); }), "ok");
}

}  // namespace
}  // namespace xieli::data_io
