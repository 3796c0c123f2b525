#include <gtest/gtest.h>

#include <algorithm>

#include "modules/org/permissions.h"

namespace xieli::org {
namespace {

std::vector<FieldError> Check(const char* text, json::object* out = nullptr) {
    json::object normalized;
    auto errors = ValidatePermissions(json::parse(text), normalized);
    if (out) *out = normalized;
    return errors;
}

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
    std::vector<std::string> f;
    for (const auto& e : errors) f.push_back(e.field);
    std::sort(f.begin(), f.end());
    return f;
}

TEST(PermissionValidation, AGoodRoleIsNormalized) {
    json::object out;
    auto errors = Check(
        R"({"objects":{"customer":{"read":"department_tree","create":true,"claim":true},"c_vehicle":{"read":"all"}},
            "fields":{"customer":{"phone":"read_only"}}})",
        &out
    );
    ASSERT_TRUE(errors.empty()) << errors.front().field;
    const auto& customer = out.at("objects").at("customer").as_object();
    EXPECT_EQ(customer.at("read").as_string(), "department_tree");
    EXPECT_EQ(customer.at("update").as_string(), "none");  // filled in, denied
    EXPECT_EQ(customer.at("delete").as_string(), "none");
    EXPECT_TRUE(customer.at("create").as_bool());
    EXPECT_FALSE(customer.at("export").as_bool());
    EXPECT_TRUE(customer.at("claim").as_bool());
    EXPECT_EQ(out.at("objects").at("c_vehicle").at("read").as_string(), "all");
    EXPECT_EQ(out.at("fields").at("customer").at("phone").as_string(), "read_only");
}

TEST(PermissionValidation, EmptyIsFine) {
    json::object out;
    EXPECT_TRUE(Check("{}", &out).empty());
    EXPECT_TRUE(out.at("objects").as_object().empty());
    EXPECT_TRUE(out.at("fields").as_object().empty());
}

TEST(PermissionValidation, EveryProblemIsReportedByPath) {
    auto errors = Check(
        R"({"objects":{"customer":{"read":"everyone","update":true,"create":"yes","fly":true},
                       "Bad-Name":{}, "lead":[]},
            "fields":{"customer":{"phone":"secret","Bad Field":"hidden"},"contact":"x"},
            "rules":{}})"
    );
    EXPECT_EQ(
        Fields(errors),
        (std::vector<std::string>{
            "permissions.fields.contact",
            "permissions.fields.customer.Bad Field",
            "permissions.fields.customer.phone",
            "permissions.objects.Bad-Name",
            "permissions.objects.customer.create",
            "permissions.objects.customer.fly",
            "permissions.objects.customer.read",
            "permissions.objects.customer.update",
            "permissions.objects.lead",
            "permissions.rules",
        })
    );
    for (const auto& e : errors) {
        EXPECT_FALSE(e.message.zh.empty());
        EXPECT_FALSE(e.message.en.empty());
    }
}

TEST(PermissionValidation, WrongShapesAtTheTop) {
    EXPECT_EQ(Fields(Check("[]")), (std::vector<std::string>{"permissions"}));
    EXPECT_EQ(
        Fields(Check(R"({"objects":[],"fields":1})")),
        (std::vector<std::string>{"permissions.fields", "permissions.objects"})
    );
}

TEST(PermissionValidation, ModuleActionsAreBooleansOnly) {
    EXPECT_TRUE(
        Check(R"({"objects":{"customer":{"claim":false,"approve":true,"convert":true,"assign":false}}})").empty()
    );
    EXPECT_EQ(
        Fields(Check(R"({"objects":{"customer":{"claim":"all"}}})")),
        (std::vector<std::string>{"permissions.objects.customer.claim"})
    );
}

TEST(PermissionValidation, ApiNames) {
    EXPECT_TRUE(IsValidApiName("customer"));
    EXPECT_TRUE(IsValidApiName("c_vehicle_2"));
    EXPECT_FALSE(IsValidApiName(""));
    EXPECT_FALSE(IsValidApiName("2fast"));
    EXPECT_FALSE(IsValidApiName("Customer"));
    EXPECT_FALSE(IsValidApiName("a-b"));
    EXPECT_TRUE(IsValidApiName(std::string(63, 'a')));
    EXPECT_FALSE(IsValidApiName(std::string(64, 'a')));
    for (std::string_view o : StandardObjects()) EXPECT_TRUE(IsValidApiName(o)) << o;
}

TEST(PermissionValidation, ValidatedRolesMergeLikeTheDefaults) {
    json::object a, b;
    ASSERT_TRUE(Check(R"({"objects":{"customer":{"read":"self","claim":true}}})", &a).empty());
    ASSERT_TRUE(Check(R"({"objects":{"customer":{"read":"all"}}})", &b).empty());
    json::object merged = MergePermissions({a, b});
    EXPECT_EQ(merged.at("objects").at("customer").at("read").as_string(), "all");
    EXPECT_TRUE(merged.at("objects").at("customer").at("claim").as_bool());
}

}  // namespace
}  // namespace xieli::org
