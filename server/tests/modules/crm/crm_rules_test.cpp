// Request shapes of the CRM rules: the conversion body and the settings patch.

#include <gtest/gtest.h>

#include "common/error.h"
#include "modules/crm/crm_settings.h"
#include "modules/crm/lead_conversion.h"

namespace xieli::crm {
namespace {

json::object Obj(std::string_view text) {
    return json::parse(text).as_object();
}

std::vector<std::string> FailedFields(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        std::vector<std::string> out;
        for (const FieldError& d : e.details()) out.push_back(d.field);
        return out;
    }
    return {};
}

TEST(CrmConvertRequest, Defaults) {
    ConvertRequest r = ParseConvertRequest({});
    EXPECT_FALSE(r.customer);
    EXPECT_FALSE(r.customer_id);
    EXPECT_EQ(r.contact, ConvertRequest::Part::kDefault);
    EXPECT_FALSE(r.opportunity);
}

TEST(CrmConvertRequest, Parts) {
    ConvertRequest r =
        ParseConvertRequest(Obj(R"({"customer_id": 5, "contact": null, "opportunity": {"name": "x"}, "version": 2})"));
    EXPECT_EQ(r.customer_id, 5);
    EXPECT_EQ(r.contact, ConvertRequest::Part::kNone);
    ASSERT_TRUE(r.opportunity);
    EXPECT_EQ(r.opportunity->at("name"), "x");
    EXPECT_EQ(r.version, 2);
    r = ParseConvertRequest(Obj(R"({"customer": {"name": "甲"}, "contact": {"name": "乙"}})"));
    EXPECT_EQ(r.contact, ConvertRequest::Part::kGiven);
    EXPECT_EQ(r.contact_fields.at("name"), "乙");
}

TEST(CrmConvertRequest, BadShapesNameTheMember) {
    EXPECT_EQ(
        FailedFields([] { ParseConvertRequest(Obj(R"({"customer": {}, "customer_id": 3})")); }),
        std::vector<std::string>{"customer_id"}
    );
    EXPECT_EQ(
        FailedFields([] {
            ParseConvertRequest(
                Obj(R"({"customer": "x", "customer_id": -1, "contact": 1, "opportunity": [], "version": "2", "x": 1})")
            );
        }),
        (std::vector<std::string>{"x", "customer", "customer_id", "contact", "opportunity", "version"})
    );
}

TEST(CrmSettingsPatch, KnownKeysOfTheRightType) {
    CrmSettings s;
    EXPECT_FALSE(s.allow_customer_delete);
    s = ApplyCrmSettingsPatch(s, Obj(R"({"allow_customer_delete": true})"));
    EXPECT_TRUE(s.allow_customer_delete);
    s = ApplyCrmSettingsPatch(s, {});
    EXPECT_TRUE(s.allow_customer_delete);
    EXPECT_EQ(
        FailedFields([] { ApplyCrmSettingsPatch({}, Obj(R"({"allow_customer_delete": "yes", "nope": 1})")); }),
        (std::vector<std::string>{"allow_customer_delete", "nope"})
    );
    EXPECT_EQ(json::serialize(CrmSettingsToJson({})), R"({"allow_customer_delete":false})");
}

}  // namespace
}  // namespace xieli::crm
