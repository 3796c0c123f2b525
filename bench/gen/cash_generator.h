#pragma once

// The money side of the bench enterprise (回款, bench/README.md): a contract for most won deals,
// its payment plans, the payments received and the invoices issued, and sales targets by contract
// and payment amount for every salesperson and sales department. Read from the deals already in
// the database, so it runs right after the CRM records or on its own over an existing bench data
// directory (xieli-bench-gen --cash-only).

#include <cstdint>

#include "records/metadata.h"
#include "store/database.h"

namespace xieli::bench {

struct CashOptions {
    uint64_t seed = 1;
    int64_t until = 0;  // seconds since the epoch: nothing is dated on or after this day
    int64_t batch_rows = 50'000;
};

struct CashCounts {
    int64_t contracts = 0, plans = 0, payments = 0, invoices = 0, targets = 0;
};

// Throws std::runtime_error when the enterprise already has payment plans (the generator ran).
CashCounts GenerateCash(store::Database& db, const records::Schema& schema, const CashOptions& options);

}  // namespace xieli::bench
