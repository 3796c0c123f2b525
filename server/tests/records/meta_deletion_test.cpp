// Safe deletion of custom fields and objects (meta_deletion.h): the guards that keep formulas and
// lookups from pointing at what went away, and purges that drop a column or a table with every
// row naming it, so the API name can be used again.

#include "records/meta_deletion.h"

#include <gtest/gtest.h>

#include <optional>

#include "common/crypto.h"
#include "common/error.h"
#include "records/schema_writer.h"
#include "support/enterprise_store.h"
#include "support/test_object.h"

namespace xieli::records {
namespace {

FieldMeta Formula(const char* name, const char* formula) {
    FieldMeta f;
    f.name = f.column = name;
    f.type = FieldType::kFormula;
    f.label = {std::string("计算") + name, std::string("Calc ") + name};
    f.formula = formula;
    return f;
}

TEST(FormulasReading, NamesTheFormulasThatUseAField) {
    ObjectMeta o = test_support::TestObject(
        "deal",
        "obj_deal",
        {{"price", FieldType::kCurrency},
         {"cost", FieldType::kCurrency},
         {"qty", FieldType::kNumber},
         {"spare", FieldType::kNumber}}
    );
    o.fields.push_back(Formula("margin", "price - cost"));
    o.fields.push_back(Formula("total", "price * qty"));
    o.fields.push_back(Formula("broken", "nope + 1"));  // no longer compiles: reads nothing
    auto names = [&](const char* field) {
        std::vector<std::string> out;
        for (const FieldMeta* f : FormulasReading(o, field)) out.push_back(f->name);
        return out;
    };
    EXPECT_EQ(names("price"), (std::vector<std::string>{"margin", "total"}));
    EXPECT_EQ(names("cost"), (std::vector<std::string>{"margin"}));
    EXPECT_EQ(names("spare"), std::vector<std::string>{});
    EXPECT_EQ(names("margin"), std::vector<std::string>{});

    try {
        RequireNoFormulaReads(o, *o.Field("price"));
        FAIL() << "no conflict";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kConflict);
        EXPECT_EQ(e.message().zh, "计算字段「计算margin」、「计算total」用到了这个字段，请先修改或删除计算字段");
        EXPECT_EQ(
            e.message().en,
            "The formula field(s) \"Calc margin\", \"Calc total\" use this field: change or delete them first"
        );
    }
    EXPECT_THROW(RequireNoFormulaReads(o, *o.Field("qty")), Error);
    EXPECT_NO_THROW(RequireNoFormulaReads(o, *o.Field("spare")));
}

TEST(LookupsTo, OtherObjectsLookupsAndSelfLookupsWhenAsked) {
    ObjectMeta vehicle = test_support::TestObject("c_vehicle", "obj_c_vehicle", {{"c_parent", FieldType::kLookup}});
    vehicle.fields.back().lookup_object = "c_vehicle";  // a self-lookup goes with the object
    ObjectMeta trip = test_support::TestObject("c_trip", "obj_c_trip", {{"c_car", FieldType::kLookup}});
    trip.fields.back().lookup_object = "c_vehicle";
    trip.label = {"行程", "Trip"};
    trip.fields.back().label = {"车辆", "Car"};
    std::map<std::string, ObjectMeta, std::less<>> objects;
    objects.emplace("c_vehicle", vehicle);
    objects.emplace("c_trip", trip);
    Schema schema(std::move(objects));
    std::vector<LookupRef> refs = LookupsTo(schema, "c_vehicle", false);
    ASSERT_EQ(refs.size(), 1u);
    EXPECT_EQ(refs[0].object->name, "c_trip");
    EXPECT_EQ(refs[0].field->name, "c_car");
    EXPECT_TRUE(LookupsTo(schema, "c_trip", false).empty());
    // A purged record counts the records of its own object that point at it (objects in name order).
    std::vector<LookupRef> with_self = LookupsTo(schema, "c_vehicle", true);
    ASSERT_EQ(with_self.size(), 2u);
    EXPECT_EQ(with_self[0].object->name, "c_trip");
    EXPECT_EQ(with_self[1].object->name, "c_vehicle");
    EXPECT_EQ(with_self[1].field->name, "c_parent");
    EXPECT_TRUE(LookupsTo(schema, "c_trip", true).empty());
    try {
        RequireNoLookupsTo(schema, *schema.Find("c_vehicle"));
        FAIL() << "no conflict";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kConflict);
        EXPECT_EQ(e.message().zh, "关联字段「行程.车辆」指向这个对象，请先删除这些字段");
        EXPECT_EQ(e.message().en, "The lookup field(s) \"Trip.Car\" point at this object: delete them first");
    }
}

