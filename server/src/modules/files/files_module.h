#pragma once

// Files (附件 / 图片, docs/api/files.md): uploads kept by content under the data directory, a row
// per upload, downloads checked against the record each file belongs to, and the rules of file and
// image fields for every object (file_fields.h).

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "http/router.h"
#include "records/records_module.h"

namespace xieli::files {

struct FilesOptions {
    std::filesystem::path data_dir;
    size_t max_bytes = 20u * 1024 * 1024;  // one file
};

// The routes, and the file-field hooks on the records engine (before the server serves).
void RegisterFilesModule(http::Router& router, records::RecordsModule& records, FilesOptions options);

// True for the upload route (POST /api/v1/files): the transport lets its body be larger than the
// JSON routes' limit and take longer to arrive.
bool IsUploadRoute(std::string_view method, std::string_view path);

}  // namespace xieli::files
