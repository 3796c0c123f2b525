#include "records/meta_deletion.h"

#include <fmt/format.h>

#include <stdexcept>

#include "common/error.h"
#include "records/formula.h"
#include "records/saved_views.h"
#include "records/schema_writer.h"
#include "records/search_index.h"
#include "records/search_rebuild.h"
#include "records/standard_objects.h"

namespace xieli::records {

namespace {

void RequireIdentifier(std::string_view name) {
    if (!IsValidIdentifier(name)) throw std::logic_error(fmt::format("invalid identifier '{}'", name));
}

// 「A」、「B」 / "A", "B"
Text NameList(const std::vector<Text>& labels) {
    Text out;
    for (const Text& l : labels) {
        out.zh += (out.zh.empty() ? "" : "、") + ("「" + l.zh + "」");
        out.en += (out.en.empty() ? "" : ", ") + ("\"" + l.en + "\"");
    }
    return out;
}

// What makes a meta_fields row (`f`) a deleted field that can still be restored.
constexpr const char* kRestorableField = "f.deleted_at IS NOT NULL AND f.is_custom = 1";

bool TableExists(store::Connection& conn, const std::string& table) {
    return conn.QueryValue("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {table}).has_value();
}

// The picklist a select field made of its own options (meta_routes.cpp, AddField: "{object}_{field}"),
// when no other field uses it; a picklist of the data dictionary chosen by the field stays.
void DropOwnPicklist(
    store::Connection& conn, const std::string& object, const std::string& field, const std::string& picklist
) {
    if (picklist.empty() || picklist != object + "_" + field) return;
    if (conn.QueryValue(
            "SELECT 1 FROM meta_fields WHERE picklist = ? AND NOT (object = ? AND name = ?)", {picklist, object, field}
        ))
        return;
    if (!conn.QueryValue("SELECT 1 FROM picklists WHERE name = ? AND is_system = 0", {picklist})) return;
    conn.Execute("DELETE FROM picklist_options WHERE picklist = ?", {picklist});
    conn.Execute("DELETE FROM picklists WHERE name = ?", {picklist});
}

// Takes `field` out of the sections of the object's stored layouts, so a new field of the same
// name does not land in the old one's place.
void DropFromLayouts(store::Connection& conn, const std::string& object, const std::string& field) {
    for (const store::Row& r : conn.Query("SELECT kind, definition FROM meta_layouts WHERE object = ?", {object})) {
        boost::system::error_code ec;
        json::value def = json::parse(r.Text(1), ec);
        if (ec || !def.is_object()) continue;
        json::value* sections = def.get_object().if_contains("sections");
        if (!sections || !sections->is_array()) continue;
        bool changed = false;
        for (json::value& section : sections->get_array()) {
            json::value* fields = section.is_object() ? section.get_object().if_contains("fields") : nullptr;
            if (!fields || !fields->is_array()) continue;
            json::array& list = fields->get_array();
            for (auto it = list.begin(); it != list.end();) {
                if (it->is_string() && it->get_string() == field) {
                    it = list.erase(it);
                    changed = true;
                } else {
                    ++it;
                }
            }
        }
        if (changed) {
            conn.Execute(
                "UPDATE meta_layouts SET definition = ? WHERE object = ? AND kind = ?",
                {json::serialize(def), object, r.Text(0)}
            );
        }
    }
}

// Removes the members at `paths` from every role's permissions that has them.
// Uploaded files linked to the purged object or field (modules/files): their rows go, so a new object or
// field of the same name never grants access to them. The bytes are the files module's to collect.
void DropLinkedFiles(store::Connection& conn, const std::string& object, const std::string* field) {
    if (!TableExists(conn, "files")) return;
    if (field)
        conn.Execute("DELETE FROM files WHERE object = ? AND field = ?", {object, *field});
    else
        conn.Execute("DELETE FROM files WHERE object = ?", {object});
}

void DropFromRolePermissions(store::Connection& conn, const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
        conn.Execute(
            "UPDATE roles SET permissions = json_remove(permissions, ?) WHERE json_valid(permissions) AND "
            "json_type(permissions, ?) IS NOT NULL",
            {path, path}
        );
    }
}

// 422 unless `confirm` is `name`.
void RequireConfirmation(const std::optional<std::string>& confirm, const std::string& name) {
    if (!confirm || confirm->empty()) {
        ThrowValidation({FieldError{
            "confirm",
            "required",
            {"请输入 API 名称 " + name + " 以确认", "Type the API name " + name + " to confirm"}}});
    }
    if (*confirm != name) {
        ThrowValidation({FieldError{
            "confirm", "mismatch", {"确认的名称与 " + name + " 不符", "The confirmation does not match " + name}}});
    }
}

}  // namespace

std::vector<const FieldMeta*> FormulasReading(const ObjectMeta& object, std::string_view field) {
    std::vector<const FieldMeta*> out;
    for (const FieldMeta& f : object.fields) {
        if (f.type != FieldType::kFormula || f.name == field) continue;
        try {
            CompiledFormula compiled = CompileFormula(object, f.formula);
            for (const std::string& used : compiled.fields) {
                if (used == field) {
                    out.push_back(&f);
                    break;
                }
            }
        } catch (const Error&) {
            // A formula that no longer compiles reads nothing that can still be deleted safely.
        }
    }
    return out;
}

void RequireNoFormulaReads(const ObjectMeta& object, const FieldMeta& field) {
    std::vector<Text> labels;
    for (const FieldMeta* f : FormulasReading(object, field.name)) labels.push_back(f->label);
    if (labels.empty()) return;
    Text names = NameList(labels);
    throw Error(
        ErrorCode::kConflict,
        {"计算字段" + names.zh + "用到了这个字段，请先修改或删除计算字段",
         "The formula field(s) " + names.en + " use this field: change or delete them first"}
    );
}

void RequireNoLookupsTo(const Schema& schema, const ObjectMeta& object) {
    std::vector<Text> labels;
    // A self-lookup goes with the object.
    for (const LookupRef& ref : LookupsTo(schema, object.name, false)) {
        labels.push_back(
            {ref.object->label.zh + "." + ref.field->label.zh, ref.object->label.en + "." + ref.field->label.en}
        );
    }
    if (labels.empty()) return;
    Text names = NameList(labels);
    throw Error(
        ErrorCode::kConflict,
        {"关联字段" + names.zh + "指向这个对象，请先删除这些字段",
         "The lookup field(s) " + names.en + " point at this object: delete them first"}
    );
}

ObjectRow ReadObjectRow(store::Connection& conn, std::string_view object) {
    if (!IsValidIdentifier(object)) throw Error(ErrorCode::kNotFound, {"对象不存在", "No such object"});
    store::Rows rows = conn.Query(
        "SELECT name, table_name, is_custom, deleted_at IS NOT NULL FROM meta_objects WHERE name = ?",
        {std::string(object)}
    );
    if (rows.empty()) throw Error(ErrorCode::kNotFound, {"对象不存在", "No such object"});
    const store::Row& r = rows.front();
    return {r.Text(0), r.Text(1), r.Int(2) != 0, r.Int(3) != 0};
}

FieldRow ReadFieldRow(store::Connection& conn, std::string_view object, std::string_view field) {
    if (!IsValidIdentifier(field)) throw Error(ErrorCode::kNotFound, {"字段不存在", "No such field"});
    store::Rows rows = conn.Query(
        "SELECT object, name, column_name, type, COALESCE(picklist, ''), is_custom, deleted_at IS NOT NULL "
        "FROM meta_fields WHERE object = ? AND name = ?",
        {std::string(object), std::string(field)}
    );
    if (rows.empty()) throw Error(ErrorCode::kNotFound, {"字段不存在", "No such field"});
    const store::Row& r = rows.front();
    return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5) != 0, r.Int(6) != 0};
}

