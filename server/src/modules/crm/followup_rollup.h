#pragma once

// A follow-up keeps its customer's 最近跟进时间 / 下次跟进时间 (DOMAIN.md "Follow-up"):
//   last_followup_at  the newest live follow-up's time (its followup_at, else when it was logged)
//   next_followup_at  that same follow-up's next_followup_at (null when it names none)
// Both are recomputed from the customer's live follow-ups on every create, update, delete and
// restore of a follow-up, so edits and deletions of older ones come out right too.

#include <cstdint>

#include "records/record_service.h"
#include "store/database.h"

namespace xieli::crm {

void RecomputeFollowupRollup(store::Connection& tx, int64_t customer_id);

// after_create / after_update / after_delete / after_restore of followup.
void RollupFollowupWrite(records::WriteEvent& e);

}  // namespace xieli::crm
