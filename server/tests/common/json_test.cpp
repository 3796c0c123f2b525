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
