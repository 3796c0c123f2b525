#pragma once

// DDL from metadata: one real table per object (obj_<name>), one real column per field, its
// indexes, and the keyword-search tables (search_index.h). Identifiers reach SQL only after
// IsValidIdentifier(); they come from metadata, never straight from a request.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::records {

// ^[a-z][a-z0-9_]{0,62}$ — what an object, field or column name may be.
bool IsValidIdentifier(std::string_view name);

// A new object: its meta_objects row, its table with system columns, indexes and search table.
void CreateObjectTable(store::Connection& conn, const ObjectMeta& object, int sort_order, TimePoint now);
// A new field: its meta_fields row, its column (ALTER TABLE … ADD COLUMN) and its index, if any.
void AddFieldColumn(store::Connection& conn, const ObjectMeta& object, const FieldMeta& field, TimePoint now);

// One index of an object's table: its name and its CREATE INDEX text, exactly as sqlite_master
// keeps it (an index whose stored text differs is rebuilt).
struct IndexDefinition {
    std::string name;
    std::string sql;
};

// The index of one field, if it gets one (the rule is in schema_writer.cpp, FieldIndex).
std::optional<IndexDefinition> FieldIndex(const ObjectMeta& object, const FieldMeta& field);
// Every index the object's table should have: the system columns' and each field's.
std::vector<IndexDefinition> ObjectIndexes(const ObjectMeta& object);

struct IndexChanges {
    std::vector<std::string> created;  // new, or rebuilt with a new definition
    std::vector<std::string> dropped;  // no longer wanted
};
// Brings the indexes of an existing table to ObjectIndexes(). Only indexes this file names are
// dropped ({table}_{column} and the system ones); anything else on the table is left alone.
IndexChanges SyncObjectIndexes(store::Connection& conn, const ObjectMeta& object);

// Brings every live object's table of a tenant database up to this build: indexes and keyword-
// search tables. One transaction per object; cheap when nothing changed (a look at
// sqlite_master), minutes on a table of millions of rows the first time an index is rebuilt.
void SyncTableStorage(store::Database& db);

}  // namespace xieli::records
