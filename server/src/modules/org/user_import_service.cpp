// UserService's bulk import and its template (docs/api/org.md "Users"); the row rules live in
// user_import.cpp.

#include <spdlog/spdlog.h>

#include "common/csv.h"
#include "common/error.h"
#include "common/strings.h"
#include "common/xlsx_reader.h"
#include "common/xlsx_writer.h"
#include "modules/org/org_rules.h"
#include "modules/org/user_import.h"
#include "modules/org/user_service.h"

namespace xieli::org {

namespace {

[[noreturn]] void FileError(const char* code, Text message) {
    ThrowValidation({FieldError{"file", code, std::move(message)}});
}

Table ReadUpload(const ImportUpload& upload) {
    std::string_view type = upload.content_type.substr(0, upload.content_type.find(';'));
    std::string media = ToLowerAscii(TrimCopy(type));
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
    if (upload.body.empty()) FileError("empty", {"文件是空的", "The file is empty"});
    if (xlsx || LooksLikeZip(upload.body)) {
        try {
            return ReadXlsxFirstSheet(upload.body);
        } catch (const XlsxError& e) {
            spdlog::info("import: unreadable xlsx: {}", e.what());
            FileError(
                "unreadable",
                {"无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试",
                 "This Excel file cannot be read; save it as .xlsx or CSV and try again"}
            );
        }
    }
    std::optional<std::string> text = DecodeSpreadsheetText(upload.body);
    if (!text) {
        FileError(
            "encoding", {"无法识别文件编码，请保存为 UTF-8 的 CSV", "Unknown text encoding; save the CSV as UTF-8"}
        );
    }
    return ParseCsv(*text);
}

ImportDirectory LoadDirectory(store::Connection& conn) {
    ImportDirectory d;
    d.departments = ListDepartments(conn);
    for (const store::Row& r : conn.Query("SELECT name, id FROM roles ORDER BY id"))
        d.roles.emplace_back(r.Text(0), r.Int(1));
    for (const store::Row& r : conn.Query("SELECT id, phone, email, status FROM users")) {
        if (!r.IsNull(1)) d.by_phone[r.Text(1)] = ImportDirectory::Person{r.Int(0), r.Text(3) == "disabled"};
        if (!r.IsNull(2)) d.emails.insert(r.Text(2));
    }
    return d;
}

json::array ErrorsJson(const std::vector<FieldError>& errors, Lang lang) {
    json::array out;
    for (const FieldError& e : errors) {
        out.push_back(json::object{{"field", e.field}, {"code", e.code}, {"message", e.message.In(lang)}});
    }
    return out;
}

}  // namespace

json::object UserService::Import(const Actor& actor, const ImportUpload& upload) {
    std::vector<ImportRow> rows = ReadImportRows(ReadUpload(upload));
    ImportDirectory directory;
    {
        store::Reader r = actor.Db().Read();
        directory = LoadDirectory(*r);
    }
    json::array report;
    int64_t created = 0, failed = 0;
    for (const ImportRow& row : rows) {
        json::object line{{"row", row.row}, {"name", row.name}};
        CheckedRow checked = CheckImportRow(row, directory);
        if (checked.errors.empty()) {
            std::string password = GenerateInitialPassword(checked.account.phone, checked.account.email);
            try {
                int64_t id = CreateAccount(actor, checked.account, LoginSecret{password, "", true});
                directory.Add(checked.account.phone, checked.account.email, id);
                line["status"] = "created";
                line["user_id"] = id;
                line["initial_password"] = password;
                line["errors"] = json::array{};
                ++created;
            } catch (const Error& e) {
                // A conflict found only at write time (someone added the same phone meanwhile).
                std::vector<FieldError> errors = e.details();
                if (errors.empty()) errors.push_back(FieldError{"row", "failed", e.message()});
                checked.errors = std::move(errors);
            }
        }
        if (!checked.errors.empty()) {
            line["status"] = "failed";
            line["errors"] = ErrorsJson(checked.errors, upload.lang);
            ++failed;
        }
        report.push_back(std::move(line));
    }
    spdlog::info("tenant {}: imported users: {} created, {} failed", actor.tenant_id, created, failed);
    return json::object{
        {"total", static_cast<int64_t>(rows.size())},
        {"created", created},
        {"failed", failed},
        {"rows", std::move(report)}};
}

FileDownload UserService::ImportTemplate(std::string_view format) {
    std::vector<std::string> headers(ImportHeaders().begin(), ImportHeaders().end());
    if (format.empty() || format == "csv") {
        // The byte-order mark makes Excel open the file as UTF-8 instead of the system code page.
        return FileDownload{"\xEF\xBB\xBF" + CsvLine(headers), "text/csv; charset=utf-8", "员工导入模板.csv"};
    }
    if (format != "xlsx") ThrowBadRequest({"format 应为 csv 或 xlsx", "format must be csv or xlsx"});
    XlsxSheet staff{"员工", {headers}, {12, 16, 26, 24, 14, 16, 20}, {1, 5}, true};
    XlsxSheet help{
        "说明",
        {
            {"列", "说明", "示例"},
            {"姓名", "必填，1–50 个字符", "王小明"},
            {"手机号", "手机号和邮箱至少填写一项；企业内不能重复", "13800000000"},
            {"邮箱", "可选；企业内不能重复", "wangxm@example.com"},
            {"部门", "部门路径，用 / 分隔，部门须已存在；留空表示公司（根部门）", "销售部/华东大区"},
            {"职位", "可选，最多 50 个字符", "销售代表"},
            {"直属上级", "上级的手机号：已有员工，或本文件中位于上方的行", "13800000001"},
            {"角色", "角色名称，多个用 、 或 , 分隔", "销售、客服"},
            {},
            {"导入后每位员工会得到一个初始密码（在导入结果中显示一次），首次登录时须修改。"},
        },
        {10, 60, 24},
        {2},
        true};
    return FileDownload{WriteXlsx({staff, help}), kXlsxContentType, "员工导入模板.xlsx"};
}

}  // namespace xieli::org
