#include "modules/sales/invoice_rules.h"

#include <fmt/format.h>

#include <set>

#include "common/error.h"
#include "modules/sales/contract_rollups.h"
#include "modules/sales/contract_rules.h"
#include "modules/sales/write_event_helpers.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

constexpr const char* kVoided = "voided";

void RequireWithinContract(store::Connection& tx, int64_t contract_id, int64_t invoice_id, int64_t amount) {
    std::optional<RecordRow> contract = LoadLiveRow(tx, TableOf("contract"), contract_id);
    if (!contract) {
        ThrowFieldError("contract_id", "lookup_not_found", {"合同不存在或已删除", "The contract does not exist"});
    }
    int64_t left = LeftToInvoice(tx, contract_id, IntOf((*contract)["amount"]), invoice_id);
    if (amount > left) {
        ThrowFieldError(
            "amount",
            "exceeds_uninvoiced",
            {fmt::format("开票金额超过合同未开票金额 {}", records::FormatMoney(left)),
             fmt::format("The invoice exceeds what is left to invoice on the contract: {}", records::FormatMoney(left))}
        );
    }
}

}  // namespace

int64_t LeftToInvoice(store::Connection& conn, int64_t contract_id, int64_t contract_amount, int64_t except_id) {
    int64_t invoiced = IntOf(*conn.QueryValue(
        "SELECT COALESCE(SUM(amount), 0) FROM obj_invoice WHERE contract_id = ? AND deleted_at IS NULL AND id <> ? "
        "AND COALESCE(status, '') <> ?",
        {contract_id, except_id, kVoided}
    ));
    return contract_amount > invoiced ? contract_amount - invoiced : 0;
}

void BeforeInvoiceWrite(records::WriteEvent& e) {
    int64_t contract_id = IntOf(After(e, "contract_id"));
    std::optional<RecordRow> contract = LoadLiveRow(e.tx, TableOf("contract"), contract_id);
    if (!contract) {
        ThrowFieldError("contract_id", "lookup_not_found", {"合同不存在或已删除", "The contract does not exist"});
    }
    Derive(e, "customer_id", (*contract)["customer_id"]);
    OwnAsContract(e, *contract);
    if (e.record_id == 0 && After(e, "status").IsNull()) e.values["status"] = store::Value("pending");
    if (TextOf(After(e, "type")) == "special" && TextOf(After(e, "tax_number")).empty()) {
        ThrowFieldError(
            "tax_number",
            "required",
            {"增值税专用发票需填写纳税人识别号", "A VAT special invoice needs the taxpayer ID"}
        );
    }
    bool voided = TextOf(After(e, "status")) == kVoided;
    if (!voided && (e.record_id == 0 || Changes(e, "amount") || Changes(e, "contract_id") || Changes(e, "status"))) {
        RequireWithinContract(e.tx, contract_id, e.record_id, IntOf(After(e, "amount")));
    }
}

void AfterInvoiceChange(records::WriteEvent& e) {
    bool restoring = e.before.empty() && e.values.empty();
    std::set<int64_t> contracts{IntOf(Before(e, "contract_id"))};
    if (!(e.values.empty() && !e.before.empty())) {  // not a delete: the row as it is now
        std::optional<RecordRow> row = LoadLiveRow(e.tx, TableOf("invoice"), e.record_id);
        if (row) {
            int64_t contract_id = IntOf((*row)["contract_id"]);
            if (restoring) RequireContractLive(e.tx, contract_id);
            if (restoring && TextOf((*row)["status"]) != kVoided)
                RequireWithinContract(e.tx, contract_id, e.record_id, IntOf((*row)["amount"]));
            contracts.insert(contract_id);
        }
    }
    for (int64_t c : contracts) {
        if (c) RecomputeContract(e.tx, c, e.now);
    }
}

}  // namespace xieli::sales
