#include "records/schema_writer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "records/search_index.h"
#include "records/standard_objects.h"

namespace xieli::records {

namespace {

void RequireIdentifier(std::string_view name) {
    if (!IsValidIdentifier(name)) throw std::logic_error(fmt::format("invalid identifier '{}'", name));
}

// The system columns' indexes. Lists show the most recently changed records first (the default
// sort of query_compiler.cpp is -updated_at), so the columns a data scope filters on are paired
// with updated_at: a page of one owner's or one department's records is read in order from the
// index and stops after one page, instead of reading and sorting all of them.
std::vector<IndexDefinition> SystemIndexes(const std::string& table) {
    auto index = [&](const char* suffix, const char* definition) {
        std::string name = table + "_" + suffix;
        return IndexDefinition{name, fmt::format("CREATE INDEX {} ON {} {}", name, table, definition)};
    };
    // "Created this month" is what dashboards count most (new customers, follow-ups, the trends):
    // with the data scope's columns and the recycle-bin mark beside created_at, such a count reads
    // the created index alone for anyone who sees many people's records, and the owner index alone
    // for a salesperson who sees their own — at no cost to writes beyond a few bytes per entry.
    return {
        index("owner", "(owner_id, updated_at, created_at, deleted_at)"),
        index("department", "(department_id, updated_at)"),
        index("updated", "(updated_at)"),
        index("created", "(created_at, owner_id, department_id, deleted_at)"),
        index("deleted", "(deleted_at) WHERE deleted_at IS NOT NULL"),
    };
}

// Between the table and the name of an aggregate index. A column name starts with a letter, so
// {table}__agg_… can never be a field's index {table}_{column}.
constexpr std::string_view kAggregateInfix = "__agg_";

bool IsSystemIndexSuffix(std::string_view suffix) {
    return suffix == "owner" || suffix == "department" || suffix == "updated" || suffix == "created" ||
           suffix == "deleted";
}

// Whether the planner already works from statistics for this table (ANALYZE ran, or PRAGMA
// optimize when the database closed): a rebuilt index then needs its own, or the planner would
// weigh it with default guesses against measured neighbours.
bool HasStatistics(store::Connection& conn, const std::string& table) {
    if (!conn.QueryValue("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")) return false;
    return conn.QueryValue("SELECT 1 FROM sqlite_stat1 WHERE tbl = ? LIMIT 1", {table}).has_value();
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
        "CREATE VIRTUAL TABLE {1} USING fts5(search_text, tokenize = 'trigram');",
        object.table,
        object.FtsTable()
    ));
    for (const IndexDefinition& index : SystemIndexes(object.table)) conn.ExecuteScript(index.sql);
    KeepWriteCounter(conn, object.table);
    CreateSearchSideTables(conn, object);
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
    if (std::optional<IndexDefinition> index = FieldIndex(object, f)) conn.ExecuteScript(index->sql);
}

std::optional<IndexDefinition> FieldIndex(const ObjectMeta& object, const FieldMeta& f) {
    if (f.is_system) return std::nullopt;  // SystemIndexes
    RequireIdentifier(object.table);
    RequireIdentifier(f.column);
    // Every index makes each write of the table change one more B-tree, so only fields that lists
    // filter or sort on get one (bench: an import on a million customers; docs/performance.md).
    std::string_view then;
    switch (f.type) {
        // Picklists, people, departments, related records and dates are what lists filter on, and
        // a filtered list is shown most recently changed first: (column, updated_at) gives the
        // filter's records already in that order, so a page stops after 51 index entries. The
        // same index serves every look-up by the column alone (related lists, imports).
        case FieldType::kSelect:
        case FieldType::kUser:
        case FieldType::kDepartment:
        case FieldType::kLookup:
        case FieldType::kDate:
        case FieldType::kDatetime: then = ", updated_at"; break;
        // Amounts are sorted and compared by range; record numbers are looked up, and new ones land
        // at the end of their index, so keeping it costs little.
        case FieldType::kNumber:
        case FieldType::kCurrency:
        case FieldType::kPercent:
        case FieldType::kFormula:
        case FieldType::kAutonumber: break;
        // Free text is found by keyword search. Its keys land anywhere in an index, so each one
        // costs every write a page of its own: only the name (sorted by, looked up by imports and
        // pickers) and unique fields (the uniqueness check) are indexed.
        case FieldType::kText:
        case FieldType::kPhone:
        case FieldType::kEmail:
        case FieldType::kRegion:
            if (!f.unique && f.name != object.name_field) return std::nullopt;
            break;
        // Yes/no, lists of options, long text, links, places and files: nothing an index narrows.
        default:
            if (!f.unique) return std::nullopt;
            break;
    }
    std::string name = fmt::format("{}_{}", object.table, f.column);
    return IndexDefinition{
        name, fmt::format("CREATE INDEX {} ON {} ({}{}) WHERE deleted_at IS NULL", name, object.table, f.column, then)};
}

