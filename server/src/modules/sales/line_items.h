#pragma once

// Product lines of quotes and contracts (报价/合同产品明细), kept as a JSON list in the record's
// `lines` field (docs/decisions/0007-line-items.md). Clients send what a person decides — product,
// quantity, unit price, discount and tax rate — and the server computes every amount, so totals can
// never disagree with their lines.
//
// A line as clients send it:
//   {"product_id"?: 12, "name"?: "…", "unit"?: "套", "spec"?: "…", "quantity": "2" | 2,
//    "unit_price"?: "980.00", "discount"?: "5" (percent off), "tax_rate"?: "13" (percent), "remark"?: "…"}
// A line as stored and returned adds "discount_amount", "amount" (after discount, before tax),
// "tax_amount" and "total" (amount + tax); those four are recomputed and whatever a client sent for
// them is ignored, so a line read back can be sent again unchanged. Quantities, percentages and
// money have at most two decimals; money is a decimal string like every currency field.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace xieli::sales {

inline constexpr size_t kMaxLines = 200;

// What a line takes from its product when it leaves a value out.
struct ProductInfo {
    std::string name;
    std::string unit;
    std::optional<int64_t> price_cents;
};

// nullopt when the product does not exist or the caller cannot see it.
using ProductLookup = std::function<std::optional<ProductInfo>(int64_t product_id)>;

struct LineTotals {
    int64_t subtotal = 0;  // Σ quantity × unit price, in cents
    int64_t discount = 0;  // Σ discount amounts
    int64_t tax = 0;       // Σ tax amounts
    int64_t total = 0;     // subtotal − discount + tax
};

struct NormalizedLines {
    std::string json;  // the canonical list to store ("[]" when there are no lines)
    LineTotals totals;
    size_t count = 0;
};

// Parses, checks and computes `text` (the field's JSON). Throws 422 naming the line and member
// ("lines[2].quantity") on anything malformed or out of range.
NormalizedLines NormalizeLines(std::string_view text, const ProductLookup& product);

// Rounds value × numerator / denominator half up, exactly (all inputs non-negative; the product may
// exceed 64 bits, the result must not).
int64_t MulDivRound(int64_t value, int64_t numerator, int64_t denominator);

}  // namespace xieli::sales
