// 回收站 routes: /api/v1/recycle-bin and /api/v1/objects/{object}/recycle-bin… (recycle_bin.h,
// docs/api/records.md "Recycle bin"). Listing and restoring follow the caller's delete scope;
// purging is for enterprise administrators only.

#include "common/error.h"
#include "modules/org/admin_guard.h"
#include "records/records_module.h"
#include "records/recycle_bin.h"
#include "records/recycle_bin_retention.h"

namespace xieli::records {

namespace {

struct RecycleBinHandlers {
    RecordsModule& m;

    http::Response Summary(http::Context& c) {
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, RecycleBinSummary(s));
    }
    http::Response List(http::Context& c) {
        QueryRequest q = QueryFromParams(c.request);
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, ListRecycleBin(m.service(), s, c.PathParam("object"), q));
    }
    http::Response Query(http::Context& c) {
        QueryRequest q = ParseQueryRequest(c.JsonBody());
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, ListRecycleBin(m.service(), s, c.PathParam("object"), q));
    }
    http::Response Restore(http::Context& c) {
        std::vector<int64_t> ids = ParseRecycleBinIds(c.JsonBody());
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, RestoreRecords(m.service(), s, c.PathParam("object"), ids));
    }
    http::Response Purge(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        std::vector<int64_t> ids = ParseRecycleBinIds(c.JsonBody());
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, PurgeRecords(m.service(), s, c.PathParam("object"), ids, m.clock().Now()));
    }
    http::Response PurgeOne(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        int64_t id = c.PathId("id");
        RecordScope s = m.ScopeFor(c);
        PurgeRecords(m.service(), s, c.PathParam("object"), {id}, m.clock().Now());
        return http::Response::NoContent();
    }
    http::Response Empty(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, EmptyRecycleBin(m.service(), s, c.PathParam("object"), m.clock().Now()));
    }
};

}  // namespace

void RegisterRecycleBinRoutes(http::Router& router, RecordsModule& records) {
    auto h = std::make_shared<RecycleBinHandlers>(RecycleBinHandlers{records});
    using A = http::Access;
    const std::string base = "/api/v1/objects/{object}/recycle-bin";
    router.Add(
        {"GET",
         "/api/v1/recycle-bin",
         [h](http::Context& c) { return h->Summary(c); },
         A::kAuthenticated,
         "Recycle bin summary: per object the caller may delete, how many records are in the bin",
         "records"}
    );
    router.Add(
        {"GET",
         base,
         [h](http::Context& c) { return h->List(c); },
         A::kAuthenticated,
         "List deleted records (as GET …/records; sortable by deleted_at, default -deleted_at)",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/query",
         [h](http::Context& c) { return h->Query(c); },
         A::kAuthenticated,
         "Query deleted records with filters, sort, keyword and paging",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/restore",
         [h](http::Context& c) { return h->Restore(c); },
         A::kAuthenticated,
         "Restore up to 500 deleted records, all or none ({ids})",
         "records"}
    );
    router.Add(
        {"POST",
         base + "/purge",
         [h](http::Context& c) { return h->Purge(c); },
         A::kAuthenticated,
         "Purge up to 500 deleted records for good, all or none ({ids}; administrators)",
         "records"}
    );
    router.Add(
        {"DELETE",
         base + "/{id}",
         [h](http::Context& c) { return h->PurgeOne(c); },
         A::kAuthenticated,
         "Purge one deleted record for good (administrators)",
         "records"}
    );
    router.Add(
        {"DELETE",
         base,
         [h](http::Context& c) { return h->Empty(c); },
         A::kAuthenticated,
         "Empty the object's recycle bin, keeping records live ones still point at (administrators)",
         "records"}
    );
    RegisterRecycleBinSettingsRoutes(router, records);
}

}  // namespace xieli::records
