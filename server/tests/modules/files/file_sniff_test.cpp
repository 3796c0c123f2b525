#include "modules/files/file_sniff.h"

#include <gtest/gtest.h>

#include <string>

namespace xieli::files {
namespace {

using namespace std::string_view_literals;

std::string Bytes(std::string_view head, size_t pad = 32) {
    return std::string(head) + std::string(pad, '\x01');
}

TEST(FileSniff, ImagesByTheirMagicNumbers) {
    EXPECT_EQ(SniffContentType(Bytes("\x89PNG\r\n\x1A\n"), "a.jpg"), "image/png");
    EXPECT_EQ(SniffContentType(Bytes("\xFF\xD8\xFF\xE0"), "a.png"), "image/jpeg");
    EXPECT_EQ(SniffContentType(Bytes("GIF89a"), "x"), "image/gif");
    EXPECT_EQ(SniffContentType(Bytes("GIF87a"), "x"), "image/gif");
    EXPECT_EQ(SniffContentType(Bytes("RIFF\x10\x00\x00\x00WEBPVP8 "sv), "x"), "image/webp");
    EXPECT_EQ(SniffContentType(Bytes(std::string("BM\x36\x00\x00\x00\x00\x00\x00\x00", 10)), "x"), "image/bmp");
    // RIFF that is not WebP (a WAV) is no image.
    EXPECT_EQ(SniffContentType(Bytes("RIFF\x10\x00\x00\x00WAVEfmt "sv), "x"), "application/octet-stream");
}

TEST(FileSniff, DocumentsAndArchives) {
    EXPECT_EQ(SniffContentType("%PDF-1.7\n%...", "scan.png"), "application/pdf");
    std::string docx = "PK\x03\x04....[Content_Types].xml....word/document.xml";
    EXPECT_EQ(
        SniffContentType(docx, "a.zip"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    std::string xlsx = "PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
    EXPECT_EQ(SniffContentType(xlsx, "a"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    std::string pptx = "PK\x03\x04....[Content_Types].xml....ppt/presentation.xml";
    EXPECT_EQ(SniffContentType(pptx, "a"), "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    EXPECT_EQ(SniffContentType("PK\x03\x04....photos/a.jpg", "a.docx"), "application/zip");
    std::string ole = Bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    EXPECT_EQ(SniffContentType(ole, "报价.DOC"), "application/msword");
    EXPECT_EQ(SniffContentType(ole, "a.xls"), "application/vnd.ms-excel");
    EXPECT_EQ(SniffContentType(ole, "a.ppt"), "application/vnd.ms-powerpoint");
    EXPECT_EQ(SniffContentType(ole, "a.bin"), "application/x-ole-storage");
    EXPECT_EQ(SniffContentType(Bytes("\x1F\x8B\x08"), "a"), "application/gzip");
}

TEST(FileSniff, TextIsPlainWhateverItSaysItIs) {
    EXPECT_EQ(SniffContentType("名称,金额\n甲,1\n", "list.csv"), "text/csv; charset=utf-8");
    EXPECT_EQ(SniffContentType("hello\tworld\r\n", "notes.txt"), "text/plain; charset=utf-8");
    // Markup a browser would run is only ever text.
    EXPECT_EQ(
        SniffContentType("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "a.svg"),
        "text/plain; charset=utf-8"
    );
    EXPECT_EQ(SniffContentType("<html><script>alert(1)</script>", "a.html"), "text/plain; charset=utf-8");
    // Not UTF-8, or control characters: unknown bytes.
    EXPECT_EQ(SniffContentType("\xC4\xE3\xBA\xC3", "gbk.txt"), "application/octet-stream");
    EXPECT_EQ(SniffContentType(std::string("a\0b", 3), "a.txt"), "application/octet-stream");
    EXPECT_EQ(SniffContentType("", "a.txt"), "application/octet-stream");
}

TEST(FileSniff, ImageTypesAndPrograms) {
    EXPECT_TRUE(IsImageType("image/png"));
    EXPECT_TRUE(IsImageType("image/webp"));
    EXPECT_FALSE(IsImageType("image/svg+xml"));
    EXPECT_FALSE(IsImageType("application/pdf"));
    EXPECT_FALSE(IsImageType("text/plain; charset=utf-8"));
    EXPECT_TRUE(IsExecutable("MZ\x90\x00"));
    EXPECT_TRUE(
        IsExecutable("\x7F"
                     "ELF\x02\x01")
    );
    EXPECT_FALSE(IsExecutable("%PDF-1.4"));
}

TEST(FileSniff, CleanFileName) {
    EXPECT_EQ(CleanFileName("产品图.png"), "产品图.png");
    EXPECT_EQ(CleanFileName("C:\\Users\\me\\合同.pdf"), "合同.pdf");
    EXPECT_EQ(CleanFileName("../../etc/passwd"), "passwd");
    EXPECT_EQ(CleanFileName("  a\r\nb.txt  "), "ab.txt");
    EXPECT_EQ(CleanFileName(""), "file");
    EXPECT_EQ(CleanFileName("dir/"), "file");
    EXPECT_EQ(CleanFileName(".."), "file");
    EXPECT_EQ(CleanFileName("\xFF\xFE"), "file");
    std::string long_name;
    for (int i = 0; i < 250; ++i) long_name += "图";
    std::string cut = CleanFileName(long_name);
    EXPECT_EQ(cut.size(), 200u * 3);
}

}  // namespace
}  // namespace xieli::files
