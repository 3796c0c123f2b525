#pragma once

// Boost.JSON is the project's JSON type everywhere (it is light next to Beast/Asio). These helpers
// read typed members out of a request body and report problems as field errors.

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xieli {

namespace json = boost::json;

// Parses text as JSON; throws Error(kBadRequest) with a readable message when it is not.
json::value ParseJson(std::string_view text);

// Parses JSON the server stored itself (a saved view's filter, a job's result, a history value):
// null when the text is not JSON (or nested deeper than a request may be), since a damaged row
// should show as empty rather than fail the whole answer. Bad text never throws.
json::value ParseStoredJson(std::string_view text);

// Throws Error(kBadRequest) unless v is an object.
const json::object& RequireObject(const json::value& v);

// Typed member access: nullopt when the member is absent or null; Error(kValidationFailed) naming
// the field when it has the wrong type.
std::optional<std::string> GetString(const json::object& obj, std::string_view key);
std::optional<int64_t> GetInt(const json::object& obj, std::string_view key);
std::optional<bool> GetBool(const json::object& obj, std::string_view key);

std::string ToJsonText(const json::value& v);

}  // namespace xieli
