#include "records/records_module.h"

#include "records/schema_writer.h"
#include "records/standard_objects.h"

namespace xieli::records {

std::shared_ptr<const Schema> RecordsModule::SchemaOf(store::Database& db) {
    {
        std::lock_guard lock(sync_mutex_);
        if (!synced_.count(&db)) {
            store::Transaction tx = db.Write();
            bool changed = SyncStandardObjects(*tx, clock_.Now());
            tx.Commit();
            if (changed) schemas_.Invalidate(db);
            SyncTableStorage(db);  // indexes and search tables of this build (schema_writer.h)
            synced_.insert(&db);
        }
    }
    return schemas_.Get(db);
}

RecordScope RecordsModule::ScopeFor(const http::Context& ctx) {
    const http::Caller& caller = ctx.RequireCaller();
    store::Database& db = ctx.TenantDb();
    std::shared_ptr<const Schema> schema = SchemaOf(db);
    AccessContext access;
    {
        store::Reader r = db.Read();
        access = LoadAccessContext(*r, caller.user_id);
    }
    return RecordScope{db, std::move(schema), std::move(access), ctx.lang};
}

}  // namespace xieli::records