// A real tenant database: a custom object with an indexed field, purged piece by piece.
class PurgeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::Init(); }
    void SetUp() override {
        env_.emplace(clock_, auth::EnterpriseOwner{"清理测试公司", "王五", "13900000001", "", "Passw0rd2026"});
        ObjectMeta o = test_support::NamedCustomObject("c_vehicle", "obj_c_vehicle", {"车辆", "Vehicle"});
        store::Transaction tx = db().Write();
        CreateObjectTable(*tx, o, 1000, clock_.Now());
        FieldMeta plate = test_support::CustomField("c_plate", {"车牌", "Plate"});
        plate.unique = true;  // indexed: the index must go before the column
        AddFieldColumn(*tx, o, plate, clock_.Now());
        tx->Execute(
            "INSERT INTO obj_c_vehicle (name, c_plate, created_at, updated_at) VALUES ('一号车', '沪A1', ?, ?)",
            {"2026-11-23T00:00:00Z", "2026-11-23T00:00:00Z"}
        );
        tx->Execute(
            "INSERT INTO field_history (object, record_id, field, old_value, new_value, at) VALUES "
            "('c_vehicle', 1, 'c_plate', NULL, '\"沪A1\"', '2026-11-23T00:00:00Z'), "
            "('c_vehicle', 1, 'name', NULL, '\"一号车\"', '2026-11-23T00:00:00Z')"
        );
        tx->Execute(
            "INSERT INTO meta_layouts (object, kind, definition, updated_at) VALUES ('c_vehicle', 'form', "
            "'{\"sections\":[{\"title\":\"基本\",\"fields\":[\"name\",\"c_plate\"]}]}', '2026-11-23T00:00:00Z')"
        );
        tx->Execute(
            "UPDATE roles SET permissions = json_set(permissions, '$.objects.c_vehicle', json('{\"read\":\"all\"}'), "
            "'$.fields.c_vehicle', json('{\"c_plate\":\"read_only\"}'))"
        );
        tx.Commit();
    }
    void TearDown() override { env_.reset(); }
    store::Database& db() { return env_->db(); }
    int64_t Count(const std::string& sql) {
        store::Reader r = db().Read();
        return r->QueryValue(sql)->AsInt();
    }

    ManualClock clock_{*ParseIsoTime("2026-11-23T00:00:00Z")};
    std::optional<test_support::EnterpriseStore> env_;
};

TEST_F(PurgeTest, AFieldIsPurgedWithItsIndexColumnAndRows) {
    {
        store::Transaction tx = db().Write();
        EXPECT_THROW(
            PurgeFieldStorage(*tx, ReadObjectRow(*tx, "c_vehicle"), ReadFieldRow(*tx, "c_vehicle", "c_plate")),
            std::logic_error
        ) << "a live field is never purged";
        tx->Execute("UPDATE meta_fields SET deleted_at = '2026-11-23T01:00:00Z' WHERE name = 'c_plate'");
        ObjectRow object = ReadObjectRow(*tx, "c_vehicle");
        FieldRow field = ReadFieldRow(*tx, "c_vehicle", "c_plate");
        EXPECT_TRUE(field.deleted);
        EXPECT_FALSE(object.deleted);
        PurgeFieldStorage(*tx, object, field);
        tx.Commit();
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM pragma_table_info('obj_c_vehicle') WHERE name = 'c_plate'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'obj_c_vehicle_c_plate'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM obj_c_vehicle WHERE name = '一号车'"), 1) << "the records stay";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM meta_fields WHERE object = 'c_vehicle' AND name = 'c_plate'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM field_history WHERE object = 'c_vehicle'"), 1);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM meta_layouts WHERE definition = "
              "'{\"sections\":[{\"title\":\"基本\",\"fields\":[\"name\"]}]}'"),
        1
    );
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM roles WHERE json_type(permissions, '$.fields.c_vehicle.c_plate') IS NOT NULL"), 0
    );
    EXPECT_GT(Count("SELECT COUNT(*) FROM roles WHERE json_type(permissions, '$.objects.c_vehicle') IS NOT NULL"), 0);
    {
        store::Transaction tx = db().Write();
        EXPECT_THROW(ReadFieldRow(*tx, "c_vehicle", "c_plate"), Error);
    }
}

