#pragma once

// Payment plans (回款计划) and payments received (回款) on a contract. A plan's customer is its
// contract's; instalments are numbered 1, 2, 3 … when no number is given; a contract's plans
// together never exceed its amount. A payment's customer is its contract's; a payment linked to a
// plan must link to a plan of the same contract; payments never exceed the contract amount. Every
// write, delete or restore of either keeps the plan's received amount and status and the
// contract's paid, unpaid and overdue amounts current (contract_rollups.h).

#include "records/record_service.h"

namespace xieli::sales {

void BeforePlanWrite(records::WriteEvent& e);
void AfterPlanChange(records::WriteEvent& e);  // after create, update, delete and restore

void BeforePaymentWrite(records::WriteEvent& e);
void AfterPaymentChange(records::WriteEvent& e);  // after create, update, delete and restore

}  // namespace xieli::sales
