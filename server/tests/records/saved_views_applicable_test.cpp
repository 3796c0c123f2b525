#include <gtest/gtest.h>

#include <map>
#include <string>

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

// The deleted fields that can still be restored (meta_deletion.h RestorableFields): "region__c";
// "level__c" was purged for good.
FieldLabels Restorable() {
    return {{"region__c", {"区域", "Region"}}};
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
    json::object out = ApplicableView(Customer(), test_support::AdminAccess(), Restorable(), view);
    EXPECT_EQ(json::serialize(out.at("filter")), json::serialize(view.at("filter")));
    EXPECT_EQ(json::serialize(out.at("sort")), R"([{"field":"name","dir":"asc"}])");
    EXPECT_EQ(json::serialize(out.at("columns")), R"(["name","grade"])");
    EXPECT_EQ(json::serialize(out.at("missing_fields")), "[]");
    EXPECT_EQ(json::serialize(out.at("missing_field_labels")), "{}");
    EXPECT_EQ(out.at("hidden_conditions").as_int64(), 0);
    EXPECT_EQ(json::serialize(out.at("purged_fields")), "[]");
    EXPECT_EQ(out.at("purged_conditions").as_int64(), 0);
    EXPECT_EQ(out.at("name").as_string(), "A 级");
}

TEST(SavedViewsApplicableTest, DeletedFieldsLeaveColumnsSortAndFilterAndAreNamed) {
    json::object view = View(
        R"({"and":[{"field":"region__c","op":"eq","value":"华东"},{"field":"grade","op":"eq","value":"A"},)"
        R"({"or":[{"field":"region__c","op":"is_null"},{"field":"level__c","op":"eq","value":"1"}]}]})",
        R"([{"field":"region__c","dir":"desc"},{"field":"name","dir":"asc"}])",
        R"(["name","region__c","grade"])"
    );
    json::object out = ApplicableView(Customer(), test_support::AdminAccess(), Restorable(), view);
    // The inner group lost both its conditions and is gone with them.
    EXPECT_EQ(json::serialize(out.at("filter")), R"({"and":[{"field":"grade","op":"eq","value":"A"}]})");
    EXPECT_EQ(json::serialize(out.at("sort")), R"([{"field":"name","dir":"asc"}])");
    EXPECT_EQ(json::serialize(out.at("columns")), R"(["name","grade"])");
    EXPECT_EQ(json::serialize(out.at("missing_fields")), R"(["region__c","level__c"])");
    // The deleted field is named by its labels; the purged one has none left.
    EXPECT_EQ(json::serialize(out.at("missing_field_labels")), R"({"region__c":{"label":"区域","label_en":"Region"}})");
    EXPECT_EQ(out.at("hidden_conditions").as_int64(), 3);
    // The purged one is told apart: its condition is not kept.
    EXPECT_EQ(json::serialize(out.at("purged_fields")), R"(["level__c"])");
    EXPECT_EQ(out.at("purged_conditions").as_int64(), 1);
    ExpectCompiles(Customer(), test_support::AdminAccess(), out);
}