TEST_F(PurgeTest, RestorableFieldsAreTheDeletedOnesUntilPurged) {
    store::Transaction tx = db().Write();
    EXPECT_TRUE(RestorableFields(*tx, "c_vehicle").empty()) << "a live field is not restorable";
    tx->Execute("UPDATE meta_fields SET deleted_at = '2026-11-23T01:00:00Z' WHERE name = 'c_plate'");
    auto restorable = RestorableFields(*tx, "c_vehicle");
    ASSERT_EQ(restorable.size(), 1u);
    EXPECT_EQ(restorable.begin()->first, "c_plate");
    EXPECT_EQ(restorable.begin()->second.zh, "车牌");
    EXPECT_EQ(restorable.begin()->second.en, "Plate");
    EXPECT_TRUE(RestorableFields(*tx, "customer").empty()) << "another object's";
    // The same rule lists it among the deleted fields.
    json::object listed = ListDeleted(*tx);
    ASSERT_EQ(listed["fields"].as_array().size(), 1u);
    EXPECT_EQ(listed["fields"].as_array()[0].as_object().at("name").as_string(), "c_plate");

    PurgeFieldStorage(*tx, ReadObjectRow(*tx, "c_vehicle"), ReadFieldRow(*tx, "c_vehicle", "c_plate"));
    EXPECT_TRUE(RestorableFields(*tx, "c_vehicle").empty()) << "a purged field is gone for good";
    EXPECT_TRUE(ListDeleted(*tx)["fields"].as_array().empty());
}

TEST_F(PurgeTest, AnObjectIsPurgedWithItsTablesAndRows) {
    {
        store::Transaction tx = db().Write();
        EXPECT_THROW(PurgeObjectStorage(*tx, ReadObjectRow(*tx, "c_vehicle")), std::logic_error);
        tx->Execute("UPDATE meta_objects SET deleted_at = '2026-11-23T01:00:00Z' WHERE name = 'c_vehicle'");
        json::object listed = ListDeleted(*tx);
        ASSERT_EQ(listed["objects"].as_array().size(), 1u);
        EXPECT_EQ(listed["objects"].as_array()[0].as_object().at("name").as_string(), "c_vehicle");
        EXPECT_EQ(listed["objects"].as_array()[0].as_object().at("record_count").as_int64(), 1);
        // Uploaded files linked to its records go with it (modules/files); others stay.
        tx->Execute(
            "INSERT INTO files (sha256, name, size, content_type, uploaded_by, created_at, object, record_id, field) "
            "VALUES ('a', 'a.png', 1, 'image/png', 1, '2026-11-23T00:00:00Z', 'c_vehicle', 1, 'c_photo'), "
            "('b', 'b.png', 1, 'image/png', 1, '2026-11-23T00:00:00Z', 'customer', 1, 'c_photo')"
        );
        PurgeObjectStorage(*tx, ReadObjectRow(*tx, "c_vehicle"));
        tx.Commit();
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'obj_c_vehicle%'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM meta_objects WHERE name = 'c_vehicle'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM meta_fields WHERE object = 'c_vehicle'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM meta_layouts WHERE object = 'c_vehicle'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM field_history WHERE object = 'c_vehicle'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM roles WHERE json_type(permissions, '$.objects.c_vehicle') IS NOT NULL"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM roles WHERE json_type(permissions, '$.fields.c_vehicle') IS NOT NULL"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM files WHERE object = 'c_vehicle'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM files WHERE object = 'customer'"), 1);
    // The name is free again: the same object can be made anew.
    ObjectMeta again = test_support::NamedCustomObject("c_vehicle", "obj_c_vehicle", {"车辆", "Vehicle"});
    store::Transaction tx = db().Write();
    EXPECT_NO_THROW(CreateObjectTable(*tx, again, 1000, clock_.Now()));
    EXPECT_EQ(tx->QueryValue("SELECT COUNT(*) FROM obj_c_vehicle")->AsInt(), 0);
}

TEST_F(PurgeTest, UnknownNamesAreNotFound) {
    store::Transaction tx = db().Write();
    for (const char* bad : {"c_nothing", "Bad-Name", "", "obj_c_vehicle; DROP TABLE roles"}) {
        try {
            ReadObjectRow(*tx, bad);
            FAIL() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::kNotFound) << bad;
        }
    }
    EXPECT_THROW(ReadFieldRow(*tx, "c_vehicle", "c_none"), Error);
}

}  // namespace
}  // namespace xieli::records
