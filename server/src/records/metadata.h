#pragma once

// Objects and fields as the engine sees them, loaded from a tenant's meta tables and cached per
// database until a schema change bumps the version.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/json.h"
#include "common/text.h"
#include "records/field_type.h"
#include "store/database.h"

namespace xieli::records {

struct FieldMeta {
    std::string name;
    std::string column;
    FieldType type = FieldType::kText;
    Text label;
    Text help;
    bool required = false;
    bool unique = false;
    std::optional<std::string> default_json;
    std::optional<double> min_value;
    std::optional<double> max_value;
    std::optional<int> max_length;
    std::string picklist;
    std::string lookup_object;
    std::string autonumber_format;
    std::string formula;
    bool searchable = false;
    bool is_custom = false;
    bool is_system = false;  // id, owner_id, created_at …: kept by the engine
    bool read_only = false;  // set by business rules only
    int sort_order = 0;

    bool Writable() const {
        return !is_system && !read_only && type != FieldType::kFormula && type != FieldType::kAutonumber;
    }
};

struct ObjectMeta {
    std::string name;
    std::string table;
    Text label;
    bool is_custom = false;
    std::string name_field = "name";
    std::string icon;
    std::vector<FieldMeta> fields;  // in display order, system fields included

    const FieldMeta* Field(std::string_view name) const;
    std::string FtsTable() const { return table + "_fts"; }
};

// Every live object of one tenant database.
class Schema {
public:
    explicit Schema(std::map<std::string, ObjectMeta, std::less<>> objects) : objects_(std::move(objects)) {}
    const ObjectMeta* Find(std::string_view object) const;
    // 404 for objects that do not exist (or are deleted).
    const ObjectMeta& Get(std::string_view object) const;
    const std::map<std::string, ObjectMeta, std::less<>>& objects() const { return objects_; }

private:
    std::map<std::string, ObjectMeta, std::less<>> objects_;
};

// Loads schemas and keeps them per database; Invalidate() after any metadata change (the change
// and the invalidation happen under the writer, so readers never see a half-changed schema).
class SchemaCache {
public:
    std::shared_ptr<const Schema> Get(store::Database& db);
    void Invalidate(store::Database& db);

private:
    std::mutex mutex_;
    std::map<const store::Database*, std::shared_ptr<const Schema>> schemas_;
};

std::shared_ptr<const Schema> LoadSchema(store::Connection& conn);

// The system columns every record table has, in order.
const std::vector<FieldMeta>& SystemFields();

json::object FieldToJson(const FieldMeta& f);
json::object ObjectToJson(const ObjectMeta& o, bool with_fields);

}  // namespace xieli::records