TEST(SavedViewsApplicableTest, AFilterLeftWithNoConditionIsNull) {
    json::object out = ApplicableView(
        Customer(),
        test_support::AdminAccess(),
        Restorable(),
        View(R"({"field":"region__c","op":"eq","value":"华东"})", "[]", R"(["region__c"])")
    );
    EXPECT_TRUE(out.at("filter").is_null());
    EXPECT_EQ(json::serialize(out.at("columns")), "[]");
    EXPECT_EQ(json::serialize(out.at("missing_fields")), R"(["region__c"])");
    ExpectCompiles(Customer(), test_support::AdminAccess(), out);

    json::object grouped = ApplicableView(
        Customer(),
        test_support::AdminAccess(),
        Restorable(),
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
    json::object sales = ApplicableView(Customer(), SalesWithoutSecret(), Restorable(), view);
    EXPECT_EQ(json::serialize(sales.at("filter")), R"({"or":[{"field":"grade","op":"eq","value":"A"}]})");
    EXPECT_EQ(json::serialize(sales.at("sort")), "[]");
    EXPECT_EQ(json::serialize(sales.at("columns")), R"(["name"])");
    EXPECT_EQ(json::serialize(sales.at("missing_fields")), R"(["secret"])");
    EXPECT_EQ(json::serialize(sales.at("missing_field_labels")), "{}") << "a hidden field's label is not shown";
    EXPECT_EQ(sales.at("hidden_conditions").as_int64(), 1);
    EXPECT_EQ(json::serialize(sales.at("purged_fields")), "[]") << "a hidden field is not gone";
    EXPECT_EQ(sales.at("purged_conditions").as_int64(), 0);
    ExpectCompiles(Customer(), SalesWithoutSecret(), sales);

    // The same view for someone who may see the field is whole.
    json::object admin = ApplicableView(Customer(), test_support::AdminAccess(), Restorable(), view);
    EXPECT_EQ(json::serialize(admin.at("filter")), json::serialize(view.at("filter")));
    EXPECT_EQ(json::serialize(admin.at("missing_fields")), "[]");
}

TEST(SavedViewsApplicableTest, OnlyDeletedFieldsTheCallerMaySeeAreLabelled) {
    // "secret" was deleted too, but this caller's field security hides it: its label stays unsaid,
    // while the deleted field they may see is named.
    FieldLabels restorable = Restorable();
    restorable.emplace("secret", Text{"机密", "Secret"});
    ObjectMeta o = Customer();
    std::erase_if(o.fields, [](const FieldMeta& f) { return f.name == "secret"; });
    json::object view = View(
        R"({"and":[{"field":"secret","op":"eq","value":"x"},{"field":"region__c","op":"eq","value":"华东"},)"
        R"({"field":"secret","op":"is_null"},{"field":"grade","op":"eq","value":"A"}]})",
        "[]",
        "[]"
    );
    json::object sales = ApplicableView(o, SalesWithoutSecret(), restorable, view);
    EXPECT_EQ(json::serialize(sales.at("filter")), R"({"and":[{"field":"grade","op":"eq","value":"A"}]})");
    EXPECT_EQ(json::serialize(sales.at("missing_fields")), R"(["secret","region__c"])");
    EXPECT_EQ(
        json::serialize(sales.at("missing_field_labels")), R"({"region__c":{"label":"区域","label_en":"Region"}})"
    );
    EXPECT_EQ(sales.at("hidden_conditions").as_int64(), 3);

    json::object admin = ApplicableView(o, test_support::AdminAccess(), restorable, view);
    EXPECT_EQ(
        json::serialize(admin.at("missing_field_labels")),
        R"({"secret":{"label":"机密","label_en":"Secret"},"region__c":{"label":"区域","label_en":"Region"}})"
    );
}

TEST(SavedViewsApplicableTest, DeletedHiddenAndPurgedFieldsAreToldApart) {
    // region__c deleted and restorable, secret hidden from the caller, level__c purged, nothing__c
    // never there: one of each, in the view's order, the purged and the unknown counted apart.
    json::object view = View(
        R"({"or":[{"field":"level__c","op":"eq","value":"1"},{"field":"secret","op":"eq","value":"x"},)"
        R"({"and":[{"field":"region__c","op":"is_null"},{"field":"nothing__c","op":"is_null"},)"
        R"({"field":"level__c","op":"eq","value":"2"}]},{"field":"grade","op":"eq","value":"A"}]})",
        "[]",
        "[]"
    );
    json::object sales = ApplicableView(Customer(), SalesWithoutSecret(), Restorable(), view);
    EXPECT_EQ(json::serialize(sales.at("filter")), R"({"or":[{"field":"grade","op":"eq","value":"A"}]})");
    EXPECT_EQ(json::serialize(sales.at("missing_fields")), R"(["level__c","secret","region__c","nothing__c"])");
    EXPECT_EQ(
        json::serialize(sales.at("missing_field_labels")), R"({"region__c":{"label":"区域","label_en":"Region"}})"
    );
    EXPECT_EQ(sales.at("hidden_conditions").as_int64(), 5);
    EXPECT_EQ(json::serialize(sales.at("purged_fields")), R"(["level__c","nothing__c"])");
    EXPECT_EQ(sales.at("purged_conditions").as_int64(), 3);
    ExpectCompiles(Customer(), SalesWithoutSecret(), sales);

    // Field security does not make a field gone, nor does it hide that one is.
    json::object admin = ApplicableView(Customer(), test_support::AdminAccess(), Restorable(), view);
    EXPECT_EQ(json::serialize(admin.at("missing_fields")), R"(["level__c","region__c","nothing__c"])");
    EXPECT_EQ(admin.at("hidden_conditions").as_int64(), 4);
    EXPECT_EQ(json::serialize(admin.at("purged_fields")), R"(["level__c","nothing__c"])");
    EXPECT_EQ(admin.at("purged_conditions").as_int64(), 3);
}

TEST(SavedViewsApplicableTest, AViewWithoutFilterSortOrColumnsStaysSo) {
    json::object out = ApplicableView(
        Customer(), test_support::AdminAccess(), Restorable(), json::object{{"id", 1}, {"filter", nullptr}}
    );
    EXPECT_TRUE(out.at("filter").is_null());
    EXPECT_FALSE(out.contains("sort"));
    EXPECT_FALSE(out.contains("columns"));
    EXPECT_EQ(json::serialize(out.at("missing_fields")), "[]");
    EXPECT_EQ(json::serialize(out.at("purged_fields")), "[]");
    EXPECT_EQ(out.at("purged_conditions").as_int64(), 0);
}

// KeepUnseenConditions: the view stored above, edited as ApplicableView showed it to the
// administrator (region__c deleted but restorable, level__c purged).
std::string Kept(const char* stored, const char* sent, const AccessContext& access = test_support::AdminAccess()) {
    return json::serialize(
        KeepUnseenConditions(Customer(), access, Restorable(), json::parse(stored), json::parse(sent))
    );
}

TEST(SavedViewsKeepUnseenTest, ConditionsOnADeletedFieldSurviveAnEditOfTheRest) {
    const char* stored =
        R"({"and":[{"field":"region__c","op":"eq","value":"华东"},{"field":"grade","op":"eq","value":"A"}]})";
    EXPECT_EQ(
        Kept(stored, R"({"and":[{"field":"grade","op":"eq","value":"B"}]})"),
        R"({"and":[{"field":"grade","op":"eq","value":"B"},{"field":"region__c","op":"eq","value":"华东"}]})"
    );
    // Everything the caller saw cleared: what they did not see stays.
    EXPECT_EQ(Kept(stored, "null"), R"({"and":[{"field":"region__c","op":"eq","value":"华东"}]})");
    // A lone condition stored, a lone condition sent.
    EXPECT_EQ(
        Kept(R"({"field":"region__c","op":"eq","value":"华东"})", R"({"field":"city","op":"eq","value":"杭州"})"),
        R"({"and":[{"field":"city","op":"eq","value":"杭州"},{"field":"region__c","op":"eq","value":"华东"}]})"
    );
}

TEST(SavedViewsKeepUnseenTest, TheStoredKindOfGroupIsKept) {
    const char* stored =
        R"({"or":[{"field":"region__c","op":"eq","value":"华东"},{"field":"grade","op":"eq","value":"A"}]})";
    EXPECT_EQ(
        Kept(stored, R"({"or":[{"field":"grade","op":"eq","value":"A"},{"field":"city","op":"eq","value":"杭州"}]})"),
        R"({"or":[{"field":"grade","op":"eq","value":"A"},{"field":"city","op":"eq","value":"杭州"},)"
        R"({"field":"region__c","op":"eq","value":"华东"}]})"
    );
    // The caller switched to "all of": their group becomes one item of the stored "any of".
    EXPECT_EQ(
        Kept(stored, R"({"and":[{"field":"grade","op":"eq","value":"A"},{"field":"city","op":"eq","value":"杭州"}]})"),
        R"({"or":[{"and":[{"field":"grade","op":"eq","value":"A"},{"field":"city","op":"eq","value":"杭州"}]},)"
        R"({"field":"region__c","op":"eq","value":"华东"}]})"
    );
}

TEST(SavedViewsKeepUnseenTest, AMixedGroupGetsItsConditionsBackOnlyWhenSentAsShown) {
    const char* stored = R"({"and":[{"field":"grade","op":"eq","value":"A"},)"
                         R"({"or":[{"field":"region__c","op":"is_null"},{"field":"city","op":"eq","value":"杭州"}]}]})";
    EXPECT_EQ(
        Kept(
            stored,
            R"({"and":[{"field":"grade","op":"eq","value":"B"},{"or":[{"field":"city","op":"eq","value":"杭州"}]}]})"
        ),
        R"({"and":[{"field":"grade","op":"eq","value":"B"},)"
        R"({"or":[{"field":"region__c","op":"is_null"},{"field":"city","op":"eq","value":"杭州"}]}]})"
    );
    // The group was changed: what it becomes is the caller's.
    EXPECT_EQ(
        Kept(stored, R"({"and":[{"or":[{"field":"city","op":"eq","value":"宁波"}]}]})"),
        R"({"and":[{"or":[{"field":"city","op":"eq","value":"宁波"}]}]})"
    );
}

TEST(SavedViewsKeepUnseenTest, NothingHiddenOrOnlyPurgedFieldsLeavesTheSentFilterAsItIs) {
    const char* sent = R"({"or":[{"field":"grade","op":"eq","value":"B"}]})";
    EXPECT_EQ(Kept(R"({"and":[{"field":"grade","op":"eq","value":"A"}]})", sent), sent);
    EXPECT_EQ(Kept("null", sent), sent);
    // level__c was purged: its name may come back as another field, so its condition goes.
    EXPECT_EQ(
        Kept(R"({"and":[{"field":"level__c","op":"eq","value":"1"},{"field":"grade","op":"eq","value":"A"}]})", sent),
        sent
    );
}

TEST(SavedViewsKeepUnseenTest, ConditionsOnAFieldHiddenFromTheEditorAreKept) {
    EXPECT_EQ(
        Kept(
            R"({"and":[{"field":"secret","op":"eq","value":"x"}]})",
            R"({"and":[{"field":"grade","op":"eq","value":"A"}]})",
            SalesWithoutSecret()
        ),
        R"({"and":[{"field":"grade","op":"eq","value":"A"},{"field":"secret","op":"eq","value":"x"}]})"
    );
}

}  // namespace
}  // namespace xieli::records
