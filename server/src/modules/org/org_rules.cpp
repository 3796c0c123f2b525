#include "modules/org/org_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <set>

#include "common/crypto.h"
#include "common/strings.h"
#include "modules/auth/password_policy.h"

namespace xieli::org {

bool WouldCreateCycle(const ParentMap& parent_of, int64_t node, int64_t new_parent) {
    std::set<int64_t> seen;
    std::optional<int64_t> at = new_parent;
    while (at) {
        if (*at == node) return true;
        if (!seen.insert(*at).second) return true;  // a loop that does not pass through node
        auto it = parent_of.find(*at);
        if (it == parent_of.end()) return false;
        at = it->second;
    }
    return false;
}

std::vector<int64_t> SubtreeOf(const ParentMap& parent_of, int64_t root) {
    std::map<int64_t, std::vector<int64_t>> children;
    for (const auto& [child, parent] : parent_of) {
        if (parent) children[*parent].push_back(child);
    }
    std::vector<int64_t> out;
    std::set<int64_t> seen;
    std::deque<int64_t> queue{root};
    while (!queue.empty()) {
        int64_t id = queue.front();
        queue.pop_front();
        if (!seen.insert(id).second) continue;
        out.push_back(id);
        for (int64_t c : children[id]) queue.push_back(c);
    }
    return out;
}

json::object DepartmentToJson(const DepartmentRecord& d) {
    return json::object{
        {"id", d.id},
        {"name", d.name},
        {"parent_id", d.parent_id ? json::value(*d.parent_id) : json::value(nullptr)},
        {"head_user_id", d.head_user_id ? json::value(*d.head_user_id) : json::value(nullptr)},
        {"head_name", d.head_user_id && !d.head_name.empty() ? json::value(d.head_name) : json::value(nullptr)},
        {"sort_order", d.sort_order},
        {"member_count", d.member_count},
    };
}

namespace {

bool SiblingOrder(const DepartmentRecord* a, const DepartmentRecord* b) {
    return a->sort_order != b->sort_order ? a->sort_order < b->sort_order : a->id < b->id;
}

}  // namespace

json::array BuildDepartmentTree(const std::vector<DepartmentRecord>& records) {
    std::map<int64_t, const DepartmentRecord*> by_id;
    for (const auto& r : records) by_id[r.id] = &r;
    std::map<int64_t, std::vector<const DepartmentRecord*>> children;
    std::vector<const DepartmentRecord*> roots;
    for (const auto& r : records) {
        if (r.parent_id && by_id.contains(*r.parent_id) && *r.parent_id != r.id) {
            children[*r.parent_id].push_back(&r);
        } else {
            roots.push_back(&r);
        }
    }
    for (auto& [_, list] : children) std::sort(list.begin(), list.end(), SiblingOrder);
    std::sort(roots.begin(), roots.end(), SiblingOrder);

    std::set<int64_t> placed;
    // Recursion depth is the tree's depth; a loop in the data stops at the first repeat.
    std::function<json::object(const DepartmentRecord*)> build = [&](const DepartmentRecord* d) {
        json::object o = DepartmentToJson(*d);
        json::array kids;
        placed.insert(d->id);
        for (const DepartmentRecord* c : children[d->id]) {
            if (!placed.contains(c->id)) kids.push_back(build(c));
        }
        o["children"] = std::move(kids);
        return o;
    };
    json::array out;
    for (const DepartmentRecord* r : roots) out.push_back(build(r));
    // Departments caught in a parent loop hang from nothing reachable; list them at the top level.
    for (const auto& r : records) {
        if (!placed.contains(r.id)) out.push_back(build(&r));
    }
    return out;
}

bool SameName(std::string_view a, std::string_view b) {
    return ToLowerAscii(TrimCopy(a)) == ToLowerAscii(TrimCopy(b));
}

std::optional<int64_t> ResolveDepartmentPath(const std::vector<DepartmentRecord>& records, std::string_view path) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        std::string part = TrimCopy(path.substr(start, end - start));
        if (!part.empty()) parts.push_back(std::move(part));
        start = end + 1;
    }
    const DepartmentRecord* root = nullptr;
    for (const auto& r : records) {
        if (!r.parent_id && (!root || r.id < root->id)) root = &r;
    }
    if (!root) return std::nullopt;
    size_t i = 0;
    if (!parts.empty() && SameName(parts[0], root->name)) {
        // "示例科技/销售部" and "销售部" both mean the same place, unless the root has a child of its
        // own name, which then wins.
        bool child_named_like_root = false;
        for (const auto& r : records) {
            if (r.parent_id == root->id && SameName(r.name, root->name)) child_named_like_root = true;
        }
        if (!child_named_like_root || parts.size() > 1) i = 1;
    }
    int64_t at = root->id;
    for (; i < parts.size(); ++i) {
        std::optional<int64_t> next;
        for (const auto& r : records) {
            if (r.parent_id == at && SameName(r.name, parts[i])) {
                next = r.id;
                break;
            }
        }
        if (!next) return std::nullopt;
        at = *next;
    }
    return at;
}

std::vector<std::string> SplitNameList(std::string_view text) {
    static constexpr std::string_view kSeparators[] = {"、", "，", "；", ",", ";"};
    std::vector<std::string> out;
    std::string current;
    for (size_t i = 0; i < text.size();) {
        bool split = false;
        for (std::string_view sep : kSeparators) {
            if (text.substr(i, sep.size()) == sep) {
                split = true;
                i += sep.size();
                break;
            }
        }
        if (split) {
            std::string part = TrimCopy(current);
            if (!part.empty()) out.push_back(std::move(part));
            current.clear();
        } else {
            current.push_back(text[i++]);
        }
    }
    std::string part = TrimCopy(current);
    if (!part.empty()) out.push_back(std::move(part));
    return out;
}

std::string GenerateInitialPassword(std::string_view phone, std::string_view email) {
    static constexpr std::string_view kLetters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    static constexpr std::string_view kDigits = "23456789";
    static constexpr size_t kLength = 12;
    for (;;) {
        std::string hex = crypto::RandomHex(kLength * 2);
        std::string pw;
        bool has_letter = false, has_digit = false;
        for (size_t i = 0; i < kLength; ++i) {
            int byte = std::stoi(hex.substr(i * 2, 2), nullptr, 16);
            // One in four characters a digit on average, letters otherwise.
            if (byte % 4 == 0) {
                pw.push_back(kDigits[(byte / 4) % kDigits.size()]);
                has_digit = true;
            } else {
                pw.push_back(kLetters[byte % kLetters.size()]);
                has_letter = true;
            }
        }
        if (has_letter && has_digit && auth::CheckPasswordPolicy(pw, phone, email).empty()) return pw;
    }
}

std::string Clip(std::string_view text, size_t max_chars) {
    size_t i = 0, chars = 0;
    while (i < text.size() && chars < max_chars) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        if (i + len > text.size()) break;
        i += len;
        ++chars;
    }
    return std::string(text.substr(0, i));
}

FieldError UnknownSettingError(std::string_view key) {
    return {
        std::string(key),
        "unknown_field",
        {fmt::format("没有设置项「{}」", Clip(key, 64)), fmt::format("There is no setting '{}'", Clip(key, 64))}};
}

std::string CheckDisplayName(std::string_view trimmed, long max_chars) {
    if (trimmed.empty()) return "required";
    long n = Utf8Length(trimmed);
    if (n < 0) return "invalid";
    for (char c : trimmed) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "invalid";
    }
    if (n > max_chars) return "too_long";
    return {};
}

}  // namespace xieli::org
