#include "modules/sales/record_lines.h"

#include <fmt/format.h>

#include "common/error.h"
#include "modules/sales/write_event_helpers.h"
#include "records/value_codec.h"

namespace xieli::sales {

std::optional<NormalizedLines> ApplyLines(records::WriteEvent& e) {
    if (!Changes(e, "lines")) return std::nullopt;
    ProductLookup product = [&e](int64_t id) -> std::optional<ProductInfo> {
        if (!CallerMay(e.tx, e.access, "product", id, records::Action::kRead)) return std::nullopt;
        std::optional<RecordRow> row = LoadLiveRow(e.tx, TableOf("product"), id);
        if (!row) return std::nullopt;
        ProductInfo info{TextOf((*row)["name"]), {}, std::nullopt};
        // The unit is a dictionary value; the line keeps its label, as printed.
        std::string unit = TextOf((*row)["unit"]);
        if (!unit.empty()) {
            auto label =
                e.tx.QueryValue("SELECT label_zh FROM picklist_options WHERE picklist = 'unit' AND value = ?", {unit});
            info.unit = label ? label->AsText() : unit;
        }
        if (!(*row)["price"].IsNull()) info.price_cents = (*row)["price"].AsInt();
        return info;
    };
    NormalizedLines lines = NormalizeLines(TextOf(e.values["lines"]), product);
    Derive(e, "lines", lines.count == 0 ? store::Value() : store::Value(lines.json));
    return lines;
}

bool DeriveAmountFromLines(records::WriteEvent& e, const Text& record) {
    bool amount_written = Changes(e, "amount");
    store::Value written_amount = amount_written ? e.values["amount"] : store::Value();
    std::optional<NormalizedLines> lines = ApplyLines(e);
    bool has_lines = lines ? lines->count > 0 : !TextOf(Before(e, "lines")).empty();
    if (!has_lines) return false;
    int64_t total = lines ? lines->totals.total : IntOf(Before(e, "amount"));
    if (amount_written && (written_amount.IsNull() || written_amount.AsInt() != total)) {
        std::string money = records::FormatMoney(total);
        ThrowFieldError(
            "amount",
            "computed_from_lines",
            {fmt::format("{}有产品明细，金额由明细合计得出（{}）", record.zh, money),
             fmt::format("{} has product lines; its amount is their total ({})", record.en, money)}
        );
    }
    Derive(e, "amount", store::Value(total));
    return true;
}

}  // namespace xieli::sales
