#include "modules/sales/deal_competitor_rules.h"

#include "common/error.h"
#include "modules/sales/write_event_helpers.h"

namespace xieli::sales {

namespace {

// 422 when another live row already puts `competitor` into `opportunity`.
void RequireNewPair(store::Connection& tx, int64_t opportunity, int64_t competitor, int64_t row_id) {
    if (!tx.QueryValue(
            "SELECT 1 FROM obj_opportunity_competitor WHERE opportunity_id = ? AND competitor_id = ? "
            "AND deleted_at IS NULL AND id <> ?",
            {opportunity, competitor, row_id}
        ))
        return;
    ThrowFieldError(
        "competitor_id",
        "duplicate",
        {"该竞争对手已在这个商机中，请编辑已有的分析", "This competitor is already on the deal; edit its analysis"}
    );
}

}  // namespace

void BeforeDealCompetitorWrite(records::WriteEvent& e) {
    bool creating = e.record_id == 0;
    if (!creating && !Changes(e, "opportunity_id") && !Changes(e, "competitor_id")) return;
    int64_t opportunity = IntOf(After(e, "opportunity_id"));
    int64_t competitor = IntOf(After(e, "competitor_id"));
    if (opportunity == 0 || competitor == 0) return;  // the engine answers for required fields
    // Reading the deal was checked by the engine (a lookup must be readable); analysing it is editing it.
    if (!CallerMay(e.tx, e.access, "opportunity", opportunity, records::Action::kUpdate)) {
        throw Error(
            ErrorCode::kForbidden,
            {"只有能编辑该商机的人可以维护它的竞争对手", "Only people who may edit the deal can record its competitors"}
        );
    }
    RequireNewPair(e.tx, opportunity, competitor, e.record_id);
    std::optional<RecordRow> rival = LoadLiveRow(e.tx, TableOf("competitor"), competitor);
    if (rival) Derive(e, "name", (*rival)["name"]);
}

void AfterDealCompetitorRestore(records::WriteEvent& e) {
    std::optional<RecordRow> row = LoadLiveRow(e.tx, TableOf("opportunity_competitor"), e.record_id);
    if (!row) return;
    RequireNewPair(e.tx, IntOf((*row)["opportunity_id"]), IntOf((*row)["competitor_id"]), e.record_id);
}

}  // namespace xieli::sales