FieldLabels RestorableFields(store::Connection& conn, std::string_view object) {
    FieldLabels out;
    for (const store::Row& r : conn.Query(
             fmt::format(
                 "SELECT f.name, f.label_zh, f.label_en FROM meta_fields f WHERE f.object = ? AND {}", kRestorableField
             ),
             {std::string(object)}
         )) {
        out.emplace(r.Text(0), Text{r.Text(1), r.Text(2)});
    }
    return out;
}

json::object ListDeleted(store::Connection& conn) {
    json::array objects;
    for (const store::Row& r :
         conn.Query("SELECT name, table_name, label_zh, label_en, COALESCE(icon, ''), deleted_at FROM meta_objects "
                    "WHERE deleted_at IS NOT NULL AND is_custom = 1 ORDER BY deleted_at DESC, name")) {
        std::string table = r.Text(1);
        RequireIdentifier(table);
        int64_t count =
            TableExists(conn, table)
                ? conn.QueryValue(fmt::format("SELECT COUNT(*) FROM {} WHERE deleted_at IS NULL", table))->AsInt()
                : 0;
        json::object o{
            {"name", r.Text(0)},
            {"label", r.Text(2)},
            {"label_en", r.Text(3)},
            {"deleted_at", r.Text(5)},
            {"record_count", count},
        };
        if (!r.Text(4).empty()) o["icon"] = r.Text(4);
        objects.push_back(std::move(o));
    }
    json::array fields;
    for (const store::Row& r : conn.Query(fmt::format(
             "SELECT f.object, o.label_zh, o.label_en, o.deleted_at IS NOT NULL, f.name, f.label_zh, f.label_en, "
             "f.type, f.deleted_at FROM meta_fields f JOIN meta_objects o ON o.name = f.object "
             "WHERE {} ORDER BY f.deleted_at DESC, f.object, f.name",
             kRestorableField
         ))) {
        fields.push_back(json::object{
            {"object", r.Text(0)},
            {"object_label", r.Text(1)},
            {"object_label_en", r.Text(2)},
            {"object_deleted", r.Int(3) != 0},
            {"name", r.Text(4)},
            {"label", r.Text(5)},
            {"label_en", r.Text(6)},
            {"type", r.Text(7)},
            {"deleted_at", r.Text(8)},
        });
    }
    return json::object{{"objects", std::move(objects)}, {"fields", std::move(fields)}};
}

