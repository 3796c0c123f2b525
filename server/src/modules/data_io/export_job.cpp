// Exporting an object's records (transfer_jobs.h): the engine's query path page by page (data
// scope and field security included), values as people read them, CSV or XLSX.

#include <fmt/format.h>

#include <ctime>
#include <fstream>

#include "common/csv.h"
#include "common/error.h"
#include "common/strings.h"
#include "common/xlsx_writer.h"
#include "modules/data_io/cell_text.h"
#include "modules/data_io/column_mapping.h"
#include "modules/data_io/transfer_jobs.h"

namespace xieli::data_io {

namespace {

using records::FieldMeta;
using records::FieldType;

constexpr int kPageRows = 200;
constexpr int64_t kXlsxMaxRows = 1048575;  // a worksheet's rows, less the header

bool Exportable(const FieldMeta& f) {
    return f.type != FieldType::kFile && f.type != FieldType::kImage && f.name != "version";
}

// Streams rows to a CSV file or collects them for one worksheet.
class ExportWriter {
public:
    ExportWriter(std::string format, std::filesystem::path path) : format_(std::move(format)), path_(std::move(path)) {
        if (format_ == "csv") {
            out_.open(path_, std::ios::binary | std::ios::trunc);
            if (!out_) throw std::runtime_error("cannot write " + path_.string());
            out_ << "\xEF\xBB\xBF";  // so Excel reads UTF-8
        }
    }

    void Add(std::vector<std::string> cells) {
        if (format_ == "csv") {
            out_ << CsvLine(cells);
        } else {
            rows_.push_back(std::move(cells));
        }
    }

