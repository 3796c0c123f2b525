#pragma once

// Which fields a caller may fill from a spreadsheet, and which column goes to which field. Pure
// functions over metadata and the caller's field security, so templates, suggestions and the
// import's checks agree.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "records/access.h"
#include "records/metadata.h"

namespace xieli::data_io {

// The fields an import may write for this caller, in display order: the object's own fields the
// caller may edit, then the owner (负责人, by name or phone). Never: other system fields, fields
// read-only by rule or by the caller's field security, hidden fields, autonumbers, formulas, files,
// images and locations.
std::vector<const records::FieldMeta*> ImportableFields(
    const records::ObjectMeta& object, const records::AccessContext& access
);

// ImportableFields plus the fields a column may name only to match records: id and autonumbers.
std::vector<const records::FieldMeta*> MappingCandidates(
    const records::ObjectMeta& object, const records::AccessContext& access
);

// True when a field's value can identify a record for duplicate handling (match_field).
bool Matchable(const records::FieldMeta& f);
// True when the caller may see the field (not hidden): what an export may hold, formulas included.
bool Readable(const records::ObjectMeta& object, const records::FieldMeta& f, const records::AccessContext& access);

// A header cell reduced for matching: "*客户名称（必填）" → "客户名称", " E-mail " → "e-mail".
std::string NormalizeHeader(std::string_view header);

// The suggested mapping: each column → the field whose Chinese or English label or API name it
// names (ignoring case, spaces, a leading * and a trailing （…） hint), or null. A field gets at most
// one column (the first). `candidates` are the importable fields plus, for matching only, id.
json::object SuggestMapping(
    const std::vector<std::string>& columns, const std::vector<const records::FieldMeta*>& candidates
);

// What an import request's mapping and duplicate options mean, once checked.
struct ImportPlan {
    std::map<std::string, const records::FieldMeta*> columns;  // mapped column → field
    std::string duplicate = "skip";                            // skip | update | create
    const records::FieldMeta* match = nullptr;                 // for skip and update
};

// Checks {"mapping": {column: field|null}, "duplicate", "match_field"} against the upload's
// columns and what the caller may import; every problem is one detail of a 422.
ImportPlan CheckImportRequest(
    const json::object& body,
    const std::vector<std::string>& columns,
    const records::ObjectMeta& object,
    const records::AccessContext& access
);

}  // namespace xieli::data_io
