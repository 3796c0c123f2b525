#pragma once

// Grouped figures over the records a query selects: counts and sums per stage, per owner, per
// month… (the kanban's column totals, the dashboards, later the report builder).
//
// The rows come from the query compiler's WHERE — the same filter, keyword, data scope and field
// security as the list — so a figure always equals what its drill-down list shows:
//   POST /api/v1/objects/{object}/aggregate
//   {"filter": {…}, "q": "…",
//    "group_by": [{"field": "stage"}, {"field": "expected_close_date", "bucket": "month"}],
//    "measures": [{"op": "count"}, {"op": "sum", "field": "amount"},
//                 {"op": "weighted_sum", "field": "amount", "weight": "win_probability"}],
//    "limit": 100}
// → {"groups": [{"key": {"stage": "proposal", …}, "_display": {…}, "count": 3,
//                "sum_amount": "1200.00", "weighted_sum_amount": "600.00"}],
//    "totals": {"count": …, …}, "truncated": false}
// A weighted sum multiplies by a percent field (Σ amount × win probability / 100).

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "records/date_buckets.h"
#include "records/record_service.h"

namespace xieli::records {

struct GroupKey {
    std::string field;
    DateBucket bucket = DateBucket::kNone;
};

enum class MeasureOp { kCount, kSum, kAvg, kMin, kMax, kWeightedSum };

struct Measure {
    MeasureOp op = MeasureOp::kCount;
    std::string field;   // empty for count
    std::string weight;  // weighted_sum only: a percent field
};

struct AggregateRequest {
    json::value filter;
    std::string q;
    std::vector<GroupKey> group_by;  // at most 2; none: one row of totals
    std::vector<Measure> measures;   // none: count
    int limit = 100;                 // groups, at most 1000
};

// Reads the body of POST …/aggregate; malformed parts are 400/422.
AggregateRequest ParseAggregateRequest(const json::object& body);

// The name a measure's figure has in the answer: "count", "sum_amount", "weighted_sum_amount".
std::string MeasureKey(const Measure& m);

// Runs the aggregate for the caller of `s`. Unknown, hidden or unsuitable fields are 422.
json::object Aggregate(
    RecordService& service, RecordScope& s, std::string_view object, const AggregateRequest& request, TimePoint now
);

}  // namespace xieli::records
