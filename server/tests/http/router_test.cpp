#include "http/router.h"

#include <gtest/gtest.h>

namespace xieli::http {
namespace {

Response Named(std::string name) {
    return Response::Text(200, std::move(name));
}

class RouterTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.Add("GET", "/api/v1/me", [](Context&) { return Named("me"); });
        router_.Add("GET", "/api/v1/objects/{object}/records", [](Context&) { return Named("list"); });
        router_.Add("POST", "/api/v1/objects/{object}/records", [](Context&) { return Named("create"); });
        router_.Add("GET", "/api/v1/objects/{object}/records/{id}", [](Context&) { return Named("get"); });
        router_.Add("GET", "/api/v1/objects/customer/records/duplicates", [](Context&) { return Named("dups"); });
    }
    std::string Call(std::string_view method, std::string_view path) {
        RouteMatch m = router_.Match(method, path);
        if (m.kind != RouteMatch::Kind::kFound) return "";
        Request req;
        Context ctx{req};
        return m.route->handler(ctx).body;
    }
    Router router_;
};

TEST_F(RouterTest, MatchesLiteralRoutes) {
    EXPECT_EQ(Call("GET", "/api/v1/me"), "me");
}

TEST_F(RouterTest, BindsPathParameters) {
    RouteMatch m = router_.Match("GET", "/api/v1/objects/customer/records/42");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.params.at("object"), "customer");
    EXPECT_EQ(m.params.at("id"), "42");
    EXPECT_EQ(m.route->pattern, "/api/v1/objects/{object}/records/{id}");
}

TEST_F(RouterTest, DecodesParameters) {
    RouteMatch m = router_.Match("GET", "/api/v1/objects/c%5Fx/records/1");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.params.at("object"), "c_x");
}

TEST_F(RouterTest, LiteralWinsOverParameter) {
    EXPECT_EQ(Call("GET", "/api/v1/objects/customer/records/duplicates"), "dups");
    EXPECT_EQ(Call("GET", "/api/v1/objects/lead/records/duplicates"), "get");
}

TEST_F(RouterTest, IgnoresTrailingAndDoubleSlashes) {
    EXPECT_EQ(Call("GET", "/api/v1/me/"), "me");
    EXPECT_EQ(Call("GET", "//api//v1/me"), "me");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
    EXPECT_EQ(router_.Match("GET", "/api/v1/nothing").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router_.Match("GET", "/api/v1/objects").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router_.Match("GET", "/api/v1/objects/customer/records/1/x").kind, RouteMatch::Kind::kNotFound);
}

TEST_F(RouterTest, WrongMethodListsAllowedOnes) {
    RouteMatch m = router_.Match("DELETE", "/api/v1/objects/customer/records");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
}

TEST_F(RouterTest, HeadFallsBackToGet) {
    EXPECT_EQ(Call("HEAD", "/api/v1/me"), "me");
}

TEST_F(RouterTest, RejectsDuplicatesAndBadPatterns) {
    EXPECT_THROW(router_.Add("GET", "/api/v1/me", [](Context&) { return Named("x"); }), std::logic_error);
    EXPECT_THROW(router_.Add("GET", "api/v1/x", [](Context&) { return Named("x"); }), std::logic_error);
    EXPECT_THROW(router_.Add("GET", "/api/v1/objects/{name}", [](Context&) { return Named("x"); }), std::logic_error);
}

}  // namespace
}  // namespace xieli::http