void PurgeFieldStorage(store::Connection& conn, const ObjectRow& object, const FieldRow& field) {
    if (!field.deleted || !field.is_custom)
        throw std::logic_error(fmt::format("purge of a field that is not a deleted custom one: {}", field.name));
    RequireIdentifier(object.table);
    RequireIdentifier(field.column);
    if (TableExists(conn, object.table)) {
        // SQLite will not drop an indexed column: its indexes go first (ours is {table}_{column},
        // but any index naming the column would stop the drop).
        std::vector<std::string> indexes;
        for (const store::Row& r : conn.Query(
                 "SELECT il.name FROM pragma_index_list(?) il WHERE EXISTS "
                 "(SELECT 1 FROM pragma_index_info(il.name) ii WHERE ii.name = ?)",
                 {object.table, field.column}
             )) {
            indexes.push_back(r.Text(0));
        }
        for (const std::string& index : indexes) {
            RequireIdentifier(index);
            conn.ExecuteScript("DROP INDEX " + index);
        }
        bool has_column =
            conn.QueryValue("SELECT 1 FROM pragma_table_info(?) WHERE name = ?", {object.table, field.column})
                .has_value();
        // SQLite ≥ 3.35 and PostgreSQL both take ALTER TABLE … DROP COLUMN.
        if (has_column) conn.ExecuteScript(fmt::format("ALTER TABLE {} DROP COLUMN {}", object.table, field.column));
    }
    conn.Execute("DELETE FROM meta_fields WHERE object = ? AND name = ?", {object.name, field.name});
    conn.Execute("DELETE FROM field_history WHERE object = ? AND field = ?", {object.name, field.name});
    conn.Execute("DELETE FROM autonumber_counters WHERE object = ? AND field = ?", {object.name, field.name});
    DropOwnPicklist(conn, object.name, field.name, field.picklist);
    DropFromLayouts(conn, object.name, field.name);
    DropFieldFromViews(conn, object.name, field.name);
    DropLinkedFiles(conn, object.name, &field.name);
    DropFromRolePermissions(conn, {fmt::format("$.fields.{}.{}", object.name, field.name)});
}

