#include "modules/sales/quote_rules.h"

#include "common/error.h"
#include "modules/sales/record_lines.h"
#include "modules/sales/write_event_helpers.h"

namespace xieli::sales {

void BeforeQuoteWrite(records::WriteEvent& e) {
    std::string quoted = TextOf(After(e, "quote_date"));
    std::string valid_until = TextOf(After(e, "valid_until"));
    if ((Changes(e, "quote_date") || Changes(e, "valid_until")) && !quoted.empty() && !valid_until.empty() &&
        valid_until < quoted) {
        ThrowFieldError(
            "valid_until", "before_start", {"有效期不能早于报价日期", "Valid until cannot precede the quote date"}
        );
    }
    RequireSameCustomer(e, "opportunity_id", "opportunity");
    RequireSameCustomer(e, "contact_id", "contact");
    std::optional<NormalizedLines> lines = ApplyLines(e);
    if (lines) {
        Derive(e, "subtotal_amount", store::Value(lines->totals.subtotal));
        Derive(e, "discount_amount", store::Value(lines->totals.discount));
        Derive(e, "tax_amount", store::Value(lines->totals.tax));
        Derive(e, "total_amount", store::Value(lines->totals.total));
    } else if (e.record_id == 0) {
        for (const char* f : {"subtotal_amount", "discount_amount", "tax_amount", "total_amount"})
            e.values[f] = store::Value(int64_t{0});
    }
}

}  // namespace xieli::sales
