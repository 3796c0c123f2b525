#pragma once

// The data dictionary (数据字典) as administrators edit it: new picklists, renamed and reordered
// options, options switched off. An option's value is what records store, so it never changes and
// an option is never deleted — a disabled one stays readable on old records and is no longer offered.
// Options may form a tree (an option's `parent` is another option's value: 软件 → 企业版); filtering
// with the operator "under" matches an option and every option below it (query_compiler.h).

#include <string_view>

#include "common/clock.h"
#include "common/json.h"
#include "store/database.h"

namespace xieli::records {

// The picklist with its options in order: {"name", "label", "label_en", "system", "options": [...]};
// 404 when there is none.
json::object ReadPicklist(store::Connection& conn, std::string_view name);

// {"name"?, "label", "label_en"?, "options": [{"label", "label_en"?, "color"?}]} → the new picklist.
json::object CreatePicklist(store::Connection& tx, const json::object& body, TimePoint now);

// {"label"?, "label_en"?, "options"?: [{"value"?, "label", "label_en"?, "disabled"?, "color"?, "parent"?}]}.
// `options` is the whole list in its new order: entries with a value change that option, entries
// without one are new; options left out are disabled, not deleted (and keep their parent). A parent
// must be an option saved before (422 unknown_parent), never below the option itself (422 cycle).
json::object UpdatePicklist(store::Connection& tx, std::string_view name, const json::object& body);

}  // namespace xieli::records
