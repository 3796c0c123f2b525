#include <gtest/gtest.h>

#include "records/query_compiler.h"
#include "records/saved_views.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

// The object as it is after an administrator deleted the custom field "region__c": the views saved
// before still name it.
ObjectMeta Customer() {
    return test_support::TestObject(
        "customer",
        "obj_customer",
        {{"name", FieldType::kText},
         {"grade", FieldType::kText},
         {"city", FieldType::kText},
         {"secret", FieldType::kText}}
    );
}

AccessContext SalesWithoutSecret() {
    AccessContext a;
    a.user_id = 7;
    a.permissions = json::parse(R"({"objects":{"customer":{"read":"self"}},"fields":{"customer":{"secret":"hidden"}}})")
                        .as_object();
    return a;
}

json::object View(const char* filter, const char* sort, const char* columns) {
    return json::object{
        {"id", 3},
        {"name", "A 级"},
        {"filter", json::parse(filter)},
        {"sort", json::parse(sort)},
        {"columns", json::parse(columns)},
    };
}

// The view applied as the list applies it: it must compile, whatever was left out.
void ExpectCompiles(const ObjectMeta& o, const AccessContext& access, const json::object& view) {
    json::object probe{{"filter", view.at("filter")}, {"sort", view.at("sort")}, {"fields", view.at("columns")}};
    QueryRequest q = ParseQueryRequest(probe);
    EXPECT_NO_THROW(CompileQuery(o, access, q, TimePoint{}));
}

TEST(SavedViewsApplicableTest, AViewOnLiveFieldsIsUnchangedAndMissesNothing) {
    json::object view = View(
        R"({"or":[{"field":"grade","op":"eq","value":"A"},{"and":[{"field":"city","op":"eq","value":"杭州"}]}]})",
        R"([{"field":"name","dir":"asc"}])",
        R"(["name","grade"])"
    );
    json::object out = ApplicableView(Customer(), test_support::AdminAccess(), view);
    EXPECT_EQ(json::serialize(out.at("filter")), json::serialize(view.at("filter")));
    EXPECT_EQ(json::serialize(out.at("sort")), R"([{"field":"name","dir":"asc"}])");
    EXPECT_EQ(json::serialize(out.at("columns")), R"(["name","grade"])");
    EXPECT_EQ(json::serialize(out.at("missing_fields")), "[]");
    EXPECT_EQ(out.at("name").as_string(), "A 级");
}

TEST(SavedViewsApplicableTest, DeletedFieldsLeaveColumnsSortAndFilterAndAreNamed) {
    json::object view = View(
        R"({"and":[{"field":"region__c","op":"eq","value":"华东"},{"field":"grade","op":"eq","value":"A"},)"
        R"({"or":[{"field":"region__c","op":"is_null"},{"field":"level__c","op":"eq","value":"1"}]}]})",
        R"([{"field":"region__c","dir":"desc"},{"field":"name","dir":"asc"}])",
        R"(["name","region__c","grade"])"
    );
    json::object out = ApplicableView(Customer(), test_support::AdminAccess(), view);
    // The inner group lost both its conditions and is gone with them.
    EXPECT_EQ(json::serialize(out.at("filter")), R"({"and":[{"field":"grade","op":"eq","value":"A"}]})");
    EXPECT_EQ(json::serialize(out.at("sort")), R"([{"field":"name","dir":"asc"}])");
    EXPECT_EQ(json::serialize(out.at("columns")), R"(["name","grade"])");
    EXPECT_EQ(json::serialize(out.at("missing_fields")), R"(["region__c","level__c"])");
    ExpectCompiles(Customer(), test_support::AdminAccess(), out);
}

TEST(SavedViewsApplicableTest, AFilterLeftWithNoConditionIsNull) {
    json::object out = ApplicableView(
        Customer(),
        test_support::AdminAccess(),
        View(R"({"field":"region__c","op":"eq","value":"华东"})", "[]", R"(["region__c"])")
    );
    EXPECT_TRUE(out.at("filter").is_null());
    EXPECT_EQ(json::serialize(out.at("columns")), "[]");
    EXPECT_EQ(json::serialize(out.at("missing_fields")), R"(["region__c"])");
    ExpectCompiles(Customer(), test_support::AdminAccess(), out);

    json::object grouped = ApplicableView(
        Customer(),
        test_support::AdminAccess(),
        View(R"({"or":[{"and":[{"field":"gone","op":"is_null"}]}]})", "[]", "[]")
    );
    EXPECT_TRUE(grouped.at("filter").is_null());
    EXPECT_EQ(json::serialize(grouped.at("missing_fields")), R"(["gone"])");
}

TEST(SavedViewsApplicableTest, FieldsHiddenByFieldSecurityAreLeftOutLikeDeletedOnes) {
    json::object view = View(
        R"({"or":[{"field":"secret","op":"eq","value":"x"},{"field":"grade","op":"eq","value":"A"}]})",
        R"([{"field":"secret","dir":"asc"}])",
        R"(["name","secret"])"
    );
    json::object sales = ApplicableView(Customer(), SalesWithoutSecret(), view);
    EXPECT_EQ(json::serialize(sales.at("filter")), R"({"or":[{"field":"grade","op":"eq","value":"A"}]})");
    EXPECT_EQ(json::serialize(sales.at("sort")), "[]");
    EXPECT_EQ(json::serialize(sales.at("columns")), R"(["name"])");
    EXPECT_EQ(json::serialize(sales.at("missing_fields")), R"(["secret"])");
    ExpectCompiles(Customer(), SalesWithoutSecret(), sales);

    // The same view for someone who may see the field is whole.
    json::object admin = ApplicableView(Customer(), test_support::AdminAccess(), view);
    EXPECT_EQ(json::serialize(admin.at("filter")), json::serialize(view.at("filter")));
    EXPECT_EQ(json::serialize(admin.at("missing_fields")), "[]");
}

TEST(SavedViewsApplicableTest, AViewWithoutFilterSortOrColumnsStaysSo) {
    json::object out =
        ApplicableView(Customer(), test_support::AdminAccess(), json::object{{"id", 1}, {"filter", nullptr}});
    EXPECT_TRUE(out.at("filter").is_null());
    EXPECT_FALSE(out.contains("sort"));
    EXPECT_FALSE(out.contains("columns"));
    EXPECT_EQ(json::serialize(out.at("missing_fields")), "[]");
}

}  // namespace
}  // namespace xieli::records
