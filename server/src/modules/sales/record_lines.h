#pragma once

// The product lines of a quote, contract or opportunity write (line_items.h) applied to the record: the stored
// JSON is replaced by its canonical form with every amount computed, products are looked up with
// the caller's own read access.

#include <optional>

#include "common/text.h"
#include "modules/sales/line_items.h"
#include "records/record_service.h"

namespace xieli::sales {

// When the write sets `lines`, normalizes them in place and returns their totals; nullopt when the
// write leaves the lines alone. Cleared lines ("" or null) count as no lines (totals 0, stored NULL).
std::optional<NormalizedLines> ApplyLines(records::WriteEvent& e);

// Applies the lines (ApplyLines) to a record whose `amount` is entered by hand without lines and is
// their total with them (contracts, opportunities): the total is stored in the same write, and an
// amount written beside lines that differs from their total is 422 `computed_from_lines` — refused,
// not silently replaced, so a person who typed it learns why it did not stick. `record` names the
// record in that message ({"合同", "The contract"}). Returns whether the record has lines after the write.
bool DeriveAmountFromLines(records::WriteEvent& e, const Text& record);

}  // namespace xieli::sales
