#include "modules/files/file_limits_routes.h"

#include "common/error.h"
#include "modules/files/file_limits.h"
#include "modules/org/admin_guard.h"

namespace xieli::files {

namespace {

bool IsFileField(const records::FieldMeta& f) {
    return f.type == records::FieldType::kFile || f.type == records::FieldType::kImage;
}

struct LimitHandlers {
    records::RecordsModule& records;
    int64_t server_max_mb;

    // The limits of the object's file and image fields the caller may see; fields without limits
    // are listed too (max_size_mb null, accept []), so the form needs one answer per object.
    http::Response List(http::Context& c) {
        records::RecordScope s = records.ScopeFor(c);
        const records::ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        std::map<std::string, FileLimits> limits;
        {
            store::Reader r = s.db.Read();
            limits = LoadFileLimits(*r, o.name);
        }
        json::array out;
        for (const records::FieldMeta& f : o.fields) {
            if (!IsFileField(f) || s.access.FieldAccessFor(o.name, f.name) == org::FieldAccess::kHidden) continue;
            auto it = limits.find(f.name);
            out.push_back(FileLimitsToJson(f.name, it == limits.end() ? FileLimits{} : it->second));
        }
        return http::Response::Json(200, json::object{{"records", std::move(out)}, {"server_max_mb", server_max_mb}});
    }

    http::Response Put(http::Context& c) {
        json::object body = c.JsonBody();
        // Changing a field is for full administrators, after the admin re-authentication.
        org::RequireAdmin(c, org::kFullAdminOnly);
        records::RecordScope s = records.ScopeFor(c);
        const records::ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        const records::FieldMeta* f = o.Field(c.PathParam("field"));
        if (!f) throw Error(ErrorCode::kNotFound, {"字段不存在", "No such field"});
        FileLimits limits = ParseFileLimits(body, *f, server_max_mb);
        store::Transaction tx = s.db.Write();
        SaveFileLimits(*tx, o.name, f->name, limits, records.clock().Now());
        tx.Commit();
        return http::Response::Json(200, FileLimitsToJson(f->name, limits));
    }
};

}  // namespace

void RegisterFileLimitRoutes(http::Router& router, records::RecordsModule& records, int64_t server_max_mb) {
    auto h = std::make_shared<LimitHandlers>(LimitHandlers{records, server_max_mb});
    router.Add(
        {"GET",
         "/api/v1/meta/objects/{object}/file-limits",
         [h](http::Context& c) { return h->List(c); },
         http::Access::kAuthenticated,
         "The per-field limits of the object's file and image fields: {records: [{field, max_size_mb, accept}], "
         "server_max_mb}",
         "files"}
    );
    router.Add(
        {"PUT",
         "/api/v1/meta/objects/{object}/fields/{field}/file-limits",
         [h](http::Context& c) { return h->Put(c); },
         http::Access::kAuthenticated,
         "Set a file or image field's limits (full admin): {max_size_mb: 1…--file-max-mb | null, accept: [image, "
         "pdf, office, text, archive, media] | null (file fields only)}",
         "files"}
    );
}

}  // namespace xieli::files
