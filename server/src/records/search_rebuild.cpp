#include "records/search_rebuild.h"

#include <fmt/format.h>

#include <string>

#include "jobs/scheduler.h"
#include "records/records_module.h"
#include "records/search_index.h"

namespace xieli::records {

void RebuildSearchAfterFieldDelete(store::Connection& tx, const ObjectMeta& remaining, TimePoint now) {
    int64_t rows = tx.QueryValue(
                         fmt::format("SELECT COUNT(*) FROM (SELECT 1 FROM {} LIMIT ?)", remaining.table),
                         {kInlineSearchRebuildLimit + 1}
    )
                       ->AsInt();
    if (rows > kInlineSearchRebuildLimit) {
        // One queued rebuild per object is enough: it reads the fields when it runs.
        jobs::ScheduleOnce(tx, kSearchRebuildJob, now, json::object{{"object", remaining.name}}, remaining.name);
        return;
    }
    for (int64_t after = 0;;) {
        after = RebuildSearchText(tx, remaining, after, kSearchRebuildBatch);
        if (after == 0) break;
    }
}

void RegisterSearchRebuildJob(jobs::Scheduler& scheduler, RecordsModule& records) {
    scheduler.RegisterOnce(std::string(kSearchRebuildJob), [&records](jobs::TenantContext& t, TimePoint) {
        const json::value* name = t.params.if_contains("object");
        if (!name || !name->is_string()) return;
        std::shared_ptr<const Schema> schema = records.SchemaOf(t.db);
        const ObjectMeta* object = schema->Find(std::string(name->get_string()));
        if (!object) return;  // the object went away since
        // Idempotent: a repeat after a crash writes the same text again.
        for (int64_t after = 0;;) {
            store::Transaction tx = t.db.Write();
            int64_t last = RebuildSearchText(*tx, *object, after, kSearchRebuildBatch);
            tx.Commit();
            if (last == 0) break;
            after = last;
        }
    });
}

}  // namespace xieli::records
