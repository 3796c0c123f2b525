#include "modules/org/body_reader.h"

#include <algorithm>
#include <cmath>

#include "common/strings.h"

namespace xieli::org {

std::optional<int64_t> JsonToId(const json::value& v) {
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<uint64_t>(INT64_MAX))
        return static_cast<int64_t>(v.get_uint64());
    if (v.is_double() && std::nearbyint(v.get_double()) == v.get_double() && std::abs(v.get_double()) < 9e15) {
        return static_cast<int64_t>(v.get_double());
    }
    if (v.is_string()) {
        const auto& s = v.get_string();
        if (s.empty() || s.size() > 18) return std::nullopt;
        int64_t out = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            out = out * 10 + (c - '0');
        }
        return out;
    }
    return std::nullopt;
}

void BodyReader::Fail(std::string field, std::string code, Text message) {
    errors_.push_back(FieldError{std::move(field), std::move(code), std::move(message)});
}

bool BodyReader::HasErrorFor(std::string_view field) const {
    return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == field; });
}

void BodyReader::ThrowIfAny() {
    if (!errors_.empty()) ThrowValidation(std::move(errors_));
}

void BodyReader::WrongType(std::string_view key, const Text& expected) {
    std::string k(key);
    Fail(k, "invalid_type", {"字段 " + k + " 应为" + expected.zh, "Field " + k + " must be " + expected.en});
}

std::optional<std::string> BodyReader::RawString(std::string_view key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_string()) {
        WrongType(key, {"字符串", "a string"});
        return std::nullopt;
    }
    return std::string(it->value().get_string());
}

std::optional<std::string> BodyReader::String(std::string_view key) {
    std::optional<std::string> s = RawString(key);
    if (s) *s = TrimCopy(*s);
    return s;
}

std::optional<int64_t> BodyReader::Int(std::string_view key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->value().is_null()) return std::nullopt;
    std::optional<int64_t> v = JsonToId(it->value());
    if (!v) WrongType(key, {"整数", "an integer"});
    return v;
}

std::optional<bool> BodyReader::Bool(std::string_view key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_bool()) {
        WrongType(key, {"布尔值", "true or false"});
        return std::nullopt;
    }
    return it->value().get_bool();
}

std::optional<std::vector<int64_t>> BodyReader::IdList(std::string_view key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_array()) {
        WrongType(key, {"编号数组", "an array of ids"});
        return std::nullopt;
    }
    std::vector<int64_t> out;
    for (const json::value& v : it->value().get_array()) {
        std::optional<int64_t> id = JsonToId(v);
        if (!id || *id <= 0) {
            WrongType(key, {"编号数组", "an array of ids"});
            return std::nullopt;
        }
        if (std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
    }
    return out;
}

std::optional<std::vector<std::string>> BodyReader::StringList(std::string_view key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_array()) {
        WrongType(key, {"字符串数组", "an array of strings"});
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const json::value& v : it->value().get_array()) {
        if (!v.is_string()) {
            WrongType(key, {"字符串数组", "an array of strings"});
            return std::nullopt;
        }
        std::string s(v.get_string());
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    }
    return out;
}

Patch<int64_t> BodyReader::IntPatch(std::string_view key) {
    Patch<int64_t> p;
    auto it = body_.find(key);
    if (it == body_.end()) return p;
    p.present = true;
    if (it->value().is_null()) return p;
    p.value = JsonToId(it->value());
    if (!p.value) {
        WrongType(key, {"整数", "an integer"});
        p.present = false;
    }
    return p;
}

}  // namespace xieli::org
