#pragma once

// Small pieces the generators share: UTC and China Standard Time renderings of the times they
// pick, office hours, record numbers as the server renders them, and the note about fields a
// generator leaves empty.

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <string>

#include "common/clock.h"
#include "random.h"
#include "records/metadata.h"
#include "store/database.h"

namespace xieli::bench {

inline constexpr int64_t kDay = 86400;
inline constexpr int64_t kChinaOffset = 8 * 3600;

inline std::string Utc(int64_t secs) {
    return FormatUtc(TimePoint(std::chrono::seconds(secs)));
}

inline std::tm ChinaTime(int64_t secs) {
    std::time_t t = static_cast<std::time_t>(secs + kChinaOffset);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

inline std::string ChinaDate(int64_t secs) {
    std::tm tm = ChinaTime(secs);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

// A moment during Chinese office hours (09:00–18:30, UTC+8) of the UTC day starting at day_start.
inline int64_t OfficeTime(Rng& rng, int64_t day_start) {
    return day_start + rng.Between(3600, 37800);
}

// An autonumber as RecordService::NextAutonumber renders it ("KH-{yyyy}-{0000}" in China time):
// the counter restarts every period its date tokens name.
struct Autonumber {
    std::string format;
    std::map<std::string, int64_t> counters;  // period → last number

    // Continues the numbering already in autonumber_counters (records made through the API).
    void Load(store::Connection& conn, const std::string& object, const std::string& field) {
        for (const store::Row& r : conn.Query(
                 "SELECT period, value FROM autonumber_counters WHERE object = ? AND field = ?", {object, field}
             ))
            counters[r.Text(0)] = r.Int(1);
    }
    // Records the last numbers, so records created through the API continue after them.
    void Save(store::Connection& conn, const std::string& object, const std::string& field) const {
        for (const auto& [period, value] : counters) {
            conn.Execute(
                "INSERT INTO autonumber_counters (object, field, period, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (object, field, period) DO UPDATE SET value = excluded.value",
                {object, field, period, value}
            );
        }
    }

    std::string Next(int64_t secs) {
        std::tm tm = ChinaTime(secs);
        std::string period, out;
        int digits = 4;
        bool has_counter = false;
        for (size_t i = 0; i < format.size();) {
            size_t end = format[i] == '{' ? format.find('}', i) : std::string::npos;
            if (end == std::string::npos) {
                out += format[i++];
                continue;
            }
            std::string token = format.substr(i + 1, end - i - 1), rendered;
            if (token == "yyyy") rendered = fmt::format("{:04}", tm.tm_year + 1900);
            if (token == "yy") rendered = fmt::format("{:02}", (tm.tm_year + 1900) % 100);
            if (token == "MM") rendered = fmt::format("{:02}", tm.tm_mon + 1);
            if (token == "dd") rendered = fmt::format("{:02}", tm.tm_mday);
            if (!rendered.empty()) {
                period += rendered;
                out += rendered;
            } else if (!token.empty() && token.find_first_not_of('0') == std::string::npos) {
                digits = static_cast<int>(token.size());
                out += '\x01';
                has_counter = true;
            } else {
                out += format.substr(i, end - i + 1);
            }
            i = end + 1;
        }
        if (!has_counter) out += '\x01';
        int64_t n = ++counters[period];
        out.replace(out.find('\x01'), 1, fmt::format("{:0{}}", n, digits));
        return out;
    }
};

// The record number format of an object's autonumber field ("{0000}" when it has none).
inline std::string AutonumberFormat(const records::ObjectMeta& object, const char* field) {
    const records::FieldMeta* f = object.Field(field);
    return f && !f->autonumber_format.empty() ? f->autonumber_format : "{0000}";
}

// Fields of `object` this generator never fills: printed so that a field added to a standard
// object later is noticed.
inline void ReportUnfilled(const records::ObjectMeta& object, const std::set<std::string>& filled) {
    std::string names;
    for (const records::FieldMeta& f : object.fields) {
        if (f.is_system || f.type == records::FieldType::kFormula || filled.count(f.name)) continue;
        names += (names.empty() ? "" : ", ") + f.name;
    }
    if (!names.empty()) std::printf("  note: %s fields left empty: %s\n", object.name.c_str(), names.c_str());
}

}  // namespace xieli::bench
