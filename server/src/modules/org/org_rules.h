#pragma once

// The organization's rules as plain functions over plain data, so they are unit-tested without a
// database: trees and chains without cycles, department paths, name lists, generated passwords.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace xieli::org {

// A forest as child → parent (departments by parent_id, users by supervisor_id).
using ParentMap = std::map<int64_t, std::optional<int64_t>>;

// True when making `new_parent` the parent of `node` would close a loop: `new_parent` is `node`
// itself or one of its descendants. A loop already in the data also counts (it is never walked
// forever).
bool WouldCreateCycle(const ParentMap& parent_of, int64_t node, int64_t new_parent);

// `root` and everything below it, `root` first (breadth first).
std::vector<int64_t> SubtreeOf(const ParentMap& parent_of, int64_t root);

// One department row as GET /departments lists it.
struct DepartmentRecord {
    int64_t id = 0;
    std::optional<int64_t> parent_id;
    std::string name;
    std::optional<int64_t> head_user_id;
    std::string head_name;
    int64_t sort_order = 0;
    int64_t member_count = 0;
};

json::object DepartmentToJson(const DepartmentRecord& d);
// The records ordered parent before child, siblings by sort_order then id, as nested objects with
// "children". Rows whose parent is missing become roots, so nothing is ever dropped.
json::array BuildDepartmentTree(const std::vector<DepartmentRecord>& records);

// "销售部/华东大区" → the department id, walking names down from the root. The root's own name
// may lead the path or be left out; names compare ignoring ASCII case and surrounding spaces.
// Empty path → the root.
std::optional<int64_t> ResolveDepartmentPath(const std::vector<DepartmentRecord>& records, std::string_view path);

// Names equal for uniqueness: surrounding spaces trimmed, ASCII case ignored.
bool SameName(std::string_view a, std::string_view b);

// "销售、客服,财务" → {"销售", "客服", "财务"}: split on 、 , ， ; ； and trimmed, empty parts dropped.
std::vector<std::string> SplitNameList(std::string_view text);

// A random initial password that passes auth::CheckPasswordPolicy for this phone and e-mail:
// 12 characters of letters and digits (no look-alikes such as 0/O, 1/l), at least one of each.
std::string GenerateInitialPassword(std::string_view phone, std::string_view email);

// The first `max_chars` characters of UTF-8 text, never cutting one in half (for echoing client
// text in messages).
std::string Clip(std::string_view text, size_t max_chars);

// The 422 detail for a member of a settings PATCH that names no setting: code "unknown_field",
// "没有设置项「…」" / "There is no setting '…'" with the key clipped to 64 characters.
FieldError UnknownSettingError(std::string_view key);

// Display name rules for departments, roles and people: 1–`max_chars` characters after trimming,
// valid UTF-8 with no control characters. Returns the error code ("required", "too_long",
// "invalid") or empty when fine.
std::string CheckDisplayName(std::string_view trimmed, long max_chars);

}  // namespace xieli::org
