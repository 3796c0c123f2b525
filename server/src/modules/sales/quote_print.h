#pragma once

// What a printed quote (报价单打印) shows: the enterprise's header (name, address, phone, bank …),
// the quote with its lines and amounts, the customer and contact as the caller may see them, and
// the salesperson. The web app lays it out; the server only gathers it, through the records engine
// so nothing outside the caller's access appears.
//
// The header is an enterprise setting (settings key "sales.print_header"); until an administrator
// fills it in, the company name is the root department's, which registration names after the
// enterprise.

#include "common/json.h"
#include "records/record_service.h"

namespace xieli::sales {

// {"company_name", "address", "phone", "email", "website", "tax_number", "bank_name", "bank_account"}
json::object PrintHeader(store::Connection& conn);
// Replaces the header; unknown members or non-text values are 422. Returns the new header.
json::object PutPrintHeader(store::Connection& tx, const json::object& body);

// {"header": …, "quote": <the record with _display>, "lines": [...], "customer": {…} | null,
//  "contact": {…} | null, "salesperson": {"id", "name", "phone", "email"}}; 404 like GET record.
json::object QuotePrint(records::RecordService& service, records::RecordScope& s, int64_t id);

}  // namespace xieli::sales
