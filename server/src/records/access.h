#pragma once

// Who may do what to which records: the one predicate builder (ARCHITECTURE.md "Permissions").
// Every path that reads or writes records — get, list, query, search, counts, export, reports,
// related lists — gets its WHERE fragment from ScopePredicate(), so they cannot disagree.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "modules/org/permissions.h"
#include "store/database.h"

namespace xieli::records {

enum class Action { kRead, kUpdate, kDelete };

// The caller as the rules need them, loaded once per request.
struct AccessContext {
    int64_t user_id = 0;
    bool is_admin = false;
    int64_t main_department_id = 0;
    std::vector<int64_t> department_ids;       // the departments the user belongs to
    std::vector<int64_t> department_tree_ids;  // those and every department below them
    std::vector<int64_t> subordinate_ids;      // everyone below the user in the supervisor chain
    json::object permissions;                  // the union of the user's roles (org::MergePermissions)
    // Objects with at least one record shared with the user (联合跟进人). Only for those does the
    // predicate carry the collaboration branch, which otherwise keeps SQLite from walking an
    // (owner_id, sort) index in order: at a million customers, 1–5 ms instead of 50.
    std::set<std::string, std::less<>> collaborates_on;
    // Public pools (公海) open to the user's departments: their customers (owner empty) are
    // readable by the user (modules/pool/pool_access.h).
    std::vector<int64_t> pool_ids;

    org::Scope ScopeFor(std::string_view object, Action action) const;
    // create, import, export, transfer and module actions such as claim.
    bool Can(std::string_view object, std::string_view flag) const;
    org::FieldAccess FieldAccessFor(std::string_view object, std::string_view field) const;
};

// Loads the caller's departments, subordinates and merged role permissions from the tenant database.
AccessContext LoadAccessContext(store::Connection& conn, int64_t user_id);

// A piece of WHERE clause and its bound values.
struct SqlFragment {
    std::string sql;
    std::vector<store::Value> params;
};

// The records of `object` (table alias `alias`) the caller may act on:
//   all             everything
//   department_tree records owned in the caller's departments and below
//   department      records owned in the caller's departments
//   self            the caller's records
//   none            nothing
// plus, for any scope but none, what the caller's subordinates own and records the caller
// collaborates on (for update: only where the collaboration grants editing; never for delete —
// a collaborator helps with a record, removing it stays with the owner and those above them);
// and, for reading customers, those waiting without an owner in a public pool open to the caller.
SqlFragment ScopePredicate(const AccessContext& access, std::string_view object, std::string_view alias, Action action);

// "?, ?, ?" for n values.
std::string Placeholders(size_t n);

}  // namespace xieli::records
