#include "records/value_codec.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "common/clock.h"
#include "common/strings.h"

namespace xieli::records {

namespace {

constexpr int kDefaultTextLength = 255;
constexpr int kDefaultTextareaLength = 10000;

void Fail(std::vector<FieldError>& errors, const FieldMeta& f, const char* code, const Text& what) {
    errors.push_back(FieldError{
        f.name, code, {fmt::format("「{}」{}", f.label.zh, what.zh), fmt::format("{}: {}", f.label.en, what.en)}});
}

std::optional<std::string> DecodeText(const FieldMeta& f, const json::value& v, std::vector<FieldError>& errors) {
    if (!v.is_string()) {
        Fail(errors, f, "invalid_type", {"应为文本", "must be text"});
        return std::nullopt;
    }
    std::string s = TrimCopy(v.get_string());
    long len = Utf8Length(s);
    int limit = f.max_length.value_or(f.type == FieldType::kTextarea ? kDefaultTextareaLength : kDefaultTextLength);
    if (len < 0) {
        Fail(errors, f, "invalid", {"包含无效字符", "contains invalid characters"});
        return std::nullopt;
    }
    if (len > limit) {
        Fail(
            errors,
            f,
            "too_long",
            {fmt::format("不能超过 {} 个字符", limit), fmt::format("must be at most {} characters", limit)}
        );
        return std::nullopt;
    }
    return s;
}

bool CheckRange(const FieldMeta& f, double x, std::vector<FieldError>& errors) {
    if (f.min_value && x < *f.min_value) {
        Fail(
            errors,
            f,
            "too_small",
            {fmt::format("不能小于 {}", *f.min_value), fmt::format("must be at least {}", *f.min_value)}
        );
        return false;
    }
    if (f.max_value && x > *f.max_value) {
        Fail(
            errors,
            f,
            "too_large",
            {fmt::format("不能大于 {}", *f.max_value), fmt::format("must be at most {}", *f.max_value)}
        );
        return false;
    }
    return true;
}

std::optional<int64_t> DecodeId(const FieldMeta& f, const json::value& v, std::vector<FieldError>& errors) {
    if (v.is_int64() && v.get_int64() > 0) return v.get_int64();
    if (v.is_uint64() && v.get_uint64() > 0 && v.get_uint64() < (1ull << 62))
        return static_cast<int64_t>(v.get_uint64());
    if (v.is_string()) {
        const auto& s = v.get_string();
        if (!s.empty() && s.size() < 19 &&
            std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            int64_t id = std::stoll(std::string(s));
            if (id > 0) return id;
        }
    }
    Fail(errors, f, "invalid_type", {"应为记录编号", "must be a record id"});
    return std::nullopt;
}

}  // namespace

bool IsValidDate(std::string_view d) {
    int y, m, day;
    char tail;
    std::string s(d);
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3) return false;
    if (s[4] != '-' || s[7] != '-' || y < 1900 || y > 2999 || m < 1 || m > 12 || day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::optional<int64_t> ParseMoney(const json::value& v) {
    std::string s;
    if (v.is_string()) {
        s = TrimCopy(v.get_string());
    } else if (v.is_int64()) {
        s = std::to_string(v.get_int64());
    } else if (v.is_uint64()) {
        s = std::to_string(v.get_uint64());
    } else if (v.is_double()) {
        // A binary float is accepted only when it is exactly a cent amount once rounded.
        double cents = std::round(v.get_double() * 100);
        if (!std::isfinite(cents) || std::abs(cents) > 9e15 || std::abs(cents - v.get_double() * 100) > 1e-6)
            return std::nullopt;
        return static_cast<int64_t>(cents);
    } else {
        return std::nullopt;
    }
    bool negative = !s.empty() && s[0] == '-';
    if (negative) s.erase(0, 1);
    size_t dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (whole.empty() || whole.size() > 13 || frac.size() > 2) return std::nullopt;
    for (char c : whole + frac) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    while (frac.size() < 2) frac.push_back('0');
    int64_t cents = std::stoll(whole) * 100 + std::stoll(frac);
    return negative ? -cents : cents;
}

std::string FormatMoney(int64_t cents) {
    int64_t a = cents < 0 ? -cents : cents;
    return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", a / 100, a % 100);
}

std::optional<store::Value> DecodeValue(const FieldMeta& f, const json::value& v, std::vector<FieldError>& errors) {
    if (v.is_null()) return store::Value();
    switch (f.type) {
        case FieldType::kText:
        case FieldType::kTextarea:
        case FieldType::kAutonumber:
        case FieldType::kSelect: {
            auto s = DecodeText(f, v, errors);
            if (!s) return std::nullopt;
            return s->empty() ? store::Value() : store::Value(*s);
        }
        case FieldType::kRegion: {
            auto s = DecodeText(f, v, errors);
            if (!s) return std::nullopt;
            return s->empty() ? store::Value() : store::Value(*s);
        }
        case FieldType::kPhone: {
            auto s = DecodeText(f, v, errors);
            if (!s) return std::nullopt;
            if (s->empty()) return store::Value();
            for (char c : *s) {
                if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' || c == '(' || c == ')')) {
                    Fail(errors, f, "invalid", {"不是有效的电话号码", "is not a valid phone number"});
                    return std::nullopt;
                }
            }
            return store::Value(*s);
        }
        case FieldType::kEmail: {
            auto s = DecodeText(f, v, errors);
            if (!s) return std::nullopt;
            if (s->empty()) return store::Value();
            std::string e = NormalizeEmail(*s);
            if (e.empty()) {
                Fail(errors, f, "invalid", {"不是有效的邮箱地址", "is not a valid e-mail address"});
                return std::nullopt;
            }
            return store::Value(e);
        }
        case FieldType::kUrl: {
            auto s = DecodeText(f, v, errors);
            if (!s) return std::nullopt;
            if (s->empty()) return store::Value();
            if (s->find("://") == std::string::npos) *s = "https://" + *s;
            if (!s->starts_with("http://") && !s->starts_with("https://")) {
                Fail(errors, f, "invalid", {"应以 http:// 或 https:// 开头", "must start with http:// or https://"});
                return std::nullopt;
            }
            return store::Value(*s);
        }
        case FieldType::kNumber:
        case FieldType::kPercent: {
            if (!v.is_number()) {
                Fail(errors, f, "invalid_type", {"应为数字", "must be a number"});
                return std::nullopt;
            }
            double x = v.to_number<double>();
            if (!std::isfinite(x) || !CheckRange(f, x, errors)) return std::nullopt;
            return store::Value(x);
        }
        case FieldType::kCurrency: {
            std::optional<int64_t> cents = ParseMoney(v);
            if (!cents) {
                Fail(errors, f, "invalid", {"应为金额（最多两位小数）", "must be an amount with at most two decimals"});
                return std::nullopt;
            }
            if (!CheckRange(f, static_cast<double>(*cents) / 100, errors)) return std::nullopt;
            return store::Value(*cents);
        }
        case FieldType::kDate: {
            if (!v.is_string() || !IsValidDate(v.get_string())) {
                Fail(errors, f, "invalid", {"应为日期（YYYY-MM-DD）", "must be a date (YYYY-MM-DD)"});
                return std::nullopt;
            }
            return store::Value(std::string(v.get_string()));
        }
        case FieldType::kDatetime: {
            std::optional<TimePoint> t = v.is_string() ? ParseIsoTime(v.get_string()) : std::nullopt;
            if (!t) {
                Fail(errors, f, "invalid", {"应为时间（ISO-8601）", "must be a time (ISO-8601)"});
                return std::nullopt;
            }
            return store::Value(FormatUtc(*t));
        }
        case FieldType::kBoolean: {
            if (!v.is_bool()) {
                Fail(errors, f, "invalid_type", {"应为是或否", "must be true or false"});
                return std::nullopt;
            }
            return store::Value(v.get_bool());
        }
        case FieldType::kMultiselect: {
            if (!v.is_array() || v.get_array().size() > 100) {
                Fail(errors, f, "invalid_type", {"应为选项列表", "must be a list of options"});
                return std::nullopt;
            }
            json::array out;
            for (const auto& item : v.get_array()) {
                if (!item.is_string() || item.get_string().empty() || item.get_string().size() > 100) {
                    Fail(errors, f, "invalid", {"包含无效的选项", "contains an invalid option"});
                    return std::nullopt;
                }
                if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
            }
            return out.empty() ? store::Value() : store::Value(json::serialize(out));
        }
        case FieldType::kUser:
        case FieldType::kDepartment:
        case FieldType::kLookup: {
            auto id = DecodeId(f, v, errors);
            if (!id) return std::nullopt;
            return store::Value(*id);
        }
        case FieldType::kLocation: {
            // Coordinates (both, in range) and/or an address: a customer's address is often
            // known long before anyone stands at its door with a phone.
            const json::object* o = v.if_object();
            auto member = [&](const char* k) -> const json::value* {
                if (!o) return nullptr;
                const json::value* m = o->if_contains(k);
                return m && !m->is_null() ? m : nullptr;
            };
            const json::value* lat = member("lat");
            const json::value* lng = member("lng");
            const json::value* address = member("address");
            std::string addr = address && address->is_string() ? TrimCopy(address->get_string()) : std::string();
            bool coords_ok = lat && lng && lat->is_number() && lng->is_number() &&
                             std::abs(lat->to_number<double>()) <= 90 && std::abs(lng->to_number<double>()) <= 180;
            if (!o || (address && !address->is_string()) || ((lat || lng) && !coords_ok) ||
                (!coords_ok && addr.empty())) {
                Fail(
                    errors,
                    f,
                    "invalid",
                    {"应为地址或坐标（纬度、经度）", "must be an address or a location with lat and lng"}
                );
                return std::nullopt;
            }
            if (Utf8Length(addr) > 500) {
                Fail(errors, f, "too_long", {"地址最多 500 个字", "The address is at most 500 characters"});
                return std::nullopt;
            }
            json::object loc;
            if (coords_ok) {
                loc["lat"] = lat->to_number<double>();
                loc["lng"] = lng->to_number<double>();
            }
            if (!addr.empty()) loc["address"] = addr;
            return store::Value(json::serialize(loc));
        }
        case FieldType::kFile:
        case FieldType::kImage: {
            if (!v.is_array() || v.get_array().size() > 50) {
                Fail(errors, f, "invalid_type", {"应为文件列表", "must be a list of files"});
                return std::nullopt;
            }
            json::array ids;
            for (const auto& item : v.get_array()) {
                if (!item.is_int64() || item.get_int64() <= 0) {
                    Fail(errors, f, "invalid", {"包含无效的文件", "contains an invalid file"});
                    return std::nullopt;
                }
                ids.push_back(item);
            }
            return ids.empty() ? store::Value() : store::Value(json::serialize(ids));
        }
        case FieldType::kFormula:
            Fail(errors, f, "read_only", {"是计算字段，不能填写", "is computed and cannot be set"});
            return std::nullopt;
    }
    return std::nullopt;
}

json::value EncodeValue(const FieldMeta& f, const store::Value& v) {
    if (v.IsNull()) return nullptr;
    switch (f.type) {
        case FieldType::kCurrency: return json::value(FormatMoney(v.AsInt()));
        case FieldType::kBoolean: return json::value(v.AsInt() != 0);
        case FieldType::kNumber:
        case FieldType::kPercent:
        case FieldType::kFormula: {
            if (f.is_system) return json::value(v.AsInt());  // id, version
            double d = v.AsDouble();
            if (d == std::floor(d) && std::abs(d) < 9e15) return json::value(static_cast<int64_t>(d));
            return json::value(d);
        }
        case FieldType::kUser:
        case FieldType::kDepartment:
        case FieldType::kLookup: return json::value(v.AsInt());
        case FieldType::kMultiselect:
        case FieldType::kLocation:
        case FieldType::kFile:
        case FieldType::kImage: {
            boost::system::error_code ec;
            json::value parsed = json::parse(v.AsText(), ec);
            return ec ? json::value(nullptr) : parsed;
        }
        default: return json::value(v.AsText());
    }
}

std::string SearchTextOf(const FieldMeta& f, const store::Value& v) {
    if (v.IsNull()) return {};
    if (f.type == FieldType::kPhone) {
        // Numbers are searched by their digits, however they were typed.
        std::string digits;
        for (char c : v.AsText()) {
            if (c >= '0' && c <= '9') digits.push_back(c);
        }
        return digits == v.AsText() ? digits : v.AsText() + " " + digits;
    }
    return v.AsText();
}

}  // namespace xieli::records
