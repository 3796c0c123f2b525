#include "common/id_list.h"

#include <set>

namespace xieli {

std::vector<int64_t> ParseIdList(
    const json::object& body,
    std::string_view key,
    size_t cap,
    const Text& when_missing,
    std::vector<FieldError>& errors
) {
    const json::value* list = body.if_contains(key);
    if (!list || !list->is_array()) {
        errors.push_back({std::string(key), "required", when_missing});
        return {};
    }
    std::vector<int64_t> ids;
    std::set<int64_t> seen;
    for (const json::value& v : list->get_array()) {
        if (!v.is_int64() || v.get_int64() <= 0) {
            errors.push_back({std::string(key), "invalid", {"记录编号不正确", "A record id is not valid"}});
            return {};
        }
        if (seen.insert(v.get_int64()).second) ids.push_back(v.get_int64());
    }
    if (ids.empty() || ids.size() > cap) {
        errors.push_back(
            {std::string(key),
             "invalid",
             {"请选择 1–" + std::to_string(cap) + " 条记录", "Choose 1–" + std::to_string(cap) + " records"}}
        );
        return {};
    }
    return ids;
}

std::vector<int64_t> ParseIdList(const json::object& body, std::string_view key, size_t cap, const Text& when_missing) {
    std::vector<FieldError> errors;
    std::vector<int64_t> ids = ParseIdList(body, key, cap, when_missing, errors);
    if (!errors.empty()) ThrowValidation(std::move(errors));
    return ids;
}

}  // namespace xieli
