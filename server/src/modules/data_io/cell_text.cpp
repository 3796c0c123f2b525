#include "modules/data_io/cell_text.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <ctime>

#include "common/civil_date.h"
#include "common/clock.h"
#include "common/strings.h"
#include "records/value_codec.h"

namespace xieli::data_io {

namespace {

using records::FieldType;

constexpr int64_t kChinaOffsetSeconds = 8 * 3600;

std::string NumberText(const json::value& v) {
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    if (v.is_double()) return fmt::format("{}", v.get_double());
    if (v.is_string()) return std::string(v.get_string());
    return {};
}

std::string Join(const std::vector<std::string>& parts, Lang lang) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += lang == Lang::kEn ? ", " : "、";
        out += p;
    }
    return out;
}

// A spreadsheet's day number (days since 1899-12-30, what Excel stores for dates) → whole days and
// the seconds into the day; only for 1900-03-01 .. 9999-12-31.
std::optional<std::pair<int64_t, int64_t>> SerialDay(std::string_view text) {
    if (text.empty() || text.find_first_not_of("0123456789.") != std::string_view::npos) return std::nullopt;
    char* end = nullptr;
    std::string s(text);
    double serial = std::strtod(s.c_str(), &end);
    if (*end != '\0' || !std::isfinite(serial) || serial < 61 || serial >= 2958466) return std::nullopt;
    int64_t days = static_cast<int64_t>(std::floor(serial));
    int64_t seconds = std::llround((serial - static_cast<double>(days)) * 86400);
    if (seconds >= 86400) {
        days += 1;
        seconds -= 86400;
    }
    return std::make_pair(days + DaysFromCivil(1899, 12, 30), seconds);
}

// Reads an unsigned number of at most `max_digits` digits at `pos`.
std::optional<int> Digits(std::string_view s, size_t& pos, size_t max_digits) {
    size_t start = pos;
    int v = 0;
    while (pos < s.size() && pos - start < max_digits && s[pos] >= '0' && s[pos] <= '9') v = v * 10 + (s[pos++] - '0');
    if (pos == start) return std::nullopt;
    return v;
}

bool Skip(std::string_view s, size_t& pos, std::string_view token) {
    if (s.substr(pos, token.size()) != token) return false;
    pos += token.size();
    return true;
}

struct DateTimeParts {
    std::string date;  // YYYY-MM-DD
    int hour = 0, minute = 0, second = 0;
    bool has_time = false;
};

// "2026-11-24", "2026/11/24 9:30", "2026年11月24日 09:30:15", "2026.1.5" …
std::optional<DateTimeParts> ParseLocal(std::string_view s) {
    size_t pos = 0;
    auto y = Digits(s, pos, 4);
    if (!y || pos != 4) return std::nullopt;
    std::string_view sep;
    for (std::string_view candidate : {"-", "/", ".", "年"}) {
        if (Skip(s, pos, candidate)) {
            sep = candidate;
            break;
        }
    }
    if (sep.empty()) return std::nullopt;
    auto m = Digits(s, pos, 2);
    if (!m) return std::nullopt;
    if (!Skip(s, pos, sep == "年" ? "月" : sep)) return std::nullopt;
    auto d = Digits(s, pos, 2);
    if (!d) return std::nullopt;
    if (sep == "年") Skip(s, pos, "日");
    DateTimeParts out;
    out.date = fmt::format("{:04}-{:02}-{:02}", *y, *m, *d);
    if (!records::IsValidDate(out.date)) return std::nullopt;
    if (pos == s.size()) return out;
    if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == 'T')) ++pos;
    auto h = Digits(s, pos, 2);
    if (!h || !(Skip(s, pos, ":") || Skip(s, pos, "："))) return std::nullopt;
    auto mi = Digits(s, pos, 2);
    if (!mi) return std::nullopt;
    int sec = 0;
    if (Skip(s, pos, ":") || Skip(s, pos, "：")) {
        auto se = Digits(s, pos, 2);
        if (!se) return std::nullopt;
        sec = *se;
        if (Skip(s, pos, ".")) Digits(s, pos, 9);  // fractions of a second are dropped
    }
    if (pos != s.size() || *h > 23 || *mi > 59 || sec > 59) return std::nullopt;
    out.hour = *h;
    out.minute = *mi;
    out.second = sec;
    out.has_time = true;
    return out;
}

}  // namespace

std::string LocalDatetimeText(std::string_view utc) {
    std::optional<TimePoint> t = ParseIsoTime(utc);
    if (!t) return std::string(utc);
    std::time_t secs = std::chrono::system_clock::to_time_t(*t) + kChinaOffsetSeconds;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    );
}

