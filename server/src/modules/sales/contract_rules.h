#pragma once

// Contracts and orders (合同/订单): the amount is the total of the product lines when there are
// lines (writing another amount beside them is 422) and is entered by hand otherwise; an
// opportunity has at most one live contract (409 naming it, checked inside the write transaction,
// which SQLite serializes, so two requests cannot both pass); the end date cannot precede the
// start; the amount cannot fall below what is already invoiced; the paid, unpaid, overdue and
// invoiced amounts are derived (contract_rollups.h).

#include "records/record_service.h"

namespace xieli::sales {

void BeforeContractWrite(records::WriteEvent& e);
// A contract back from the recycle bin must not become an opportunity's second contract.
void AfterContractRestore(records::WriteEvent& e);

// The body of a contract for a won opportunity: name, customer, contact, opportunity, amount (the
// won amount) and sign date (the close date), with `overrides` (any contract fields) on top.
// 404 when the opportunity is not readable, 422 when it is not won. The contract is then created
// through the engine like any other, so every rule above applies.
json::object ContractBodyFromOpportunity(
    records::RecordService& service, records::RecordScope& s, int64_t opportunity_id, const json::object& overrides
);

}  // namespace xieli::sales
