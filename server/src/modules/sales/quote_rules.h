#pragma once

// Quotes (报价单): the amounts come from the product lines, computed here on every write (the
// amount fields are read-only, so a client writing them gets 422); a quote is valid until a date
// that cannot precede the quote date, and once that date has passed it cannot be marked accepted
// (422 `expired` on status; moving valid_until on first is allowed). A new quote without a status
// starts at the first status of the quote status dictionary (草稿 draft). A hook of the records
// engine, so forms, imports and the API alike obey it.

#include "records/record_service.h"

namespace xieli::sales {

// The quote statuses the rules name (picklist quote_status); the others (draft, sent, and any an
// administrator adds) are open: the customer has not answered yet.
inline constexpr const char* kQuoteAccepted = "accepted";
inline constexpr const char* kQuoteRejected = "rejected";
inline constexpr const char* kQuoteExpired = "expired";

void BeforeQuoteWrite(records::WriteEvent& e);

}  // namespace xieli::sales
