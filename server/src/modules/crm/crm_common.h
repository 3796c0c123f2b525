#pragma once

// Small pieces the CRM rules share: reading one record through the caller's data scope, and
// finding an object's table from metadata.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/access.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::crm {

// A record as field name → stored value.
using Row = std::map<std::string, store::Value>;

// The live (not deleted) record `id` of `object`, when the caller may do `action` to it — the
// scope comes from records::ScopePredicate, like every other read — with the named fields (system
// fields such as created_by may be named too). nullopt when it is not there or not in scope.
std::optional<Row> ReadScoped(
    store::Connection& conn,
    const records::AccessContext& access,
    const records::ObjectMeta& object,
    int64_t id,
    records::Action action,
    const std::vector<std::string>& fields
);

// The table of `object` as metadata names it; for hooks, which see only their own object.
std::string TableOf(store::Connection& conn, std::string_view object);

// 404 worded like the engine's, so a record outside the caller's scope looks like a missing one.
[[noreturn]] void ThrowRecordNotFound();

}  // namespace xieli::crm
