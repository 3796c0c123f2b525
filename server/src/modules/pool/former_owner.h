#pragma once

// While a customer waits in a public pool its owner is empty and who held it before is hidden from
// everyone but administrators (issue 7). The pool adds these rules to customers through RecordHooks;
// the records engine applies them wherever a customer or its past is shown (records/actor_mask.h):
// the owner fields lose their values (now and in the field history), and what the former owner did
// (the return to the pool, follow-ups, created_by / updated_by) stays without their name.

#include <cstdint>
#include <map>
#include <vector>

#include "common/json.h"
#include "common/text.h"
#include "records/access.h"
#include "records/actor_mask.h"
#include "store/database.h"

namespace xieli::pool {

// RecordHooks::actor_masks of customers: a mask for each of `ids` now waiting in a pool, unless
// the caller is an administrator.
std::map<int64_t, records::ActorMask> FormerOwnerMasks(
    store::Connection& conn, const records::AccessContext& access, const std::vector<int64_t>& ids
);

// RecordHooks::display_labels of customers: the pool's name for pool_id.
void AddPoolLabels(store::Connection& conn, Lang lang, json::array& records);

}  // namespace xieli::pool
