#include "modules/sales/quote_rules.h"

#include <fmt/format.h>

#include "common/error.h"
#include "modules/sales/record_lines.h"
#include "modules/sales/write_event_helpers.h"

namespace xieli::sales {

namespace {

// The first enabled status of the quote status dictionary (草稿 draft out of the box), where a new
// quote without a status starts. A default an administrator gives the field itself is applied by
// the engine before the hooks run, so it wins over this one.
store::Value FirstQuoteStatus(store::Connection& tx) {
    std::optional<store::Value> first = tx.QueryValue(
        "SELECT value FROM picklist_options WHERE picklist = 'quote_status' AND disabled = 0 "
        "ORDER BY sort_order, rowid LIMIT 1"
    );
    return first ? *first : store::Value();
}

// A quote the customer accepts must still be valid: accepting one whose 有效期 has passed would
// price a deal at terms that lapsed. Moving the date on first is the way (an expired quote may
// get a later valid_until, then be accepted).
void RequireValidWhenAccepted(records::WriteEvent& e) {
    if (!Changes(e, "status") || TextOf(After(e, "status")) != kQuoteAccepted) return;
    std::string valid_until = TextOf(After(e, "valid_until"));
    if (valid_until.empty() || valid_until >= ChinaDate(e.now)) return;
    ThrowFieldError(
        "status",
        "expired",
        {fmt::format("报价单已于 {} 过期，不能设为已接受；请先延长有效期", valid_until),
         fmt::format("The quote expired on {}; extend its validity before marking it accepted", valid_until)}
    );
}

}  // namespace

void BeforeQuoteWrite(records::WriteEvent& e) {
    if (e.record_id == 0 && After(e, "status").IsNull()) {
        store::Value first = FirstQuoteStatus(e.tx);
        if (!first.IsNull()) e.values["status"] = first;
    }
    std::string quoted = TextOf(After(e, "quote_date"));
    std::string valid_until = TextOf(After(e, "valid_until"));
    if ((Changes(e, "quote_date") || Changes(e, "valid_until")) && !quoted.empty() && !valid_until.empty() &&
        valid_until < quoted) {
        ThrowFieldError(
            "valid_until", "before_start", {"有效期不能早于报价日期", "Valid until cannot precede the quote date"}
        );
    }
    RequireValidWhenAccepted(e);
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
