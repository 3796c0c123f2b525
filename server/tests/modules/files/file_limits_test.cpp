// Per-field file limits (modules/files/file_limits.h): what an administrator may set, and which
// uploads a limited field refuses.

#include "modules/files/file_limits.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace xieli::files {
namespace {

records::FieldMeta FieldOf(records::FieldType type) {
    records::FieldMeta f;
    f.name = "c_docs";
    f.type = type;
    f.label = {"合同附件", "Contract files"};
    return f;
}

// "field:code" of the 422 that parsing `body` ends with; empty when accepted.
std::string Refusal(const char* body, records::FieldType type = records::FieldType::kFile) {
    try {
        ParseFileLimits(json::parse(body).as_object(), FieldOf(type), 20);
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        return e.details().empty() ? "?" : e.details().front().field + ":" + e.details().front().code;
    }
    return "";
}

TEST(FileLimits, NamesKindsAfterWhatTheSnifferTells) {
    EXPECT_EQ(KindOf("image/png"), "image");
    EXPECT_EQ(KindOf("application/pdf"), "pdf");
    EXPECT_EQ(KindOf("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "office");
    EXPECT_EQ(KindOf("application/vnd.ms-excel"), "office");
    EXPECT_EQ(KindOf("text/csv; charset=utf-8"), "text");
    EXPECT_EQ(KindOf("application/x-7z-compressed"), "archive");
    EXPECT_EQ(KindOf("video/mp4"), "media");
    EXPECT_EQ(KindOf("application/octet-stream"), "");
    EXPECT_EQ(KindOf("application/x-ole-storage"), "");
    Text t = KindsText({"pdf", "image"});
    EXPECT_EQ(t.zh, "PDF、图片");
    EXPECT_EQ(t.en, "PDF, images");
}

TEST(FileLimits, ParsesGoodValuesInTheFixedOrder) {
    FileLimits l = ParseFileLimits(
        json::parse(R"({"max_size_mb": 5, "accept": ["image", "pdf", "image"]})").as_object(),
        FieldOf(records::FieldType::kFile),
        20
    );
    EXPECT_EQ(l.max_size_mb.value_or(0), 5);
    EXPECT_EQ(l.accept, (std::vector<std::string>{"image", "pdf"}));
    FileLimits none = ParseFileLimits(
        json::parse(R"({"max_size_mb": null, "accept": []})").as_object(), FieldOf(records::FieldType::kFile), 20
    );
    EXPECT_TRUE(none.empty());
    FileLimits image =
        ParseFileLimits(json::parse(R"({"max_size_mb": 20})").as_object(), FieldOf(records::FieldType::kImage), 20);
    EXPECT_EQ(image.max_size_mb.value_or(0), 20);
}

TEST(FileLimits, RefusesBadValues) {
    EXPECT_EQ(Refusal(R"({"max_size_mb": 0})"), "max_size_mb:out_of_range");
    EXPECT_EQ(Refusal(R"({"max_size_mb": 21})"), "max_size_mb:out_of_range");  // over the server's 20
    EXPECT_EQ(Refusal(R"({"max_size_mb": 2.5})"), "max_size_mb:out_of_range");
    EXPECT_EQ(Refusal(R"({"max_size_mb": "5"})"), "max_size_mb:out_of_range");
    EXPECT_EQ(Refusal(R"({"accept": "pdf"})"), "accept:invalid");
    EXPECT_EQ(Refusal(R"({"accept": ["pdf", "exe"]})"), "accept:invalid");
    EXPECT_EQ(Refusal(R"({"accept": [1]})"), "accept:invalid");
    EXPECT_EQ(Refusal(R"({"accept": ["pdf"]})", records::FieldType::kImage), "accept:invalid");
    EXPECT_EQ(Refusal(R"({"max_size_mb": 5})", records::FieldType::kText), "field:not_file_field");
    EXPECT_EQ(Refusal(R"({"min": 1})"), "min:unknown_field");
    EXPECT_EQ(Refusal(R"({"max_size_mb": 20})"), "");
}

TEST(FileLimits, RefusesTooLargeBeforeWrongKind) {
    records::FieldMeta f = FieldOf(records::FieldType::kFile);
    FileLimits l{5, {"pdf", "image"}};
    EXPECT_FALSE(LimitViolation(f, l, "a.pdf", 5 * 1024 * 1024, "application/pdf"));
    std::optional<FieldError> big = LimitViolation(f, l, "大.pdf", 5 * 1024 * 1024 + 1, "application/zip");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->field, "c_docs");
    EXPECT_EQ(big->code, "too_large");
    EXPECT_EQ(big->message.zh, "「合同附件」中的文件「大.pdf」超过该字段允许的 5 MB");
    EXPECT_EQ(big->message.en, "Contract files: '大.pdf' is larger than the 5 MB this field allows");
    std::optional<FieldError> kind = LimitViolation(f, l, "a.zip", 10, "application/zip");
    ASSERT_TRUE(kind);
    EXPECT_EQ(kind->code, "type_not_allowed");
    EXPECT_EQ(kind->message.zh, "「合同附件」仅限PDF、图片，「a.zip」的类型不允许");
    EXPECT_EQ(kind->message.en, "Contract files takes only PDF, images; 'a.zip' is not one of them");
    EXPECT_FALSE(LimitViolation(f, FileLimits{}, "x.exe", 1 << 30, "application/octet-stream"));
}

}  // namespace
}  // namespace xieli::files
