// The import/export endpoints and the jobs endpoints (docs/api/import-export.md).

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "common/content_disposition.h"
#include "common/error.h"
#include "common/strings.h"
#include "common/xlsx_writer.h"
#include "modules/data_io/column_mapping.h"
#include "modules/data_io/data_io_module.h"
#include "modules/data_io/import_template.h"
#include "modules/data_io/transfer_jobs.h"

namespace xieli::data_io {

namespace {

constexpr int kMaxOpenJobsPerUser = 5;
constexpr size_t kSampleRows = 5;

http::Response Download(std::string body, const std::string& type, const std::string& name, std::string_view ascii) {
    http::Response r = http::Response::Text(200, std::move(body), type);
    r.SetHeader("Content-Disposition", AttachmentDisposition(name, ascii));
    r.SetHeader("Cache-Control", "no-store");
    return r;
}

std::optional<std::string> ReadWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

[[noreturn]] void ThrowJobNotFound() {
    throw Error(ErrorCode::kNotFound, {"任务不存在", "No such job"});
}

[[noreturn]] void ThrowFileExpired() {
    throw Error(
        ErrorCode::kNotFound,
        {"文件已过期（保留一天），请重新提交", "The file has expired (kept for a day); submit again"}
    );
}

// The job's JSON with where to fetch its file.
json::object JobJson(const JobRecord& job, Lang lang) {
    json::object out = JobToJson(job, lang);
    if (job.status == "done") {
        json::object& result = out["result"].as_object();
        if (job.kind == "export") result["url"] = fmt::format("/api/v1/jobs/{}/file", job.id);
        if (job.kind == "import") result["errors_url"] = fmt::format("/api/v1/jobs/{}/errors", job.id);
    }
    return out;
}

struct Handlers {
    DataIoModule& m;

    int64_t TenantOf(const http::Context& c) { return c.RequireCaller().tenant_id; }

    http::Response Accepted(const JobRecord& job, Lang lang) {
        http::Response r = http::Response::Json(202, JobJson(job, lang));
        r.SetHeader("Location", fmt::format("/api/v1/jobs/{}", job.id));
        return r;
    }

    void CheckQuota(store::Database& db, int64_t user_id) {
        store::Reader r = db.Read();
        auto open = r->QueryValue(
            "SELECT COUNT(*) FROM background_jobs WHERE created_by = ? AND status IN ('queued', 'running')", {user_id}
        );
        if (open && open->AsInt() >= kMaxOpenJobsPerUser) {
            throw Error(
                ErrorCode::kRateLimited,
                {fmt::format("已有 {} 个导入导出任务在进行中，请稍后再提交", kMaxOpenJobsPerUser),
                 fmt::format("{} import/export jobs are already under way; try again later", kMaxOpenJobsPerUser)}
            )
                .WithRetryAfter(10);
        }
    }

    // The job, if the caller created it or administers the enterprise; 404 otherwise.
    JobRecord VisibleJob(http::Context& c, int64_t id) {
        const http::Caller& caller = c.RequireCaller();
        store::Database& db = c.TenantDb();
        m.runner().Recover(caller.tenant_id, db);
        store::Reader r = db.Read();
        std::optional<JobRecord> job = LoadJob(*r, id);
        if (!job) ThrowJobNotFound();
        if (job->created_by != caller.user_id) {
            auto admin =
                r->QueryValue("SELECT is_admin FROM users WHERE id = ? AND status <> 'disabled'", {caller.user_id});
            if (!admin || !admin->AsBool()) ThrowJobNotFound();
        }
        return *job;
    }

