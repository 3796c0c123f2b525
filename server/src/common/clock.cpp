#include "common/clock.h"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>

namespace xieli {

std::string FormatUtc(TimePoint t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    );
}

std::optional<TimePoint> ParseIsoTime(std::string_view text) {
    std::string s(text);
    int y, mo, d, h, mi, sec, consumed = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &consumed) != 6)
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    std::string_view rest = std::string_view(s).substr(consumed);
    if (!rest.empty() && rest.front() == '.') {  // fractional seconds are accepted and dropped
        rest.remove_prefix(1);
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') rest.remove_prefix(1);
    }
    int offset_minutes = 0;
    if (rest == "Z" || rest.empty()) {
        offset_minutes = 0;
    } else if ((rest.front() == '+' || rest.front() == '-') && rest.size() == 6 && rest[3] == ':') {
        int oh = (rest[1] - '0') * 10 + (rest[2] - '0');
        int om = (rest[4] - '0') * 10 + (rest[5] - '0');
        offset_minutes = (oh * 60 + om) * (rest.front() == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    std::time_t secs = timegm(&tm);
    return std::chrono::system_clock::from_time_t(secs) - std::chrono::minutes(offset_minutes);
}

}  // namespace xieli
