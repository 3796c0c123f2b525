#pragma once

// Roles (docs/api/org.md "Roles"): what each role may do per object, with data scopes and field
// access; the default (system) roles cannot be deleted, a role in use cannot either.

#include <cstdint>

#include "common/clock.h"
#include "common/json.h"
#include "modules/org/actor.h"

namespace xieli::org {

class RoleService {
public:
    explicit RoleService(const Clock& clock) : clock_(clock) {}

    json::object List(const Actor& actor);
    json::object Get(const Actor& actor, int64_t id);
    json::object Create(const Actor& actor, const json::object& body);
    json::object Update(const Actor& actor, int64_t id, const json::object& body);
    void Delete(const Actor& actor, int64_t id);
    // {"records": [User]}
    json::object Users(const Actor& actor, int64_t id);
    // Replaces who holds the role; answers like Users.
    json::object SetUsers(const Actor& actor, int64_t id, const json::object& body);

private:
    const Clock& clock_;
};

}  // namespace xieli::org
