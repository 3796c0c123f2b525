#pragma once

// Invoices (开票): an invoice's customer is its contract's; a VAT special invoice (专票) needs the
// taxpayer ID; and no invoice exceeds what is left to invoice on its contract — the contract amount
// less its other invoices that are not voided (422 naming the amount left). Checked on create, on
// every change of amount, contract or status (un-voiding counts) and on restore from the bin; the
// contract's invoiced amount follows.

#include "records/record_service.h"

namespace xieli::sales {

void BeforeInvoiceWrite(records::WriteEvent& e);
void AfterInvoiceChange(records::WriteEvent& e);  // after create, update, delete and restore

// What is left to invoice on a contract of `contract_amount` cents, leaving out invoice `except_id`.
int64_t LeftToInvoice(store::Connection& conn, int64_t contract_id, int64_t contract_amount, int64_t except_id);

}  // namespace xieli::sales
