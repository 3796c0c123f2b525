#pragma once

// Spreadsheets uploaded for an import: reading the raw body (CSV in UTF-8 or GB18030, or XLSX,
// told apart by content as well as by Content-Type), finding the header, checking the limits, and
// keeping the rows under the data directory (imports/<tenant>/<id>.csv, UTF-8) with a row in
// import_uploads until the import job reads them.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "common/json.h"
#include "store/database.h"

namespace xieli::data_io {

struct UploadLimits {
    size_t max_bytes = 50u * 1024 * 1024;
    size_t max_rows = 200000;       // data rows
    size_t max_columns = 200;       // named header cells
    size_t max_header_chars = 100;  // one header cell
};

// An uploaded spreadsheet, read.
struct Sheet {
    std::string format;                // csv | xlsx
    Table rows;                        // every row of the file; rows[i] is the file's row i + 1
    size_t header_index = 0;           // rows[header_index] is the header
    std::vector<std::string> columns;  // the header's names, in order (a leading * dropped)
    std::vector<size_t> column_index;  // where each named column is in a row
    size_t data_rows = 0;              // rows below the header that are not blank
};

// 415 for a type that is neither CSV nor XLSX; 413 past max_bytes; 422 (detail on "file") for an
// empty, unreadable or garbled file, a missing or oversized header (bad_header, too_many_columns,
// duplicate_column), no data (no_rows) or too many rows (too_many_rows).
Sheet ReadUploadedSheet(std::string_view content_type, std::string_view body, const UploadLimits& limits);

// A row with nothing but blanks in it.
bool IsBlankRow(const std::vector<std::string>& row);
// The comment row of a CSV template, right below the header: its first cell starts with #.
bool IsTemplateComment(const Sheet& sheet, size_t row_index);
// The cell of named column `c` in `row` (empty when the row is short).
std::string CellOf(const Sheet& sheet, const std::vector<std::string>& row, size_t c);

// A row of import_uploads.
struct UploadRecord {
    std::string id;
    std::string object;
    int64_t created_by = 0;
    std::string format;
    std::string file_path;  // relative to the data directory
    int64_t header_row = 0;
    std::vector<std::string> columns;
    int64_t row_count = 0;
    int64_t size_bytes = 0;
    std::string created_at;
};

// Writes the rows to <data>/imports/<tenant>/<id>.csv and records the upload; returns it.
UploadRecord SaveUpload(
    store::Database& db,
    const std::filesystem::path& data_dir,
    int64_t tenant_id,
    std::string_view object,
    int64_t user_id,
    const Sheet& sheet,
    size_t size_bytes,
    std::string_view now
);
std::optional<UploadRecord> LoadUpload(store::Connection& conn, std::string_view id);
// The stored rows of an upload, as ReadUploadedSheet found them; nullopt when the file has expired.
std::optional<Sheet> ReadSavedUpload(const std::filesystem::path& data_dir, const UploadRecord& upload);
// Forgets uploads recorded before `cutoff` (their files are swept by the job runner).
void ForgetOldUploads(store::Connection& conn, std::string_view cutoff);

// {"upload_id","format","columns","rows","sample":[[…]…]} (the first `sample_rows` data rows).
json::object UploadToJson(const UploadRecord& upload, const Sheet& sheet, size_t sample_rows);

}  // namespace xieli::data_io
