#include "records/metadata.h"

#include "common/error.h"

namespace xieli::records {

namespace {

FieldMeta System(const char* name, FieldType type, const char* zh, const char* en) {
    FieldMeta f;
    f.name = name;
    f.column = name;
    f.type = type;
    f.label = {zh, en};
    f.is_system = true;
    return f;
}

}  // namespace

const std::vector<FieldMeta>& SystemFields() {
    // The owner is set to the creator by the engine and changed only by a transfer.
    static const std::vector<FieldMeta> kFields = {
        System("id", FieldType::kNumber, "编号", "ID"),
        System("owner_id", FieldType::kUser, "负责人", "Owner"),
        System("department_id", FieldType::kDepartment, "所属部门", "Department"),
        System("created_by", FieldType::kUser, "创建人", "Created by"),
        System("created_at", FieldType::kDatetime, "创建时间", "Created at"),
        System("updated_by", FieldType::kUser, "最后修改人", "Updated by"),
        System("updated_at", FieldType::kDatetime, "最后修改时间", "Updated at"),
        System("version", FieldType::kNumber, "版本", "Version"),
    };
    return kFields;
}

const FieldMeta* ObjectMeta::Field(std::string_view name) const {
    for (const FieldMeta& f : fields) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

const ObjectMeta* Schema::Find(std::string_view object) const {
    auto it = objects_.find(object);
    return it == objects_.end() ? nullptr : &it->second;
}

const ObjectMeta& Schema::Get(std::string_view object) const {
    const ObjectMeta* o = Find(object);
    if (!o) throw Error(ErrorCode::kNotFound, {"对象不存在", "No such object"});
    return *o;
}

std::shared_ptr<const Schema> LoadSchema(store::Connection& conn) {
    std::map<std::string, ObjectMeta, std::less<>> objects;
    for (const store::Row& r :
         conn.Query("SELECT name, table_name, label_zh, label_en, is_custom, name_field, icon FROM meta_objects "
                    "WHERE deleted_at IS NULL ORDER BY sort_order, name")) {
        ObjectMeta o;
        o.name = r.Text(0);
        o.table = r.Text(1);
        o.label = {r.Text(2), r.Text(3)};
        o.is_custom = r.Int(4) != 0;
        o.name_field = r.Text(5);
        o.icon = r.Text(6);
        o.fields = SystemFields();
        objects.emplace(o.name, std::move(o));
    }
    for (const store::Row& r : conn.Query(
             "SELECT object, name, column_name, type, label_zh, label_en, help_zh, help_en, required, is_unique, "
             "default_value, min_value, max_value, max_length, picklist, lookup_object, autonumber_format, formula, "
             "searchable, is_custom, is_system, read_only, sort_order FROM meta_fields WHERE deleted_at IS NULL "
             "ORDER BY object, sort_order, created_at, name"
         )) {
        auto it = objects.find(r.Text(0));
        if (it == objects.end()) continue;
        std::optional<FieldType> type = ParseFieldType(r.Text(3));
        if (!type) continue;  // a type this build does not know: leave the column alone
        FieldMeta f;
        f.name = r.Text(1);
        f.column = r.Text(2);
        f.type = *type;
        f.label = {r.Text(4), r.Text(5)};
        f.help = {r.Text(6), r.Text(7)};
        f.required = r.Int(8) != 0;
        f.unique = r.Int(9) != 0;
        if (!r.IsNull(10)) f.default_json = r.Text(10);
        if (!r.IsNull(11)) f.min_value = r.Double(11);
        if (!r.IsNull(12)) f.max_value = r.Double(12);
        if (!r.IsNull(13)) f.max_length = static_cast<int>(r.Int(13));
        f.picklist = r.Text(14);
        f.lookup_object = r.Text(15);
        f.autonumber_format = r.Text(16);
        f.formula = r.Text(17);
        f.searchable = r.Int(18) != 0;
        f.is_custom = r.Int(19) != 0;
        f.is_system = r.Int(20) != 0;
        f.read_only = r.Int(21) != 0;
        f.sort_order = static_cast<int>(r.Int(22));
        it->second.fields.push_back(std::move(f));
    }
    return std::make_shared<Schema>(std::move(objects));
}

SchemaCache::SchemaCache(Loader load) : load_(std::move(load)) {
    if (!load_) {
        load_ = [](store::Database& db) {
            store::Reader r = db.Read();
            return LoadSchema(*r);
        };
    }
}

std::shared_ptr<const Schema> SchemaCache::Get(store::Database& db) {
    uint64_t invalidations = 0;
    {
        std::lock_guard lock(mutex_);
        if (auto it = schemas_.find(&db); it != schemas_.end()) return it->second;
        invalidations = invalidations_;
    }
    // Not under the lock: loading reads the database, and other databases' requests must not wait.
    std::shared_ptr<const Schema> schema = load_(db);
    std::lock_guard lock(mutex_);
    // A change that committed after this load's snapshot was invalidated meanwhile: the snapshot
    // may predate it, so it serves this caller only. (Any database's change counts — they are rare.)
    if (invalidations != invalidations_) return schema;
    return schemas_.emplace(&db, schema).first->second;
}

void SchemaCache::Invalidate(store::Database& db) {
    std::lock_guard lock(mutex_);
    schemas_.erase(&db);
    ++invalidations_;
}

json::object FieldToJson(const FieldMeta& f) {
    json::object o{
        {"name", f.name},
        {"type", InfoOf(f.type).name},
        {"label", f.label.zh},
        {"label_en", f.label.en},
        {"required", f.required},
        {"unique", f.unique},
        {"searchable", f.searchable},
        {"sortable", InfoOf(f.type).sortable},
        {"custom", f.is_custom},
        {"system", f.is_system},
        {"read_only", !f.Writable()},
        {"sort_order", f.sort_order},
    };
    if (!f.help.zh.empty()) o["help"] = f.help.zh;
    if (!f.help.en.empty()) o["help_en"] = f.help.en;
    if (f.default_json) {
        boost::system::error_code ec;
        json::value v = json::parse(*f.default_json, ec);
        if (!ec) o["default"] = v;
    }
    if (f.min_value) o["min"] = *f.min_value;
    if (f.max_value) o["max"] = *f.max_value;
    if (f.max_length) o["max_length"] = *f.max_length;
    if (!f.picklist.empty()) o["picklist"] = f.picklist;
    if (!f.lookup_object.empty()) o["lookup_object"] = f.lookup_object;
    if (!f.autonumber_format.empty()) o["autonumber_format"] = f.autonumber_format;
    if (!f.formula.empty()) o["formula"] = f.formula;
    return o;
}

json::object ObjectToJson(const ObjectMeta& o, bool with_fields) {
    json::object out{
        {"name", o.name},
        {"label", o.label.zh},
        {"label_en", o.label.en},
        {"custom", o.is_custom},
        {"name_field", o.name_field},
    };
    if (!o.icon.empty()) out["icon"] = o.icon;
    if (with_fields) {
        json::array fields;
        for (const FieldMeta& f : o.fields) fields.push_back(FieldToJson(f));
        out["fields"] = std::move(fields);
    }
    return out;
}

}  // namespace xieli::records
