#pragma once

// Saved list views (API.md "Records"): a name, a filter, a sort and the columns to show, per object.
// A view is personal; administrators (full, or of the CRM area) may share one with everybody.
// Filters, sorts and columns are checked by compiling them against the caller's schema and field
// security, so a saved view can never name a field its author may not see.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/json.h"
#include "records/meta_deletion.h"
#include "records/record_service.h"

namespace xieli::records {

// What the caller may do beyond their own views.
struct ViewRights {
    bool may_share = false;  // full administrator or CRM sub-administrator
};

// A stored view as it applies to the caller today. Columns, sort keys and filter conditions on
// fields that no longer exist (an administrator deleted them) or that the caller's field security
// hides are left out, so applying a view never fails or empties the list because of them; a group
// left with no condition goes too, and a filter left with none is null. The fields of the filter
// conditions left out are named in "missing_fields" (in order, once each; empty when none): the
// filter no longer means what it did, and the user should know. Deleted and hidden fields are
// reported alike, as the query compiler does. The stored view is never rewritten, so a restored
// field makes the view whole again.
// "hidden_conditions" counts the conditions left out. "missing_field_labels" gives, by API name,
// {"label", "label_en"} of each missing field that was deleted and can be restored (`restorable`,
// meta_deletion.h RestorableFields), so the list can name it in the user's language; a field the
// caller's field security hides is never labelled (its label is not theirs to see), nor is one
// purged for good.
// "purged_fields" names, among the missing fields, those that exist nowhere any more — neither live
// nor restorable: purged for good, or never there — and "purged_conditions" counts their
// conditions (included in "hidden_conditions"). Unlike the others these are not kept: the next
// PATCH of the view drops them (KeepUnseenConditions, UpdateView).
json::object ApplicableView(
    const ObjectMeta& o, const AccessContext& access, const FieldLabels& restorable, json::object view
);

// The filter a PATCH stores when it replaces `stored` with `sent`: the caller edited the view as
// ApplicableView showed it, so the conditions they could not see — on a field hidden from them, or
// deleted but still restorable (`restorable`) — are kept, or restoring the field would not bring
// them back. A top-level item made only of such conditions is added to the top-level group (`sent`
// goes inside a group of the stored kind when its own kind differs); a group that mixed them with
// visible ones gets them back when `sent` still holds it as it was shown, and loses them when the
// caller changed it. Conditions on fields gone for good are dropped. `sent` as it is when nothing
// was hidden.
json::value KeepUnseenConditions(
    const ObjectMeta& o,
    const AccessContext& access,
    const FieldLabels& restorable,
    const json::value& stored,
    const json::value& sent
);

// Takes field `field` of `object` out of every saved view — its filter's conditions, its sort keys,
// its columns — when the field is purged for good (meta_deletion.h PurgeFieldStorage): its name
// may then be taken by a new field, which those conditions must not filter. The views' updated_at
// is left as it was: nobody edited them. Returns how many views changed.
int64_t DropFieldFromViews(store::Connection& conn, std::string_view object, std::string_view field);

// {"records": [...]}: the caller's views and the shared ones, shared first, then by name.
json::object ListViews(RecordScope& s, std::string_view object);
json::object CreateView(
    RecordScope& s, std::string_view object, const json::object& body, ViewRights rights, TimePoint now
);
// Changes what `body` sends. Conditions on fields that exist nowhere are dropped from the stored
// filter whatever is sent; the others the caller was not shown stay (KeepUnseenConditions).
json::object UpdateView(
    RecordScope& s, std::string_view object, int64_t id, const json::object& body, ViewRights rights, TimePoint now
);
void DeleteView(RecordScope& s, std::string_view object, int64_t id, ViewRights rights);

}  // namespace xieli::records
