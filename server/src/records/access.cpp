#include "records/access.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "modules/org/org_repository.h"

namespace xieli::records {

namespace {

const json::object* ObjectGrant(const json::object& permissions, std::string_view object) {
    auto objects = permissions.find("objects");
    if (objects == permissions.end() || !objects->value().is_object()) return nullptr;
    auto grant = objects->value().get_object().find(object);
    if (grant == objects->value().get_object().end() || !grant->value().is_object()) return nullptr;
    return &grant->value().get_object();
}

std::string_view ActionName(Action a) {
    switch (a) {
        case Action::kRead: return "read";
        case Action::kUpdate: return "update";
        case Action::kDelete: return "delete";
    }
    return "read";
}

void AppendIds(std::vector<store::Value>& params, const std::vector<int64_t>& ids) {
    for (int64_t id : ids) params.emplace_back(id);
}

// The registered read grants. Written at startup by the modules, read by every request: the lock
// is uncontended after startup, and a request works on its own copy of the pointers.
struct ReadGrantRegistry {
    std::mutex mutex;
    std::vector<std::shared_ptr<const ReadGrant>> grants;
};

ReadGrantRegistry& Registry() {
    static ReadGrantRegistry registry;
    return registry;
}

std::vector<std::shared_ptr<const ReadGrant>> RegisteredGrants() {
    ReadGrantRegistry& r = Registry();
    std::lock_guard lock(r.mutex);
    return r.grants;
}

// The scope's conditions, to be ORed; empty for scope all and none.
// `column IN (ids)` as one part, or `column = ?` for each id (`one_per_value`).
void AddIdParts(
    std::vector<SqlFragment>& parts,
    std::string_view alias,
    std::string_view column,
    const std::vector<int64_t>& ids,
    bool one_per_value
) {
    if (one_per_value) {
        for (int64_t id : ids) parts.push_back({fmt::format("{}.{} = ?", alias, column), {store::Value(id)}});
        return;
    }
    SqlFragment& in = parts.emplace_back();
    in.sql = fmt::format("{}.{} IN ({})", alias, column, Placeholders(ids.size()));
    AppendIds(in.params, ids);
}

std::vector<SqlFragment> ScopeParts(
    const AccessContext& access,
    org::Scope scope,
    std::string_view object,
    std::string_view alias,
    Action action,
    bool one_per_value = false
) {
    std::vector<SqlFragment> parts;
    // Owned by the caller or anyone below them in the supervisor chain.
    std::vector<int64_t> owners{access.user_id};
    owners.insert(owners.end(), access.subordinate_ids.begin(), access.subordinate_ids.end());
    AddIdParts(parts, alias, "owner_id", owners, one_per_value);

    const std::vector<int64_t>* departments = nullptr;
    if (scope == org::Scope::kDepartment) departments = &access.department_ids;
    if (scope == org::Scope::kDepartmentTree) departments = &access.department_tree_ids;
    if (departments && !departments->empty()) AddIdParts(parts, alias, "department_id", *departments, one_per_value);
    // Collaborators read the record, and edit it when granted; deleting stays with the owner's side.
    if (action != Action::kDelete && access.collaborates_on.count(object)) {
        SqlFragment& shared = parts.emplace_back();
        shared.sql = fmt::format(
            "{}.id IN (SELECT record_id FROM record_collaborators WHERE object = ? AND user_id = ?{})",
            alias,
            action == Action::kRead ? "" : " AND can_edit = 1"
        );
        shared.params.emplace_back(std::string(object));
        shared.params.emplace_back(access.user_id);
    }

    // What modules open for reading (pool customers have no owner: members of the pool read them;
    // claiming is the pool's action).
    if (action == Action::kRead) {
        for (const GrantedRead& g : access.granted) {
            if (g.grant->object != object || g.ids.empty()) continue;
            SqlFragment branch = g.grant->branch(alias, g.ids);
            branch.sql = "(" + branch.sql + ")";
            parts.push_back(std::move(branch));
        }
    }
    return parts;
}

}  // namespace

std::string Placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
    return out;
}

org::Scope AccessContext::ScopeFor(std::string_view object, Action action) const {
    if (is_admin) return org::Scope::kAll;
    const json::object* grant = ObjectGrant(permissions, object);
    if (!grant) return org::Scope::kNone;
    auto it = grant->find(ActionName(action));
    if (it == grant->end() || !it->value().is_string()) return org::Scope::kNone;
    return org::ParseScope(it->value().get_string());
}

bool AccessContext::Can(std::string_view object, std::string_view flag) const {
    if (is_admin) return true;
    const json::object* grant = ObjectGrant(permissions, object);
    if (!grant) return false;
    auto it = grant->find(flag);
    return it != grant->end() && it->value().is_bool() && it->value().get_bool();
}

const std::vector<int64_t>& AccessContext::GrantedIds(std::string_view name) const {
    static const std::vector<int64_t> kNone;
    for (const GrantedRead& g : granted) {
        if (g.grant->name == name) return g.ids;
    }
    return kNone;
}

void RegisterReadGrant(ReadGrant grant) {
    auto shared = std::make_shared<const ReadGrant>(std::move(grant));
    ReadGrantRegistry& r = Registry();
    std::lock_guard lock(r.mutex);
    auto same = std::find_if(r.grants.begin(), r.grants.end(), [&](const auto& g) { return g->name == shared->name; });
    if (same != r.grants.end())
        *same = std::move(shared);
    else
        r.grants.push_back(std::move(shared));
}

