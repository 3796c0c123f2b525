#include "common/error.h"

#include <gtest/gtest.h>

#include <set>

#include "http/response.h"

namespace xieli {
namespace {

TEST(ErrorCodes, EveryCodeHasAStatusAndAName) {
    std::set<std::string_view> names;
    for (int i = 0; i < kErrorCodeCount; ++i) {
        auto code = static_cast<ErrorCode>(i);
        int status = ToHttpStatus(code);
        EXPECT_GE(status, 400);
        EXPECT_LT(status, 600);
        EXPECT_TRUE(names.insert(ToCodeString(code)).second) << "duplicate name " << ToCodeString(code);
    }
}

TEST(ErrorCodes, MapToTheStatusesOfApiMd) {
    EXPECT_EQ(ToHttpStatus(ErrorCode::kBadRequest), 400);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kUnauthorized), 401);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kForbidden), 403);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kCsrfFailed), 403);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kNotFound), 404);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kMethodNotAllowed), 405);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kConflict), 409);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kPayloadTooLarge), 413);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kUnsupportedMediaType), 415);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kValidationFailed), 422);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kRateLimited), 429);
    EXPECT_EQ(ToHttpStatus(ErrorCode::kInternal), 500);
    EXPECT_EQ(ToCodeString(ErrorCode::kValidationFailed), "validation_failed");
}

TEST(ErrorResponse, HasTheShapeOfApiMdInTheCallersLanguage) {
    Error e(
        ErrorCode::kValidationFailed,
        {"客户名称不能为空", "Customer name is required"},
        std::vector<FieldError>{{"name", "required", {"必填", "Required"}}}
    );
    http::Response zh = http::ErrorResponse(e, Lang::kZh);
    EXPECT_EQ(zh.status, 422);
    json::value body = json::parse(zh.body);
    EXPECT_EQ(body.at("error").at("code").as_string(), "validation_failed");
    EXPECT_EQ(body.at("error").at("message").as_string(), "客户名称不能为空");
    EXPECT_EQ(body.at("error").at("details").at(0).at("field").as_string(), "name");
    EXPECT_EQ(body.at("error").at("details").at(0).at("code").as_string(), "required");

    json::value en = json::parse(http::ErrorResponse(e, Lang::kEn).body);
    EXPECT_EQ(en.at("error").at("message").as_string(), "Customer name is required");
    EXPECT_EQ(en.at("error").at("details").at(0).at("message").as_string(), "Required");
}

TEST(ErrorResponse, CarriesRetryAfterAndExtraMembers) {
    Error e = Error(ErrorCode::kRateLimited, {"稍后", "Later"}).WithRetryAfter(42);
    http::Response r = http::ErrorResponse(e, Lang::kZh);
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.Header("retry-after"), "42");

    Error c = Error(ErrorCode::kConflict, {"选择", "Choose"}).WithExtraJson(R"({"tenants":[{"code":"a"}]})");
    json::value body = json::parse(http::ErrorResponse(c, Lang::kZh).body);
    EXPECT_EQ(body.at("error").at("tenants").at(0).at("code").as_string(), "a");
}

TEST(ErrorResponse, NeverShowsTheInternalMessage) {
    Error e(ErrorCode::kInternal, {"服务器内部错误", "Internal error"}, "SELECT * FROM secret WHERE tenant=7");
    http::Response r = http::ErrorResponse(e, Lang::kEn);
    EXPECT_EQ(r.body.find("secret"), std::string::npos);
}

TEST(Lang, FollowsAcceptLanguage) {
    EXPECT_EQ(LangFromAcceptLanguage(""), Lang::kZh);
    EXPECT_EQ(LangFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"), Lang::kZh);
    EXPECT_EQ(LangFromAcceptLanguage("en-US,en;q=0.9"), Lang::kEn);
    EXPECT_EQ(LangFromAcceptLanguage("en;q=0.5, zh-CN;q=0.8"), Lang::kZh);
    EXPECT_EQ(LangFromAcceptLanguage("fr-FR, en;q=0.3"), Lang::kEn);
    EXPECT_EQ(LangFromAcceptLanguage("fr-FR"), Lang::kZh);
}

}  // namespace
}  // namespace xieli
