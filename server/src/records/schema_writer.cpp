#include "records/schema_writer.h"

#include <fmt/format.h>

#include <stdexcept>

namespace xieli::records {

namespace {

void RequireIdentifier(std::string_view name) {
    if (!IsValidIdentifier(name)) throw std::logic_error(fmt::format("invalid identifier '{}'", name));
}

store::Value Nullable(const std::string& s) {
    return s.empty() ? store::Value() : store::Value(s);
}

}  // namespace

bool IsValidIdentifier(std::string_view name) {
    if (name.empty() || name.size() > 63 || name[0] < 'a' || name[0] > 'z') return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

void CreateObjectTable(store::Connection& conn, const ObjectMeta& object, int sort_order, TimePoint now) {
    RequireIdentifier(object.name);
    RequireIdentifier(object.table);
    std::string ts = FormatUtc(now);
    conn.Execute(
        "INSERT INTO meta_objects (name, table_name, label_zh, label_en, is_custom, name_field, icon, sort_order, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {object.name,
         object.table,
         object.label.zh,
         object.label.en,
         object.is_custom,
         object.name_field,
         Nullable(object.icon),
         sort_order,
         ts,
         ts}
    );
    conn.ExecuteScript(fmt::format(
        "CREATE TABLE {0} ("
        "id INTEGER PRIMARY KEY, owner_id INTEGER, department_id INTEGER, created_by INTEGER, "
        "created_at TEXT NOT NULL, updated_by INTEGER, updated_at TEXT NOT NULL, "
        "version INTEGER NOT NULL DEFAULT 1, deleted_at TEXT);"
        "CREATE INDEX {0}_owner ON {0} (owner_id, updated_at);"
        "CREATE INDEX {0}_department ON {0} (department_id);"
        "CREATE INDEX {0}_updated ON {0} (updated_at);"
        "CREATE INDEX {0}_created ON {0} (created_at);"
        "CREATE INDEX {0}_deleted ON {0} (deleted_at) WHERE deleted_at IS NOT NULL;"
        "CREATE VIRTUAL TABLE {1} USING fts5(search_text, tokenize = 'trigram');",
        object.table,
        object.FtsTable()
    ));
    for (const FieldMeta& f : object.fields) {
        if (!f.is_system) AddFieldColumn(conn, object, f, now);
    }
}

void AddFieldColumn(store::Connection& conn, const ObjectMeta& object, const FieldMeta& f, TimePoint now) {
    RequireIdentifier(object.table);
    RequireIdentifier(f.name);
    RequireIdentifier(f.column);
    const FieldTypeInfo& info = InfoOf(f.type);
    conn.Execute(
        "INSERT INTO meta_fields (object, name, column_name, type, label_zh, label_en, help_zh, help_en, required, "
        "is_unique, default_value, min_value, max_value, max_length, picklist, lookup_object, autonumber_format, "
        "formula, searchable, is_custom, is_system, read_only, sort_order, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {object.name,
         f.name,
         f.column,
         info.name,
         f.label.zh,
         f.label.en,
         Nullable(f.help.zh),
         Nullable(f.help.en),
         f.required,
         f.unique,
         f.default_json,
         f.min_value,
         f.max_value,
         f.max_length,
         Nullable(f.picklist),
         Nullable(f.lookup_object),
         Nullable(f.autonumber_format),
         Nullable(f.formula),
         f.searchable,
         f.is_custom,
         f.is_system,
         f.read_only,
         f.sort_order,
         FormatUtc(now)}
    );
    conn.ExecuteScript(fmt::format("ALTER TABLE {} ADD COLUMN {} {}", object.table, f.column, SqlTypeOf(info.storage)));
    // Sortable and relational fields get an index so filters, sorts and related lists stay fast
    // at a million rows. Long text does not.
    bool indexed = info.sortable || f.unique || f.type == FieldType::kLookup;
    if (indexed && f.type != FieldType::kBoolean) {
        conn.ExecuteScript(
            fmt::format("CREATE INDEX {0}_{1} ON {0} ({1}) WHERE deleted_at IS NULL", object.table, f.column)
        );
    }
}

}  // namespace xieli::records
