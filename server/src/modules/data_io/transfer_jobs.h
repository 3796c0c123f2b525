#pragma once

// The two jobs of this module: exporting an object's records to CSV/XLSX, and importing an
// uploaded spreadsheet row by row through the records engine's write path (CreateIn/UpdateIn:
// validation, field security, hooks, history, search index, outbox). Both run as the user who
// asked, with the permissions that user has when the job runs.

#include <filesystem>
#include <string>
#include <vector>

#include "common/json.h"
#include "modules/data_io/jobs.h"
#include "records/records_module.h"

namespace xieli::data_io {

// Rows per write transaction of an import: large enough to be fast, small enough that other
// writers wait for at most a fraction of a second.
inline constexpr size_t kImportBatchRows = 500;

// params: {"format","filter"?,"q"?,"sort"?,"fields"?,"lang"}; result: {"rows","format","file_name","size"}.
json::object RunExport(JobContext& ctx, records::RecordsModule& records);

// params: {"upload_id","mapping","duplicate","match_field","lang"};
// result: {"total","created","updated","skipped","failed"}; failed rows go to the job's error list.
json::object RunImport(JobContext& ctx, records::RecordsModule& records, const std::filesystem::path& data_dir);

// The records engine as `user_id` (a job runs as the user who asked, with today's permissions).
records::RecordScope ScopeOfUser(records::RecordsModule& records, store::Database& db, int64_t user_id, Lang lang);

// The columns of an export: `requested` in that order, or every field the caller may read (id
// first, the object's own fields, then owner, department and the record's times), without files,
// images and the version.
std::vector<const records::FieldMeta*> ExportColumns(
    const records::ObjectMeta& object, const records::AccessContext& access, const std::vector<std::string>& requested
);

// "客户_20261124.xlsx" (the date in China time).
std::string ExportFileName(const records::ObjectMeta& object, Lang lang, std::string_view ext, TimePoint now);

// The error list of an import job as a file: 行号, the row's original cells, 错误信息.
struct ErrorReport {
    std::vector<std::string> columns;
    struct Row {
        int64_t row = 0;
        std::vector<std::string> values;
        std::vector<Text> errors;
    };
    std::vector<Row> rows;
};
ErrorReport ReadErrorReport(const std::filesystem::path& path);
std::string ErrorReportFile(const ErrorReport& report, std::string_view format, Lang lang);

}  // namespace xieli::data_io
