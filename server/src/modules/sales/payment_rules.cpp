#include "modules/sales/payment_rules.h"

#include <fmt/format.h>

#include <set>

#include "common/error.h"
#include "modules/sales/contract_rollups.h"
#include "modules/sales/contract_rules.h"
#include "modules/sales/write_event_helpers.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

// The contract a plan or payment write points to; the engine checked the caller can read it.
RecordRow ContractOf(records::WriteEvent& e) {
    int64_t id = IntOf(After(e, "contract_id"));
    std::optional<RecordRow> contract = id ? LoadLiveRow(e.tx, TableOf("contract"), id) : std::nullopt;
    if (!contract) {
        ThrowFieldError("contract_id", "lookup_not_found", {"合同不存在或已删除", "The contract does not exist"});
    }
    return *contract;
}

// The row the hook is about: `before` for update and delete, the stored row for create and restore.
RecordRow RowOf(records::WriteEvent& e, const char* object) {
    if (!e.before.empty() && e.values.empty()) return e.before;
    std::optional<RecordRow> row = LoadLiveRow(e.tx, TableOf(object), e.record_id);
    return row ? *row : RecordRow{};
}

// 422 when `amount` on top of the contract's other live payments would exceed its amount.
void RequirePaymentWithinContract(
    store::Connection& tx, const RecordRow& contract, int64_t payment_id, int64_t amount
) {
    int64_t contract_id = IntOf(contract.at("id"));
    int64_t others = IntOf(*tx.QueryValue(
        "SELECT COALESCE(SUM(amount), 0) FROM obj_payment WHERE contract_id = ? AND deleted_at IS NULL AND id <> ?",
        {contract_id, payment_id}
    ));
    int64_t contract_amount = IntOf(contract.at("amount"));
    int64_t left = contract_amount > others ? contract_amount - others : 0;
    if (amount > left) {
        ThrowFieldError(
            "amount",
            "exceeds_unpaid",
            {fmt::format("回款金额超过合同未回款金额 {}", records::FormatMoney(left)),
             fmt::format("The payment exceeds what the contract has left to pay: {}", records::FormatMoney(left))}
        );
    }
}

}  // namespace

void BeforePlanWrite(records::WriteEvent& e) {
    bool creating = e.record_id == 0;
    RecordRow contract = ContractOf(e);
    int64_t contract_id = IntOf(contract["id"]);
    Derive(e, "customer_id", contract["customer_id"]);
    OwnAsContract(e, contract);
    if (After(e, "period").IsNull()) {
        int64_t last = IntOf(*e.tx.QueryValue(
            "SELECT COALESCE(MAX(period), 0) FROM obj_payment_plan WHERE contract_id = ? AND deleted_at IS NULL "
            "AND id <> ?",
            {contract_id, e.record_id}
        ));
        e.values["period"] = store::Value(static_cast<double>(last + 1));
    }
    if (TextOf(After(e, "name")).empty()) {
        e.values["name"] = store::Value(fmt::format("第{}期", After(e, "period").AsInt()));
    }
    if (creating || Changes(e, "amount") || Changes(e, "contract_id")) {
        int64_t others = IntOf(*e.tx.QueryValue(
            "SELECT COALESCE(SUM(amount), 0) FROM obj_payment_plan WHERE contract_id = ? AND deleted_at IS NULL "
            "AND id <> ?",
            {contract_id, e.record_id}
        ));
        int64_t contract_amount = IntOf(contract["amount"]);
        int64_t left = contract_amount > others ? contract_amount - others : 0;
        if (IntOf(After(e, "amount")) > left) {
            ThrowFieldError(
                "amount",
                "exceeds_contract",
                {fmt::format("回款计划合计不能超过合同金额，还可计划 {}", records::FormatMoney(left)),
                 fmt::format(
                     "The plans would exceed the contract amount; {} is left to plan", records::FormatMoney(left)
                 )}
            );
        }
    }
    int64_t received = creating ? 0
                                : IntOf(*e.tx.QueryValue(
                                      "SELECT COALESCE(SUM(amount), 0) FROM obj_payment WHERE plan_id = ? AND "
                                      "deleted_at IS NULL",
                                      {e.record_id}
                                  ));
    PlanStatus status =
        DerivePlanStatus(IntOf(After(e, "amount")), received, TextOf(After(e, "due_date")), ChinaDate(e.now));
    Derive(e, "received_amount", store::Value(received));
    Derive(e, "status", store::Value(std::string(PlanStatusName(status))));
}

void AfterPlanChange(records::WriteEvent& e) {
    RecordRow row = RowOf(e, "payment_plan");
    bool restoring = e.before.empty() && e.values.empty();
    if (restoring && !row.empty()) RequireContractLive(e.tx, IntOf(row["contract_id"]));
    // A plan's amount and due date decide what the contract's unassigned payments pay of the others
    // (PlanReceipts); back from the bin, payments may have come in meanwhile and the date moved on.
    std::set<int64_t> contracts{IntOf(Before(e, "contract_id"))};
    if (!row.empty()) contracts.insert(IntOf(row["contract_id"]));
    for (int64_t c : contracts) {
        if (!c) continue;
        RecomputePlans(e.tx, c, e.now);
        RecomputeContract(e.tx, c, e.now);
    }
}

void BeforePaymentWrite(records::WriteEvent& e) {
    RecordRow contract = ContractOf(e);
    int64_t contract_id = IntOf(contract["id"]);
    Derive(e, "customer_id", contract["customer_id"]);
    OwnAsContract(e, contract);
    int64_t plan = IntOf(After(e, "plan_id"));
    if (plan && (Changes(e, "plan_id") || Changes(e, "contract_id"))) {
        std::optional<RecordRow> p = LoadLiveRow(e.tx, TableOf("payment_plan"), plan);
        if (!p || IntOf((*p)["contract_id"]) != contract_id) {
            ThrowFieldError(
                "plan_id", "other_contract", {"回款计划不属于该合同", "The payment plan belongs to another contract"}
            );
        }
    }
    if (e.record_id == 0 || Changes(e, "amount") || Changes(e, "contract_id")) {
        RequirePaymentWithinContract(e.tx, contract, e.record_id, IntOf(After(e, "amount")));
    }
}

void AfterPaymentChange(records::WriteEvent& e) {
    bool restoring = e.before.empty() && e.values.empty();
    RecordRow row = RowOf(e, "payment");
    if (restoring) {
        if (row.empty()) return;
        RequireContractLive(e.tx, IntOf(row["contract_id"]));
        std::optional<RecordRow> contract = LoadLiveRow(e.tx, TableOf("contract"), IntOf(row["contract_id"]));
        if (contract) RequirePaymentWithinContract(e.tx, *contract, e.record_id, IntOf(row["amount"]));
    }
    // Every plan of the contract: a payment without a plan pays the earliest instalments.
    std::set<int64_t> contracts{IntOf(Before(e, "contract_id"))};
    if (!row.empty()) contracts.insert(IntOf(row["contract_id"]));
    for (int64_t c : contracts) {
        if (!c) continue;
        RecomputePlans(e.tx, c, e.now);
        RecomputeContract(e.tx, c, e.now);
    }
}

}  // namespace xieli::sales
