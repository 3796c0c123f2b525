#pragma once

// Per-field limits of file and image fields (附件 / 图片), kept in file_field_limits (migration
// 0035) and set by administrators next to the field's other options:
//  - max_size_mb: the largest file the field takes, 1 … the server's --file-max-mb;
//  - accept (file fields only): the kinds of file it takes, named after what file_sniff.cpp tells
//    from the bytes — image, pdf, office, text, archive, media. Image fields take images anyway.
// Checked when a record's field takes an upload (file_fields.cpp): 422 naming the field. Files a
// record already has stay when a limit is tightened later.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "common/text.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::files {

struct FileLimits {
    std::optional<int64_t> max_size_mb;
    std::vector<std::string> accept;  // empty: any kind

    bool empty() const { return !max_size_mb && accept.empty(); }
};

// The kinds a file field may accept, in this order.
const std::vector<std::string_view>& FileKinds();
// The kind of a sniffed content type; empty for one of no kind (application/octet-stream, OLE
// storage that is not an Office file).
std::string_view KindOf(std::string_view content_type);
// "PDF、图片" / "PDF, images": the kinds as people read them.
Text KindsText(const std::vector<std::string>& kinds);

// The limits in a PUT body ({"max_size_mb": n|null, "accept": [kinds]|null}) for `field`; 422 with
// zh/en messages for bad values. `server_max_mb` is the server's --file-max-mb.
FileLimits ParseFileLimits(const json::object& body, const records::FieldMeta& field, int64_t server_max_mb);

// The limits of the file and image fields of `object` that have any, by field name.
std::map<std::string, FileLimits> LoadFileLimits(store::Connection& conn, std::string_view object);
// Replaces the limits of one field (no limits: its row goes).
void SaveFileLimits(
    store::Connection& tx, std::string_view object, std::string_view field, const FileLimits& limits, TimePoint now
);

json::object FileLimitsToJson(std::string_view field, const FileLimits& limits);

// The 422 details for a file `name` of `size` bytes and `content_type` that `field` does not take
// under `limits`: at most one, "too_large" before "type_not_allowed".
std::optional<FieldError> LimitViolation(
    const records::FieldMeta& field,
    const FileLimits& limits,
    std::string_view name,
    int64_t size,
    std::string_view content_type
);

}  // namespace xieli::files