std::optional<IndexDefinition> AggregateIndexFor(const ObjectMeta& object, const AggregateIndex& declared) {
    if (declared.object != object.name || declared.fields.empty()) return std::nullopt;
    RequireIdentifier(object.table);
    RequireIdentifier(declared.name);
    std::string columns;
    for (const std::string& field : declared.fields) {
        const FieldMeta* f = object.Field(field);
        if (!f) return std::nullopt;
        RequireIdentifier(f->column);
        columns += f->column + ", ";
    }
    // The data scope filters every aggregate on these (records/access.cpp, ScopePredicate), and on
    // the recycle bin: with deleted_at in it, SQLite knows the index covers the query (it does
    // not count the partial index's own condition as covered). A declaration may lead with one.
    std::string tail;
    for (const char* scope : {"owner_id", "department_id", "deleted_at"}) {
        if (std::find(declared.fields.begin(), declared.fields.end(), scope) == declared.fields.end())
            tail += std::string(tail.empty() ? "" : ", ") + scope;
    }
    columns = tail.empty() ? columns.substr(0, columns.size() - 2) : columns + tail;
    std::string name = fmt::format("{}{}{}", object.table, kAggregateInfix, declared.name);
    return IndexDefinition{
        name, fmt::format("CREATE INDEX {} ON {} ({}) WHERE deleted_at IS NULL", name, object.table, columns)};
}

std::vector<IndexDefinition> ObjectIndexes(const ObjectMeta& object, const std::vector<AggregateIndex>& aggregates) {
    RequireIdentifier(object.table);
    std::vector<IndexDefinition> out = SystemIndexes(object.table);
    for (const FieldMeta& f : object.fields) {
        if (std::optional<IndexDefinition> index = FieldIndex(object, f)) out.push_back(std::move(*index));
    }
    for (const AggregateIndex& declared : aggregates) {
        if (std::optional<IndexDefinition> index = AggregateIndexFor(object, declared))
            out.push_back(std::move(*index));
    }
    return out;
}

IndexChanges SyncObjectIndexes(
    store::Connection& conn, const ObjectMeta& object, const std::vector<AggregateIndex>& aggregates
) {
    RequireIdentifier(object.table);
    std::map<std::string, std::string> existing;  // name → CREATE INDEX text
    for (const store::Row& r : conn.Query(
             "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
             {object.table}
         )) {
        existing.emplace(r.Text(0), r.Text(1));
    }
    std::set<std::string> columns;
    for (const store::Row& r : conn.Query("SELECT name FROM pragma_table_info(?)", {object.table}))
        columns.insert(r.Text(0));
    // Ours: the system indexes, {table}_{column} and {table}__agg_{name}, the names this file gives.
    auto ours = [&](const std::string& name) {
        if (name.size() <= object.table.size() + 1 || name.compare(0, object.table.size() + 1, object.table + "_") != 0)
            return false;
        std::string suffix = name.substr(object.table.size() + 1);
        if (name.compare(object.table.size(), kAggregateInfix.size(), kAggregateInfix) == 0) return true;
        return IsSystemIndexSuffix(suffix) || columns.count(suffix) > 0;
    };

    IndexChanges changes;
    std::vector<IndexDefinition> wanted = ObjectIndexes(object, aggregates);
    std::set<std::string> wanted_names;
    for (const IndexDefinition& w : wanted) wanted_names.insert(w.name);
    for (const auto& [name, sql] : existing) {
        if (!ours(name) || wanted_names.count(name)) continue;
        RequireIdentifier(name);
        conn.ExecuteScript("DROP INDEX " + name);
        changes.dropped.push_back(name);
    }
    for (const IndexDefinition& w : wanted) {
        auto it = existing.find(w.name);
        if (it != existing.end() && it->second == w.sql) continue;
        if (it != existing.end()) conn.ExecuteScript("DROP INDEX " + w.name);
        conn.ExecuteScript(w.sql);
        changes.created.push_back(w.name);
    }
    return changes;
}

