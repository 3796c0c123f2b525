#pragma once

// Who may do what to which records: the one predicate builder (ARCHITECTURE.md "Permissions").
// Every path that reads or writes records — get, list, query, search, counts, export, reports,
// related lists — gets its WHERE fragment from ScopePredicate(), so they cannot disagree.

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "modules/org/permissions.h"
#include "store/database.h"

namespace xieli::records {

enum class Action { kRead, kUpdate, kDelete };

// A piece of WHERE clause and its bound values.
struct SqlFragment {
    std::string sql;
    std::vector<store::Value> params;
};

struct AccessContext;

// Read access a module grants beyond ownership, for one object: the pool module lets members of a
// public pool (公海) read its customers, which have no owner. The engine knows no module: a module
// registers its grant at startup (RegisterReadGrant), LoadAccessContext asks every grant for the
// caller's ids, and ScopePredicate adds the grant's branch to the read scope when there are any.
struct ReadGrant {
    std::string name;    // unique among grants, e.g. "pool"
    std::string object;  // the object it opens, e.g. "customer"
    // The ids this caller is granted (the pools open to them), given their departments; empty: none.
    std::function<std::vector<int64_t>(store::Connection&, const AccessContext&)> load;
    // The records those ids open, on table alias `alias` (a WHERE condition, bound values only).
    std::function<SqlFragment(std::string_view alias, const std::vector<int64_t>& ids)> branch;
};

// A grant with the caller's ids, as loaded for one request.
struct GrantedRead {
    std::shared_ptr<const ReadGrant> grant;
    std::vector<int64_t> ids;
};

// Registers a module's grant, once at startup before requests are served (a grant of the same name
// is replaced, so registering a module twice is harmless).
void RegisterReadGrant(ReadGrant grant);

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
    // What the registered read grants give the user (ReadGrant), only those with ids.
    std::vector<GrantedRead> granted;

    org::Scope ScopeFor(std::string_view object, Action action) const;
    // create, import, export, transfer and module actions such as claim.
    bool Can(std::string_view object, std::string_view flag) const;
    org::FieldAccess FieldAccessFor(std::string_view object, std::string_view field) const;
    // The ids the read grant `name` gives the user; empty when none (or no such grant).
    const std::vector<int64_t>& GrantedIds(std::string_view name) const;
};

// Loads the caller's departments, subordinates and merged role permissions from the tenant database.
AccessContext LoadAccessContext(store::Connection& conn, int64_t user_id);

// The records of `object` (table alias `alias`) the caller may act on:
//   all             everything
//   department_tree records owned in the caller's departments and below
//   department      records owned in the caller's departments
//   self            the caller's records
//   none            nothing
// plus, for any scope but none, what the caller's subordinates own and records the caller
// collaborates on (for update: only where the collaboration grants editing; never for delete —
// a collaborator helps with a record, removing it stays with the owner and those above them);
// and, for reading, what the caller's read grants open (ReadGrant: customers waiting in a public
// pool open to the caller).
SqlFragment ScopePredicate(const AccessContext& access, std::string_view object, std::string_view alias, Action action);

// The same records as ScopePredicate, as the branches it ORs — for a list to compile each branch
// as a page of its own, walking its own index in order, and merge them (query_compiler.cpp):
// ORed, SQLite walks one index for all and filters. A record may match several branches (its
// owner's department, shared with its owner): the merge drops repeats. Split only when the
// caller's own records are one owner's (owner_id = ?, which walks (owner_id, updated_at) in order);
// otherwise — scope all or none, or a team's owner_id IN (…) — one branch, the predicate itself.
std::vector<SqlFragment> ScopeBranches(
    const AccessContext& access, std::string_view object, std::string_view alias, Action action
);

// The same records as ScopePredicate, as the branches a capped list total unions: every part of
// the scope on its own, a team's owner_id IN (…) and its departments' department_id IN (…) too. A
// count needs no order, so each branch is a seek in its own covering index (owner_lists,
// department_lists in records/standard_objects.cpp) where the ORed count fetched every row of the
// filter's index to test the scope (docs/performance.md: a regional manager's count, 194k
// customers in scope). One branch, the predicate itself, for scope all and none.
std::vector<SqlFragment> ScopeCountBranches(
    const AccessContext& access, std::string_view object, std::string_view alias, Action action
);

// ScopeCountBranches with each owner and each department a branch of its own (owner_id = ?,
// department_id = ?): branches that a page without a filter walks in order, each on its own range
// of the (owner_id, updated_at) or (department_id, updated_at) index (CompiledQuery::scope_first_sql).
std::vector<SqlFragment> ScopeValueBranches(
    const AccessContext& access, std::string_view object, std::string_view alias, Action action
);

// "?, ?, ?" for n values.
std::string Placeholders(size_t n);

}  // namespace xieli::records
