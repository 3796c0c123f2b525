#pragma once

// Objects and fields as the engine sees them, loaded from a tenant's meta tables and cached per
// database until a schema change bumps the version.

#include <cstdint>
#include <functional>
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

// Loads schemas and keeps them per database; Invalidate() after any metadata change has committed.
// A schema loaded from a snapshot taken before a change it then missed is handed to its caller but
// not kept: otherwise a request loading the schema at the moment another one added a field would
// keep the old schema for every later request (the new field unknown until the next change).
class SchemaCache {
public:
    using Loader = std::function<std::shared_ptr<const Schema>(store::Database&)>;
    // `load` reads a database's schema (by default through a reader of it).
    explicit SchemaCache(Loader load = {});

    std::shared_ptr<const Schema> Get(store::Database& db);
    void Invalidate(store::Database& db);

private:
    Loader load_;
    std::mutex mutex_;
    std::map<const store::Database*, std::shared_ptr<const Schema>> schemas_;
    // Bumped by every Invalidate: a load that saw it change may have read too early to be kept.
    uint64_t invalidations_ = 0;
};

std::shared_ptr<const Schema> LoadSchema(store::Connection& conn);

// The system columns every record table has, in order.
const std::vector<FieldMeta>& SystemFields();

json::object FieldToJson(const FieldMeta& f);
json::object ObjectToJson(const ObjectMeta& o, bool with_fields);

}  // namespace xieli::records