void PurgeObjectStorage(store::Connection& conn, const ObjectRow& object) {
    if (!object.deleted || !object.is_custom)
        throw std::logic_error(fmt::format("purge of an object that is not a deleted custom one: {}", object.name));
    RequireIdentifier(object.name);
    RequireIdentifier(object.table);
    ObjectMeta o;
    o.name = object.name;
    o.table = object.table;
    // The vocabulary reads the FTS table, so it goes first; the write-counter triggers go with the table.
    for (const std::string& table : {SearchVocabTable(o), SearchTailTable(o), o.FtsTable(), o.table}) {
        RequireIdentifier(table);
        conn.ExecuteScript("DROP TABLE IF EXISTS " + table);
    }
    // The table's write counter stays (schema_writer.h: a counter never goes back), so answers kept
    // for the old table can never be taken for those of a new one of the same name.
    for (const store::Row& r : conn.Query(
             "SELECT name, COALESCE(picklist, '') FROM meta_fields WHERE object = ? AND picklist IS NOT NULL", {o.name}
         )) {
        DropOwnPicklist(conn, o.name, r.Text(0), r.Text(1));
    }
    for (const char* table : {
             "meta_fields",
             "meta_layouts",
             "field_history",
             "outbox",
             "record_collaborators",
             "autonumber_counters",
             "saved_views",
         }) {
        conn.Execute(fmt::format("DELETE FROM {} WHERE object = ?", table), {o.name});
    }
    DropLinkedFiles(conn, o.name, nullptr);
    conn.Execute("DELETE FROM meta_objects WHERE name = ?", {o.name});
    DropFromRolePermissions(conn, {"$.objects." + o.name, "$.fields." + o.name});
}

void DeleteObject(
    store::Connection& tx, std::string_view object, const std::optional<std::string>& confirm, TimePoint now
) {
    std::shared_ptr<const Schema> schema = LoadSchema(tx);
    const ObjectMeta& o = schema->Get(object);
    if (!o.is_custom) throw Error(ErrorCode::kConflict, {"标准对象不能删除", "Standard objects cannot be deleted"});
    RequireConfirmation(confirm, o.name);
    RequireNoLookupsTo(*schema, o);
    // The table and its records stay until purged: a mistaken delete loses nothing.
    std::string at = FormatUtc(now);
    tx.Execute("UPDATE meta_objects SET deleted_at = ?, updated_at = ? WHERE name = ?", {at, at, o.name});
}

void RestoreObject(store::Connection& tx, std::string_view object, TimePoint now) {
    ObjectRow row = ReadObjectRow(tx, object);
    if (!row.deleted) throw Error(ErrorCode::kConflict, {"该对象未被删除", "This object is not deleted"});
    tx.Execute("UPDATE meta_objects SET deleted_at = NULL, updated_at = ? WHERE name = ?", {FormatUtc(now), row.name});
    std::shared_ptr<const Schema> schema = LoadSchema(tx);
    const ObjectMeta& o = schema->Get(row.name);
    for (const FieldMeta& f : o.fields) {
        if (f.type == FieldType::kLookup && !schema->Find(f.lookup_object)) {
            throw Error(
                ErrorCode::kConflict,
                {"关联字段「" + f.label.zh + "」指向的对象 " + f.lookup_object + " 已不存在，请先恢复该对象",
                 "The lookup field \"" + f.label.en + "\" points at " + f.lookup_object +
                     ", which is gone: restore that object first"}
            );
        }
    }
    // Its indexes and search tables as this build wants them (a start-up sync skipped it).
    SyncObjectIndexes(tx, o, StandardAggregateIndexes());
    SyncSearchSideTables(tx, o);
    KeepWriteCounter(tx, o.table);
}

