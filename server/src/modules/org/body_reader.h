#pragma once

// Reads typed members out of a JSON request body and collects every problem as a field error, so
// a form gets all of them at once (common/json.h's getters stop at the first).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace xieli::org {

// A member that may be absent (leave as is), null (clear) or set.
template <typename T>
struct Patch {
    bool present = false;
    std::optional<T> value;  // nullopt with present: explicitly null
};

class BodyReader {
public:
    explicit BodyReader(const json::object& body) : body_(body) {}

    bool Has(std::string_view key) const { return body_.contains(key); }
    // Trimmed string; nullopt when absent or null.
    std::optional<std::string> String(std::string_view key);
    // Password-like strings are taken as they are (no trimming).
    std::optional<std::string> RawString(std::string_view key);
    std::optional<int64_t> Int(std::string_view key);
    std::optional<bool> Bool(std::string_view key);
    // An array of ids (numbers or digit strings), duplicates removed, order kept.
    std::optional<std::vector<int64_t>> IdList(std::string_view key);
    std::optional<std::vector<std::string>> StringList(std::string_view key);
    Patch<int64_t> IntPatch(std::string_view key);

    void Fail(std::string field, std::string code, Text message);
    void Required(std::string field, Text message) { Fail(std::move(field), "required", std::move(message)); }
    bool HasErrorFor(std::string_view field) const;
    std::vector<FieldError>& errors() { return errors_; }
    // Throws 422 with every collected problem, if any.
    void ThrowIfAny();

private:
    void WrongType(std::string_view key, const Text& expected);

    const json::object& body_;
    std::vector<FieldError> errors_;
};

// An id taken from JSON: integers, or digit strings (JavaScript loses precision past 2^53).
std::optional<int64_t> JsonToId(const json::value& v);

}  // namespace xieli::org
