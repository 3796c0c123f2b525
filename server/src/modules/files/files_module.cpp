#include "modules/files/files_module.h"

#include <fmt/format.h>

#include "common/content_disposition.h"
#include "common/error.h"
#include "modules/files/blob_store.h"
#include "modules/files/file_fields.h"
#include "modules/files/file_limits_routes.h"
#include "modules/files/file_removal.h"
#include "modules/files/file_repository.h"
#include "modules/files/file_sniff.h"

namespace xieli::files {

namespace {

[[noreturn]] void ThrowFileNotFound() {
    throw Error(ErrorCode::kNotFound, {"文件不存在或无权查看", "No such file, or you may not see it"});
}

// The name of an upload: the X-File-Name header (percent-encoded UTF-8, as encodeURIComponent
// writes it) or the name query parameter.
std::string UploadName(const http::Request& req) {
    std::string_view header = req.Header("x-file-name");
    if (!header.empty()) return CleanFileName(http::PercentDecode(header, false));
    return CleanFileName(req.Query("name").value_or(""));
}

// An ASCII name for old clients: file-<id> with the extension when it is plain.
std::string AsciiName(const FileRow& f) {
    size_t dot = f.name.rfind('.');
    std::string ext = dot == std::string::npos ? "" : f.name.substr(dot);
    if (ext.size() > 10) ext.clear();
    return fmt::format("file-{}{}", f.id, ext);
}

struct Handlers {
    records::RecordsModule& records;
    FilesOptions options;
    BlobStore blobs;

    http::Response Upload(http::Context& c) {
        records::RecordScope s = records.ScopeFor(c);
        const std::string& body = c.request.body;
        if (body.size() > options.max_bytes) {
            throw Error(
                ErrorCode::kPayloadTooLarge,
                {fmt::format("文件过大（每个文件最大 {} MB）", options.max_bytes / (1024 * 1024)),
                 fmt::format("The file is too large (at most {} MB each)", options.max_bytes / (1024 * 1024))}
            );
        }
        if (body.empty()) ThrowValidation({{"file", "empty", {"文件是空的", "The file is empty"}}});
        if (IsExecutable(body)) {
            throw Error(
                ErrorCode::kUnsupportedMediaType,
                {"不能上传可执行程序", "Programs (executables) cannot be uploaded"},
                "executable upload refused"
            );
        }
        FileRow f;
        f.name = UploadName(c.request);
        f.content_type = SniffContentType(body, f.name);
        f.size = static_cast<int64_t>(body.size());
        f.uploaded_by = s.access.user_id;
        f.created_at = FormatUtc(records.clock().Now());
        f.sha256 = blobs.Put(c.RequireCaller().tenant_id, body);
        {
            store::Transaction tx = s.db.Write();
            f.id = InsertFile(*tx, f);
            tx.Commit();
        }
        return http::Response::Created(FileToJson(f), fmt::format("/api/v1/files/{}", f.id));
    }

    // The file if the caller may see it: its uploader while no record has taken it; afterwards
    // whoever may read that record (the engine's data scope) and see that field.
    FileRow Visible(store::Connection& conn, records::RecordScope& s, int64_t id) {
        std::optional<FileRow> f = LoadFile(conn, id);
        if (!f) ThrowFileNotFound();
        if (!f->linked()) {
            if (f->uploaded_by != s.access.user_id) ThrowFileNotFound();
            return *f;
        }
        const records::ObjectMeta* o = s.schema->Find(f->object);
        if (!o || !o->Field(f->field)) ThrowFileNotFound();
        if (s.access.FieldAccessFor(o->name, f->field) == org::FieldAccess::kHidden) ThrowFileNotFound();
        try {
            records.service().RequireRecord(conn, s, o->name, f->record_id, records::Action::kRead);
        } catch (const Error& e) {
            if (e.code() == ErrorCode::kNotFound) ThrowFileNotFound();
            throw;
        }
        return *f;
    }

    http::Response Download(http::Context& c) {
        records::RecordScope s = records.ScopeFor(c);
        FileRow f;
        {
            store::Reader r = s.db.Read();
            f = Visible(*r, s, c.PathId("id"));
        }
        std::optional<std::string> bytes = blobs.Read(c.RequireCaller().tenant_id, f.sha256);
        if (!bytes) {
            throw Error(
                ErrorCode::kNotFound,
                {"文件内容已不在服务器上", "The file's content is no longer on the server"},
                fmt::format("blob {} of file {} is missing", f.sha256, f.id)
            );
        }
        bool image = IsImageType(f.content_type);
        http::Response r = http::Response::Text(200, std::move(*bytes), f.content_type);
        r.SetHeader(
            "Content-Disposition",
            image ? InlineDisposition(f.name, AsciiName(f)) : AttachmentDisposition(f.name, AsciiName(f))
        );
        // What was uploaded is never run: no sniffing by the browser, no scripts, no plugins.
        r.SetHeader("X-Content-Type-Options", "nosniff");
        r.SetHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox");
        r.SetHeader("Cache-Control", "private, max-age=3600");
        return r;
    }
};

}  // namespace

bool IsUploadRoute(std::string_view method, std::string_view path) {
    return method == "POST" && path == "/api/v1/files";
}

void RegisterFilesModule(http::Router& router, records::RecordsModule& records, FilesOptions options) {
    records.service().AddHooks(std::string(records::kEveryObject), FileFieldHooks());
    records.service().AddHooks(std::string(records::kEveryObject), FileRemovalHooks());
    RegisterFileLimitRoutes(router, records, static_cast<int64_t>(options.max_bytes / (1024 * 1024)));
    auto h = std::make_shared<Handlers>(Handlers{records, options, BlobStore(options.data_dir)});
    router.Add(
        {"POST",
         "/api/v1/files",
         [h](http::Context& c) { return h->Upload(c); },
         http::Access::kAuthenticated,
         "Upload a file (raw body; name in X-File-Name, percent-encoded, or ?name=) → 201 {id, name, size, "
         "content_type, url}; the type is read from the bytes",
         "files"}
    );
    router.Add(
        {"GET",
         "/api/v1/files/{id}",
         [h](http::Context& c) { return h->Download(c); },
         http::Access::kAuthenticated,
         "Download a file: its uploader while unlinked, then whoever may read the record and field that took it "
         "(images inline)",
         "files"}
    );
}

}  // namespace xieli::files
