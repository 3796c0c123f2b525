#pragma once

// Which lookup fields point at an object: what keeps an object from being deleted
// (meta_deletion.h) and a record from being purged (recycle_bin.h).

#include <string_view>
#include <vector>

#include "records/metadata.h"

namespace xieli::records {

// A lookup field and the object it belongs to.
struct LookupRef {
    const ObjectMeta* object;
    const FieldMeta* field;
};

// The lookup fields of the schema's objects that point at `object`. `with_self` counts those of
// `object` itself too: a deleted object takes its own self-lookups with it, but a purged record
// must count the live records of its own object that point at it (a customer's child customers).
std::vector<LookupRef> LookupsTo(const Schema& schema, std::string_view object, bool with_self);

}  // namespace xieli::records
