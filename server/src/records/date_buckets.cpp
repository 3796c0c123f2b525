#include "records/date_buckets.h"

#include <fmt/format.h>

#include <cstdint>

#include "common/civil_date.h"

namespace xieli::records {

namespace {

std::optional<unsigned> Digits(std::string_view s, size_t pos, size_t n) {
    if (s.size() < pos + n) return std::nullopt;
    unsigned v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return v;
}

// The local day (days since 1970-01-01) of a stored date ("2026-11-24") or time
// ("2026-11-23T16:30:00Z", UTC).
std::optional<int64_t> LocalDay(FieldType type, std::string_view stored) {
    std::optional<unsigned> y = Digits(stored, 0, 4), m = Digits(stored, 5, 2), d = Digits(stored, 8, 2);
    if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
    int64_t day = DaysFromCivil(*y, *m, *d);
    if (type == FieldType::kDate) return day;
    std::optional<unsigned> hour = Digits(stored, 11, 2);
    if (!hour || *hour > 23) return std::nullopt;
    return day + (*hour + kChinaOffsetHours) / 24;
}

// The stored value at the start of a local day: the date itself, or its midnight in UTC.
std::string StoredStart(FieldType type, int64_t local_day) {
    if (type == FieldType::kDate) return DateText(local_day);
    return fmt::format("{}T{:02}:00:00Z", DateText(local_day - 1), 24 - kChinaOffsetHours);
}

int64_t AddMonths(int64_t first_of_month, int months) {
    Civil c = CivilFromDays(first_of_month);
    int64_t index = c.y * 12 + (c.m - 1) + months;
    return DaysFromCivil(index / 12, static_cast<unsigned>(index % 12) + 1, 1);
}

// The first local day of the bucket holding `day`.
int64_t BucketStart(DateBucket bucket, int64_t day) {
    Civil c = CivilFromDays(day);
    switch (bucket) {
        case DateBucket::kNone:
        case DateBucket::kDay: return day;
        case DateBucket::kWeek: {
            int64_t weekday = ((day + 3) % 7 + 7) % 7;  // 0 is Monday; 1970-01-01 was a Thursday
            return day - weekday;
        }
        case DateBucket::kMonth: return DaysFromCivil(c.y, c.m, 1);
        case DateBucket::kQuarter: return DaysFromCivil(c.y, (c.m - 1) / 3 * 3 + 1, 1);
        case DateBucket::kYear: return DaysFromCivil(c.y, 1, 1);
    }
    return day;
}

int64_t NextBucket(DateBucket bucket, int64_t start) {
    switch (bucket) {
        case DateBucket::kNone:
        case DateBucket::kDay: return start + 1;
        case DateBucket::kWeek: return start + 7;
        case DateBucket::kMonth: return AddMonths(start, 1);
        case DateBucket::kQuarter: return AddMonths(start, 3);
        case DateBucket::kYear: return AddMonths(start, 12);
    }
    return start + 1;
}

std::string Label(DateBucket bucket, int64_t start) {
    Civil c = CivilFromDays(start);
    switch (bucket) {
        case DateBucket::kNone:
        case DateBucket::kDay:
        case DateBucket::kWeek: return DateText(start);
        case DateBucket::kMonth: return fmt::format("{:04}-{:02}", c.y, c.m);
        case DateBucket::kQuarter: return fmt::format("{:04}-Q{}", c.y, (c.m - 1) / 3 + 1);
        case DateBucket::kYear: return fmt::format("{:04}", c.y);
    }
    return DateText(start);
}

}  // namespace

std::string BucketExpression(FieldType type, DateBucket bucket, const std::string& column) {
    std::string day = type == FieldType::kDate ? column : fmt::format("date({}, '+8 hours')", column);
    switch (bucket) {
        case DateBucket::kNone:
        case DateBucket::kDay: return day;
        case DateBucket::kWeek:
            return fmt::format("date({0}, '-' || ((CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7) || ' days')", day);
        case DateBucket::kMonth: return fmt::format("substr({}, 1, 7)", day);
        case DateBucket::kQuarter:
            return fmt::format("substr({0}, 1, 4) || '-Q' || ((CAST(substr({0}, 6, 2) AS INTEGER) + 2) / 3)", day);
        case DateBucket::kYear: return fmt::format("substr({}, 1, 4)", day);
    }
    return day;
}

std::optional<std::vector<BucketRange>> BucketRanges(
    FieldType type, DateBucket bucket, std::string_view first, std::string_view last, size_t max
) {
    std::optional<int64_t> from = LocalDay(type, first), to = LocalDay(type, last);
    if (!from || !to || *to < *from) return std::nullopt;
    std::vector<BucketRange> out;
    for (int64_t start = BucketStart(bucket, *from); start <= *to;) {
        if (out.size() == max) return std::nullopt;
        int64_t next = NextBucket(bucket, start);
        out.push_back({Label(bucket, start), StoredStart(type, start), StoredStart(type, next)});
        start = next;
    }
    return out;
}

}  // namespace xieli::records