std::string CellText(const records::FieldMeta& f, const json::value& value, const json::value& display, Lang lang) {
    if (value.is_null()) return {};
    switch (f.type) {
        case FieldType::kUser:
        case FieldType::kDepartment:
        case FieldType::kLookup:
            if (display.is_string()) return std::string(display.get_string());
            return {};  // a record the caller cannot see: its id means nothing to a reader
        case FieldType::kSelect:
            if (display.is_string()) return std::string(display.get_string());
            return value.is_string() ? std::string(value.get_string()) : std::string();
        case FieldType::kMultiselect: {
            std::vector<std::string> parts;
            const json::array* labels = display.if_array();
            const json::array* values = value.if_array();
            for (size_t i = 0; values && i < values->size(); ++i) {
                const json::value& label = labels && i < labels->size() ? (*labels)[i] : (*values)[i];
                if (label.is_string()) parts.emplace_back(label.get_string());
            }
            return Join(parts, lang);
        }
        case FieldType::kBoolean:
            if (!value.is_bool()) return {};
            if (lang == Lang::kEn) return value.get_bool() ? "Yes" : "No";
            return value.get_bool() ? "是" : "否";
        case FieldType::kDatetime: return value.is_string() ? LocalDatetimeText(value.get_string()) : std::string();
        case FieldType::kNumber:
        case FieldType::kPercent:
        case FieldType::kFormula:
        case FieldType::kCurrency: return NumberText(value);
        case FieldType::kLocation: {
            const json::object* o = value.if_object();
            if (!o) return {};
            if (const json::value* a = o->if_contains("address"); a && a->is_string() && !a->get_string().empty())
                return std::string(a->get_string());
            const json::value* lat = o->if_contains("lat");
            const json::value* lng = o->if_contains("lng");
            if (!lat || !lng) return {};
            return NumberText(*lat) + "," + NumberText(*lng);
        }
        case FieldType::kFile:
        case FieldType::kImage: {
            std::vector<std::string> ids;
            if (const json::array* a = value.if_array()) {
                for (const auto& id : *a) ids.push_back(NumberText(id));
            }
            std::string out;
            for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
            return out;
        }
        default: return value.is_string() ? std::string(value.get_string()) : NumberText(value);
    }
}

std::optional<bool> ParseBoolCell(std::string_view text) {
    std::string t = ToLowerAscii(TrimCopy(text));
    static constexpr std::string_view kYes[] = {"是", "true", "yes", "y", "1", "√", "✓", "对", "有"};
    static constexpr std::string_view kNo[] = {"否", "false", "no", "n", "0", "×", "✗", "错", "无"};
    for (std::string_view y : kYes) {
        if (t == y) return true;
    }
    for (std::string_view n : kNo) {
        if (t == n) return false;
    }
    return std::nullopt;
}

std::optional<double> ParseNumberCell(std::string_view text) {
    std::string t;
    for (char c : TrimCopy(text)) {
        if (c != ',' && c != ' ') t.push_back(c);
    }
    if (!t.empty() && t.back() == '%') t.pop_back();
    if (t.empty() || t.find_first_not_of("0123456789.+-eE") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(t.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<std::string> ParseMoneyCell(std::string_view text) {
    std::string t = TrimCopy(text);
    for (std::string_view noise : {"\xC2\xA5", "\xEF\xBF\xA5", "元", ",", " "}) {
        for (size_t p = t.find(noise); p != std::string::npos; p = t.find(noise)) t.erase(p, noise.size());
    }
    if (t.empty() || t.find_first_not_of("0123456789.-") != std::string::npos) return std::nullopt;
    size_t dot = t.find('.');
    if (dot != std::string::npos && t.size() - dot - 1 > 2) {
        char* end = nullptr;
        double v = std::strtod(t.c_str(), &end);
        if (*end != '\0' || !std::isfinite(v) || std::abs(v) > 9e12) return std::nullopt;
        double cents = std::round(v * 100);
        if (std::abs(cents - v * 100) > 1e-6) return t;  // really more than two decimals: the engine says so
        return records::FormatMoney(static_cast<int64_t>(cents));
    }
    return t;
}

std::optional<std::string> ParseDateCell(std::string_view text) {
    std::string t = TrimCopy(text);
    if (auto serial = SerialDay(t)) return DateText(serial->first);
    if (auto parts = ParseLocal(t)) return parts->date;
    // An ISO time with an offset: its date in China.
    if (t.size() > 10 && ParseIsoTime(t)) return LocalDatetimeText(t).substr(0, 10);
    return std::nullopt;
}

std::optional<std::string> ParseDatetimeCell(std::string_view text) {
    std::string t = TrimCopy(text);
    if (auto serial = SerialDay(t)) {
        int64_t s = serial->second;
        return fmt::format("{}T{:02}:{:02}:{:02}+08:00", DateText(serial->first), s / 3600, s / 60 % 60, s % 60);
    }
    if (auto parts = ParseLocal(t)) {
        return fmt::format("{}T{:02}:{:02}:{:02}+08:00", parts->date, parts->hour, parts->minute, parts->second);
    }
    if (ParseIsoTime(t)) return t;
    return std::nullopt;
}

std::vector<std::string> SplitListCell(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string part = TrimCopy(current);
        if (!part.empty()) out.push_back(std::move(part));
        current.clear();
    };
    for (size_t i = 0; i < text.size();) {
        bool separator = false;
        for (std::string_view sep : {"、", "，", "；", ",", ";", "|", "\n", "\r"}) {
            if (text.substr(i, sep.size()) == sep) {
                separator = true;
                i += sep.size();
                break;
            }
        }
        if (separator) {
            flush();
        } else {
            current.push_back(text[i++]);
        }
    }
    flush();
    return out;
}

std::string UnguardCell(std::string_view text) {
    if (text.size() >= 2 && text[0] == '\'' &&
        (text[1] == '=' || text[1] == '+' || text[1] == '-' || text[1] == '@' || text[1] == '\t' || text[1] == '\r')) {
        return std::string(text.substr(1));
    }
    return std::string(text);
}

}  // namespace xieli::data_io
