#include "common/json.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace xieli {
namespace {

ErrorCode CodeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    ADD_FAILURE() << "no error thrown";
    return ErrorCode::kInternal;
}

TEST(Json, MalformedTextIsABadRequest) {
    EXPECT_EQ(CodeOf([] { ParseJson("{\"a\": "); }), ErrorCode::kBadRequest);
    EXPECT_EQ(CodeOf([] { ParseJson("\xff\xfe"); }), ErrorCode::kBadRequest);
    EXPECT_EQ(CodeOf([] { RequireObject(ParseJson("[1,2]")); }), ErrorCode::kBadRequest);
}

TEST(Json, DeepNestingIsRefused) {
    std::string deep(10000, '[');
    EXPECT_EQ(CodeOf([&] { ParseJson(deep); }), ErrorCode::kBadRequest);
}

TEST(Json, StoredTextParsesOrIsNull) {
    EXPECT_EQ(
        json::serialize(ParseStoredJson(R"({"and":[{"field":"level","op":"eq","value":"a"}]})")),
        R"({"and":[{"field":"level","op":"eq","value":"a"}]})"
    );
    EXPECT_EQ(json::serialize(ParseStoredJson("[1,\"二\"]")), R"([1,"二"])");
    EXPECT_EQ(ParseStoredJson("5").as_int64(), 5);
    EXPECT_EQ(ParseStoredJson("\"华东\"").as_string(), "华东");
    // Bad text is null, never an exception: a damaged row must not fail the answer it is part of.
    EXPECT_TRUE(ParseStoredJson("").is_null());
    EXPECT_TRUE(ParseStoredJson("{\"a\": ").is_null());
    EXPECT_TRUE(ParseStoredJson("华东").is_null());
    EXPECT_TRUE(ParseStoredJson("\xff\xfe").is_null());
    EXPECT_TRUE(ParseStoredJson("[1] [2]").is_null());
    // As deep as a request body may be, and no deeper.
    EXPECT_EQ(json::serialize(ParseStoredJson(std::string(64, '[') + std::string(64, ']'))).size(), 128u);
    EXPECT_TRUE(ParseStoredJson(std::string(65, '[') + std::string(65, ']')).is_null());
    EXPECT_TRUE(ParseStoredJson(std::string(10000, '[')).is_null());
}

TEST(Json, TypedMembers) {
    json::object o = RequireObject(ParseJson(R"({"s":"x","i":5,"big":"123","d":2.0,"b":true,"n":null})"));
    EXPECT_EQ(GetString(o, "s"), "x");
    EXPECT_EQ(GetString(o, "missing"), std::nullopt);
    EXPECT_EQ(GetString(o, "n"), std::nullopt);
    EXPECT_EQ(GetInt(o, "i"), 5);
    EXPECT_EQ(GetInt(o, "big"), 123);
    EXPECT_EQ(GetInt(o, "d"), 2);
    EXPECT_EQ(GetBool(o, "b"), true);
}

TEST(Json, WrongTypesNameTheField) {
    json::object o = RequireObject(ParseJson(R"({"s":1,"i":"abc","f":1.5,"b":"yes"})"));
    try {
        GetString(o, "s");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        ASSERT_EQ(e.details().size(), 1u);
        EXPECT_EQ(e.details()[0].field, "s");
    }
    EXPECT_EQ(CodeOf([&] { GetInt(o, "i"); }), ErrorCode::kValidationFailed);
    EXPECT_EQ(CodeOf([&] { GetInt(o, "f"); }), ErrorCode::kValidationFailed);
    EXPECT_EQ(CodeOf([&] { GetBool(o, "b"); }), ErrorCode::kValidationFailed);
}

}  // namespace
}  // namespace xieli
