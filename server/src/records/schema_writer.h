#pragma once

// DDL from metadata: one real table per object (obj_<name>), one real column per field, its
// indexes, and the keyword-search tables (search_index.h). Identifiers reach SQL only after
// IsValidIdentifier(); they come from metadata, never straight from a request.

#include <map>
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

// A covering index for the grouped figures of one object (aggregate.h, the dashboards), declared
// with the object's definition (StandardAggregateIndexes in standard_objects.h): the fields an
// aggregate filters on, groups by and sums, in that order — equality filters first, then the one
// range or group key, then the measured fields. The engine adds the data scope's columns
// (owner_id, department_id) and leaves out the recycle bin, so such an aggregate, for anyone,
// reads this index and never the table (docs/decisions/0010-aggregate-indexes.md).
struct AggregateIndex {
    std::string object;
    std::string name;  // the index is {table}__agg_{name}
    std::vector<std::string> fields;
};

// The index of one field, if it gets one (the rule is in schema_writer.cpp, FieldIndex).
std::optional<IndexDefinition> FieldIndex(const ObjectMeta& object, const FieldMeta& field);
// The index of a declaration for `object`; none when it is another object's or names a field the
// object does not have (an admin cannot delete standard fields, but a declaration may be newer).
std::optional<IndexDefinition> AggregateIndexFor(const ObjectMeta& object, const AggregateIndex& declared);
// Every index the object's table should have: the system columns', each field's and the
// aggregate indexes declared for it.
std::vector<IndexDefinition> ObjectIndexes(
    const ObjectMeta& object, const std::vector<AggregateIndex>& aggregates = {}
);

struct IndexChanges {
    std::vector<std::string> created;  // new, or rebuilt with a new definition
    std::vector<std::string> dropped;  // no longer wanted
};
// Brings the indexes of an existing table to ObjectIndexes(). Only indexes this file names are
// dropped ({table}_{column}, {table}__agg_… and the system ones); anything else is left alone.
IndexChanges SyncObjectIndexes(
    store::Connection& conn, const ObjectMeta& object, const std::vector<AggregateIndex>& aggregates = {}
);

// Write counters (docs/decisions/0013-aggregate-cache.md): record_write_counters holds one row per
// counted table, and three triggers on the table add one to it for each row inserted, updated or
// deleted — in the writing statement's own transaction, whoever writes (the records engine, a
// module's own SQL, an import): a reader that sees a table's rows sees its counter with them. Kept
// answers (aggregate_cache.h) are valid while the counters they were read under are unchanged.
// Creates the counter row and triggers of `table` if missing; a counter never goes back.
void KeepWriteCounter(store::Connection& conn, const std::string& table);
// The tables besides the records' own that a query's WHERE reads (collaborators in the data scope,
// a tree picklist's options): counted too.
const std::vector<std::string>& CountedSideTables();
// The counters of `tables` that exist (a table without one is missing from the answer).
std::map<std::string, int64_t> WriteCounters(store::Connection& conn, const std::vector<std::string>& tables);

// Brings every live object's table of a tenant database up to this build: indexes (with the
// standard objects' aggregate indexes), write counters and keyword-search tables. One transaction per object; cheap
// when nothing changed (a look at sqlite_master), minutes on a table of millions of rows the first time an index is
// rebuilt.
void SyncTableStorage(store::Database& db);

}  // namespace xieli::records
