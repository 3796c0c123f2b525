#pragma once

// Role permissions in the shape of API.md:
//   {"objects": {"customer": {"create": true, "read": "department_tree", "update": "self",
//                              "delete": "none", "import": false, "export": false, "transfer": false}},
//    "fields":  {"customer": {"phone": "read_only"}}}
// A user with several roles gets the union: the widest scope, any granted action, the most open
// field access.

#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace xieli::org {

// The standard objects every enterprise starts with (API.md "Standard object names").
const std::vector<std::string_view>& StandardObjects();

// Scopes from narrowest to widest.
enum class Scope { kNone, kSelf, kDepartment, kDepartmentTree, kAll };
Scope ParseScope(std::string_view s);  // unknown text → kNone
std::string_view ScopeName(Scope s);

// Field access from most closed to most open.
enum class FieldAccess { kHidden, kReadOnly, kEditable };
FieldAccess ParseFieldAccess(std::string_view s);  // unknown text → kEditable
std::string_view FieldAccessName(FieldAccess a);

// The union of several roles' permissions.
json::object MergePermissions(const std::vector<json::object>& role_permissions);

// The permissions of a default role by its code: admin, sales_manager, sales, service, finance.
json::object DefaultRolePermissions(std::string_view role_code);

// An object or field API name: ^[a-z][a-z0-9_]{0,62}$. The standard objects match; custom
// objects (later) will too.
bool IsValidApiName(std::string_view name);

// Actions beyond create/read/update/delete/import/export/transfer, granted as booleans:
// claim (from the public pool), approve, convert (a lead), assign, return (to the public pool).
const std::vector<std::string_view>& ModuleActions();

// Checks a role's permissions against the shape above: objects by API name; create, import,
// export, transfer and module actions booleans; read, update, delete scopes; field access
// hidden | read_only | editable. Returns every problem, named by path
// ("permissions.objects.customer.read"). When there is none, `normalized` gets the same grants
// with every mentioned object completed by the actions it left out (denied).
std::vector<FieldError> ValidatePermissions(const json::value& permissions, json::object& normalized);

}  // namespace xieli::org
