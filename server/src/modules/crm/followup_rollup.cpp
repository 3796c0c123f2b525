#include "modules/crm/followup_rollup.h"

#include <fmt/format.h>

#include <set>

#include "modules/crm/crm_common.h"

namespace xieli::crm {

void RecomputeFollowupRollup(store::Connection& tx, int64_t customer_id) {
    std::string followups = TableOf(tx, "followup");
    std::string customers = TableOf(tx, "customer");
    // Every live follow-up of the customer counts, whoever may see it: this is the record's own
    // bookkeeping, not a read on anyone's behalf.
    store::Rows latest = tx.Query(
        fmt::format(
            "SELECT COALESCE(followup_at, created_at) AS at, next_followup_at FROM {} "
            "WHERE customer_id = ? AND deleted_at IS NULL ORDER BY at DESC, id DESC LIMIT 1",
            followups
        ),
        {customer_id}
    );
    store::Value last, next;
    if (!latest.empty()) {
        last = latest.front()[0];
        next = latest.front()[1];
    }
    // Written directly, as the engine's own bookkeeping: both fields are read-only to users, and
    // neither version nor updated_at moves, so someone editing the customer in an open form is not
    // told "someone else changed this record" because a colleague logged a call. No field history
    // either: the follow-up itself is the history (and shows on the timeline).
    tx.Execute(
        fmt::format("UPDATE {} SET last_followup_at = ?, next_followup_at = ? WHERE id = ?", customers),
        {last, next, customer_id}
    );
}

void RollupFollowupWrite(records::WriteEvent& e) {
    std::set<int64_t> customers;
    for (const auto* row : {&e.before, &static_cast<const Row&>(e.values)}) {
        auto it = row->find("customer_id");
        if (it != row->end() && !it->second.IsNull()) customers.insert(it->second.AsInt());
    }
    if (customers.empty() && e.record_id != 0) {
        // A restore carries no row: read the follow-up's customer.
        auto id =
            e.tx.QueryValue(fmt::format("SELECT customer_id FROM {} WHERE id = ?", e.object.table), {e.record_id});
        if (id && !id->IsNull()) customers.insert(id->AsInt());
    }
    for (int64_t customer_id : customers) RecomputeFollowupRollup(e.tx, customer_id);
}

}  // namespace xieli::crm
