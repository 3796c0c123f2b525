#pragma once

// Departments (docs/api/org.md "Departments"): the tree, and its rules — one root that cannot be
// moved or deleted, unique names among siblings, no moves under oneself, delete only when empty.

#include <cstdint>

#include "common/clock.h"
#include "common/json.h"
#include "modules/org/actor.h"

namespace xieli::org {

class DepartmentService {
public:
    explicit DepartmentService(const Clock& clock) : clock_(clock) {}

    // {"records": [...], "tree": [...]}
    json::object List(const Actor& actor);
    json::object Create(const Actor& actor, const json::object& body);
    json::object Update(const Actor& actor, int64_t id, const json::object& body);
    void Delete(const Actor& actor, int64_t id);

private:
    const Clock& clock_;
};

}  // namespace xieli::org
