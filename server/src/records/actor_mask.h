#pragma once

// What a caller may not see of who handled a record. The engine knows no such rule itself; a module
// adds one through RecordHooks::actor_masks (the public pool hides a waiting customer's former
// owner from everyone but administrators — modules/pool/former_owner.h). The engine applies the
// mask wherever a record or its past is shown: get, lists and exports, field history, timeline.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/json.h"

namespace xieli::records {

struct ActorMask {
    // Fields left out of the record, and whose history entries lose their old and new values.
    std::set<std::string, std::less<>> hidden_fields;
    // A person not to be named: entries they made lose their author, and the record's
    // created_by / updated_by are blanked when they are this person.
    std::optional<int64_t> hidden_actor;

    bool Empty() const { return hidden_fields.empty() && !hidden_actor; }
    bool HidesValues(std::string_view field) const;
    // Whether a history entry of `field` made by `actor` must not name its author.
    bool HidesActor(std::string_view field, std::optional<int64_t> actor) const;
    // Adds what `other` hides.
    void Merge(const ActorMask& other);
    // Applies the mask to one record as the API shows it (before display labels are added).
    void ApplyTo(json::object& record) const;
};

}  // namespace xieli::records
