#include "modules/sales/pipelines.h"

#include <fmt/format.h>

#include <set>

#include "common/error.h"
#include "common/strings.h"

namespace xieli::sales {

namespace {

constexpr size_t kMaxStages = 20;

[[noreturn]] void Invalid(std::string field, const char* code, Text message) {
    ThrowValidation({FieldError{std::move(field), code, std::move(message)}});
}

StageKind ParseKind(const std::string& text) {
    if (text == "won") return StageKind::kWon;
    if (text == "lost") return StageKind::kLost;
    return StageKind::kOpen;
}

json::object PipelineJson(store::Connection& conn, const store::Row& p, bool is_default) {
    json::array stages;
    for (const store::Row& s : conn.Query(
             "SELECT s.stage, COALESCE(o.label_zh, s.stage), COALESCE(o.label_en, s.stage), s.probability, s.kind "
             "FROM sales_stages s LEFT JOIN picklist_options o ON o.picklist = 'opportunity_stage' AND o.value = "
             "s.stage WHERE s.pipeline = ? ORDER BY s.sort_order, s.stage",
             {p.Text(0)}
         )) {
        stages.push_back(json::object{
            {"value", s.Text(0)},
            {"label", s.Text(1)},
            {"label_en", s.Text(2)},
            {"probability", s.Int(3)},
            {"kind", s.Text(4)},
        });
    }
    return json::object{
        {"value", p.Text(0)},
        {"label", p.Text(1)},
        {"label_en", p.Text(2)},
        {"disabled", p[3].AsBool()},
        {"default", is_default},
        {"stages", std::move(stages)},
    };
}

struct StageInput {
    std::optional<std::string> value;
    std::string label;
    std::string label_en;
    int probability = 0;
};

std::vector<StageInput> ReadStages(const json::object& body) {
    const json::value* list = body.if_contains("stages");
    if (!list || !list->is_array() || list->get_array().empty() || list->get_array().size() > kMaxStages)
        Invalid("stages", "invalid", {"请填写 1–20 个进行中的阶段", "Give 1–20 open stages"});
    std::vector<StageInput> out;
    std::set<std::string> labels, values;
    size_t i = 0;
    for (const json::value& v : list->get_array()) {
        std::string at = fmt::format("stages[{}]", i++);
        const json::object* o = v.if_object();
        if (!o) Invalid(at, "invalid", {"阶段格式不正确", "A stage is malformed"});
        StageInput in;
        if (auto value = GetString(*o, "value")) in.value = *value;
        in.label = TrimCopy(GetString(*o, "label").value_or(""));
        in.label_en = TrimCopy(GetString(*o, "label_en").value_or(""));
        if (in.label.empty() || Utf8Length(in.label) > 20 || Utf8Length(in.label_en) > 40)
            Invalid(at + ".label", "invalid", {"阶段名称应为 1–20 个字符", "A stage name is 1–20 characters"});
        std::optional<int64_t> p = GetInt(*o, "probability");
        if (!p || *p < 0 || *p > 100) Invalid(at + ".probability", "out_of_range", {"赢率应为 0–100", "0–100"});
        in.probability = static_cast<int>(*p);
        if (in.value && (*in.value == "won" || *in.value == "lost"))
            Invalid(at + ".value", "terminal", {"赢单和输单阶段固定在最后", "Won and lost always come last"});
        if (!labels.insert(in.label).second)
            Invalid(at + ".label", "duplicate", {"阶段名称重复", "Stage names repeat"});
        if (in.value && !values.insert(*in.value).second)
            Invalid(at + ".value", "duplicate", {"阶段重复", "A stage repeats"});
        out.push_back(std::move(in));
    }
    return out;
}

// A stage value of the dictionary for `in`: the given one (it must exist) or a new option.
std::string StageValue(store::Connection& tx, const StageInput& in) {
    if (in.value) {
        if (!tx.QueryValue(
                "SELECT 1 FROM picklist_options WHERE picklist = 'opportunity_stage' AND value = ?", {*in.value}
            ))
            Invalid(
                "stages",
                "unknown_value",
                {fmt::format("没有阶段「{}」", *in.value), fmt::format("No stage '{}'", *in.value)}
            );
        tx.Execute(
            "UPDATE picklist_options SET label_zh = ?, label_en = ?, disabled = 0 WHERE picklist = 'opportunity_stage' "
            "AND value = ?",
            {in.label, in.label_en.empty() ? in.label : in.label_en, *in.value}
        );
        return *in.value;
    }
    // The same name in another pipeline is the same stage: reports compare pipelines by stage.
    if (auto same = tx.QueryValue(
            "SELECT value FROM picklist_options WHERE picklist = 'opportunity_stage' AND label_zh = ?", {in.label}
        )) {
        tx.Execute(
            "UPDATE picklist_options SET disabled = 0 WHERE picklist = 'opportunity_stage' AND value = ?", {*same}
        );
        return same->AsText();
    }
    for (int n = 1;; ++n) {
        std::string v = fmt::format("s{}", n);
        if (tx.QueryValue("SELECT 1 FROM picklist_options WHERE picklist = 'opportunity_stage' AND value = ?", {v}))
            continue;
        auto order = tx.QueryValue(
            "SELECT COALESCE(MAX(sort_order), 0) + 10 FROM picklist_options WHERE picklist = 'opportunity_stage'"
        );
        tx.Execute(
            "INSERT INTO picklist_options (picklist, value, label_zh, label_en, sort_order) VALUES "
            "('opportunity_stage', ?, ?, ?, ?)",
            {v, in.label, in.label_en.empty() ? in.label : in.label_en, order->AsInt()}
        );
        return v;
    }
}

void WriteStages(store::Connection& tx, const std::string& pipeline, const std::vector<StageInput>& stages) {
    std::set<std::string> kept;
    std::vector<std::pair<std::string, int>> resolved;
    for (const StageInput& in : stages) {
        std::string value = StageValue(tx, in);
        if (!kept.insert(value).second) Invalid("stages", "duplicate", {"阶段重复", "A stage repeats"});
        resolved.emplace_back(value, in.probability);
    }
    // Open deals standing in a stage that would disappear would be left nowhere.
    for (const store::Row& r :
         tx.Query("SELECT stage FROM sales_stages WHERE pipeline = ? AND kind = 'open'", {pipeline})) {
        std::string stage = r.Text(0);
        if (kept.count(stage)) continue;
        auto n = tx.QueryValue(
            "SELECT COUNT(*) FROM obj_opportunity WHERE deleted_at IS NULL AND pipeline = ? AND stage = ?",
            {pipeline, stage}
        );
        if (n && n->AsInt() > 0) {
            throw Error(
                ErrorCode::kConflict,
                {fmt::format("还有 {} 个商机处于要删除的阶段，请先移走", n->AsInt()),
                 fmt::format("{} opportunities are still in a stage being removed; move them first", n->AsInt())}
            );
        }
    }
    tx.Execute("DELETE FROM sales_stages WHERE pipeline = ? AND kind = 'open'", {pipeline});
    int order = 0;
    for (const auto& [value, probability] : resolved) {
        tx.Execute(
            "INSERT INTO sales_stages (pipeline, stage, probability, kind, sort_order) VALUES (?, ?, ?, 'open', ?)",
            {pipeline, value, probability, order += 10}
        );
    }
    tx.Execute(
        "INSERT OR IGNORE INTO sales_stages (pipeline, stage, probability, kind, sort_order) VALUES "
        "(?, 'won', 100, 'won', 1000), (?, 'lost', 0, 'lost', 1010)",
        {pipeline, pipeline}
    );
    // A deal's win probability is its stage's (the weighted forecast and the kanban read it from the
    // deal): open deals in a re-weighted stage follow at once. A derived figure, written like the
    // contract rollups — no version bump, no history line per deal.
    for (const auto& [value, probability] : resolved) {
        tx.Execute(
            "UPDATE obj_opportunity SET win_probability = ? WHERE deleted_at IS NULL AND pipeline = ? AND stage = ? "
            "AND status = 'open' AND (win_probability IS NULL OR win_probability <> ?)",
            {static_cast<double>(probability), pipeline, value, static_cast<double>(probability)}
        );
    }
}

json::object OnePipeline(store::Connection& conn, std::string_view pipeline) {
    json::object all = ListPipelines(conn);
    for (json::value& p : all["records"].as_array()) {
        if (p.as_object()["value"].as_string() == pipeline) return std::move(p.as_object());
    }
    throw Error(ErrorCode::kNotFound, {"销售流程不存在", "No such pipeline"});
}

}  // namespace

std::string_view KindName(StageKind kind) {
    switch (kind) {
        case StageKind::kWon: return "won";
        case StageKind::kLost: return "lost";
        case StageKind::kOpen: break;
    }
    return "open";
}

std::optional<std::string> DefaultPipeline(store::Connection& conn) {
    // Only a pipeline with stages: one added in the data dictionary has none until an administrator
    // gives it some, and new deals (forms, lead conversion, imports) must still get a first stage.
    auto v = conn.QueryValue(
        "SELECT o.value FROM picklist_options o WHERE o.picklist = 'opportunity_pipeline' AND o.disabled = 0 "
        "AND EXISTS (SELECT 1 FROM sales_stages s WHERE s.pipeline = o.value AND s.kind = 'open') "
        "ORDER BY o.sort_order, o.value LIMIT 1"
    );
    if (!v) return std::nullopt;
    return v->AsText();
}

std::optional<std::string> FirstStage(store::Connection& conn, std::string_view pipeline) {
    auto v = conn.QueryValue(
        "SELECT stage FROM sales_stages WHERE pipeline = ? AND kind = 'open' ORDER BY sort_order LIMIT 1",
        {std::string(pipeline)}
    );
    if (!v) return std::nullopt;
    return v->AsText();
}

std::optional<StageConfig> FindStage(store::Connection& conn, std::string_view pipeline, std::string_view stage) {
    store::Rows rows = conn.Query(
        "SELECT probability, kind FROM sales_stages WHERE pipeline = ? AND stage = ?",
        {std::string(pipeline), std::string(stage)}
    );
    if (rows.empty()) return std::nullopt;
    return StageConfig{
        std::string(pipeline),
        std::string(stage),
        static_cast<int>(rows.front().Int(0)),
        ParseKind(rows.front().Text(1))};
}

json::object ListPipelines(store::Connection& conn) {
    std::optional<std::string> def = DefaultPipeline(conn);
    json::array out;
    for (const store::Row& p : conn.Query(
             "SELECT value, label_zh, label_en, disabled FROM picklist_options WHERE picklist = 'opportunity_pipeline' "
             "ORDER BY sort_order, value"
         )) {
        out.push_back(PipelineJson(conn, p, def && *def == p.Text(0)));
    }
    return json::object{{"records", std::move(out)}};
}

json::object PutStages(store::Connection& tx, std::string_view pipeline, const json::object& body, TimePoint) {
    if (!tx.QueryValue(
            "SELECT 1 FROM picklist_options WHERE picklist = 'opportunity_pipeline' AND value = ?",
            {std::string(pipeline)}
        )) {
        throw Error(ErrorCode::kNotFound, {"销售流程不存在", "No such pipeline"});
    }
    WriteStages(tx, std::string(pipeline), ReadStages(body));
    return OnePipeline(tx, pipeline);
}

json::object CreatePipeline(store::Connection& tx, const json::object& body, TimePoint) {
    std::string label = TrimCopy(GetString(body, "label").value_or(""));
    std::string label_en = TrimCopy(GetString(body, "label_en").value_or(""));
    if (label.empty() || Utf8Length(label) > 20 || Utf8Length(label_en) > 40)
        Invalid("label", "invalid", {"流程名称应为 1–20 个字符", "A pipeline name is 1–20 characters"});
    if (tx.QueryValue(
            "SELECT 1 FROM picklist_options WHERE picklist = 'opportunity_pipeline' AND label_zh = ?", {label}
        )) {
        throw Error(ErrorCode::kConflict, {"已有同名的销售流程", "A pipeline with this name exists"});
    }
    std::vector<StageInput> stages = ReadStages(body);
    std::string value;
    for (int n = 1;; ++n) {
        value = fmt::format("p{}", n);
        if (!tx.QueryValue(
                "SELECT 1 FROM picklist_options WHERE picklist = 'opportunity_pipeline' AND value = ?", {value}
            ))
            break;
    }
    auto order = tx.QueryValue(
        "SELECT COALESCE(MAX(sort_order), 0) + 10 FROM picklist_options WHERE picklist = 'opportunity_pipeline'"
    );
    tx.Execute(
        "INSERT INTO picklist_options (picklist, value, label_zh, label_en, sort_order) VALUES "
        "('opportunity_pipeline', ?, ?, ?, ?)",
        {value, label, label_en.empty() ? label : label_en, order->AsInt()}
    );
    WriteStages(tx, value, stages);
    return OnePipeline(tx, value);
}

}  // namespace xieli::sales
