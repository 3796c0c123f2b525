#include "http/dispatcher.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace xieli::http {
namespace {

class DispatcherTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.Add(
            "GET",
            "/api/v1/ok",
            [](Context&) {
                return Response::Json(200, json::object{{"ok", true}});
            },
            Access::kPublic
        );
        router_.Add(
            "POST", "/api/v1/echo", [](Context& c) { return Response::Json(200, c.JsonBody()); }, Access::kPublic
        );
        router_.Add("GET", "/api/v1/private", [](Context&) { return Response::NoContent(); });
        router_.Add(
            "GET",
            "/api/v1/boom",
            [](Context&) -> Response { throw std::runtime_error("db exploded: SELECT secret"); },
            Access::kPublic
        );
        router_.Add(
            "GET",
            "/api/v1/items/{id}",
            [](Context& c) {
                return Response::Json(200, json::object{{"id", c.PathId("id")}});
            },
            Access::kPublic
        );
    }
    Response Send(
        std::string method,
        std::string path,
        std::string body = "",
        std::string type = "application/json",
        std::string lang = ""
    ) {
        Request req;
        req.method = std::move(method);
        req.path = std::move(path);
        req.body = std::move(body);
        req.request_id = "rid-1";
        if (!type.empty()) req.headers.emplace_back("content-type", type);
        if (!lang.empty()) req.headers.emplace_back("accept-language", lang);
        return dispatcher_.Handle(req);
    }
    static std::string Code(const Response& r) {
        return std::string(json::parse(r.body).at("error").at("code").as_string());
    }

    Router router_;
    Dispatcher dispatcher_{router_};
};

TEST_F(DispatcherTest, AnswersAndTagsTheRequestId) {
    Response r = Send("GET", "/api/v1/ok");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("X-Request-Id"), "rid-1");
}

TEST_F(DispatcherTest, UnknownApiRouteIsAJson404) {
    Response r = Send("GET", "/api/v1/nope");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(Code(r), "not_found");
}

TEST_F(DispatcherTest, WrongMethodIs405WithAllow) {
    Response r = Send("DELETE", "/api/v1/ok");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.Header("Allow"), "GET");
    EXPECT_EQ(Code(r), "method_not_allowed");
}

TEST_F(DispatcherTest, MalformedJsonIs400AndWrongTypeIs415) {
    EXPECT_EQ(Send("POST", "/api/v1/echo", "{oops").status, 400);
    EXPECT_EQ(Send("POST", "/api/v1/echo", "{}", "text/plain").status, 415);
    EXPECT_EQ(Send("POST", "/api/v1/echo", "{}", "").status, 415);
    EXPECT_EQ(Send("POST", "/api/v1/echo", "[]").status, 400);
    EXPECT_EQ(Send("POST", "/api/v1/echo", R"({"a":1})", "application/json; charset=utf-8").status, 200);
}

TEST_F(DispatcherTest, ProtectedRoutesNeedACaller) {
    Response r = Send("GET", "/api/v1/private");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Code(r), "unauthorized");
}

TEST_F(DispatcherTest, AnUnexpectedExceptionIsA500WithoutDetails) {
    Response r = Send("GET", "/api/v1/boom", "", "", "en");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(Code(r), "internal_error");
    EXPECT_EQ(r.body.find("secret"), std::string::npos);
    EXPECT_NE(r.body.find("Internal server error"), std::string::npos);
}

TEST_F(DispatcherTest, ABadIdIsNotFound) {
    EXPECT_EQ(Send("GET", "/api/v1/items/12").status, 200);
    EXPECT_EQ(Send("GET", "/api/v1/items/abc").status, 404);
    EXPECT_EQ(Send("GET", "/api/v1/items/-1").status, 404);
    EXPECT_EQ(Send("GET", "/api/v1/items/99999999999999999999999").status, 404);
}

TEST_F(DispatcherTest, MiddlewaresRunInOrderAndMayAnswer) {
    std::vector<std::string> seen;
    dispatcher_.Use([&](Context& c, const Next& next) {
        seen.push_back("first");
        return next(c);
    });
    dispatcher_.Use([&](Context& c, const Next& next) {
        seen.push_back("second");
        if (c.request.path == "/api/v1/private") throw Error(ErrorCode::kForbidden, {"不行", "No"});
        return next(c);
    });
    EXPECT_EQ(Send("GET", "/api/v1/ok").status, 200);
    EXPECT_EQ(Send("GET", "/api/v1/private").status, 403);
    EXPECT_EQ(seen, (std::vector<std::string>{"first", "second", "first", "second"}));
}

TEST_F(DispatcherTest, StaticFallbackServesOnlyNonApiReads) {
    dispatcher_.SetFallback([](Context&) { return Response::Text(200, "<html>", "text/html"); });
    EXPECT_EQ(Send("GET", "/workbench").status, 200);
    EXPECT_EQ(Send("GET", "/api/v1/unknown").status, 404);
    EXPECT_EQ(Send("POST", "/workbench").status, 404);
}

TEST_F(DispatcherTest, ObserversSeeTheRoutePattern) {
    std::string route;
    int status = 0;
    dispatcher_.Observe([&](const Context& c, const Response& r, double) {
        route = c.route;
        status = r.status;
    });
    Send("GET", "/api/v1/items/7");
    EXPECT_EQ(route, "/api/v1/items/{id}");
    EXPECT_EQ(status, 200);
}

}  // namespace
}  // namespace xieli::http

namespace xieli::http {
namespace {

TEST(DispatcherMapper, MapsKnownFaultsAndLeavesTheRestA500) {
    Router router;
    router.Add(
        "GET", "/dup", [](Context&) -> Response { throw std::out_of_range("dup"); }, Access::kPublic
    );
    router.Add(
        "GET", "/bug", [](Context&) -> Response { throw std::logic_error("bug"); }, Access::kPublic
    );
    Dispatcher d(router);
    d.SetExceptionMapper([](const std::exception& e) -> std::optional<Error> {
        if (dynamic_cast<const std::out_of_range*>(&e)) return Error(ErrorCode::kConflict, {"重复", "Duplicate"});
        return std::nullopt;
    });
    Request a;
    a.method = "GET";
    a.path = "/dup";
    EXPECT_EQ(d.Handle(a).status, 409);
    Request b;
    b.method = "GET";
    b.path = "/bug";
    EXPECT_EQ(d.Handle(b).status, 500);
}

}  // namespace
}  // namespace xieli::http
