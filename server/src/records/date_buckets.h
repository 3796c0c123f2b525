#pragma once

// The calendar buckets a date or datetime field is grouped into by an aggregate (aggregate.h):
// days, weeks (starting on Monday, named by it), months, quarters and years of China Standard
// Time (UTC+8, no daylight saving), like the relative date filters of query_compiler.h.
//
// Two roads to the same groups. BucketExpression() computes each row's bucket in SQL: any number
// of buckets, but every row is read, converted and sorted. BucketRanges() gives each bucket's
// bounds as stored values, so a bucket is one range of an index (the dashboards' twelve months:
// no conversion, no sort); the aggregate takes it when the buckets are few.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "records/field_type.h"

namespace xieli::records {

enum class DateBucket { kNone, kDay, kWeek, kMonth, kQuarter, kYear };

// The SQL of the bucket of `column` (a date or datetime field's, e.g. "t.created_at"); kNone is
// the day. The result is the bucket's label: 2026-11-24, 2026-11-23 (its Monday), 2026-11,
// 2026-Q4, 2026.
std::string BucketExpression(FieldType type, DateBucket bucket, const std::string& column);

// One bucket: its label (as BucketExpression gives it) and the stored values it spans,
// from <= value < to.
struct BucketRange {
    std::string label;
    std::string from;
    std::string to;
};

// The buckets from the one holding `first` to the one holding `last` (stored values of a date or
// datetime field, first <= last), in order. None when there would be more than `max` of them, or a
// value is not a stored date or time.
std::optional<std::vector<BucketRange>> BucketRanges(
    FieldType type, DateBucket bucket, std::string_view first, std::string_view last, size_t max
);

}  // namespace xieli::records
