// /api/v1/meta/…: deleting custom objects, and restoring or purging deleted objects and fields
// (meta_deletion.h). All of it is for full administrators. Deleting an object and purging anything
// ask for confirmation: the query parameter `confirm` must be the API name of what goes.

#include "modules/org/admin_guard.h"
#include "records/meta_deletion.h"
#include "records/records_module.h"

namespace xieli::records {

namespace {

struct DeletionHandlers {
    RecordsModule& m;

    // For full administrators: `change` (a function of meta_deletion.h) in a write transaction,
    // committed, then every cached schema of the tenant reloaded.
    template <class Change>
    void ChangeSchema(http::Context& c, Change&& change) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        change(*tx);
        tx.Commit();
        m.SchemaChanged(s.db);
    }

    http::Response ListDeleted(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        return http::Response::Json(200, records::ListDeleted(*r));
    }

    http::Response DeleteObject(http::Context& c) {
        ChangeSchema(c, [&](store::Connection& tx) {
            records::DeleteObject(tx, c.PathParam("object"), c.request.Query("confirm"), m.clock().Now());
        });
        return http::Response::NoContent();
    }

    http::Response RestoreObject(http::Context& c) {
        ChangeSchema(c, [&](store::Connection& tx) {
            records::RestoreObject(tx, c.PathParam("object"), m.clock().Now());
        });
        RecordScope fresh = m.ScopeFor(c);
        return http::Response::Json(200, ObjectToJson(fresh.schema->Get(c.PathParam("object")), false));
    }

    http::Response PurgeObject(http::Context& c) {
        ChangeSchema(c, [&](store::Connection& tx) {
            records::PurgeObject(tx, c.PathParam("object"), c.request.Query("confirm"));
        });
        return http::Response::NoContent();
    }

    http::Response RestoreField(http::Context& c) {
        ChangeSchema(c, [&](store::Connection& tx) {
            records::RestoreField(tx, c.PathParam("object"), c.PathParam("field"), m.clock().Now());
        });
        RecordScope fresh = m.ScopeFor(c);
        return http::Response::Json(
            200, FieldToJson(*fresh.schema->Get(c.PathParam("object")).Field(c.PathParam("field")))
        );
    }

    http::Response PurgeField(http::Context& c) {
        ChangeSchema(c, [&](store::Connection& tx) {
            records::PurgeField(tx, c.PathParam("object"), c.PathParam("field"), c.request.Query("confirm"));
        });
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