    http::Response Export(http::Context& c) {
        json::object body = c.request.body.empty() ? json::object{} : c.JsonBody();
        records::RecordScope s = m.records().ScopeFor(c);
        const records::ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        if (!s.access.Can(o.name, "export")) ThrowForbidden();
        std::string format = "xlsx";
        if (const json::value* f = body.if_contains("format"); f && !f->is_null()) {
            if (!f->is_string() || (f->get_string() != "csv" && f->get_string() != "xlsx"))
                ThrowValidation({{"format", "invalid", {"format 应为 csv 或 xlsx", "format must be csv or xlsx"}}});
            format = std::string(f->get_string());
        }
        // The query is compiled now, so a bad filter, sort or field is a 422 here, not a failed job.
        records::QueryRequest req = records::ParseQueryRequest(body);
        req.limit = 1;
        req.with_total = false;
        req.cursor.clear();
        req.offset.reset();
        records::CompileQuery(o, s.access, req, m.records().clock().Now());
        json::object params{{"format", format}, {"lang", c.lang == Lang::kEn ? "en" : "zh"}};
        for (const char* key : {"filter", "q", "sort", "fields"}) {
            if (const json::value* v = body.if_contains(key); v && !v->is_null()) params[key] = *v;
        }
        CheckQuota(s.db, s.access.user_id);
        JobRecord job = m.runner().Submit(TenantOf(c), s.db, s.access.user_id, "export", o.name, std::move(params));
        return Accepted(job, c.lang);
    }

    http::Response Template(http::Context& c) {
        records::RecordScope s = m.records().ScopeFor(c);
        const records::ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        if (!s.access.Can(o.name, "import")) ThrowForbidden();
        std::vector<const records::FieldMeta*> fields = ImportableFields(o, s.access);
        PicklistOptions options;
        {
            store::Reader r = s.db.Read();
            for (const records::FieldMeta* f : fields) {
                if (f->picklist.empty() || options.count(f->picklist)) continue;
                auto& list = options[f->picklist];
                for (const store::Row& row : r->Query(
                         "SELECT value, label_zh, label_en FROM picklist_options WHERE picklist = ? AND disabled = 0 "
                         "ORDER BY sort_order, value",
                         {f->picklist}
                     )) {
                    list.push_back({row.Text(0), {row.Text(1), row.Text(2)}});
                }
            }
        }
        DownloadFile f =
            BuildImportTemplate(o, *s.schema, fields, options, c.lang, c.request.Query("format").value_or("xlsx"));
        return Download(std::move(f.body), f.content_type, f.file_name, f.ascii_name);
    }

    http::Response Upload(http::Context& c) {
        records::RecordScope s = m.records().ScopeFor(c);
        const records::ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        if (!s.access.Can(o.name, "import")) ThrowForbidden();
        Sheet sheet = ReadUploadedSheet(c.request.Header("content-type"), c.request.body, m.upload_limits());
        TimePoint now = m.records().clock().Now();
        {
            store::Transaction tx = s.db.Write();
            ForgetOldUploads(*tx, FormatUtc(now - std::chrono::hours(24)));
            tx.Commit();
        }
        UploadRecord upload = SaveUpload(
            s.db,
            m.options().data_dir,
            TenantOf(c),
            o.name,
            s.access.user_id,
            sheet,
            c.request.body.size(),
            FormatUtc(now)
        );
        json::object out = UploadToJson(upload, sheet, kSampleRows);
        std::vector<const records::FieldMeta*> candidates = MappingCandidates(o, s.access);
        out["mapping"] = SuggestMapping(sheet.columns, candidates);
        json::array fields;
        std::vector<const records::FieldMeta*> importable = ImportableFields(o, s.access);
        for (const records::FieldMeta* f : candidates) {
            bool writable = std::find(importable.begin(), importable.end(), f) != importable.end();
            fields.push_back(json::object{
                {"name", f->name},
                {"label", f->label.In(c.lang)},
                {"type", records::InfoOf(f->type).name},
                {"required", f->required},
                {"match_only", !writable},
            });
        }
        out["fields"] = std::move(fields);
        return http::Response::Json(201, out);
    }

