#include "modules/sales/record_lines.h"

#include "modules/sales/write_event_helpers.h"

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

}  // namespace xieli::sales
