// /api/v1/meta/…: deleting custom objects, and restoring or purging deleted objects and fields
// (meta_deletion.h). All of it is for full administrators. Deleting an object and purging anything
// ask for confirmation: the query parameter `confirm` must be the API name of what goes.

#include <fmt/format.h>

#include "common/error.h"
#include "modules/org/admin_guard.h"
#include "records/formula.h"
#include "records/meta_deletion.h"
#include "records/records_module.h"
#include "records/schema_writer.h"
#include "records/search_index.h"
#include "records/search_rebuild.h"
#include "records/standard_objects.h"

namespace xieli::records {

namespace {

// 422 unless ?confirm= is `name`.
void RequireConfirmation(const http::Context& c, const std::string& name) {
    std::optional<std::string> confirm = c.request.Query("confirm");
    if (!confirm || confirm->empty()) {
        ThrowValidation({FieldError{
            "confirm",
            "required",
            {"请输入 API 名称 " + name + " 以确认", "Type the API name " + name + " to confirm"}}});
    }
    if (*confirm != name) {
        ThrowValidation({FieldError{
            "confirm", "mismatch", {"确认的名称与 " + name + " 不符", "The confirmation does not match " + name}}});
    }
}

struct DeletionHandlers {
    RecordsModule& m;

    http::Response ListDeleted(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        return http::Response::Json(200, records::ListDeleted(*r));
    }

    http::Response DeleteObject(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        const ObjectMeta& o = s.schema->Get(c.PathParam("object"));
        if (!o.is_custom) throw Error(ErrorCode::kConflict, {"标准对象不能删除", "Standard objects cannot be deleted"});
        RequireConfirmation(c, o.name);
        // The table and its records stay until purged: a mistaken delete loses nothing.
        store::Transaction tx = s.db.Write();
        // Checked under the writer, so a lookup added meanwhile is seen.
        RequireNoLookupsTo(*LoadSchema(*tx), o);
        std::string now = FormatUtc(m.clock().Now());
        tx->Execute("UPDATE meta_objects SET deleted_at = ?, updated_at = ? WHERE name = ?", {now, now, o.name});
        tx.Commit();
        m.SchemaChanged(s.db);
        return http::Response::NoContent();
    }

    http::Response RestoreObject(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        ObjectRow row = ReadObjectRow(*tx, c.PathParam("object"));
        if (!row.deleted) throw Error(ErrorCode::kConflict, {"该对象未被删除", "This object is not deleted"});
        tx->Execute(
            "UPDATE meta_objects SET deleted_at = NULL, updated_at = ? WHERE name = ?",
            {FormatUtc(m.clock().Now()), row.name}
        );
        std::shared_ptr<const Schema> schema = LoadSchema(*tx);
        const ObjectMeta& o = schema->Get(row.name);
        for (const FieldMeta& f : o.fields) {
            if (f.type == FieldType::kLookup && !schema->Find(f.lookup_object)) {
                throw Error(
                    ErrorCode::kConflict,
                    {"关联字段「" + f.label.zh + "」指向的对象 " + f.lookup_object + " 已不存在，请先恢复该对象",
                     "The lookup field \"" + f.label.en + "\" points at " + f.lookup_object +
                         ", which is gone: restore that object first"}
                );
            }
        }
        // Its indexes and search tables as this build wants them (a start-up sync skipped it).
        SyncObjectIndexes(*tx, o, StandardAggregateIndexes());
        SyncSearchSideTables(*tx, o);
        KeepWriteCounter(*tx, o.table);
        tx.Commit();
        m.SchemaChanged(s.db);
        RecordScope fresh = m.ScopeFor(c);
        return http::Response::Json(200, ObjectToJson(fresh.schema->Get(row.name), false));
    }

    http::Response PurgeObject(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        ObjectRow row = ReadObjectRow(*tx, c.PathParam("object"));
        if (!row.is_custom) throw Error(ErrorCode::kNotFound, {"对象不存在", "No such object"});
        if (!row.deleted) {
            throw Error(
                ErrorCode::kConflict,
                {"只能彻底删除已删除的对象，请先删除它", "Only a deleted object can be purged: delete it first"}
            );
        }
        RequireConfirmation(c, row.name);
        PurgeObjectStorage(*tx, row);
        tx.Commit();
        m.SchemaChanged(s.db);
        return http::Response::NoContent();
    }

