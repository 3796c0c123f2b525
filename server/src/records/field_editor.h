#pragma once

// Changing a field's metadata after it exists (PATCH /meta/objects/{object}/fields/{field}).
// Its type and storage never change — that would need a data migration; everything about how it
// is shown and checked may. Standard fields keep their rules: only labels, help and order change,
// a standard field may be made required but not optional, and a standard select field may get
// another default option. A select default must be an enabled option of its picklist; an
// autonumber format is checked as records/autonumber_format.h says.

#include "common/json.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::records {

void UpdateFieldMeta(store::Connection& tx, const ObjectMeta& object, const FieldMeta& field, const json::object& body);

}  // namespace xieli::records
