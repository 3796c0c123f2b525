// Parsing cron specs and finding their next time (jobs/scheduler.h, class Schedule).

#include <charconv>
#include <ctime>
#include <vector>

#include "jobs/scheduler.h"

namespace xieli::jobs {

namespace {

// Cron specs are read in China Standard Time, which has no daylight saving.
constexpr std::chrono::hours kChinaOffset{8};

std::vector<std::string_view> Split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        size_t at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

std::optional<int> Number(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

// One cron field ("*/15", "1,15", "9-18", "0-30/10") into the set of values it allows.
bool ParseField(std::string_view text, int lo, int hi, std::set<int>& out, bool& any) {
    any = text == "*";
    for (std::string_view part : Split(text, ',')) {
        int step = 1;
        if (size_t slash = part.find('/'); slash != std::string_view::npos) {
            auto s = Number(part.substr(slash + 1));
            if (!s || *s < 1) return false;
            step = *s;
            part = part.substr(0, slash);
        }
        int from = lo, to = hi;
        if (part != "*") {
            size_t dash = part.find('-');
            auto a = Number(part.substr(0, dash));
            if (!a) return false;
            from = to = *a;
            if (dash != std::string_view::npos) {
                auto b = Number(part.substr(dash + 1));
                if (!b) return false;
                to = *b;
            } else if (step > 1) {
                to = hi;  // "5/10": from 5 on, every 10
            }
        }
        if (from < lo || to > hi || from > to) return false;
        for (int v = from; v <= to; v += step) out.insert(v);
    }
    return !out.empty();
}

}  // namespace

std::optional<Schedule> Schedule::Parse(std::string_view spec) {
    Schedule s;
    if (spec.starts_with("@every ")) {
        std::string_view n = spec.substr(7);
        if (n.size() < 2) return std::nullopt;
        char unit = n.back();
        auto count = Number(n.substr(0, n.size() - 1));
        if (!count || *count < 1) return std::nullopt;
        int64_t mult = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
        if (mult == 0) return std::nullopt;
        s.every_ = std::chrono::seconds(*count * mult);
        return s;
    }
    std::vector<std::string_view> fields;
    for (std::string_view f : Split(spec, ' ')) {
        if (!f.empty()) fields.push_back(f);
    }
    if (fields.size() != 5) return std::nullopt;
    bool any_minute, any_hour, any_month;
    if (!ParseField(fields[0], 0, 59, s.minutes_, any_minute) || !ParseField(fields[1], 0, 23, s.hours_, any_hour) ||
        !ParseField(fields[2], 1, 31, s.days_, s.any_day_) || !ParseField(fields[3], 1, 12, s.months_, any_month) ||
        !ParseField(fields[4], 0, 7, s.weekdays_, s.any_weekday_)) {
        return std::nullopt;
    }
    if (s.weekdays_.count(7)) s.weekdays_.insert(0);  // 7 is Sunday too
    return s;
}

TimePoint Schedule::Next(TimePoint after) const {
    using namespace std::chrono;
    if (every_.count() > 0) return after + every_;
    // Walk China-time minutes, skipping whole months, days and hours that cannot match.
    int64_t t = duration_cast<seconds>((after + kChinaOffset).time_since_epoch()).count();
    t = t - (t % 60 + 60) % 60 + 60;                     // the next whole minute
    const int64_t limit = t + int64_t{5} * 366 * 86400;  // "30 2 31 2 *" never matches: give up after 5 years
    while (t < limit) {
        std::time_t secs = static_cast<std::time_t>(t);
        std::tm tm{};
        gmtime_r(&secs, &tm);
        int64_t day_start = t - (tm.tm_hour * 3600 + tm.tm_min * 60);
        if (!months_.count(tm.tm_mon + 1)) {
            // The first day of the next month.
            t = day_start + int64_t{86400} * (32 - tm.tm_mday);
            std::time_t s2 = static_cast<std::time_t>(t);
            gmtime_r(&s2, &tm);
            t -= int64_t{86400} * (tm.tm_mday - 1);
            continue;
        }
        bool day_ok = days_.count(tm.tm_mday) > 0;
        bool weekday_ok = weekdays_.count(tm.tm_wday) > 0;
        // Cron's rule: when both day fields are restricted, either may match.
        bool matches = any_day_ && any_weekday_ ? true
                       : any_day_               ? weekday_ok
                       : any_weekday_           ? day_ok
                                                : (day_ok || weekday_ok);
        if (!matches) {
            t = day_start + 86400;
            continue;
        }
        if (!hours_.count(tm.tm_hour)) {
            t = day_start + (tm.tm_hour + 1) * 3600;
            continue;
        }
        if (!minutes_.count(tm.tm_min)) {
            t += 60;
            continue;
        }
        return TimePoint(seconds(t)) - kChinaOffset;
    }
    return after + hours(24 * 365 * 100);
}

}  // namespace xieli::jobs
