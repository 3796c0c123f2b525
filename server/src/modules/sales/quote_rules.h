#pragma once

// Quotes (报价单): the amounts come from the product lines, computed here on every write (the
// amount fields are read-only, so a client writing them gets 422); a quote is valid until a date
// that cannot precede the quote date. A hook of the records engine, so forms, imports and the API
// alike obey it.

#include "records/record_service.h"

namespace xieli::sales {

void BeforeQuoteWrite(records::WriteEvent& e);

}  // namespace xieli::sales
