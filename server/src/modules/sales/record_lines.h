#pragma once

// The product lines of a quote or contract write (line_items.h) applied to the record: the stored
// JSON is replaced by its canonical form with every amount computed, products are looked up with
// the caller's own read access.

#include <optional>

#include "modules/sales/line_items.h"
#include "records/record_service.h"

namespace xieli::sales {

// When the write sets `lines`, normalizes them in place and returns their totals; nullopt when the
// write leaves the lines alone. Cleared lines ("" or null) count as no lines (totals 0, stored NULL).
std::optional<NormalizedLines> ApplyLines(records::WriteEvent& e);

}  // namespace xieli::sales
