#include "modules/sales/contract_rules.h"

#include <fmt/format.h>

#include "common/error.h"
#include "modules/sales/contract_rollups.h"
#include "modules/sales/record_lines.h"
#include "modules/sales/write_event_helpers.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

// 409 when another live contract already belongs to the opportunity. The existing contract is
// named (and given as `existing_contract`) only to a caller who may read it; anyone else learns
// just that there is one.
void RequireOnlyContractOf(
    store::Connection& tx, const records::AccessContext& access, int64_t opportunity_id, int64_t contract_id
) {
    store::Rows other = tx.Query(
        "SELECT id, code, name FROM obj_contract WHERE opportunity_id = ? AND deleted_at IS NULL AND id <> ? "
        "ORDER BY id LIMIT 1",
        {opportunity_id, contract_id}
    );
    if (other.empty()) return;
    const store::Row& c = other.front();
    std::vector<FieldError> details{{"opportunity_id", "duplicate", {"该商机已有合同", "already has a contract"}}};
    if (!CallerMay(tx, access, "contract", c.Int(0), records::Action::kRead)) {
        throw Error(
            ErrorCode::kConflict,
            {"该商机已有合同，一个商机只能签一份合同", "This opportunity already has a contract; it can have only one"},
            std::move(details)
        );
    }
    std::string label = c.IsNull(1) ? c.Text(2) : fmt::format("{} {}", c.Text(1), c.Text(2));
    throw Error(
        ErrorCode::kConflict,
        {fmt::format("该商机已有合同「{}」，一个商机只能签一份合同", label),
         fmt::format("This opportunity already has contract '{}'; an opportunity has at most one", label)},
        std::move(details)
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

int64_t CountLive(store::Connection& tx, const char* table, int64_t contract_id) {
    return IntOf(*tx.QueryValue(
        fmt::format("SELECT COUNT(*) FROM {} WHERE contract_id = ? AND deleted_at IS NULL", table), {contract_id}
    ));
}

// Moves the contract's payment plans into the recycle bin with it, or back out, as the engine
// moves a record (deleted_at, version, an outbox event each): plans hang on their contract, and a
// plan left live under a deleted contract would still be reminded and counted.
void MovePlansWithContract(records::WriteEvent& e, bool restoring) {
    std::string ts = FormatUtc(e.now);
    store::Value actor = e.access.user_id ? store::Value(e.access.user_id) : store::Value();
    // Going: the live plans. Coming back: those that went with it — whose last move to the bin is
    // the event after the contract's own (written just above by the engine, before this hook), not
    // one before it (plans deleted on their own stay in the bin). The outbox keeps every record's
    // moves in order (the timeline reads them), and outbox_record finds them by record.
    store::Rows plans =
        restoring
            ? e.tx.Query(
                  "SELECT p.id FROM obj_payment_plan p WHERE p.contract_id = ? AND p.deleted_at IS NOT NULL "
                  "AND (SELECT MAX(b.id) FROM outbox b WHERE b.object = 'payment_plan' AND b.record_id = p.id "
                  "AND b.operation = 'delete') > (SELECT COALESCE(MAX(c.id), 0) FROM outbox c "
                  "WHERE c.object = 'contract' AND c.record_id = ? AND c.operation = 'delete')",
                  {e.record_id, e.record_id}
              )
            : e.tx.Query("SELECT id FROM obj_payment_plan WHERE contract_id = ? AND deleted_at IS NULL", {e.record_id});
    for (const store::Row& plan : plans) {
        if (restoring) {
            e.tx.Execute(
                "UPDATE obj_payment_plan SET deleted_at = NULL, updated_at = ?, updated_by = ?, version = version + 1 "
                "WHERE id = ?",
                {ts, actor, plan.Int(0)}
            );
        } else {
            e.tx.Execute(
                "UPDATE obj_payment_plan SET deleted_at = ?, updated_by = ?, version = version + 1 WHERE id = ?",
                {ts, actor, plan.Int(0)}
            );
        }
        e.tx.Execute(
            "INSERT INTO outbox (object, record_id, operation, changed_fields, actor_id, at) "
            "VALUES ('payment_plan', ?, ?, '[]', ?, ?)",
            {plan.Int(0), restoring ? "restore" : "delete", actor, ts}
        );
    }
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
        RequireOnlyContractOf(e.tx, e.access, opportunity, e.record_id);
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

void BeforeContractDelete(records::WriteEvent& e) {
    int64_t payments = CountLive(e.tx, "obj_payment", e.record_id);
    int64_t invoices = CountLive(e.tx, "obj_invoice", e.record_id);
    if (payments == 0 && invoices == 0) return;
    std::vector<FieldError> details;
    std::string zh, en;
    if (payments > 0) {
        details.push_back({"payments", "has_payments", {"已有回款", "has payments"}});
        zh = fmt::format("{} 笔回款", payments);
        en = fmt::format("{} payment{}", payments, payments == 1 ? "" : "s");
    }
    if (invoices > 0) {
        details.push_back({"invoices", "has_invoices", {"已有开票", "has invoices"}});
        zh += fmt::format("{}{} 张发票", zh.empty() ? "" : "和 ", invoices);
        en += fmt::format("{}{} invoice{}", en.empty() ? "" : " and ", invoices, invoices == 1 ? "" : "s");
    }
    throw Error(
        ErrorCode::kConflict,
        {fmt::format("该合同已有 {}，不能删除；请先删除回款和开票记录，或将合同状态改为「已终止」", zh),
         fmt::format(
             "This contract has {}, so it cannot be deleted; delete those first, or set the contract to terminated", en
         )},
        std::move(details)
    )
        .WithExtraJson(json::serialize(json::object{{"payment_count", payments}, {"invoice_count", invoices}}));
}

void AfterContractDelete(records::WriteEvent& e) {
    MovePlansWithContract(e, false);
}

void AfterContractRestore(records::WriteEvent& e) {
    std::optional<RecordRow> row = LoadLiveRow(e.tx, TableOf("contract"), e.record_id);
    if (!row) return;
    int64_t opportunity = IntOf((*row)["opportunity_id"]);
    if (opportunity != 0) RequireOnlyContractOf(e.tx, e.access, opportunity, e.record_id);
    MovePlansWithContract(e, true);
    // The date moved on while it was in the bin: plan statuses and the overdue amount follow.
    RecomputePlans(e.tx, e.record_id, e.now);
    RecomputeContract(e.tx, e.record_id, e.now);
}

void BeforeContractPurge(records::PurgeEvent& e) {
    for (const store::Row& plan : e.tx.Query(
             "SELECT id FROM obj_payment_plan WHERE contract_id = ? AND deleted_at IS NOT NULL ORDER BY id",
             {e.record_id}
         )) {
        e.also_purge.emplace_back("payment_plan", plan.Int(0));
    }
}

void RequireContractLive(store::Connection& tx, int64_t contract_id) {
    if (contract_id == 0 || LoadLiveRow(tx, TableOf("contract"), contract_id)) return;
    throw Error(
        ErrorCode::kConflict,
        {"所属合同在回收站中，请先恢复合同", "Its contract is in the recycle bin; restore the contract first"},
        std::vector<FieldError>{{"contract_id", "contract_deleted", {"合同已删除", "the contract is deleted"}}}
    );
}

void OwnAsContract(records::WriteEvent& e, const RecordRow& contract) {
    if (e.record_id != 0) return;  // on create only: a transfer moves a record's owner later
    auto owner = contract.find("owner_id");
    if (owner != contract.end() && !owner->second.IsNull()) e.values["owner_id"] = owner->second;
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
