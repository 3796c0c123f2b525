#include "modules/org/permissions.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

namespace xieli::org {

namespace {

constexpr std::array<std::string_view, 5> kScopeNames = {"none", "self", "department", "department_tree", "all"};
constexpr std::array<std::string_view, 3> kFieldAccessNames = {"hidden", "read_only", "editable"};
constexpr std::array<std::string_view, 3> kScopedActions = {"read", "update", "delete"};
constexpr std::array<std::string_view, 4> kFlagActions = {"create", "import", "export", "transfer"};

// One line of a default role: the same grant for a group of objects.
struct Grant {
    Scope read, update, del;
    bool create, import, export_, transfer;
};

json::object ToJson(const Grant& g) {
    return json::object{
        {"create", g.create},
        {"read", ScopeName(g.read)},
        {"update", ScopeName(g.update)},
        {"delete", ScopeName(g.del)},
        {"import", g.import},
        {"export", g.export_},
        {"transfer", g.transfer},
    };
}

bool IsSalesObject(std::string_view o) {
    return o == "lead" || o == "customer" || o == "contact" || o == "opportunity" || o == "followup" || o == "quote";
}
bool IsFinanceObject(std::string_view o) {
    return o == "contract" || o == "payment_plan" || o == "payment" || o == "invoice";
}
bool IsSharedCatalogue(std::string_view o) {
    return o == "product" || o == "competitor";
}

}  // namespace

const std::vector<std::string_view>& StandardObjects() {
    static const std::vector<std::string_view> kObjects = {
        "lead",
        "customer",
        "contact",
        "opportunity",
        "followup",
        "product",
        "competitor",
        "quote",
        "contract",
        "payment_plan",
        "payment",
        "invoice",
    };
    return kObjects;
}

Scope ParseScope(std::string_view s) {
    for (size_t i = 0; i < kScopeNames.size(); ++i) {
        if (kScopeNames[i] == s) return static_cast<Scope>(i);
    }
    return Scope::kNone;
}

std::string_view ScopeName(Scope s) {
    return kScopeNames[static_cast<size_t>(s)];
}

FieldAccess ParseFieldAccess(std::string_view s) {
    for (size_t i = 0; i < kFieldAccessNames.size(); ++i) {
        if (kFieldAccessNames[i] == s) return static_cast<FieldAccess>(i);
    }
    return FieldAccess::kEditable;
}

std::string_view FieldAccessName(FieldAccess a) {
    return kFieldAccessNames[static_cast<size_t>(a)];
}

json::object MergePermissions(const std::vector<json::object>& role_permissions) {
    std::map<std::string, std::map<std::string, Scope>> scopes;
    std::map<std::string, std::map<std::string, bool>> flags;
    std::map<std::string, std::map<std::string, FieldAccess>> fields;

    for (const json::object& perms : role_permissions) {
        if (auto it = perms.find("objects"); it != perms.end() && it->value().is_object()) {
            for (const auto& [object, grant] : it->value().get_object()) {
                if (!grant.is_object()) continue;
                std::string obj(object);
                for (const auto& [action, value] : grant.get_object()) {
                    std::string act(action);
                    if (value.is_string()) {
                        Scope s = ParseScope(value.get_string());
                        auto& cur = scopes[obj][act];
                        cur = std::max(cur, s);
                    } else if (value.is_bool()) {
                        flags[obj][act] = flags[obj][act] || value.get_bool();
                    }
                }
            }
        }
    }
    // Field rules: roles only ever add access, so a field stays restricted only if every role
    // restricts it (one that doesn't mention it leaves it editable).
    size_t role_count = role_permissions.size();
    std::map<std::string, std::map<std::string, std::pair<FieldAccess, size_t>>> field_votes;
    for (const json::object& perms : role_permissions) {
        if (auto it = perms.find("fields"); it != perms.end() && it->value().is_object()) {
            for (const auto& [object, rules] : it->value().get_object()) {
                if (!rules.is_object()) continue;
                for (const auto& [field, access] : rules.get_object()) {
                    if (!access.is_string()) continue;
                    auto& vote = field_votes[std::string(object)][std::string(field)];
                    FieldAccess a = ParseFieldAccess(access.get_string());
                    vote.first = vote.second == 0 ? a : std::max(vote.first, a);
                    vote.second += 1;
                }
            }
        }
    }
    for (auto& [object, rules] : field_votes) {
        for (auto& [field, vote] : rules) {
            if (vote.second == role_count && vote.first != FieldAccess::kEditable) fields[object][field] = vote.first;
        }
    }

    json::object objects;
    for (std::string_view object : StandardObjects()) {
        scopes[std::string(object)];  // every standard object appears, denied unless granted
    }
    for (auto& [object, by_action] : scopes) {
        json::object grant;
        for (std::string_view a : kScopedActions) {
            auto it = by_action.find(std::string(a));
            grant[a] = ScopeName(it == by_action.end() ? Scope::kNone : it->second);
        }
        for (std::string_view a : kFlagActions) {
            auto& f = flags[object];
            auto it = f.find(std::string(a));
            grant[a] = it != f.end() && it->second;
        }
        // Module actions (claim, approve …) granted by any role.
        for (auto& [a, v] : flags[object]) {
            if (!grant.contains(a)) grant[a] = v;
        }
        objects[object] = std::move(grant);
    }
    json::object field_rules;
    for (auto& [object, rules] : fields) {
        json::object o;
        for (auto& [field, access] : rules) o[field] = FieldAccessName(access);
        field_rules[object] = std::move(o);
    }
    return json::object{{"objects", std::move(objects)}, {"fields", std::move(field_rules)}};
}

json::object DefaultRolePermissions(std::string_view role_code) {
    using S = Scope;
    json::object objects;
    for (std::string_view object : StandardObjects()) {
        Grant g{S::kNone, S::kNone, S::kNone, false, false, false, false};
        if (role_code == "admin") {
            g = {S::kAll, S::kAll, S::kAll, true, true, true, true};
        } else if (role_code == "sales_manager") {
            if (IsSalesObject(object)) g = {S::kDepartmentTree, S::kDepartmentTree, S::kSelf, true, true, true, true};
            if (IsFinanceObject(object))
                g = {S::kDepartmentTree, S::kDepartmentTree, S::kNone, true, false, true, false};
            if (IsSharedCatalogue(object)) g = {S::kAll, S::kNone, S::kNone, false, false, true, false};
        } else if (role_code == "sales") {
            if (IsSalesObject(object)) g = {S::kSelf, S::kSelf, S::kNone, true, false, false, false};
            if (IsFinanceObject(object)) g = {S::kSelf, S::kSelf, S::kNone, true, false, false, false};
            if (IsSharedCatalogue(object)) g = {S::kAll, S::kNone, S::kNone, false, false, false, false};
        } else if (role_code == "service") {
            if (object == "customer" || object == "contact")
                g = {S::kAll, S::kNone, S::kNone, false, false, false, false};
            if (object == "followup") g = {S::kSelf, S::kSelf, S::kNone, true, false, false, false};
            if (IsSharedCatalogue(object)) g = {S::kAll, S::kNone, S::kNone, false, false, false, false};
        } else if (role_code == "finance") {
            if (IsFinanceObject(object)) g = {S::kAll, S::kAll, S::kNone, true, true, true, false};
            if (object == "customer" || object == "contact" || object == "opportunity") {
                g = {S::kAll, S::kNone, S::kNone, false, false, false, false};
            }
            if (object == "product") g = {S::kAll, S::kNone, S::kNone, false, false, false, false};
        }
        objects[object] = ToJson(g);
    }
    return json::object{{"objects", std::move(objects)}, {"fields", json::object{}}};
}

}  // namespace xieli::org
