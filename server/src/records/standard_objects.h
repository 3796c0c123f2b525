#pragma once

// The built-in objects (DOMAIN.md "Customers and sales") and the default data dictionary, written
// as data. SyncStandardObjects() brings an enterprise's metadata up to this definition: missing
// objects and fields are created through the same schema writer custom ones use; nothing an admin
// added or changed is touched.

#include <string>
#include <vector>

#include "common/clock.h"
#include "records/metadata.h"
#include "records/schema_writer.h"
#include "store/database.h"

namespace xieli::records {

struct PicklistOption {
    const char* value;
    const char* zh;
    const char* en;
};

struct PicklistDef {
    const char* name;
    const char* zh;
    const char* en;
    std::vector<PicklistOption> options;
};

const std::vector<ObjectMeta>& StandardObjectDefinitions();
// The covering indexes the standard objects' dashboards need (schema_writer.h, AggregateIndex).
const std::vector<AggregateIndex>& StandardAggregateIndexes();
const std::vector<PicklistDef>& StandardPicklists();

// Creates what is missing; returns true when anything changed (the caller drops cached schemas).
bool SyncStandardObjects(store::Connection& tx, TimePoint now);

}  // namespace xieli::records