    // Writes the file; returns its size.
    int64_t Finish(const std::string& sheet_name) {
        if (format_ == "csv") {
            out_.close();
            if (!out_) throw std::runtime_error("cannot write " + path_.string());
        } else {
            std::vector<double> widths;
            if (!rows_.empty()) {
                for (const std::string& h : rows_.front())
                    widths.push_back(std::clamp(static_cast<double>(Utf8Length(h)) * 2.2 + 4, 10.0, 40.0));
            }
            XlsxSheet sheet{sheet_name, std::move(rows_), std::move(widths), {}, true};
            std::string bytes = WriteXlsx({sheet});
            std::ofstream out(path_, std::ios::binary | std::ios::trunc);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            out.close();
            if (!out) throw std::runtime_error("cannot write " + path_.string());
        }
        std::error_code ec;
        return static_cast<int64_t>(std::filesystem::file_size(path_, ec));
    }

private:
    std::string format_;
    std::filesystem::path path_;
    std::ofstream out_;
    Table rows_;
};

std::string SheetName(const records::ObjectMeta& o, Lang lang) {
    std::string out;
    for (char c : o.label.In(lang)) {
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out.push_back(c);
    }
    while (Utf8Length(out) > 31 || Utf8Length(out) < 0) out.pop_back();
    return out.empty() ? "Sheet1" : out;
}

}  // namespace

records::RecordScope ScopeOfUser(records::RecordsModule& m, store::Database& db, int64_t user_id, Lang lang) {
    std::shared_ptr<const records::Schema> schema = m.SchemaOf(db);
    records::AccessContext access;
    {
        store::Reader r = db.Read();
        access = records::LoadAccessContext(*r, user_id);
    }
    return records::RecordScope{db, std::move(schema), std::move(access), lang};
}

std::vector<const FieldMeta*> ExportColumns(
    const records::ObjectMeta& o, const records::AccessContext& access, const std::vector<std::string>& requested
) {
    std::vector<const FieldMeta*> out;
    if (!requested.empty()) {
        for (const std::string& name : requested) {
            const FieldMeta* f = o.Field(name);
            if (f && Readable(o, *f, access) && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
        }
        return out;
    }
    if (const FieldMeta* id = o.Field("id")) out.push_back(id);
    for (const FieldMeta& f : o.fields) {
        if (!f.is_system && Exportable(f) && Readable(o, f, access)) out.push_back(&f);
    }
    for (const FieldMeta& f : o.fields) {
        if (f.is_system && f.name != "id" && Exportable(f) && Readable(o, f, access)) out.push_back(&f);
    }
    return out;
}

std::string ExportFileName(const records::ObjectMeta& o, Lang lang, std::string_view ext, TimePoint now) {
    std::time_t secs = std::chrono::system_clock::to_time_t(now) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{}_{:04}{:02}{:02}.{}", o.label.In(lang), tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, ext);
}

json::object RunExport(JobContext& ctx, records::RecordsModule& m) {
    const JobRecord& job = ctx.job();
    Lang lang = GetString(job.params, "lang").value_or("zh") == "en" ? Lang::kEn : Lang::kZh;
    std::string format = GetString(job.params, "format").value_or("xlsx");
    records::RecordScope s = ScopeOfUser(m, ctx.db(), job.created_by, lang);
    const records::ObjectMeta& o = s.schema->Get(job.object);
    if (!s.access.Can(o.name, "export")) ThrowForbidden();

    records::QueryRequest req = records::ParseQueryRequest(job.params);
    if (req.sort.empty()) req.sort = {{"id", false}};  // new records come last; updates do not move rows
    std::vector<const FieldMeta*> columns = ExportColumns(o, s.access, req.fields);
    req.fields.clear();
    for (const FieldMeta* f : columns) {
        if (!f->is_system) req.fields.push_back(f->name);
    }
    if (req.fields.empty()) req.fields.push_back(o.name_field);  // system fields come anyway
    req.limit = kPageRows;
    req.cursor.clear();
    req.offset.reset();
    req.with_total = true;
    req.total_cap = 0;  // the exact count: progress, and the worksheet's row limit below

    std::filesystem::path path = ctx.FilePath(fmt::format("export.{}", format));
    ExportWriter writer(format, path);
    std::vector<std::string> header;
    for (const FieldMeta* f : columns) header.push_back(f->label.In(lang));
    writer.Add(std::move(header));

    int64_t total = 0, done = 0;
    while (true) {
        if (ctx.Stopping())
            throw Error(
                ErrorCode::kUnavailable,
                {"服务器正在停止，导出已中断", "The server is stopping; the export was cut off"}
            );
        json::object page = m.service().Query(s, o.name, req);
        if (req.with_total) {
            total = page["total"].to_number<int64_t>();
            if (format == "xlsx" && total > kXlsxMaxRows) {
                ThrowValidation(
                    {{"format",
                      "too_many_rows",
                      {"记录超过 Excel 工作表的行数上限，请导出为 CSV 或缩小范围",
                       "Too many records for one Excel worksheet; export CSV or narrow the filter"}}}
                );
            }
            req.with_total = false;
        }
        static const json::value kNull;
        for (const json::value& rec : page["records"].as_array()) {
            const json::object& r = rec.as_object();
            const json::object* display = r.if_contains("_display") ? r.at("_display").if_object() : nullptr;
            std::vector<std::string> cells;
            cells.reserve(columns.size());
            for (const FieldMeta* f : columns) {
                const json::value* v = r.if_contains(f->name);
                const json::value* d = display ? display->if_contains(f->name) : nullptr;
                cells.push_back(CellText(*f, v ? *v : kNull, d ? *d : kNull, lang));
            }
            writer.Add(std::move(cells));
            ++done;
        }
        ctx.SetProgress(done, std::max(total, done));
        const json::value& next = page["next_cursor"];
        if (!next.is_string()) break;
        req.cursor = std::string(next.get_string());
    }
    int64_t size = writer.Finish(SheetName(o, lang));
    std::string name = ExportFileName(o, lang, format, ctx.Now());
    ctx.SetFile(path, name, format == "csv" ? "text/csv; charset=utf-8" : kXlsxContentType);
    return json::object{{"rows", done}, {"format", format}, {"file_name", name}, {"size", size}};
}

}  // namespace xieli::data_io