    http::Response Import(http::Context& c) {
        json::object body = c.JsonBody();
        records::RecordScope s = m.records().ScopeFor(c);
        const records::ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        if (!s.access.Can(o.name, "import")) ThrowForbidden();
        const json::value* id = body.if_contains("upload_id");
        if (!id || !id->is_string() || id->get_string().empty())
            ThrowValidation({{"upload_id", "required", {"请先上传文件", "Upload the file first"}}});
        std::optional<UploadRecord> upload;
        {
            store::Reader r = s.db.Read();
            upload = LoadUpload(*r, id->get_string());
        }
        if (!upload || upload->created_by != s.access.user_id || upload->object != o.name) {
            ThrowValidation({{"upload_id", "not_found", {"没有这个上传的文件", "No such upload"}}});
        }
        std::error_code ec;
        if (!std::filesystem::is_regular_file(m.options().data_dir / upload->file_path, ec)) {
            ThrowValidation(
                {{"upload_id", "expired", {"上传的文件已过期，请重新上传", "The upload has expired; upload it again"}}}
            );
        }
        ImportPlan plan = CheckImportRequest(body, upload->columns, o, s.access);
        bool may_create = s.access.Can(o.name, "create");
        bool may_update = s.access.ScopeFor(o.name, records::Action::kUpdate) != org::Scope::kNone;
        if ((plan.duplicate != "update" && !may_create) || (plan.duplicate == "update" && !may_create && !may_update))
            ThrowForbidden();
        json::object mapping;
        for (const std::string& column : upload->columns) {
            auto it = plan.columns.find(column);
            mapping[column] = it == plan.columns.end() ? json::value(nullptr) : json::value(it->second->name);
        }
        json::object params{
            {"upload_id", upload->id},
            {"mapping", std::move(mapping)},
            {"duplicate", plan.duplicate},
            {"lang", c.lang == Lang::kEn ? "en" : "zh"},
        };
        if (plan.match) params["match_field"] = plan.match->name;
        CheckQuota(s.db, s.access.user_id);
        JobRecord job = m.runner().Submit(TenantOf(c), s.db, s.access.user_id, "import", o.name, std::move(params));
        return Accepted(job, c.lang);
    }

    http::Response ListJobs(http::Context& c) {
        const http::Caller& caller = c.RequireCaller();
        store::Database& db = c.TenantDb();
        int limit = 20;
        if (auto v = c.request.Query("limit")) {
            try {
                limit = std::stoi(*v);
            } catch (const std::exception&) {
                limit = 0;
            }
            if (limit < 1 || limit > 100)
                ThrowValidation({{"limit", "invalid", {"limit 应为 1–100", "limit must be 1–100"}}});
        }
        std::string kind = c.request.Query("kind").value_or("");
        if (!kind.empty() && kind != "export" && kind != "import")
            ThrowValidation({{"kind", "invalid", {"kind 应为 export 或 import", "kind must be export or import"}}});
        m.runner().Recover(caller.tenant_id, db);
        json::array out;
        store::Reader r = db.Read();
        for (const JobRecord& job : data_io::ListJobs(*r, caller.user_id, kind, limit))
            out.push_back(JobJson(job, c.lang));
        return http::Response::Json(200, json::object{{"records", std::move(out)}});
    }

    http::Response GetJob(http::Context& c) {
        return http::Response::Json(200, JobJson(VisibleJob(c, c.PathId("id")), c.lang));
    }

    void RequireDone(const JobRecord& job, const char* kind) {
        if (job.kind != kind) ThrowJobNotFound();
        if (job.status == "failed")
            throw Error(ErrorCode::kConflict, {"任务失败，没有文件", "The job failed; there is no file"});
        if (job.status != "done")
            throw Error(
                ErrorCode::kConflict, {"任务尚未完成，请稍后再下载", "The job is not finished yet; try again shortly"}
            );
        if (job.file_path.empty()) ThrowFileExpired();
    }

    http::Response File(http::Context& c) {
        JobRecord job = VisibleJob(c, c.PathId("id"));
        RequireDone(job, "export");
        std::optional<std::string> body = ReadWholeFile(m.options().data_dir / job.file_path);
        if (!body) ThrowFileExpired();
        std::string ext = job.file_name.substr(job.file_name.rfind('.') + 1);
        return Download(std::move(*body), job.file_type, job.file_name, fmt::format("{}-export.{}", job.object, ext));
    }

