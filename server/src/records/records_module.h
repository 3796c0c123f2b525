#pragma once

// Wires the engine to HTTP: per request, the caller's enterprise schema (standard objects synced
// once per database per process) and access context; the generic record routes and the metadata
// routes.

#include <memory>
#include <mutex>
#include <set>

#include "http/context.h"
#include "http/router.h"
#include "records/metadata.h"
#include "records/record_service.h"
#include "store/store.h"

namespace xieli::records {

class RecordsModule {
public:
    explicit RecordsModule(const Clock& clock) : clock_(clock), service_(clock) {}

    // The schema of a tenant database, with the standard objects brought up to date first.
    std::shared_ptr<const Schema> SchemaOf(store::Database& db);
    RecordScope ScopeFor(const http::Context& ctx);
    // Call after changing metadata inside `db` (the change is committed).
    void SchemaChanged(store::Database& db) { schemas_.Invalidate(db); }

    RecordService& service() { return service_; }
    const Clock& clock() const { return clock_; }

private:
    const Clock& clock_;
    RecordService service_;
    SchemaCache schemas_;
    std::mutex sync_mutex_;
    std::set<const store::Database*> synced_;
};

void RegisterRecordRoutes(http::Router& router, RecordsModule& records);
// 回收站 routes (recycle_bin_routes.cpp); RegisterRecordRoutes adds them.
void RegisterRecycleBinRoutes(http::Router& router, RecordsModule& records);
// The query parameters of GET …/records (limit, offset, cursor, sort, q, filter, fields, total).
QueryRequest QueryFromParams(const http::Request& req);
void RegisterMetaRoutes(http::Router& router, RecordsModule& records);

}  // namespace xieli::records
