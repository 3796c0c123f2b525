#pragma once

// While a customer waits in a public pool its owner is empty and who held it before is hidden from
// everyone but administrators (issue 7). The pool's own list drops previous_owner_id; a record's
// field history and timeline ask this to blank the owner values of their entries too (the moves
// themselves stay listed: returned to the pool, claimed, assigned).

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/json.h"
#include "store/database.h"

namespace xieli::pool {

// What a caller may not see of who owned record `id` of `object`: set for a customer now in a pool
// when the caller is no administrator. Entries of the owner fields lose their values, and entries
// the former owner made lose their author (the return to the pool is theirs).
struct FormerOwnerMask {
    bool active = false;
    std::optional<int64_t> former_owner;

    // Whether a history entry of `field` by `actor` must not name its author.
    bool HidesActor(std::string_view field, std::optional<int64_t> actor) const;
    // Whether its old and new values must be blanked.
    bool HidesValues(std::string_view field) const;
};

FormerOwnerMask FormerOwnerMaskFor(store::Connection& conn, bool caller_is_admin, std::string_view object, int64_t id);

}  // namespace xieli::pool
