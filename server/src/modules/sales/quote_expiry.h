#pragma once

// Quotes expire (报价单过期): the daily job `sales.quote_expiry` moves every open quote (not
// accepted, rejected or already expired) whose valid_until is before today in China time to
// `expired`. Each move is an ordinary update through the records engine — field history, outbox
// event, the quote's own rules — made by the system (no person), a batch per write transaction so
// the enterprise's writer is never held for long.

#include <memory>

#include "records/record_service.h"

namespace xieli::sales {

// Expires the quotes of one enterprise as of `now`; returns how many moved. Nothing moves when the
// enterprise has disabled the `expired` status in its dictionary.
int ExpireQuotes(
    records::RecordService& service,
    store::Database& db,
    std::shared_ptr<const records::Schema> schema,
    TimePoint now,
    int batch_size = 200
);

}  // namespace xieli::sales
