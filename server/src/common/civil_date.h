#pragma once

// Calendar dates as whole days since 1970-01-01, the arithmetic every date range needs (relative
// ranges in filters, date buckets of aggregates, spreadsheet day numbers). Proleptic Gregorian,
// Howard Hinnant's algorithms: exact for any year, no time zone, no locale.

#include <cstdint>
#include <string>

namespace xieli {

// China Standard Time is UTC+8 all year: local midnight is 16:00 UTC of the day before.
inline constexpr int kChinaOffsetHours = 8;

struct Civil {
    int64_t y;
    unsigned m, d;
};

// Days since 1970-01-01 of year `y`, month `m` (1–12), day `d` (1–31).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
Civil CivilFromDays(int64_t days);
// "YYYY-MM-DD".
std::string DateText(int64_t days);

}  // namespace xieli
