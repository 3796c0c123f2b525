#include "modules/org/permissions.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include "modules/org/org_rules.h"

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
    // A deal's competitor rows are scoped like the deal (modules/sales/deal_competitor_rules.h).
    return o == "lead" || o == "customer" || o == "contact" || o == "opportunity" || o == "followup" || o == "quote" ||
           o == "opportunity_competitor";
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
        "opportunity_competitor",
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
    // restricts it (one that doesn't mention it leaves it editable). Only the roles that grant
    // something on the object have a say: a role about contracts alone must not undo the rule
    // that hides customer.phone for the role that lets its holder see customers. (When no role
    // grants anything on the object, all of them count; the caller sees nothing there anyway.)
    auto grants_something = [](const json::object& perms, std::string_view object) {
        auto it = perms.find("objects");
        if (it == perms.end() || !it->value().is_object()) return false;
        const json::value* grant = it->value().get_object().if_contains(object);
        if (!grant || !grant->is_object()) return false;
        for (const auto& [action, value] : grant->get_object()) {
            if (value.is_string() && ParseScope(value.get_string()) != Scope::kNone) return true;
            if (value.is_bool() && value.get_bool()) return true;
        }
        return false;
    };
    std::set<std::string> field_objects, granted_objects;
    for (const json::object& perms : role_permissions) {
        if (auto it = perms.find("fields"); it != perms.end() && it->value().is_object()) {
            for (const auto& [object, rules] : it->value().get_object()) field_objects.emplace(object);
        }
    }
    std::map<std::string, size_t> voters;  // object → how many roles have a say on its fields
    for (const std::string& object : field_objects) {
        for (const json::object& perms : role_permissions) {
            if (grants_something(perms, object)) granted_objects.insert(object);
        }
    }
    auto has_say = [&](const json::object& perms, const std::string& object) {
        return !granted_objects.count(object) || grants_something(perms, object);
    };
    for (const std::string& object : field_objects) {
        for (const json::object& perms : role_permissions) voters[object] += has_say(perms, object) ? 1 : 0;
    }
    std::map<std::string, std::map<std::string, std::pair<FieldAccess, size_t>>> field_votes;
    for (const json::object& perms : role_permissions) {
        if (auto it = perms.find("fields"); it != perms.end() && it->value().is_object()) {
            for (const auto& [object, rules] : it->value().get_object()) {
                if (!rules.is_object() || !has_say(perms, std::string(object))) continue;
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
            if (vote.second == voters[object] && vote.first != FieldAccess::kEditable)
                fields[object][field] = vote.first;
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

bool IsValidApiName(std::string_view name) {
    if (name.empty() || name.size() > 63) return false;
    if (name[0] < 'a' || name[0] > 'z') return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

const std::vector<std::string_view>& ModuleActions() {
    static const std::vector<std::string_view> kActions = {"claim", "approve", "convert", "assign", "return"};
    return kActions;
}

namespace {

bool Contains(const auto& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Quoted(std::string_view s) {
    // Client text echoed in a message is cut short so a huge key cannot blow up the answer.
    return "「" + Clip(s, 64) + "」";
}

}  // namespace

std::vector<FieldError> ValidatePermissions(const json::value& permissions, json::object& normalized) {
    std::vector<FieldError> errors;
    auto fail = [&](std::string field, const char* code, Text message) {
        errors.push_back(FieldError{std::move(field), code, std::move(message)});
    };
    if (!permissions.is_object()) {
        fail("permissions", "invalid_type", {"权限应为对象", "permissions must be an object"});
        return errors;
    }
    json::object objects_out, fields_out;
    for (const auto& [key, value] : permissions.get_object()) {
        if (key != "objects" && key != "fields") {
            fail(
                "permissions." + Clip(key, 64),
                "unknown",
                {"未知的权限项" + Quoted(key), "Unknown permissions member " + Quoted(key)}
            );
        }
    }
    if (auto it = permissions.get_object().find("objects"); it != permissions.get_object().end()) {
        if (!it->value().is_object()) {
            fail("permissions.objects", "invalid_type", {"objects 应为对象", "objects must be an object"});
        } else {
            for (const auto& [object, grant] : it->value().get_object()) {
                std::string path = "permissions.objects." + Clip(object, 64);
                if (!IsValidApiName(object)) {
                    fail(path, "unknown_object", {"未知的对象" + Quoted(object), "Unknown object " + Quoted(object)});
                    continue;
                }
                if (!grant.is_object()) {
                    fail(path, "invalid_type", {"对象权限应为对象", "An object's grant must be an object"});
                    continue;
                }
                json::object out;
                for (std::string_view a : kFlagActions) out[a] = false;
                for (std::string_view a : kScopedActions) out[a] = "none";
                for (const auto& [action, v] : grant.get_object()) {
                    std::string apath = path + "." + Clip(action, 64);
                    if (Contains(kScopedActions, action)) {
                        if (!v.is_string() || !Contains(kScopeNames, std::string_view(v.get_string()))) {
                            fail(
                                apath,
                                "invalid_scope",
                                {"数据范围应为 none、self、department、department_tree 或 all",
                                 "The scope must be none, self, department, department_tree or all"}
                            );
                        } else {
                            out[action] = v.get_string();
                        }
                    } else if (Contains(kFlagActions, action) || Contains(ModuleActions(), action)) {
                        if (!v.is_bool()) {
                            fail(
                                apath,
                                "invalid_type",
                                {"该操作的权限应为 true 或 false", "This action takes true or false"}
                            );
                        } else {
                            out[action] = v.get_bool();
                        }
                    } else {
                        fail(
                            apath, "unknown_action", {"未知的操作" + Quoted(action), "Unknown action " + Quoted(action)}
                        );
                    }
                }
                objects_out[object] = std::move(out);
            }
        }
    }
    if (auto it = permissions.get_object().find("fields"); it != permissions.get_object().end()) {
        if (!it->value().is_object()) {
            fail("permissions.fields", "invalid_type", {"fields 应为对象", "fields must be an object"});
        } else {
            for (const auto& [object, rules] : it->value().get_object()) {
                std::string path = "permissions.fields." + Clip(object, 64);
                if (!IsValidApiName(object)) {
                    fail(path, "unknown_object", {"未知的对象" + Quoted(object), "Unknown object " + Quoted(object)});
                    continue;
                }
                if (!rules.is_object()) {
                    fail(path, "invalid_type", {"字段权限应为对象", "Field rules must be an object"});
                    continue;
                }
                json::object out;
                for (const auto& [field, access] : rules.get_object()) {
                    std::string fpath = path + "." + Clip(field, 64);
                    if (!IsValidApiName(field)) {
                        fail(fpath, "unknown_field", {"未知的字段" + Quoted(field), "Unknown field " + Quoted(field)});
                    } else if (!access.is_string() || !Contains(kFieldAccessNames, std::string_view(access.get_string()))) {
                        fail(
                            fpath,
                            "invalid_access",
                            {"字段权限应为 hidden、read_only 或 editable",
                             "Field access must be hidden, read_only or editable"}
                        );
                    } else {
                        out[field] = access.get_string();
                    }
                }
                fields_out[object] = std::move(out);
            }
        }
    }
    if (errors.empty()) {
        normalized = json::object{{"objects", std::move(objects_out)}, {"fields", std::move(fields_out)}};
    }
    return errors;
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
            // A competitor added to a deal by mistake is removed by whoever added it.
            if (object == "opportunity_competitor") g.del = S::kSelf;
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
        // Public pool (modules/pool): sales claim from it and return to it; managers also assign.
        if (object == "customer" && (role_code == "admin" || role_code == "sales_manager" || role_code == "sales")) {
            json::object& grant = objects[object].as_object();
            grant["claim"] = true;
            grant["return"] = true;
            grant["assign"] = role_code != "sales";
        }
    }
    // Who held a pool customer before is for administrators only ([001] 公海: 隐藏前负责人).
    json::object fields;
    if (role_code != "admin") fields["customer"] = json::object{{"previous_owner_id", "hidden"}};
    return json::object{{"objects", std::move(objects)}, {"fields", std::move(fields)}};
}

}  // namespace xieli::org
