#include "modules/data_io/upload.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "common/crypto.h"
#include "common/error.h"
#include "common/strings.h"
#include "common/xlsx_reader.h"
#include "common/xlsx_writer.h"
#include "modules/data_io/jobs.h"

namespace xieli::data_io {

namespace {

[[noreturn]] void FileError(const char* code, Text message) {
    ThrowValidation({FieldError{"file", code, std::move(message)}});
}

// Text that is not a spreadsheet at all: NUL or other control characters.
bool LooksBinary(std::string_view text) {
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
    }
    return false;
}

std::string ColumnName(std::string_view cell) {
    std::string s = TrimCopy(cell);
    if (s.starts_with("\xEF\xBB\xBF")) s = TrimCopy(std::string_view(s).substr(3));
    while (!s.empty() && s.front() == '*') s = TrimCopy(std::string_view(s).substr(1));
    return s;
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Finds the header (the first row that is not blank) and checks it.
void FindHeader(Sheet& sheet, const UploadLimits& limits) {
    size_t i = 0;
    while (i < sheet.rows.size() && IsBlankRow(sheet.rows[i])) ++i;
    if (i == sheet.rows.size()) FileError("empty", {"文件中没有内容", "The file has nothing in it"});
    sheet.header_index = i;
    const std::vector<std::string>& header = sheet.rows[i];
    std::set<std::string> seen;
    for (size_t c = 0; c < header.size(); ++c) {
        std::string name = ColumnName(header[c]);
        if (name.empty()) continue;  // a column without a name is not imported
        long chars = Utf8Length(name);
        if (chars < 0 || static_cast<size_t>(chars) > limits.max_header_chars) {
            FileError(
                "bad_header",
                {fmt::format("第 {} 行的表头过长（每列最多 {} 个字）", i + 1, limits.max_header_chars),
                 fmt::format(
                     "A header cell in row {} is too long (at most {} characters)", i + 1, limits.max_header_chars
                 )}
            );
        }
        if (!seen.insert(name).second) {
            FileError(
                "duplicate_column",
                {fmt::format("表头「{}」出现了多次", name), fmt::format("The header '{}' appears more than once", name)}
            );
        }
        if (sheet.columns.size() == limits.max_columns) {
            FileError(
                "too_many_columns",
                {fmt::format("列数过多（最多 {} 列）", limits.max_columns),
                 fmt::format("Too many columns (at most {})", limits.max_columns)}
            );
        }
        sheet.columns.push_back(std::move(name));
        sheet.column_index.push_back(c);
    }
}

}  // namespace

bool IsBlankRow(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(), [](const std::string& c) {
        return c.find_first_not_of(" \t\r\n") == std::string::npos;
    });
}

bool IsTemplateComment(const Sheet& sheet, size_t row_index) {
    if (sheet.format != "csv" || row_index != sheet.header_index + 1 || row_index >= sheet.rows.size()) return false;
    const std::vector<std::string>& row = sheet.rows[row_index];
    return !row.empty() && TrimCopy(row.front()).starts_with("#");
}

std::string CellOf(const Sheet& sheet, const std::vector<std::string>& row, size_t c) {
    size_t index = sheet.column_index[c];
    return index < row.size() ? row[index] : std::string();
}

Sheet ReadUploadedSheet(std::string_view content_type, std::string_view body, const UploadLimits& limits) {
    std::string media = ToLowerAscii(TrimCopy(content_type.substr(0, content_type.find(';'))));
    bool xlsx = media == kXlsxContentType;
    bool csv = media == "text/csv" || media == "text/plain" || media == "application/csv" ||
               media == "application/vnd.ms-excel";  // what Windows browsers call a .csv
    bool sniff = media == "application/octet-stream";
    if (!xlsx && !csv && !sniff) {
        throw Error(
            ErrorCode::kUnsupportedMediaType,
            {"请上传 CSV 或 Excel（.xlsx）文件", "Upload a CSV or Excel (.xlsx) file"},
            "import content type " + media
        );
    }
    if (body.size() > limits.max_bytes) {
        throw Error(
            ErrorCode::kPayloadTooLarge,
            {fmt::format("文件过大（最大 {} MB）", limits.max_bytes / (1024 * 1024)),
             fmt::format("The file is too large (at most {} MB)", limits.max_bytes / (1024 * 1024))}
        );
    }
    if (body.empty()) FileError("empty", {"文件是空的", "The file is empty"});

    Sheet sheet;
    std::string too_many = fmt::format("最多导入 {} 行", limits.max_rows);
    std::string too_many_en = fmt::format("At most {} rows can be imported", limits.max_rows);
    // By content: an .xlsx is a ZIP archive, whatever the browser called it.
    if (LooksLikeZip(body)) {
        sheet.format = "xlsx";
        XlsxLimits xl;
        xl.max_part_bytes = std::clamp<size_t>(limits.max_bytes * 12, 16u << 20, 1024u << 20);
        xl.max_rows = limits.max_rows + 1000;  // blank rows and the header ride along
        xl.max_columns = std::max<size_t>(xl.max_columns, limits.max_columns * 4);
        try {
            sheet.rows = ReadXlsxFirstSheet(body, xl);
        } catch (const XlsxError& e) {
            spdlog::info("import: unreadable xlsx: {}", e.what());
            if (std::string_view(e.what()).find("too many rows") != std::string_view::npos)
                FileError("too_many_rows", {too_many, too_many_en});
            FileError(
                "unreadable",
                {"无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试",
                 "This Excel file cannot be read; save it as .xlsx or CSV and try again"}
            );
        }
    } else if (xlsx) {
        FileError(
            "unreadable",
            {"无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试",
             "This Excel file cannot be read; save it as .xlsx or CSV and try again"}
        );
    } else {
        sheet.format = "csv";
        std::optional<std::string> text = DecodeSpreadsheetText(body);
        if (!text) {
            FileError(
                "encoding", {"无法识别文件编码，请保存为 UTF-8 的 CSV", "Unknown text encoding; save the CSV as UTF-8"}
            );
        }
        if (LooksBinary(*text)) {
            FileError("unreadable", {"这不是 CSV 或 Excel 文件", "This is not a CSV or Excel file"});
        }
        sheet.rows = ParseCsv(*text);
    }
    FindHeader(sheet, limits);
    for (size_t i = sheet.header_index + 1; i < sheet.rows.size(); ++i) {
        if (!IsBlankRow(sheet.rows[i]) && !IsTemplateComment(sheet, i)) ++sheet.data_rows;
    }
    if (sheet.columns.empty()) {
        FileError("bad_header", {"第一行应为表头（列名）", "The first row must be the header (column names)"});
    }
    if (sheet.data_rows == 0) FileError("no_rows", {"文件中没有要导入的数据行", "The file has no rows to import"});
    if (sheet.data_rows > limits.max_rows) FileError("too_many_rows", {too_many, too_many_en});
    return sheet;
}

