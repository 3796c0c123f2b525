#pragma once

// DDL from metadata: one real table per object (obj_<name>), one real column per field, and an
// FTS5 trigram table for keyword search. Identifiers reach SQL only after IsValidIdentifier();
// they come from metadata, never straight from a request.

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
// A new field: its meta_fields row and its column (ALTER TABLE … ADD COLUMN), indexed when sortable.
void AddFieldColumn(store::Connection& conn, const ObjectMeta& object, const FieldMeta& field, TimePoint now);

}  // namespace xieli::records
