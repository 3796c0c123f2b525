#pragma once

// Page layouts (布局): how the form and the detail page of an object group its fields into sections.
// Stored per object and kind in meta_layouts; without one, a default layout lists every field in
// metadata order. Field security still decides per caller: a hidden field is dropped from the
// layout the caller receives, so the web app renders what the caller may see and nothing more.

#include <string_view>

#include "common/clock.h"
#include "common/json.h"
#include "records/record_service.h"

namespace xieli::records {

// "form" or "detail"; anything else is 404.
void RequireLayoutKind(std::string_view kind);

// {"object", "kind", "custom": bool, "sections": [{"title", "title_en", "columns", "fields": [...]}]}
// with the caller's hidden fields removed and fields that no longer exist skipped.
json::object GetLayout(RecordScope& s, std::string_view object, std::string_view kind);

// Changing layouts is for administrators of the CRM area: the HTTP handler checks that
// (org::RequireAdmin), as for every admin endpoint.

// Replaces the layout after checking it: sections 1–30, known fields, each at most once; a form
// holds only fields people can type into and every required one of them.
json::object PutLayout(
    RecordScope& s, std::string_view object, std::string_view kind, const json::object& body, TimePoint now
);

// Back to the default layout.
void ResetLayout(RecordScope& s, std::string_view object, std::string_view kind);

}  // namespace xieli::records
