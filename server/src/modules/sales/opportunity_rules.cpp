#include "modules/sales/opportunity_rules.h"

#include <fmt/format.h>

#include <cmath>

#include "common/error.h"
#include "modules/sales/pipelines.h"
#include "modules/sales/record_lines.h"

namespace xieli::sales {

namespace {

using Row = std::map<std::string, store::Value>;

// The value a write leaves in `field`: the new one when it changes, else the stored one.
store::Value After(const records::WriteEvent& e, const char* field) {
    if (auto it = e.values.find(field); it != e.values.end()) return it->second;
    if (auto it = e.before.find(field); it != e.before.end()) return it->second;
    return {};
}

store::Value Before(const records::WriteEvent& e, const char* field) {
    auto it = e.before.find(field);
    return it == e.before.end() ? store::Value() : it->second;
}

bool Changes(const records::WriteEvent& e, const char* field) {
    return e.values.count(field) > 0;
}

// Sets a derived field only when its value really changes, so history shows no "80 → 80".
void Derive(records::WriteEvent& e, const char* field, store::Value v) {
    store::Value old = Before(e, field);
    if (e.record_id != 0 && !old.IsNull() && !v.IsNull() && old.AsText() == v.AsText()) return;
    e.values[field] = std::move(v);
}

std::string Text(const store::Value& v) {
    return v.IsNull() ? std::string() : v.AsText();
}

}  // namespace

void BeforeOpportunityWrite(records::WriteEvent& e) {
    bool creating = e.record_id == 0;
    // Product lines are optional on a deal; with them its amount is their total, as on a contract
    // (docs/decisions/0007-line-items.md), so the kanban and dashboards keep reading `amount`.
    DeriveAmountFromLines(e, {"商机", "The opportunity"});
    if (!creating && !Changes(e, "pipeline") && !Changes(e, "stage") && !Changes(e, "actual_amount") &&
        !Changes(e, "actual_close_date") && !Changes(e, "lost_reason")) {
        return;
    }
    std::string pipeline = Text(After(e, "pipeline"));
    if (pipeline.empty()) {
        std::optional<std::string> def = DefaultPipeline(e.tx);
        if (!def) {
            ThrowValidation({{"pipeline", "required", {"请先在后台配置销售流程", "Set up a sales pipeline first"}}});
        }
        pipeline = *def;
        e.values["pipeline"] = store::Value(pipeline);
    }
    std::string stage = Text(After(e, "stage"));
    if (stage.empty() || (Changes(e, "pipeline") && !Changes(e, "stage") && !FindStage(e.tx, pipeline, stage))) {
        // A new deal, or one moved to a pipeline without its stage, starts at the first stage.
        std::optional<std::string> first = FirstStage(e.tx, pipeline);
        if (!first) ThrowValidation({{"pipeline", "invalid", {"该销售流程没有阶段", "This pipeline has no stages"}}});
        stage = *first;
        e.values["stage"] = store::Value(stage);
    }
    std::optional<StageConfig> config = FindStage(e.tx, pipeline, stage);
    if (!config) {
        ThrowValidation({{"stage", "invalid", {"该阶段不属于所选销售流程", "This stage is not in the chosen pipeline"}}}
        );
    }
    std::vector<FieldError> errors;
    if (config->kind == StageKind::kWon) {
        if (After(e, "actual_amount").IsNull())
            errors.push_back({"actual_amount", "required", {"赢单请填写成交金额", "Winning needs the actual amount"}});
        if (After(e, "actual_close_date").IsNull())
            errors.push_back({"actual_close_date", "required", {"赢单请填写成交日期", "Winning needs the close date"}});
    } else if (config->kind == StageKind::kLost) {
        if (After(e, "lost_reason").IsNull())
            errors.push_back({"lost_reason", "required", {"输单请选择原因", "Losing needs a reason"}});
    }
    if (!errors.empty()) ThrowValidation(std::move(errors));
    // A won deal whose contract stands stays won: the contract's money counts as won business.
    if (!creating && config->kind != StageKind::kWon && Text(Before(e, "status")) == "won") {
        auto contract = e.tx.QueryValue(
            "SELECT 1 FROM obj_contract WHERE opportunity_id = ? AND deleted_at IS NULL "
            "AND COALESCE(status, '') <> 'terminated' LIMIT 1",
            {e.record_id}
        );
        if (contract) {
            ThrowValidation(
                {{"stage",
                  "has_contract",
                  {"该商机已签合同，不能再改为其他阶段；请先终止或删除合同",
                   "This deal has a contract; terminate or delete the contract before moving it"}}}
            );
        }
    }
    Derive(e, "win_probability", store::Value(static_cast<double>(config->probability)));
    Derive(e, "status", store::Value(std::string(KindName(config->kind))));
    if (creating || Text(Before(e, "stage")) != stage || Text(Before(e, "pipeline")) != pipeline) {
        e.values["stage_changed_at"] = store::Value(FormatUtc(e.now));
    }
}

void AfterOpportunityPurge(records::PurgeEvent& e) {
    e.tx.Execute("DELETE FROM opportunity_stage_history WHERE opportunity_id = ?", {e.record_id});
}

void AfterOpportunityWrite(records::WriteEvent& e) {
    bool creating = e.before.empty();
    std::string from = creating ? std::string() : Text(Before(e, "stage"));
    std::string to = Text(After(e, "stage"));
    if (!creating && from == to) return;
    std::optional<double> days;
    if (!creating) {
        store::Value since = Before(e, "stage_changed_at");
        if (since.IsNull()) since = Before(e, "created_at");
        if (auto t = ParseIsoTime(Text(since))) {
            double d = std::chrono::duration<double>(e.now - *t).count() / 86400.0;
            days = std::round(d * 10) / 10;
        }
    }
    e.tx.Execute(
        "INSERT INTO opportunity_stage_history (opportunity_id, pipeline, from_stage, to_stage, actor_id, at, "
        "days_in_stage) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {e.record_id,
         After(e, "pipeline"),
         from.empty() ? store::Value() : store::Value(from),
         to,
         e.access.user_id,
         FormatUtc(e.now),
         days ? store::Value(*days) : store::Value()}
    );
}

