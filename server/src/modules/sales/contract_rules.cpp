#include "modules/sales/contract_rules.h"

#include <fmt/format.h>

#include "common/error.h"
#include "modules/sales/contract_rollups.h"
#include "modules/sales/record_lines.h"
#include "modules/sales/write_event_helpers.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

// 409 when another live contract already belongs to the opportunity.
void RequireOnlyContractOf(store::Connection& tx, int64_t opportunity_id, int64_t contract_id) {
    store::Rows other = tx.Query(
        "SELECT id, code, name FROM obj_contract WHERE opportunity_id = ? AND deleted_at IS NULL AND id <> ? "
        "ORDER BY id LIMIT 1",
        {opportunity_id, contract_id}
    );
    if (other.empty()) return;
    const store::Row& c = other.front();
    std::string label = c.IsNull(1) ? c.Text(2) : fmt::format("{} {}", c.Text(1), c.Text(2));
    throw Error(
        ErrorCode::kConflict,
        {fmt::format("该商机已有合同「{}」，一个商机只能签一份合同", label),
         fmt::format("This opportunity already has contract '{}'; an opportunity has at most one", label)},
        std::vector<FieldError>{{"opportunity_id", "duplicate", {"该商机已有合同", "already has a contract"}}}
    )
        .WithExtraJson(json::serialize(json::object{
            {"existing_contract",
             json::object{
                 {"id", c.Int(0)},
                 {"code", c.IsNull(1) ? json::value(nullptr) : json::value(c.Text(1))},
                 {"name", c.Text(2)},
             }},
        }));
}

}  // namespace

void BeforeContractWrite(records::WriteEvent& e) {
    bool creating = e.record_id == 0;
    RequireSameCustomer(e, "opportunity_id", "opportunity");
    RequireSameCustomer(e, "quote_id", "quote");
    RequireSameCustomer(e, "contact_id", "contact");
    std::string start = TextOf(After(e, "start_date")), end = TextOf(After(e, "end_date"));
    if ((Changes(e, "start_date") || Changes(e, "end_date")) && !start.empty() && !end.empty() && end < start) {
        ThrowFieldError(
            "end_date", "before_start", {"到期日期不能早于开始日期", "The end date cannot precede the start"}
        );
    }
    int64_t opportunity = IntOf(After(e, "opportunity_id"));
    if (opportunity != 0 && (creating || Changes(e, "opportunity_id"))) {
        RequireOnlyContractOf(e.tx, opportunity, e.record_id);
    }

    if (!DeriveAmountFromLines(e, {"合同", "The contract"}) && After(e, "amount").IsNull()) {
        ThrowFieldError("amount", "required", {"请填写合同金额或产品明细", "Give the amount or the product lines"});
    }

    int64_t amount = IntOf(After(e, "amount"));
    ContractFigures f = creating ? ContractFigures{} : ComputeContractFigures(e.tx, e.record_id, amount, e.now);
    if (!creating && amount < f.invoiced) {
        ThrowFieldError(
            "amount",
            "below_invoiced",
            {fmt::format("合同金额不能低于已开票金额 {}", records::FormatMoney(f.invoiced)),
             fmt::format("The amount cannot fall below the invoiced {}", records::FormatMoney(f.invoiced))}
        );
    }
    // Payments never exceed the contract, nor do its plans together (payment_rules.cpp): lowering
    // the amount must not break either after the fact.
    if (!creating && Changes(e, "amount") && amount < f.paid) {
        ThrowFieldError(
            "amount",
            "below_paid",
            {fmt::format("合同金额不能低于已回款金额 {}", records::FormatMoney(f.paid)),
             fmt::format("The amount cannot fall below the payments received, {}", records::FormatMoney(f.paid))}
        );
    }
    if (!creating && Changes(e, "amount")) {
        int64_t planned = IntOf(*e.tx.QueryValue(
            "SELECT COALESCE(SUM(amount), 0) FROM obj_payment_plan WHERE contract_id = ? AND deleted_at IS NULL",
            {e.record_id}
        ));
        if (amount < planned) {
            ThrowFieldError(
                "amount",
                "below_planned",
                {fmt::format("合同金额不能低于回款计划合计 {}，请先调整回款计划", records::FormatMoney(planned)),
                 fmt::format(
                     "The amount cannot fall below the payment plans' total, {}; change the plans first",
                     records::FormatMoney(planned)
                 )}
            );
        }
    }
    if (creating) f.unpaid = amount;
    Derive(e, "paid_amount", store::Value(f.paid));
    Derive(e, "unpaid_amount", store::Value(f.unpaid));
    Derive(e, "overdue_amount", store::Value(f.overdue));
    Derive(e, "invoiced_amount", store::Value(f.invoiced));
}

void AfterContractRestore(records::WriteEvent& e) {
    std::optional<RecordRow> row = LoadLiveRow(e.tx, TableOf("contract"), e.record_id);
    if (!row) return;
    int64_t opportunity = IntOf((*row)["opportunity_id"]);
    if (opportunity != 0) RequireOnlyContractOf(e.tx, opportunity, e.record_id);
    RecomputeContract(e.tx, e.record_id, e.now);
}

json::object ContractBodyFromOpportunity(
    records::RecordService& service, records::RecordScope& s, int64_t opportunity_id, const json::object& overrides
) {
    json::object opp = service.Get(s, "opportunity", opportunity_id);
    const json::value* status = opp.if_contains("status");
    if (!status || !status->is_string() || status->get_string() != "won") {
        ThrowFieldError(
            "opportunity_id", "not_won", {"只有赢单的商机才能生成合同", "Only a won opportunity makes a contract"}
        );
    }
    json::object body{{"name", opp["name"]}, {"customer_id", opp["customer_id"]}, {"opportunity_id", opportunity_id}};
    auto copy = [&](const char* from, const char* to) {
        if (const json::value* v = opp.if_contains(from); v && !v->is_null()) body[to] = *v;
    };
    copy("contact_id", "contact_id");
    copy("actual_amount", "amount");
    copy("actual_close_date", "sign_date");
    body["status"] = "draft";
    // Lines given here set the amount themselves.
    if (overrides.contains("lines") && !overrides.contains("amount")) body.erase("amount");
    for (const auto& [key, v] : overrides) body[key] = v;
    return body;
}

}  // namespace xieli::sales