void KeepWriteCounter(store::Connection& conn, const std::string& table) {
    RequireIdentifier(table);
    conn.ExecuteScript(
        "CREATE TABLE IF NOT EXISTS record_write_counters "
        "(table_name TEXT PRIMARY KEY, writes INTEGER NOT NULL DEFAULT 0)"
    );
    conn.Execute("INSERT OR IGNORE INTO record_write_counters (table_name, writes) VALUES (?, 0)", {table});
    // SQLite triggers run for each row (PostgreSQL: one AFTER INSERT OR UPDATE OR DELETE … FOR
    // EACH STATEMENT trigger doing the same UPDATE). The table name is a checked identifier.
    for (const char* event : {"INSERT", "UPDATE", "DELETE"}) {
        std::string suffix = event;
        for (char& c : suffix) c = static_cast<char>(c - 'A' + 'a');
        conn.ExecuteScript(fmt::format(
            "CREATE TRIGGER IF NOT EXISTS {0}__writes_{1} AFTER {2} ON {0} BEGIN "
            "UPDATE record_write_counters SET writes = writes + 1 WHERE table_name = '{0}'; END",
            table,
            suffix,
            event
        ));
    }
}

const std::vector<std::string>& CountedSideTables() {
    static const std::vector<std::string> kTables{"record_collaborators", "picklist_options"};
    return kTables;
}

std::map<std::string, int64_t> WriteCounters(store::Connection& conn, const std::vector<std::string>& tables) {
    std::map<std::string, int64_t> out;
    // The counters are SQLite triggers; another database keeps none (nothing is kept for it then).
    if (tables.empty() || conn.dialect() != store::Dialect::kSqlite ||
        !conn.QueryValue("SELECT 1 FROM sqlite_master WHERE name = 'record_write_counters'"))
        return out;
    std::string placeholders;
    std::vector<store::Value> params;
    for (const std::string& t : tables) {
        placeholders += placeholders.empty() ? "?" : ", ?";
        params.emplace_back(t);
    }
    for (const store::Row& r : conn.Query(
             fmt::format("SELECT table_name, writes FROM record_write_counters WHERE table_name IN ({})", placeholders),
             store::Params(params)
         )) {
        out.emplace(r.Text(0), r.Int(1));
    }
    return out;
}

// At the first use of a tenant database in a process (RecordsModule::SchemaOf), rather than as a
// numbered migration: the indexes follow from each enterprise's own metadata (custom objects and
// fields included), which a fixed SQL file cannot know, and comparing the wanted definitions with
// sqlite_master makes running it again a no-op — a later change of the rule rebuilds exactly the
// indexes it changes.
void SyncTableStorage(store::Database& db) {
    std::shared_ptr<const Schema> schema;
    {
        store::Reader r = db.Read();
        schema = LoadSchema(*r);
    }
    for (const auto& [name, object] : schema->objects()) {
        store::Transaction tx = db.Write();
        IndexChanges changes = SyncObjectIndexes(*tx, object, StandardAggregateIndexes());
        bool search = SyncSearchSideTables(*tx, object);
        KeepWriteCounter(*tx, object.table);
        if (!changes.created.empty() && HasStatistics(*tx, object.table)) {
            for (const std::string& index : changes.created) tx->ExecuteScript("ANALYZE " + index);
        }
        tx.Commit();
        if (!changes.created.empty() || !changes.dropped.empty() || search) {
            spdlog::info(
                "records: {} brought up to date: {} indexes built, {} dropped{}",
                object.table,
                changes.created.size(),
                changes.dropped.size(),
                search ? ", keyword-search tables added" : ""
            );
        }
    }
    store::Transaction tx = db.Write();
    for (const std::string& table : CountedSideTables()) {
        if (tx->QueryValue("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {table}))
            KeepWriteCounter(*tx, table);
    }
    tx.Commit();
}

}  // namespace xieli::records