json::object StageHistory(records::RecordService& service, records::RecordScope& s, int64_t id) {
    store::Reader r = s.db.Read();
    service.RequireRecord(*r, s, "opportunity", id, records::Action::kRead);
    bool en = s.lang == Lang::kEn;
    json::array out;
    for (const store::Row& row : r->Query(
             "SELECT h.from_stage, fo.label_zh, fo.label_en, h.to_stage, tos.label_zh, tos.label_en, h.pipeline, "
             "h.actor_id, u.name, h.at, h.days_in_stage FROM opportunity_stage_history h "
             "LEFT JOIN picklist_options fo ON fo.picklist = 'opportunity_stage' AND fo.value = h.from_stage "
             "LEFT JOIN picklist_options tos ON tos.picklist = 'opportunity_stage' AND tos.value = h.to_stage "
             "LEFT JOIN users u ON u.id = h.actor_id WHERE h.opportunity_id = ? ORDER BY h.id DESC LIMIT 500",
             {id}
         )) {
        auto label = [&](size_t value, size_t zh) -> json::value {
            if (row.IsNull(value)) return nullptr;
            if (row.IsNull(zh)) return json::value(row.Text(value));
            return json::value(row.Text(en ? zh + 1 : zh));
        };
        out.push_back(json::object{
            {"from_stage", row.IsNull(0) ? json::value(nullptr) : json::value(row.Text(0))},
            {"from_label", label(0, 1)},
            {"to_stage", row.Text(3)},
            {"to_label", label(3, 4)},
            {"pipeline", row.IsNull(6) ? json::value(nullptr) : json::value(row.Text(6))},
            {"actor_id", row.IsNull(7) ? json::value(nullptr) : json::value(row.Int(7))},
            {"actor_name", row.Text(8)},
            {"at", row.Text(9)},
            // Whole days, as an integer: stored to a tenth of a day, a double would serialize as "2.5E0".
            {"days_in_stage",
             row.IsNull(10) ? json::value(nullptr)
                            : json::value(static_cast<int64_t>(std::floor(row[10].AsDouble() + 1e-9)))},
        });
    }
    return json::object{{"records", std::move(out)}};
}

}  // namespace xieli::sales