void PurgeObject(store::Connection& tx, std::string_view object, const std::optional<std::string>& confirm) {
    ObjectRow row = ReadObjectRow(tx, object);
    if (!row.is_custom) throw Error(ErrorCode::kNotFound, {"对象不存在", "No such object"});
    if (!row.deleted) {
        throw Error(
            ErrorCode::kConflict,
            {"只能彻底删除已删除的对象，请先删除它", "Only a deleted object can be purged: delete it first"}
        );
    }
    RequireConfirmation(confirm, row.name);
    PurgeObjectStorage(tx, row);
}

void RestoreField(store::Connection& tx, std::string_view object, std::string_view field, TimePoint now) {
    ObjectRow owner = ReadObjectRow(tx, object);
    FieldRow row = ReadFieldRow(tx, owner.name, field);
    if (!row.deleted) throw Error(ErrorCode::kConflict, {"该字段未被删除", "This field is not deleted"});
    if (owner.deleted) {
        throw Error(
            ErrorCode::kConflict,
            {"字段所属的对象已删除，请先恢复对象", "The field's object is deleted: restore the object first"}
        );
    }
    tx.Execute("UPDATE meta_fields SET deleted_at = NULL WHERE object = ? AND name = ?", {owner.name, row.name});
    std::shared_ptr<const Schema> schema = LoadSchema(tx);
    const ObjectMeta& o = schema->Get(owner.name);
    const FieldMeta* f = o.Field(row.name);
    if (!f) throw Error(ErrorCode::kConflict, {"无法恢复该字段", "This field cannot be restored"});
    if (f->type == FieldType::kLookup && !schema->Find(f->lookup_object)) {
        throw Error(
            ErrorCode::kConflict,
            {"该字段指向的对象 " + f->lookup_object + " 已不存在",
             "The object " + f->lookup_object + " it points at is gone"}
        );
    }
    if (f->type == FieldType::kFormula) {
        std::optional<CompiledFormula> formula;
        try {
            formula = CompileFormula(o, f->formula);
        } catch (const Error&) {
            throw Error(
                ErrorCode::kConflict,
                {"该计算字段用到的字段已不存在，无法恢复", "A field this formula uses is gone: it cannot be restored"}
            );
        }
        // Its fields may have changed while it was away: every record's value is computed again.
        tx.Execute(fmt::format("UPDATE {} SET {} = {}", o.table, f->column, formula->sql));
    }
    // Its index (a start-up sync drops the index of a deleted field) and its search text.
    SyncObjectIndexes(tx, o, StandardAggregateIndexes());
    if (f->searchable) RebuildSearchAfterFieldDelete(tx, o, now);
}

void PurgeField(
    store::Connection& tx, std::string_view object, std::string_view field, const std::optional<std::string>& confirm
) {
    ObjectRow owner = ReadObjectRow(tx, object);
    FieldRow row = ReadFieldRow(tx, owner.name, field);
    if (!row.is_custom) throw Error(ErrorCode::kNotFound, {"字段不存在", "No such field"});
    if (!row.deleted) {
        throw Error(
            ErrorCode::kConflict,
            {"只能彻底删除已删除的字段，请先删除它", "Only a deleted field can be purged: delete it first"}
        );
    }
    RequireConfirmation(confirm, row.name);
    PurgeFieldStorage(tx, owner, row);
}

}  // namespace xieli::records
