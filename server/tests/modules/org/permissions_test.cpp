#include "modules/org/permissions.h"

#include <gtest/gtest.h>

namespace xieli::org {
namespace {

json::object Perms(const char* text) {
    return json::parse(text).as_object();
}

TEST(Permissions, UnionTakesTheWidestScopeAndAnyGrant) {
    json::object merged = MergePermissions({
        Perms(R"({"objects":{"customer":{"read":"self","update":"self","create":false,"export":true}}})"),
        Perms(R"({"objects":{"customer":{"read":"department_tree","update":"none","create":true,"export":false}}})"),
    });
    const auto& c = merged.at("objects").at("customer");
    EXPECT_EQ(c.at("read").as_string(), "department_tree");
    EXPECT_EQ(c.at("update").as_string(), "self");
    EXPECT_EQ(c.at("delete").as_string(), "none");
    EXPECT_TRUE(c.at("create").as_bool());
    EXPECT_TRUE(c.at("export").as_bool());
    EXPECT_FALSE(c.at("transfer").as_bool());
}

TEST(Permissions, EveryStandardObjectIsListedDeniedByDefault) {
    json::object merged = MergePermissions({});
    for (std::string_view o : StandardObjects()) {
        ASSERT_TRUE(merged.at("objects").as_object().contains(o)) << o;
        EXPECT_EQ(merged.at("objects").at(o).at("read").as_string(), "none");
        EXPECT_FALSE(merged.at("objects").at(o).at("create").as_bool());
    }
}

TEST(Permissions, AFieldStaysRestrictedOnlyIfEveryRoleRestrictsIt) {
    json::object a = Perms(R"({"fields":{"customer":{"phone":"hidden","email":"hidden"}}})");
    json::object b = Perms(R"({"fields":{"customer":{"phone":"read_only"}}})");
    json::object merged = MergePermissions({a, b});
    EXPECT_EQ(merged.at("fields").at("customer").at("phone").as_string(), "read_only");
    EXPECT_FALSE(merged.at("fields").at("customer").as_object().contains("email"));
    EXPECT_EQ(MergePermissions({a}).at("fields").at("customer").at("email").as_string(), "hidden");
}

TEST(Permissions, DefaultRolesFollowTheirJob) {
    auto scope = [](const char* role, const char* object, const char* action) {
        return std::string(DefaultRolePermissions(role).at("objects").at(object).at(action).as_string());
    };
    EXPECT_EQ(scope("admin", "customer", "delete"), "all");
    EXPECT_EQ(scope("sales_manager", "customer", "read"), "department_tree");
    EXPECT_EQ(scope("sales", "customer", "read"), "self");
    EXPECT_EQ(scope("sales", "customer", "delete"), "none");
    EXPECT_EQ(scope("sales", "product", "read"), "all");
    EXPECT_EQ(scope("finance", "invoice", "update"), "all");
    EXPECT_EQ(scope("service", "opportunity", "read"), "none");
}

TEST(Permissions, UnknownTextIsTheSafeChoice) {
    EXPECT_EQ(ParseScope("everything"), Scope::kNone);
    EXPECT_EQ(ParseScope("all"), Scope::kAll);
}

}  // namespace
}  // namespace xieli::org
