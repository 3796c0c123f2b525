#pragma once

// Contracts and orders (合同/订单): the amount is the total of the product lines when there are
// lines (writing another amount beside them is 422) and is entered by hand otherwise; an
// opportunity has at most one live contract (409 naming it, checked inside the write transaction,
// which SQLite serializes, so two requests cannot both pass); the end date cannot precede the
// start; the amount cannot fall below what is already invoiced; the paid, unpaid, overdue and
// invoiced amounts are derived (contract_rollups.h).

#include "modules/sales/write_event_helpers.h"
#include "records/record_service.h"

namespace xieli::sales {

void BeforeContractWrite(records::WriteEvent& e);
// A contract with live payments or invoices (any status) cannot be deleted: 409 naming how many
// (details `has_payments` / `has_invoices`, `payment_count` / `invoice_count`), as 纷享销客 refuses
// — deleting it would leave money counted in 回款 and targets against a contract nobody sees.
void BeforeContractDelete(records::WriteEvent& e);
// Its payment plans go to the recycle bin with it, in the same transaction.
void AfterContractDelete(records::WriteEvent& e);
// A contract back from the recycle bin must not become an opportunity's second contract; the plans
// that went to the bin with it come back with it.
void AfterContractRestore(records::WriteEvent& e);
// A contract purged from the recycle bin (彻底删除) takes its payment plans in the bin with it:
// without their contract they could never be restored.
void BeforeContractPurge(records::PurgeEvent& e);
// 409 when contract `contract_id` is in the recycle bin: a plan, payment or invoice cannot come
// back from the bin before its contract does.
void RequireContractLive(store::Connection& tx, int64_t contract_id);
// A new plan, payment or invoice belongs to its contract's owner, whoever records it: money that
// finance enters is the salesperson's 回款 (dashboard, payment targets) and he sees it in his lists.
void OwnAsContract(records::WriteEvent& e, const RecordRow& contract);

// The body of a contract for a won opportunity: name, customer, contact, opportunity, amount (the
// won amount) and sign date (the close date), with `overrides` (any contract fields) on top.
// 404 when the opportunity is not readable, 422 when it is not won. The contract is then created
// through the engine like any other, so every rule above applies.
json::object ContractBodyFromOpportunity(
    records::RecordService& service, records::RecordScope& s, int64_t opportunity_id, const json::object& overrides
);

}  // namespace xieli::sales