org::FieldAccess AccessContext::FieldAccessFor(std::string_view object, std::string_view field) const {
    if (is_admin) return org::FieldAccess::kEditable;
    auto fields = permissions.find("fields");
    if (fields == permissions.end() || !fields->value().is_object()) return org::FieldAccess::kEditable;
    auto rules = fields->value().get_object().find(object);
    if (rules == fields->value().get_object().end() || !rules->value().is_object()) return org::FieldAccess::kEditable;
    auto rule = rules->value().get_object().find(field);
    if (rule == rules->value().get_object().end() || !rule->value().is_string()) return org::FieldAccess::kEditable;
    return org::ParseFieldAccess(rule->value().get_string());
}

AccessContext LoadAccessContext(store::Connection& conn, int64_t user_id) {
    AccessContext a;
    a.user_id = user_id;
    std::optional<org::UserRow> user = org::FindUser(conn, user_id);
    if (!user || user->status != "active") return a;  // nobody: sees nothing
    a.is_admin = user->is_admin;
    a.main_department_id = user->main_department_id;
    for (const store::Row& r : conn.Query("SELECT department_id FROM user_departments WHERE user_id = ?", {user_id})) {
        a.department_ids.push_back(r.Int(0));
    }
    if (a.department_ids.empty() && user->main_department_id) a.department_ids.push_back(user->main_department_id);
    for (std::shared_ptr<const ReadGrant>& grant : RegisteredGrants()) {
        std::vector<int64_t> ids = grant->load(conn, a);
        if (!ids.empty()) a.granted.push_back({std::move(grant), std::move(ids)});
    }
    for (const store::Row& r :
         conn.Query("SELECT DISTINCT object FROM record_collaborators WHERE user_id = ?", {user_id})) {
        a.collaborates_on.insert(r.Text(0));
    }

    // Departments below the user's, and people below the user: both small trees, walked in SQL.
    std::string seeds = Placeholders(a.department_ids.size());
    std::vector<store::Value> params;
    AppendIds(params, a.department_ids);
    if (!a.department_ids.empty()) {
        for (const store::Row& r : conn.Query(
                 fmt::format(
                     "WITH RECURSIVE tree(id) AS (SELECT id FROM departments WHERE id IN ({}) "
                     "UNION SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id) SELECT id FROM tree",
                     seeds
                 ),
                 store::Params(params)
             )) {
            a.department_tree_ids.push_back(r.Int(0));
        }
    }
    for (const store::Row& r : conn.Query(
             "WITH RECURSIVE below(id, depth) AS (SELECT id, 1 FROM users WHERE supervisor_id = ? "
             "UNION SELECT u.id, b.depth + 1 FROM users u JOIN below b ON u.supervisor_id = b.id WHERE b.depth < 64) "
             "SELECT DISTINCT id FROM below WHERE id <> ?",
             {user_id, user_id}
         )) {
        a.subordinate_ids.push_back(r.Int(0));
    }

    std::vector<json::object> role_perms;
    for (const org::RoleRow& role : org::RolesOfUser(conn, user_id)) role_perms.push_back(role.permissions);
    a.permissions = org::MergePermissions(role_perms);
    return a;
}

SqlFragment ScopePredicate(
    const AccessContext& access, std::string_view object, std::string_view alias, Action action
) {
    org::Scope scope = access.ScopeFor(object, action);
    if (scope == org::Scope::kAll) return {"1 = 1", {}};
    if (scope == org::Scope::kNone) return {"1 = 0", {}};

    SqlFragment f;
    f.sql = "(";
    for (SqlFragment& part : ScopeParts(access, scope, object, alias, action)) {
        f.sql += (f.sql.size() > 1 ? " OR " : "") + part.sql;
        f.params.insert(f.params.end(), part.params.begin(), part.params.end());
    }
    f.sql += ")";
    return f;
}

std::vector<SqlFragment> ScopeBranches(
    const AccessContext& access, std::string_view object, std::string_view alias, Action action
) {
    // With subordinates the owner branch is owner_id IN (several), which walks no index in order
    // either: each branch would walk the filter's index as the OR does, once per branch.
    if (!access.subordinate_ids.empty()) return {ScopePredicate(access, object, alias, action)};
    return ScopeCountBranches(access, object, alias, action);
}

std::vector<SqlFragment> ScopeCountBranches(
    const AccessContext& access, std::string_view object, std::string_view alias, Action action
) {
    org::Scope scope = access.ScopeFor(object, action);
    if (scope == org::Scope::kAll || scope == org::Scope::kNone) return {ScopePredicate(access, object, alias, action)};
    return ScopeParts(access, scope, object, alias, action);
}

std::vector<SqlFragment> ScopeValueBranches(
    const AccessContext& access, std::string_view object, std::string_view alias, Action action
) {
    org::Scope scope = access.ScopeFor(object, action);
    if (scope == org::Scope::kAll || scope == org::Scope::kNone) return {ScopePredicate(access, object, alias, action)};
    return ScopeParts(access, scope, object, alias, action, true);
}

}  // namespace xieli::records
