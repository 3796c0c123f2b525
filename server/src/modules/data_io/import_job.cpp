// Importing an uploaded spreadsheet (transfer_jobs.h). Each row becomes the JSON body the records
// engine takes — picklist labels, user names or phones, department paths and lookup names turned
// into values and ids — and goes through CreateIn/UpdateIn inside a savepoint, so a bad row is
// rolled back alone and its batch's good rows are kept. Batches of kImportBatchRows rows commit
// together, with the job's progress.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <map>
#include <set>

#include "common/csv.h"
#include "common/error.h"
#include "common/strings.h"
#include "common/xlsx_writer.h"
#include "modules/data_io/cell_text.h"
#include "modules/data_io/column_mapping.h"
#include "modules/data_io/transfer_jobs.h"
#include "modules/data_io/upload.h"
#include "records/schema_writer.h"
#include "records/value_codec.h"
#include "store/client_errors.h"
#include "store/sqlite/sqlite_database.h"

namespace xieli::data_io {

namespace {

using records::FieldMeta;
using records::FieldType;

FieldError FieldFail(const FieldMeta& f, const char* code, const Text& what) {
    return FieldError{
        f.name, code, {fmt::format("「{}」{}", f.label.zh, what.zh), fmt::format("{}: {}", f.label.en, what.en)}};
}

std::string Key(std::string_view text) {
    return ToLowerAscii(TrimCopy(text));
}

bool AllDigits(std::string_view s) {
    return !s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// Turns cell text into the engine's JSON, resolving names to ids. Users, departments and picklists
// are small and loaded once; lookups are queried per distinct name, in the caller's read scope.
class ValueResolver {
public:
    ValueResolver(records::RecordScope& s, const records::ObjectMeta& object) : s_(s), object_(object) {
        store::Reader r = s.db.Read();
        for (const store::Row& row : r->Query("SELECT id, name, phone, email, status FROM users")) {
            int64_t id = row.Int(0);
            bool active = row.Text(4) == "active";
            (active ? active_by_name_ : other_by_name_)[TrimCopy(row.Text(1))].push_back(id);
            if (!row.IsNull(2)) by_phone_[row.Text(2)] = id;
            if (!row.IsNull(3)) by_email_[ToLowerAscii(row.Text(3))] = id;
        }
        std::map<int64_t, std::pair<std::string, std::optional<int64_t>>> departments;
        for (const store::Row& row : r->Query("SELECT id, name, parent_id FROM departments")) {
            departments[row.Int(0)] = {TrimCopy(row.Text(1)), row.IsNull(2) ? std::nullopt : std::optional(row.Int(2))};
        }
        for (const auto& [id, d] : departments) {
            department_by_name_[d.first].push_back(id);
            // Every path that ends here: "华东大区", "销售部/华东大区", "公司/销售部/华东大区".
            std::string path = d.first;
            std::optional<int64_t> parent = d.second;
            department_by_path_[path] = id;
            for (int depth = 0; parent && depth < 64; ++depth) {
                auto it = departments.find(*parent);
                if (it == departments.end()) break;
                path = it->second.first + "/" + path;
                department_by_path_[path] = id;
                parent = it->second.second;
            }
        }
        for (const store::Row& row :
             r->Query("SELECT picklist, value, label_zh, label_en, disabled FROM picklist_options")) {
            auto& options = options_[row.Text(0)];
            options.values[Key(row.Text(1))] = row.Text(1);
            if (row.Int(4) != 0) options.disabled.insert(row.Text(1));
            options.labels.emplace(Key(row.Text(2)), row.Text(1));
            options.labels.emplace(Key(row.Text(3)), row.Text(1));
        }
    }

    // The JSON for `text` (not empty) in field `f`; problems the engine would not name well are
    // appended to `errors`. Values the engine checks (numbers, dates, options) pass through as
    // typed when they cannot be read, so its own message names the problem.
    std::optional<json::value> Convert(
        store::Connection& conn, const FieldMeta& f, const std::string& text, std::vector<FieldError>& errors
    ) {
        switch (f.type) {
            case FieldType::kNumber:
            case FieldType::kPercent: {
                std::optional<double> v = ParseNumberCell(text);
                if (!v) return json::value(text);
                if (*v == std::floor(*v) && std::abs(*v) < 9e15) return json::value(static_cast<int64_t>(*v));
                return json::value(*v);
            }
            case FieldType::kCurrency: return json::value(ParseMoneyCell(text).value_or(text));
            case FieldType::kDate: return json::value(ParseDateCell(text).value_or(text));
            case FieldType::kDatetime: return json::value(ParseDatetimeCell(text).value_or(text));
            case FieldType::kBoolean: {
                std::optional<bool> b = ParseBoolCell(text);
                return b ? json::value(*b) : json::value(text);
            }
            case FieldType::kSelect: {
                std::optional<std::string> value = Option(f, text, errors);
                return value ? std::optional<json::value>(json::value(*value)) : std::nullopt;
            }
            case FieldType::kMultiselect: {
                json::array out;
                bool all_known = true;
                for (const std::string& part : SplitListCell(text)) {
                    std::optional<std::string> value = Option(f, part, errors);
                    if (value) out.emplace_back(*value);
                    all_known = all_known && value;
                }
                return all_known ? std::optional<json::value>(json::value(std::move(out))) : std::nullopt;
            }
            case FieldType::kUser: return User(f, text, errors);
            case FieldType::kDepartment: return Department(f, text, errors);
            case FieldType::kLookup: return Lookup(conn, f, text, errors);
            default: return json::value(text);
        }
    }

private:
    struct Options {
        std::map<std::string, std::string> values;  // key → value
        std::map<std::string, std::string> labels;  // label key → value
        std::set<std::string> disabled;             // values
    };

    // The option value a cell names (by value or label). An unknown or disabled option is reported
    // here, not left to the engine: the engine checks options only once every value has decoded,
    // so on a row with another bad cell (a number, a date) it would never name them (audit 5 §6.2).
    std::optional<std::string> Option(const FieldMeta& f, const std::string& text, std::vector<FieldError>& errors) {
        auto it = options_.find(f.picklist);
        if (it == options_.end()) return text;
        std::string key = Key(text);
        std::optional<std::string> value;
        if (auto v = it->second.values.find(key); v != it->second.values.end()) {
            value = v->second;
        } else if (auto l = it->second.labels.find(key); l != it->second.labels.end()) {
            value = l->second;
        }
        if (!value) {
            errors.push_back(FieldFail(
                f, "invalid_option", {fmt::format("没有选项「{}」", text), fmt::format("has no option '{}'", text)}
            ));
        } else if (it->second.disabled.count(*value)) {
            errors.push_back(FieldFail(
                f,
                "disabled_option",
                {fmt::format("选项「{}」已停用", text), fmt::format("option '{}' is disabled", text)}
            ));
            value.reset();
        }
        return value;
    }

    std::optional<json::value> User(const FieldMeta& f, const std::string& text, std::vector<FieldError>& errors) {
        std::string mobile = NormalizeMobile(text);
        if (!mobile.empty()) {
            if (auto it = by_phone_.find(mobile); it != by_phone_.end()) return json::value(it->second);
        }
        if (text.find('@') != std::string::npos) {
            if (auto it = by_email_.find(ToLowerAscii(text)); it != by_email_.end()) return json::value(it->second);
        }
        for (const auto* names : {&active_by_name_, &other_by_name_}) {
            auto it = names->find(text);
            if (it == names->end()) continue;
            if (it->second.size() > 1) {
                errors.push_back(FieldFail(
                    f,
                    "ambiguous",
                    {fmt::format("有多名员工叫「{}」，请填写手机号", text),
                     fmt::format("several employees are called '{}'; give the mobile number", text)}
                ));
                return std::nullopt;
            }
            return json::value(it->second.front());  // a disabled one: the engine refuses it by name
        }
        errors.push_back(FieldFail(
            f, "not_found", {fmt::format("没有员工「{}」", text), fmt::format("there is no employee '{}'", text)}
        ));
        return std::nullopt;
    }

    std::optional<json::value> Department(
        const FieldMeta& f, const std::string& text, std::vector<FieldError>& errors
    ) {
        if (text.find('/') != std::string::npos) {
            std::string path;
            for (const std::string& part : SplitPath(text)) path += (path.empty() ? "" : "/") + part;
            if (auto it = department_by_path_.find(path); it != department_by_path_.end())
                return json::value(it->second);
        } else if (auto it = department_by_name_.find(text); it != department_by_name_.end()) {
            if (it->second.size() == 1) return json::value(it->second.front());
            errors.push_back(FieldFail(
                f,
                "ambiguous",
                {fmt::format("有多个部门叫「{}」，请填写部门路径，如 销售部/{}", text, text),
                 fmt::format("several departments are called '{}'; give the path, e.g. Sales/{}", text, text)}
            ));
            return std::nullopt;
        }
        errors.push_back(FieldFail(
            f, "not_found", {fmt::format("没有部门「{}」", text), fmt::format("there is no department '{}'", text)}
        ));
        return std::nullopt;
    }

    static std::vector<std::string> SplitPath(std::string_view text) {
        std::vector<std::string> parts;
        while (!text.empty()) {
            size_t slash = text.find('/');
            std::string part = TrimCopy(text.substr(0, slash));
            if (!part.empty()) parts.push_back(std::move(part));
            if (slash == std::string_view::npos) break;
            text.remove_prefix(slash + 1);
        }
        return parts;
    }

    std::optional<json::value> Lookup(
        store::Connection& conn, const FieldMeta& f, const std::string& text, std::vector<FieldError>& errors
    ) {
        const records::ObjectMeta* target = s_.schema->Find(f.lookup_object);
        const FieldMeta* name = target ? target->Field(target->name_field) : nullptr;
        if (!target || !name) return json::value(text);  // the engine reports the field
        // Records created by this very import may be looked up by later rows: no cache for them.
        bool cacheable = target->name != object_.name;
        auto cache_key = std::make_pair(target->name, text);
        if (cacheable) {
            if (auto it = lookup_cache_.find(cache_key); it != lookup_cache_.end()) {
                if (it->second > 0) return json::value(it->second);
                errors.push_back(LookupError(f, *target, text, it->second));
                return std::nullopt;
            }
        }
        records::SqlFragment scope = records::ScopePredicate(s_.access, target->name, "t", records::Action::kRead);
        auto find = [&](const std::string& column, store::Value v) {
            std::vector<store::Value> params{std::move(v)};
            params.insert(params.end(), scope.params.begin(), scope.params.end());
            std::vector<int64_t> ids;
            for (const store::Row& row : conn.Query(
                     fmt::format(
                         "SELECT t.id FROM {} t WHERE t.{} = ? AND t.deleted_at IS NULL AND {} LIMIT 2",
                         target->table,
                         column,
                         scope.sql
                     ),
                     store::Params(params)
                 )) {
                ids.push_back(row.Int(0));
            }
            return ids;
        };
        std::vector<int64_t> ids = find(name->column, store::Value(text));
        if (ids.empty() && AllDigits(text)) ids = find("id", store::Value(std::stoll(text)));
        int64_t outcome = ids.size() == 1 ? ids.front() : ids.empty() ? 0 : -1;  // 0 none, -1 several
        if (cacheable) lookup_cache_[cache_key] = outcome;
        if (outcome > 0) return json::value(outcome);
        errors.push_back(LookupError(f, *target, text, outcome));
        return std::nullopt;
    }

    static FieldError LookupError(
        const FieldMeta& f, const records::ObjectMeta& target, const std::string& text, int64_t outcome
    ) {
        if (outcome < 0) {
            return FieldFail(
                f,
                "ambiguous",
                {fmt::format("有多条名为「{}」的{}", text, target.label.zh),
                 fmt::format("several {} records are named '{}'", target.label.en, text)}
            );
        }
        return FieldFail(
            f,
            "lookup_not_found",
            {fmt::format("找不到名为「{}」的{}（或无权查看）", text, target.label.zh),
             fmt::format("no {} named '{}' (or you may not see it)", target.label.en, text)}
        );
    }

    records::RecordScope& s_;
    const records::ObjectMeta& object_;
    std::map<std::string, std::vector<int64_t>> active_by_name_, other_by_name_;
    std::map<std::string, int64_t> by_phone_, by_email_;
    std::map<std::string, std::vector<int64_t>> department_by_name_;
    std::map<std::string, int64_t> department_by_path_;
    std::map<std::string, Options> options_;
    std::map<std::pair<std::string, std::string>, int64_t> lookup_cache_;
};

// The records an import can match, by the match field's stored value, among those the caller may
// read. The id and a field with an index (the name, a record number, a unique field:
// records::FieldIndex) are looked up row by row on the import's own transaction, so the cost
// follows the file, not the table (loading a million names into memory took longer than importing
// 20 000 rows; docs/performance.md), and the rows the import created are found as well. Any other
// field is loaded once, then kept up to date with the records the import creates.
class MatchIndex {
public:
    MatchIndex(records::RecordScope& s, const records::ObjectMeta& o, const FieldMeta& f)
        : field_(f),
          scope_(records::ScopePredicate(s.access, o.name, "t", records::Action::kRead)),
          indexed_(f.name == "id" || records::FieldIndex(o, f).has_value()) {
        if (indexed_) {
            sql_ = fmt::format(
                "SELECT t.id FROM {} t WHERE t.{} = ? AND t.deleted_at IS NULL AND {}", o.table, f.column, scope_.sql
            );
            return;
        }
        store::Reader r = s.db.Read();
        r->QueryEach(
            fmt::format("SELECT t.id, t.{} FROM {} t WHERE t.deleted_at IS NULL AND {}", f.column, o.table, scope_.sql),
            store::Params(scope_.params),
            [this](const store::Row& row) {
                if (!row.IsNull(1)) ids_[row[1].AsText()].push_back(row.Int(0));
                return true;
            }
        );
    }

    // The stored form of a cell of the match field, or nullopt when it cannot be one.
    std::optional<std::string> KeyOf(const std::string& text) const {
        if (field_.name == "id")
            return AllDigits(text) ? std::optional(std::to_string(std::stoll(text))) : std::nullopt;
        std::vector<FieldError> ignored;
        std::optional<store::Value> v = records::DecodeValue(field_, json::value(text), ignored);
        if (!v || v->IsNull()) return std::nullopt;
        return v->AsText();
    }
    // The ids of the records with that key; `conn` is the import's transaction.
    std::vector<int64_t> Find(store::Connection& conn, const std::string& key) const {
        if (!indexed_) {
            auto it = ids_.find(key);
            return it == ids_.end() ? std::vector<int64_t>{} : it->second;
        }
        // The id column is an integer; every other matchable field is stored as text (Matchable).
        std::vector<store::Value> params{
            field_.name == "id" ? store::Value(static_cast<long long>(std::stoll(key))) : store::Value(key)};
        params.insert(params.end(), scope_.params.begin(), scope_.params.end());
        std::vector<int64_t> ids;
        for (const store::Row& row : conn.Query(sql_, store::Params(params))) ids.push_back(row.Int(0));
        return ids;
    }
    void Add(const std::string& key, int64_t id) {
        if (!indexed_) ids_[key].push_back(id);
    }

private:
    const FieldMeta& field_;
    records::SqlFragment scope_;
    bool indexed_;
    std::string sql_;
    std::map<std::string, std::vector<int64_t>> ids_;
};

// Failed rows as JSON lines: first {"columns": […]}, then {"row", "values", "errors": [{"zh","en"}]}.
class ErrorLog {
public:
    ErrorLog(const std::filesystem::path& path, const std::vector<std::string>& columns)
        : out_(path, std::ios::binary | std::ios::trunc) {
        json::array cols;
        for (const std::string& c : columns) cols.emplace_back(c);
        out_ << json::serialize(json::object{{"columns", std::move(cols)}}) << '\n';
    }
    void Add(int64_t row, const std::vector<std::string>& values, const std::vector<Text>& errors) {
        json::array v, e;
        for (const std::string& s : values) v.emplace_back(s);
        for (const Text& t : errors) e.push_back(json::object{{"zh", t.zh}, {"en", t.en}});
        out_ << json::serialize(json::object{{"row", row}, {"values", std::move(v)}, {"errors", std::move(e)}}) << '\n';
    }
    void Close() {
        out_.close();
        if (!out_) throw std::runtime_error("cannot write the import's error list");
    }

private:
    std::ofstream out_;
};

// Adds what an engine error says about one row to `messages`, leaving out fields whose cell could
// not be read (`unread`): "required" after "no such customer" says nothing new.
void AddRowMessages(const Error& e, const std::set<std::string>& unread, std::vector<Text>& messages) {
    if (e.code() == ErrorCode::kValidationFailed && !e.details().empty()) {
        for (const FieldError& d : e.details()) {
            if (!unread.count(d.field)) messages.push_back(d.message);
        }
    } else {
        messages.push_back(e.message());
    }
}

}  // namespace

json::object RunImport(JobContext& ctx, records::RecordsModule& m, const std::filesystem::path& data_dir) {
    const JobRecord& job = ctx.job();
    Lang lang = GetString(job.params, "lang").value_or("zh") == "en" ? Lang::kEn : Lang::kZh;
    records::RecordScope s = ScopeOfUser(m, ctx.db(), job.created_by, lang);
    const records::ObjectMeta& o = s.schema->Get(job.object);
    if (!s.access.Can(o.name, "import")) ThrowForbidden();

    std::string upload_id = GetString(job.params, "upload_id").value_or("");
    std::optional<UploadRecord> upload;
    {
        store::Reader r = ctx.db().Read();
        upload = LoadUpload(*r, upload_id);
    }
    std::optional<Sheet> sheet = upload ? ReadSavedUpload(data_dir, *upload) : std::nullopt;
    if (!sheet) {
        ThrowValidation(
            {{"upload_id", "expired", {"上传的文件已过期，请重新上传", "The upload has expired; upload it again"}}}
        );
    }
    // Checked again as the job starts: permissions or fields may have changed since the request.
    ImportPlan plan = CheckImportRequest(job.params, sheet->columns, o, s.access);
    struct MappedColumn {
        size_t index;  // in sheet->columns
        const FieldMeta* field;
        bool write;  // false: read only to match records
    };
    std::vector<MappedColumn> mapped;
    std::vector<const FieldMeta*> importable = ImportableFields(o, s.access);
    for (size_t c = 0; c < sheet->columns.size(); ++c) {
        auto it = plan.columns.find(sheet->columns[c]);
        if (it == plan.columns.end()) continue;
        bool write = std::find(importable.begin(), importable.end(), it->second) != importable.end();
        // An update never changes the owner: that is a transfer, with its own permission.
        if (plan.duplicate == "update" && it->second->name == "owner_id") write = false;
        mapped.push_back({c, it->second, write});
    }

    ValueResolver resolver(s, o);
    std::optional<MatchIndex> index;
    if (plan.match) index.emplace(s, o, *plan.match);
    std::filesystem::path errors_path = ctx.FilePath("errors.jsonl");
    ErrorLog error_log(errors_path, sheet->columns);

    int64_t total = static_cast<int64_t>(sheet->data_rows);
    int64_t done = 0, created = 0, updated = 0, skipped = 0, failed = 0;
    ctx.SetProgress(0, total);
    // Each batch changes pages all over the table's indexes: a bigger writer cache and one WAL
    // checkpoint every few dozen batches instead of one per batch (docs/performance.md).
    store::BulkWriteScope bulk_writes(ctx.db());
    size_t next = sheet->header_index + 1;
    while (next < sheet->rows.size()) {
        if (ctx.Stopping()) {
            throw Error(
                ErrorCode::kUnavailable,
                {fmt::format("服务器正在停止，导入已中断（已处理 {} 行）", done),
                 fmt::format("The server is stopping; the import was cut off after {} rows", done)}
            );
        }
        // One batch, one transaction; each row inside a savepoint, so a row the engine refuses —
        // after a hook or an autonumber may already have written something — is undone alone.
        store::Transaction tx = ctx.db().Write();
        size_t in_batch = 0;
        for (; next < sheet->rows.size() && in_batch < kImportBatchRows; ++next) {
            const std::vector<std::string>& row = sheet->rows[next];
            if (IsBlankRow(row) || IsTemplateComment(*sheet, next)) continue;
            ++in_batch;
            ++done;
            std::vector<FieldError> errors;
            json::object body;
            std::optional<std::string> key;
            for (const MappedColumn& mc : mapped) {
                std::string text = UnguardCell(TrimCopy(CellOf(*sheet, row, mc.index)));
                if (text.empty()) continue;
                if (index && mc.field == plan.match) key = index->KeyOf(text);
                if (!mc.write) continue;
                if (auto v = resolver.Convert(*tx, *mc.field, text, errors)) body[mc.field->name] = std::move(*v);
            }
            std::vector<int64_t> existing = key ? index->Find(*tx, *key) : std::vector<int64_t>{};
            if (!existing.empty() && plan.duplicate == "skip") {
                ++skipped;
                continue;
            }
            std::vector<Text> messages;
            std::set<std::string> unread;
            for (const FieldError& e : errors) {
                messages.push_back(e.message);
                unread.insert(e.field);
            }
            if (existing.size() > 1) {
                messages.push_back(
                    {fmt::format("匹配到 {} 条已有记录，无法确定更新哪一条", existing.size()),
                     fmt::format("{} existing records match; cannot tell which to update", existing.size())}
                );
            } else {
                // A row with cells that could not be read still goes through the engine, and is
                // rolled back whatever happens, so the report names every problem of the row at once.
                bool dry_run = !messages.empty();
                tx->Execute("SAVEPOINT import_row");
                try {
                    if (!existing.empty()) {
                        m.service().UpdateIn(*tx, s, o.name, existing.front(), body);
                    } else {
                        int64_t id = m.service().CreateIn(*tx, s, o.name, body);
                        if (key && !dry_run) index->Add(*key, id);
                    }
                    if (dry_run) tx->Execute("ROLLBACK TO import_row");
                    tx->Execute("RELEASE import_row");
                    if (!dry_run) ++(existing.empty() ? created : updated);
                } catch (const Error& e) {
                    tx->Execute("ROLLBACK TO import_row");
                    tx->Execute("RELEASE import_row");
                    AddRowMessages(e, unread, messages);
                } catch (const std::exception& e) {
                    // A database rule the engine does not know (a unique index …) fails the row;
                    // anything else (disk, corruption) fails the job.
                    std::optional<Error> mapped_error = store::ToClientError(e);
                    if (!mapped_error || mapped_error->code() == ErrorCode::kInternal ||
                        mapped_error->code() == ErrorCode::kUnavailable)
                        throw;
                    tx->Execute("ROLLBACK TO import_row");
                    tx->Execute("RELEASE import_row");
                    AddRowMessages(*mapped_error, unread, messages);
                }
            }
            if (!messages.empty()) {
                ++failed;
                std::vector<std::string> values;
                for (size_t c = 0; c < sheet->columns.size(); ++c) values.push_back(CellOf(*sheet, row, c));
                error_log.Add(static_cast<int64_t>(next) + 1, values, messages);
            }
        }
        ctx.SetProgressIn(*tx, done, total);
        tx.Commit();
    }
    error_log.Close();
    std::string name = ExportFileName(o, lang, "xlsx", ctx.Now());
    name = (lang == Lang::kEn ? "import-errors_" : "导入错误_") + name.substr(0, name.size() - 5);
    ctx.SetFile(errors_path, name, "application/x-ndjson");
    spdlog::info(
        "import into {}: {} rows, {} created, {} updated, {} skipped, {} failed",
        o.name,
        done,
        created,
        updated,
        skipped,
        failed
    );
    return json::object{
        {"total", done},
        {"created", created},
        {"updated", updated},
        {"skipped", skipped},
        {"failed", failed},
        {"upload_id", upload->id},
        {"duplicate", plan.duplicate},
        {"file_format", upload->format},
    };
}

ErrorReport ReadErrorReport(const std::filesystem::path& path) {
    ErrorReport report;
    std::ifstream in(path, std::ios::binary);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        boost::system::error_code ec;
        json::value v = json::parse(line, ec);
        if (ec || !v.is_object()) continue;
        const json::object& o = v.get_object();
        if (first) {
            first = false;
            if (const json::value* cols = o.if_contains("columns"); cols && cols->is_array()) {
                for (const auto& c : cols->get_array())
                    report.columns.emplace_back(c.is_string() ? c.get_string() : "");
            }
            continue;
        }
        ErrorReport::Row row;
        if (const json::value* r = o.if_contains("row"); r && r->is_int64()) row.row = r->get_int64();
        if (const json::value* vals = o.if_contains("values"); vals && vals->is_array()) {
            for (const auto& c : vals->get_array()) row.values.emplace_back(c.is_string() ? c.get_string() : "");
        }
        if (const json::value* errs = o.if_contains("errors"); errs && errs->is_array()) {
            for (const auto& e : errs->get_array()) {
                const json::object* t = e.if_object();
                if (!t) continue;
                auto text = [&](const char* k) {
                    const json::value* x = t->if_contains(k);
                    return x && x->is_string() ? std::string(x->get_string()) : std::string();
                };
                row.errors.push_back({text("zh"), text("en")});
            }
        }
        report.rows.push_back(std::move(row));
    }
    return report;
}

std::string ErrorReportFile(const ErrorReport& report, std::string_view format, Lang lang) {
    bool en = lang == Lang::kEn;
    Table rows;
    std::vector<std::string> header{en ? "Row" : "行号"};
    header.insert(header.end(), report.columns.begin(), report.columns.end());
    header.push_back(en ? "Errors" : "错误信息");
    rows.push_back(std::move(header));
    for (const ErrorReport::Row& r : report.rows) {
        std::vector<std::string> cells{std::to_string(r.row)};
        for (size_t c = 0; c < report.columns.size(); ++c) cells.push_back(c < r.values.size() ? r.values[c] : "");
        std::string messages;
        for (const Text& t : r.errors) messages += (messages.empty() ? "" : (en ? "; " : "；")) + t.In(lang);
        cells.push_back(std::move(messages));
        rows.push_back(std::move(cells));
    }
    if (format == "csv") {
        std::string out = "\xEF\xBB\xBF";
        for (const auto& row : rows) out += CsvLine(row);
        return out;
    }
    std::vector<double> widths(rows.front().size(), 16);
    widths.front() = 8;
    widths.back() = 60;
    std::vector<size_t> text_columns;
    for (size_t c = 1; c + 1 < rows.front().size(); ++c) text_columns.push_back(c);
    return WriteXlsx({XlsxSheet{
        en ? "Errors" : "错误", std::move(rows), std::move(widths), std::move(text_columns), true}});
}

}  // namespace xieli::data_io
