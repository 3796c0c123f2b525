#pragma once

// What a contract has received and what it still waits for (回款进度): each payment plan's
// received amount and status, and the contract's paid, unpaid, overdue and invoiced amounts. They
// are stored on the records (so lists sort and filter on them) and recomputed in the same
// transaction by every write, delete or restore of a payment, plan, invoice or the contract itself.
// Status depends on today as well: a plan falls overdue with no write at all, so
// RefreshDueStatuses() is there for a daily job, and the contract summary endpoint computes live.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "store/database.h"

namespace xieli::sales {

// 未到期 / 待回款 / 部分回款 / 已回款 / 已逾期 — the options of picklist payment_plan_status.
enum class PlanStatus { kNotDue, kDue, kPartial, kPaid, kOverdue };

std::string_view PlanStatusName(PlanStatus s);

// A plan falls due (待回款) this many days before its due date.
inline constexpr int kDueSoonDays = 7;

// The status of a plan of `amount` cents with `received` cents linked to it, due on `due_date`
// ("YYYY-MM-DD"), seen on `today`:
//   paid     received ≥ amount
//   overdue  not paid and the due date has passed (partly paid or not)
//   partial  something received, not all, not overdue
//   due      nothing received, due within kDueSoonDays (today included)
//   not_due  nothing received, due later
PlanStatus DerivePlanStatus(int64_t amount, int64_t received, std::string_view due_date, std::string_view today);

struct ContractFigures {
    int64_t paid = 0;      // Σ live payments of the contract
    int64_t unpaid = 0;    // amount − paid, never below 0
    int64_t overdue = 0;   // Σ over plans past their due date of what they still wait for
    int64_t invoiced = 0;  // Σ live invoices that are not voided
};

// The figures of a contract of `amount` cents, from the rows in `conn`.
ContractFigures ComputeContractFigures(store::Connection& conn, int64_t contract_id, int64_t amount, TimePoint now);

// One live plan of a contract and what it has received.
struct PlanReceipt {
    int64_t id = 0;
    int64_t amount = 0;
    int64_t received = 0;
    std::string due_date;
    // What the plan's row holds now (received_amount may be NULL on a row never recomputed).
    std::optional<int64_t> stored_received;
    std::string stored_status;
};

// The contract's live plans in due order (due date, period, id), each with what it received: the
// payments linked to it, then — instalment by instalment, earliest first, each up to what it still
// waits for — the payments linked to no plan and whatever a payment paid beyond its own plan. A
// customer who pays without naming the instalment pays the oldest one, and a contract paid in
// full has nothing overdue.
std::vector<PlanReceipt> PlanReceipts(store::Connection& conn, int64_t contract_id);

// Rewrites the received amount and status of every live plan of contract `contract_id`; returns
// how many statuses changed.
int RecomputePlans(store::Connection& tx, int64_t contract_id, TimePoint now);
// Rewrites contract `contract_id`'s paid, unpaid, overdue and invoiced amounts (when it is live).
void RecomputeContract(store::Connection& tx, int64_t contract_id, TimePoint now);

// Moves every plan whose status changed with the date (not due → due → overdue) and their
// contracts; returns how many plans changed. For a daily job.
int RefreshDueStatuses(store::Connection& tx, TimePoint now);

// {"contract_id", "amount", "paid_amount", "unpaid_amount", "overdue_amount", "invoiced_amount",
//  "uninvoiced_amount", "plans": [{"id", "name", "period", "due_date", "amount", "received_amount",
//  "status"}]} computed live for today; the caller checked read access to the contract.
json::object ContractPaymentSummary(store::Connection& conn, int64_t contract_id, TimePoint now);

}  // namespace xieli::sales