    http::Response RestoreField(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        ObjectRow object = ReadObjectRow(*tx, c.PathParam("object"));
        FieldRow row = ReadFieldRow(*tx, object.name, c.PathParam("field"));
        if (!row.deleted) throw Error(ErrorCode::kConflict, {"该字段未被删除", "This field is not deleted"});
        if (object.deleted) {
            throw Error(
                ErrorCode::kConflict,
                {"字段所属的对象已删除，请先恢复对象", "The field's object is deleted: restore the object first"}
            );
        }
        tx->Execute("UPDATE meta_fields SET deleted_at = NULL WHERE object = ? AND name = ?", {object.name, row.name});
        std::shared_ptr<const Schema> schema = LoadSchema(*tx);
        const ObjectMeta& o = schema->Get(object.name);
        const FieldMeta* f = o.Field(row.name);
        if (!f) throw Error(ErrorCode::kConflict, {"无法恢复该字段", "This field cannot be restored"});
        if (f->type == FieldType::kLookup && !schema->Find(f->lookup_object)) {
            throw Error(
                ErrorCode::kConflict,
                {"该字段指向的对象 " + f->lookup_object + " 已不存在",
                 "The object " + f->lookup_object + " it points at is gone"}
            );
        }
        if (f->type == FieldType::kFormula) {
            std::optional<CompiledFormula> formula;
            try {
                formula = CompileFormula(o, f->formula);
            } catch (const Error&) {
                throw Error(
                    ErrorCode::kConflict,
                    {"该计算字段用到的字段已不存在，无法恢复",
                     "A field this formula uses is gone: it cannot be restored"}
                );
            }
            // Its fields may have changed while it was away: every record's value is computed again.
            tx->Execute(fmt::format("UPDATE {} SET {} = {}", o.table, f->column, formula->sql));
        }
        // Its index (a start-up sync drops the index of a deleted field) and its search text.
        SyncObjectIndexes(*tx, o, StandardAggregateIndexes());
        if (f->searchable) RebuildSearchAfterFieldDelete(*tx, o, m.clock().Now());
        tx.Commit();
        m.SchemaChanged(s.db);
        RecordScope fresh = m.ScopeFor(c);
        return http::Response::Json(200, FieldToJson(*fresh.schema->Get(object.name).Field(row.name)));
    }

    http::Response PurgeField(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        ObjectRow object = ReadObjectRow(*tx, c.PathParam("object"));
        FieldRow row = ReadFieldRow(*tx, object.name, c.PathParam("field"));
        if (!row.is_custom) throw Error(ErrorCode::kNotFound, {"字段不存在", "No such field"});
        if (!row.deleted) {
            throw Error(
                ErrorCode::kConflict,
                {"只能彻底删除已删除的字段，请先删除它", "Only a deleted field can be purged: delete it first"}
            );
        }
        RequireConfirmation(c, row.name);
        PurgeFieldStorage(*tx, object, row);
        tx.Commit();
        m.SchemaChanged(s.db);
        return http::Response::NoContent();
    }
};

}  // namespace

void RegisterMetaDeletionRoutes(http::Router& router, RecordsModule& records) {
    auto h = std::make_shared<DeletionHandlers>(DeletionHandlers{records});
    using A = http::Access;
    router.Add(
        {"GET",
         "/api/v1/meta/deleted",
         [h](http::Context& c) { return h->ListDeleted(c); },
         A::kAuthenticated,
         "Deleted custom objects and fields, until restored or purged (admin)",
         "meta"}
    );
    router.Add(
        {"DELETE",
         "/api/v1/meta/objects/{object}",
         [h](http::Context& c) { return h->DeleteObject(c); },
         A::kAuthenticated,
         "Delete a custom object (?confirm=<its API name>); its records are kept until purged (admin)",
         "meta"}
    );
    router.Add(
        {"POST",
         "/api/v1/meta/objects/{object}/restore",
         [h](http::Context& c) { return h->RestoreObject(c); },
         A::kAuthenticated,
         "Restore a deleted custom object with its records (admin)",
         "meta"}
    );
    router.Add(
        {"DELETE",
         "/api/v1/meta/objects/{object}/purge",
         [h](http::Context& c) { return h->PurgeObject(c); },
         A::kAuthenticated,
         "Purge a deleted custom object: its table and records are dropped (?confirm=<its API name>, admin)",
         "meta"}
    );
    router.Add(
        {"POST",
         "/api/v1/meta/objects/{object}/fields/{field}/restore",
         [h](http::Context& c) { return h->RestoreField(c); },
         A::kAuthenticated,
         "Restore a deleted custom field with its data (admin)",
         "meta"}
    );
    router.Add(
        {"DELETE",
         "/api/v1/meta/objects/{object}/fields/{field}/purge",
         [h](http::Context& c) { return h->PurgeField(c); },
         A::kAuthenticated,
         "Purge a deleted custom field: its column and data are dropped (?confirm=<its API name>, admin)",
         "meta"}
    );
}

}  // namespace xieli::records
