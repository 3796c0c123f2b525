#include "records/value_codec.h"

#include <gtest/gtest.h>

namespace xieli::records {
namespace {

FieldMeta Location() {
    FieldMeta f;
    f.name = "location";
    f.column = "location";
    f.type = FieldType::kLocation;
    f.label = {"定位", "Location"};
    return f;
}

std::optional<std::string> Decode(std::string_view json_text, std::vector<FieldError>& errors) {
    std::optional<store::Value> v = DecodeValue(Location(), ParseJson(json_text), errors);
    if (!v) return std::nullopt;
    return v->IsNull() ? std::string("NULL") : v->AsText();
}

TEST(LocationValue, KeepsCoordinatesAndAnAddress) {
    std::vector<FieldError> errors;
    std::optional<std::string> stored = Decode(R"({"lat":30.25,"lng":120.5,"address":" 杭州市西湖区 "})", errors);
    ASSERT_TRUE(stored.has_value());
    json::object o = ParseJson(*stored).as_object();
    EXPECT_DOUBLE_EQ(o.at("lat").to_number<double>(), 30.25);
    EXPECT_DOUBLE_EQ(o.at("lng").to_number<double>(), 120.5);
    EXPECT_EQ(o.at("address").as_string(), "杭州市西湖区");
    stored = Decode(R"({"lat":-90,"lng":180})", errors);
    ASSERT_TRUE(stored.has_value());
    EXPECT_FALSE(ParseJson(*stored).as_object().contains("address"));
    EXPECT_TRUE(errors.empty());
}

TEST(LocationValue, AcceptsAnAddressWithoutCoordinates) {
    std::vector<FieldError> errors;
    EXPECT_EQ(Decode(R"({"address":"上海市浦东新区"})", errors), R"({"address":"上海市浦东新区"})");
    EXPECT_EQ(Decode(R"({"lat":null,"lng":null,"address":"上海"})", errors), R"({"address":"上海"})");
    EXPECT_EQ(Decode("null", errors), "NULL");
    EXPECT_TRUE(errors.empty());
}

TEST(LocationValue, RefusesHalfOrWrongCoordinatesAndEmptiness) {
    for (std::string_view bad :
         {R"({"lat":30})",
          R"({"lat":91,"lng":0})",
          R"({"lat":0,"lng":-181})",
          R"({"lat":"30","lng":"120"})",
          R"({"address":"  "})",
          R"({})",
          R"({"address":5})",
          R"("杭州")",
          R"([30,120])",
          R"({"lat":95,"lng":120,"address":"有地址也不行"})"}) {
        std::vector<FieldError> errors;
        EXPECT_EQ(Decode(bad, errors), std::nullopt) << bad;
        ASSERT_EQ(errors.size(), 1u) << bad;
        EXPECT_EQ(errors[0].field, "location");
    }
}

TEST(LocationValue, LimitsTheAddressByCharactersNotBytes) {
    std::string long_address;
    for (int i = 0; i < 500; ++i) long_address += "路";
    std::vector<FieldError> errors;
    EXPECT_TRUE(Decode(R"({"address":")" + long_address + R"("})", errors).has_value());
    EXPECT_FALSE(Decode(R"({"address":")" + long_address + R"(路"})", errors).has_value());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].code, "too_long");
}

}  // namespace
}  // namespace xieli::records
