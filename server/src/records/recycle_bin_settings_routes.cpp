// GET|PATCH /api/v1/settings/recycle-bin: 回收站保留天数 (recycle_bin_retention.h,
// docs/api/records.md "Recycle bin retention"). Anyone signed in reads it (the bin page says how
// long records stay); only a full administrator changes it, as only they purge.

#include "common/error.h"
#include "modules/org/admin_guard.h"
#include "records/records_module.h"
#include "records/recycle_bin_retention.h"

namespace xieli::records {

namespace {

struct RecycleBinSettingsHandlers {
    RecordsModule& m;

    http::Response Get(http::Context& c) {
        c.RequireCaller();
        store::Reader r = c.TenantDb().Read();
        return http::Response::Json(200, RecycleBinSettingsToJson(LoadRecycleBinDays(*r)));
    }
    http::Response Patch(http::Context& c) {
        org::RequireAdmin(c, org::kFullAdminOnly);
        json::object body = c.JsonBody();
        store::Transaction tx = c.TenantDb().Write();
        int days = ApplyRecycleBinSettingsPatch(LoadRecycleBinDays(*tx), body);
        SaveRecycleBinDays(*tx, days);
        json::object shown = RecycleBinSettingsToJson(days);
        // Administrative changes go to the operation log (DOMAIN.md "Data management").
        tx->Execute(
            "INSERT INTO audit_log (at, actor_id, action, target_type, details) VALUES (?, ?, "
            "'recycle_bin_settings', 'settings', ?)",
            {FormatUtc(m.clock().Now()), c.RequireCaller().user_id, json::serialize(shown)}
        );
        tx.Commit();
        return http::Response::Json(200, shown);
    }
};

}  // namespace

void RegisterRecycleBinSettingsRoutes(http::Router& router, RecordsModule& records) {
    auto h = std::make_shared<RecycleBinSettingsHandlers>(RecycleBinSettingsHandlers{records});
    using A = http::Access;
    router.Add(
        {"GET",
         "/api/v1/settings/recycle-bin",
         [h](http::Context& c) { return h->Get(c); },
         A::kAuthenticated,
         "How many days deleted records stay in the recycle bin (0: until purged by hand)",
         "records"}
    );
    router.Add(
        {"PATCH",
         "/api/v1/settings/recycle-bin",
         [h](http::Context& c) { return h->Patch(c); },
         A::kAuthenticated,
         "Change the recycle bin's retention days ({retention_days}: 0 or 7–3650; administrators)",
         "records"}
    );
}

}  // namespace xieli::records
