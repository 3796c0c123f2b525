#include "common/json.h"

#include <cmath>

#include "common/error.h"

namespace xieli {

namespace {

[[noreturn]] void ThrowWrongType(std::string_view key, const Text& expected) {
    ThrowValidation({FieldError{
        std::string(key),
        "invalid_type",
        {"字段 " + std::string(key) + " 应为" + expected.zh, "Field " + std::string(key) + " must be " + expected.en}}}
    );
}

}  // namespace

json::value ParseJson(std::string_view text) {
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = 64;  // deep nesting is an attack, not a use case
    json::value v = json::parse(text, ec, {}, opts);
    if (ec == json::error::too_deep) {
        ThrowBadRequest(
            {"请求体的 JSON 嵌套过深（最多 64 层）",
             "The request body is nested too deeply (at most 64 levels of JSON)"},
            ec.message()
        );
    }
    if (ec) ThrowBadRequest({"请求体不是有效的 JSON", "The request body is not valid JSON"}, ec.message());
    return v;
}

json::value ParseStoredJson(std::string_view text) {
    boost::system::error_code ec;
    json::parse_options opts;
    opts.max_depth = 64;  // what ParseJson lets in can be read back
    json::value v = json::parse(text, ec, {}, opts);
    return ec ? json::value(nullptr) : v;
}

const json::object& RequireObject(const json::value& v) {
    if (!v.is_object()) ThrowBadRequest({"请求体应为 JSON 对象", "The request body must be a JSON object"});
    return v.get_object();
}

std::optional<std::string> GetString(const json::object& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_string()) ThrowWrongType(key, {"字符串", "a string"});
    return std::string(it->value().get_string());
}

std::optional<int64_t> GetInt(const json::object& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->value().is_null()) return std::nullopt;
    const json::value& v = it->value();
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<uint64_t>(INT64_MAX))
        return static_cast<int64_t>(v.get_uint64());
    if (v.is_double() && std::nearbyint(v.get_double()) == v.get_double() && std::abs(v.get_double()) < 9e15) {
        return static_cast<int64_t>(v.get_double());
    }
    // Ids travel as strings in some clients (JavaScript loses precision past 2^53).
    if (v.is_string()) {
        const auto& s = v.get_string();
        if (!s.empty() && s.size() < 19) {
            int64_t out = 0;
            bool ok = true;
            for (char c : s) {
                if (c < '0' || c > '9') {
                    ok = false;
                    break;
                }
                out = out * 10 + (c - '0');
            }
            if (ok) return out;
        }
    }
    ThrowWrongType(key, {"整数", "an integer"});
}

std::optional<bool> GetBool(const json::object& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_bool()) ThrowWrongType(key, {"布尔值", "true or false"});
    return it->value().get_bool();
}

std::string ToJsonText(const json::value& v) {
    return json::serialize(v);
}

}  // namespace xieli
