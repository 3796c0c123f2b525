#pragma once

// The rules of file and image fields (附件 / 图片), for every object standard or custom: hooks the
// records engine runs for each write and each page of records (records::kEveryObject).
//  - A value lists ids of files in this enterprise that the caller uploaded and no record has
//    taken yet, or that are already on this record; anything else is 422 file_not_found.
//  - An image field takes images only (422 not_image).
//  - A field's own limits (file_limits.h) bind the uploads it takes: 422 too_large / type_not_allowed.
//  - After the write the new files are linked to (object, record, field): from then on whoever
//    may read that record and field may download them (files_module.cpp).
//    Files the write takes off the record are unlinked (file_removal.h).
//  - Each record's "_display" lists the files of each such field: id, name, size, content_type, url.

#include "records/record_service.h"

namespace xieli::files {

records::RecordHooks FileFieldHooks();

// Whether `f` holds files (a file or image field).
bool IsFileField(const records::FieldMeta& f);
// The file ids of a stored value of such a field (a JSON array of ids, value_codec.cpp).
std::vector<int64_t> FileIdsOf(const store::Value& v);

}  // namespace xieli::files
