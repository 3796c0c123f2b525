#include "records/batch_update.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace xieli::records {
namespace {

ObjectMeta Customer() {
    ObjectMeta o;
    o.name = "customer";
    o.table = "customers";
    auto field = [&](std::string name, FieldType type) -> FieldMeta& {
        FieldMeta f;
        f.name = name;
        f.column = name;
        f.type = type;
        f.label = {name, name};
        o.fields.push_back(f);
        return o.fields.back();
    };
    field("id", FieldType::kNumber).is_system = true;
    field("owner_id", FieldType::kUser).is_system = true;
    field("name", FieldType::kText);
    field("level", FieldType::kSelect);
    field("code", FieldType::kAutonumber);
    field("pool_id", FieldType::kNumber).read_only = true;
    field("tax_no", FieldType::kText).unique = true;
    field("secret", FieldType::kText);
    field("grade", FieldType::kText);
    field("logo", FieldType::kImage);
    field("contract", FieldType::kFile);
    return o;
}

AccessContext Rep() {
    AccessContext a;
    a.user_id = 4;
    a.permissions = json::parse(R"({"fields": {"customer": {"secret": "hidden", "grade": "read_only"}}})").as_object();
    return a;
}

// The (field, code) pairs of the 422 `body` gets.
std::vector<std::pair<std::string, std::string>> Problems(const std::string& body) {
    try {
        ParseBatchUpdate(json::parse(body).as_object(), Customer(), Rep());
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        std::vector<std::pair<std::string, std::string>> out;
        for (const FieldError& d : e.details()) out.emplace_back(d.field, d.code);
        return out;
    }
    return {};
}

using P = std::vector<std::pair<std::string, std::string>>;

TEST(BatchUpdate, KeepsDistinctIdsInOrderAndTheValues) {
    BatchUpdateRequest r = ParseBatchUpdate(
        json::parse(R"({"ids": [5, 3, 5, 9], "values": {"level": "a"}})").as_object(), Customer(), Rep()
    );
    EXPECT_EQ(r.ids, (std::vector<int64_t>{5, 3, 9}));
    EXPECT_EQ(r.values, json::parse(R"({"level": "a"})").as_object());
}

TEST(BatchUpdate, RefusesBadIds) {
    EXPECT_EQ(Problems(R"({"values": {"level": "a"}})"), (P{{"ids", "required"}}));
    EXPECT_EQ(Problems(R"({"ids": 3, "values": {"level": "a"}})"), (P{{"ids", "required"}}));
    EXPECT_EQ(Problems(R"({"ids": [], "values": {"level": "a"}})"), (P{{"ids", "invalid"}}));
    EXPECT_EQ(Problems(R"({"ids": [1, -2], "values": {"level": "a"}})"), (P{{"ids", "invalid"}}));
    EXPECT_EQ(Problems(R"({"ids": [1, "2"], "values": {"level": "a"}})"), (P{{"ids", "invalid"}}));
    json::array many;
    for (int i = 1; i <= 501; ++i) many.push_back(i);
    std::string body = json::serialize(json::object{{"ids", many}, {"values", json::object{{"level", "a"}}}});
    EXPECT_EQ(Problems(body), (P{{"ids", "invalid"}}));
    many.pop_back();
    body = json::serialize(json::object{{"ids", many}, {"values", json::object{{"level", "a"}}}});
    EXPECT_EQ(Problems(body), P{}) << "500 ids are allowed";
}

TEST(BatchUpdate, RefusesFieldsThatCannotBeSetOnMany) {
    EXPECT_EQ(Problems(R"({"ids": [1]})"), (P{{"values", "required"}}));
    EXPECT_EQ(Problems(R"({"ids": [1], "values": {}})"), (P{{"values", "required"}}));
    EXPECT_EQ(Problems(R"({"ids": [1], "values": [1]})"), (P{{"values", "required"}}));
    EXPECT_EQ(
        Problems(
            R"({"ids": [1], "values": {"no_such": 1, "secret": "x", "grade": "x", "code": "x", "pool_id": 1,
                "owner_id": 2, "id": 3, "version": 4, "tax_no": "x", "logo": [7], "contract": null, "name": "ok"}})"
        ),
        (P{{"no_such", "unknown_field"},
           {"secret", "unknown_field"},
           {"grade", "read_only"},
           {"code", "read_only"},
           {"pool_id", "read_only"},
           {"owner_id", "read_only"},
           {"id", "read_only"},
           {"version", "unknown_field"},
           {"tax_no", "unique"},
           {"logo", "file_field"},
           {"contract", "file_field"}})
    );
}

TEST(BatchUpdate, AdminsSeeEveryFieldButTheRulesStay) {
    AccessContext admin;
    admin.is_admin = true;
    auto body = json::parse(R"({"ids": [1], "values": {"secret": "x", "grade": "y"}})").as_object();
    EXPECT_NO_THROW(ParseBatchUpdate(body, Customer(), admin));
    auto unique = json::parse(R"({"ids": [1], "values": {"tax_no": "x"}})").as_object();
    EXPECT_THROW(ParseBatchUpdate(unique, Customer(), admin), Error);
}

}  // namespace
}  // namespace xieli::records