    http::Response Errors(http::Context& c) {
        JobRecord job = VisibleJob(c, c.PathId("id"));
        RequireDone(job, "import");
        std::string format = c.request.Query("format").value_or("");
        if (format.empty()) format = GetString(job.result, "file_format").value_or("xlsx");
        if (format != "csv" && format != "xlsx")
            ThrowBadRequest({"format 应为 csv 或 xlsx", "format must be csv or xlsx"});
        std::filesystem::path path = m.options().data_dir / job.file_path;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) ThrowFileExpired();
        std::string body = ErrorReportFile(ReadErrorReport(path), format, c.lang);
        std::string type = format == "csv" ? "text/csv; charset=utf-8" : std::string(kXlsxContentType);
        return Download(
            std::move(body), type, job.file_name + "." + format, fmt::format("{}-import-errors.{}", job.object, format)
        );
    }
};

}  // namespace

DataIoModule::DataIoModule(
    store::Store& store, records::RecordsModule& records, const Clock& clock, DataIoOptions options
)
    : records_(records),
      options_(std::move(options)),
      runner_(store, clock, JobRunnerOptions{options_.data_dir, options_.job_threads}) {
    runner_.Register("export", [this](JobContext& ctx) { return RunExport(ctx, records_); });
    runner_.Register("import", [this](JobContext& ctx) { return RunImport(ctx, records_, options_.data_dir); });
}

DataIoModule::~DataIoModule() {
    runner_.Stop();
}

UploadLimits DataIoModule::upload_limits() const {
    UploadLimits limits;
    limits.max_bytes = options_.max_upload_bytes;
    return limits;
}

bool IsUploadRoute(std::string_view method, std::string_view path) {
    constexpr std::string_view kPrefix = "/api/v1/objects/";
    constexpr std::string_view kSuffix = "/import/upload";
    if (method != "POST" || !path.starts_with(kPrefix) || !path.ends_with(kSuffix)) return false;
    if (path.size() <= kPrefix.size() + kSuffix.size()) return false;
    std::string_view object = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
    return object.find('/') == std::string_view::npos;
}

void RegisterDataIoRoutes(http::Router& router, DataIoModule& module) {
    auto h = std::make_shared<Handlers>(Handlers{module});
    auto add =
        [&router](const char* method, std::string path, http::Handler handler, const char* summary, const char* tag) {
            router.Add({method, std::move(path), std::move(handler), http::Access::kAuthenticated, summary, tag});
        };
    const std::string base = "/api/v1/objects/{object}";
    add(
        "POST",
        base + "/export",
        [h](http::Context& c) { return h->Export(c); },
        "Export records to CSV or XLSX as a background job (format, filter, q, sort, fields) → 202 job",
        "import-export"
    );
    add(
        "GET",
        base + "/import/template",
        [h](http::Context& c) { return h->Template(c); },
        "Download the import template of an object (format=xlsx|csv), generated from its fields",
        "import-export"
    );
    add(
        "POST",
        base + "/import/upload",
        [h](http::Context& c) { return h->Upload(c); },
        "Upload a CSV or XLSX file (raw body) for an import → columns, row count, sample, suggested mapping",
        "import-export"
    );
    add(
        "POST",
        base + "/import",
        [h](http::Context& c) { return h->Import(c); },
        "Import an uploaded file (upload_id, mapping, duplicate skip|update|create, match_field) → 202 job",
        "import-export"
    );
    add(
        "GET",
        "/api/v1/jobs",
        [h](http::Context& c) { return h->ListJobs(c); },
        "The caller's recent import and export jobs (kind, limit)",
        "jobs"
    );
    add(
        "GET",
        "/api/v1/jobs/{id}",
        [h](http::Context& c) { return h->GetJob(c); },
        "A background job: status, progress, result",
        "jobs"
    );
    add(
        "GET",
        "/api/v1/jobs/{id}/file",
        [h](http::Context& c) { return h->File(c); },
        "Download an export job's file",
        "jobs"
    );
    add(
        "GET",
        "/api/v1/jobs/{id}/errors",
        [h](http::Context& c) { return h->Errors(c); },
        "Download an import job's row-by-row error report (format=xlsx|csv)",
        "jobs"
    );
}

}  // namespace xieli::data_io