UploadRecord SaveUpload(
    store::Database& db,
    const std::filesystem::path& data_dir,
    int64_t tenant_id,
    std::string_view object,
    int64_t user_id,
    const Sheet& sheet,
    size_t size_bytes,
    std::string_view now
) {
    UploadRecord u;
    u.id = crypto::RandomHex(16);
    u.object = std::string(object);
    u.created_by = user_id;
    u.format = sheet.format;
    std::filesystem::path path = TenantDir(data_dir, "imports", tenant_id) / (u.id + ".csv");
    u.file_path = std::filesystem::relative(path, data_dir).string();
    u.header_row = static_cast<int64_t>(sheet.header_index) + 1;
    u.columns = sheet.columns;
    u.row_count = static_cast<int64_t>(sheet.data_rows);
    u.size_bytes = static_cast<int64_t>(size_bytes);
    u.created_at = std::string(now);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        for (const auto& row : sheet.rows) out << CsvLine(row, FormulaGuard::kOff);
        out.close();
        if (!out) throw std::runtime_error("cannot write " + path.string());
    }
    json::array columns;
    for (const std::string& c : u.columns) columns.emplace_back(c);
    store::Transaction tx = db.Write();
    tx->Execute(
        "INSERT INTO import_uploads (id, object, created_by, format, file_path, header_row, columns, row_count, "
        "size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {u.id,
         u.object,
         u.created_by,
         u.format,
         u.file_path,
         u.header_row,
         json::serialize(columns),
         u.row_count,
         u.size_bytes,
         u.created_at}
    );
    tx.Commit();
    return u;
}

std::optional<UploadRecord> LoadUpload(store::Connection& conn, std::string_view id) {
    if (id.empty() || id.size() > 64) return std::nullopt;
    store::Rows rows = conn.Query(
        "SELECT id, object, created_by, format, file_path, header_row, columns, row_count, size_bytes, created_at "
        "FROM import_uploads WHERE id = ?",
        {std::string(id)}
    );
    if (rows.empty()) return std::nullopt;
    const store::Row& r = rows.front();
    UploadRecord u{r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Int(5), {}, r.Int(7), r.Int(8), r.Text(9)};
    boost::system::error_code ec;
    json::value columns = json::parse(r.Text(6), ec);
    if (!ec && columns.is_array()) {
        for (const auto& c : columns.get_array()) {
            if (c.is_string()) u.columns.emplace_back(c.get_string());
        }
    }
    return u;
}

std::optional<Sheet> ReadSavedUpload(const std::filesystem::path& data_dir, const UploadRecord& upload) {
    std::error_code ec;
    std::filesystem::path path = data_dir / upload.file_path;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    Sheet sheet;
    sheet.format = upload.format;
    sheet.rows = ParseCsv(ReadFile(path));
    sheet.header_index = static_cast<size_t>(std::max<int64_t>(upload.header_row - 1, 0));
    if (sheet.header_index >= sheet.rows.size()) return std::nullopt;
    const std::vector<std::string>& header = sheet.rows[sheet.header_index];
    for (const std::string& name : upload.columns) {
        for (size_t c = 0; c < header.size(); ++c) {
            if (ColumnName(header[c]) == name) {
                sheet.columns.push_back(name);
                sheet.column_index.push_back(c);
                break;
            }
        }
    }
    sheet.data_rows = static_cast<size_t>(upload.row_count);
    return sheet;
}

void ForgetOldUploads(store::Connection& conn, std::string_view cutoff) {
    conn.Execute("DELETE FROM import_uploads WHERE created_at < ?", {std::string(cutoff)});
}

json::object UploadToJson(const UploadRecord& upload, const Sheet& sheet, size_t sample_rows) {
    json::array columns, sample;
    for (const std::string& c : sheet.columns) columns.emplace_back(c);
    for (size_t i = sheet.header_index + 1; i < sheet.rows.size() && sample.size() < sample_rows; ++i) {
        if (IsBlankRow(sheet.rows[i]) || IsTemplateComment(sheet, i)) continue;
        json::array row;
        for (size_t c = 0; c < sheet.columns.size(); ++c) row.emplace_back(CellOf(sheet, sheet.rows[i], c));
        sample.push_back(std::move(row));
    }
    return json::object{
        {"upload_id", upload.id},
        {"format", upload.format},
        {"columns", std::move(columns)},
        {"rows", upload.row_count},
        {"sample", std::move(sample)},
    };
}

}  // namespace xieli::data_io
