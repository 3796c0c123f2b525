#pragma once

// Sales pipelines and stages (销售流程与阶段), the configuration behind an opportunity's stage:
// which stages a pipeline has, in order, each with a win probability, and the two that end a
// deal (won, lost). Names live in the data dictionary (picklists opportunity_pipeline and
// opportunity_stage); the order, probabilities and kinds live in sales_stages.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "store/database.h"

namespace xieli::sales {

enum class StageKind { kOpen, kWon, kLost };

struct StageConfig {
    std::string pipeline;
    std::string stage;
    int probability = 0;
    StageKind kind = StageKind::kOpen;
};

std::string_view KindName(StageKind kind);

// The first enabled pipeline in dictionary order: what a new opportunity gets when none is named.
std::optional<std::string> DefaultPipeline(store::Connection& conn);
// The first open stage of a pipeline.
std::optional<std::string> FirstStage(store::Connection& conn, std::string_view pipeline);
std::optional<StageConfig> FindStage(store::Connection& conn, std::string_view pipeline, std::string_view stage);

// {"records": [{"value", "label", "label_en", "disabled", "default", "stages": [{"value", "label",
// "label_en", "probability", "kind"}]}]} in the caller's dictionary order.
json::object ListPipelines(store::Connection& conn);

// Replaces the open stages of `pipeline` (in order) with `body.stages`: [{"value"?, "label",
// "label_en"?, "probability"}]. Entries without a value become new stages of the dictionary. Won
// and lost always close the list. A stage that open opportunities of this pipeline stand in cannot
// be removed (409). Returns the pipeline as ListPipelines shows it.
json::object PutStages(store::Connection& tx, std::string_view pipeline, const json::object& body, TimePoint now);

// A new pipeline: {"label", "label_en"?, "stages": [...]} (stages as in PutStages).
json::object CreatePipeline(store::Connection& tx, const json::object& body, TimePoint now);

}  // namespace xieli::sales
