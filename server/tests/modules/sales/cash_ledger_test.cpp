// Payment plans and contract rollups on a real enterprise database, with a clock the test moves:
// statuses follow the payments and the date (未到期 → 待回款 → 已逾期), and the daily refresh
// catches plans that fell due without any write.

#include <gtest/gtest.h>

#include "modules/sales/contract_rollups.h"
#include "support/sales_db_test.h"

namespace xieli::sales {
namespace {

using std::chrono::hours;

class CashLedgerTest : public SalesDbTest {
protected:
    // 10:00 in China on 2026-11-24.
    CashLedgerTest() : SalesDbTest("2026-11-24T02:00:00Z") {}

    int Refresh() {
        store::Transaction tx = db_->Write();
        int changed = RefreshDueStatuses(*tx, clock_.Now());
        tx.Commit();
        return changed;
    }
    void Advance(int days) { clock_.Advance(std::chrono::duration_cast<std::chrono::seconds>(hours(24 * days))); }
};

TEST_F(CashLedgerTest, PlanStatusFollowsPaymentsAndTheDate) {
    int64_t customer = Create("customer", {{"name", "台账测试客户"}})["id"].as_int64();
    int64_t contract =
        Create("contract", {{"name", "台账合同"}, {"customer_id", customer}, {"amount", "1000.00"}})["id"].as_int64();
    json::object soon =
        Create("payment_plan", {{"contract_id", contract}, {"due_date", "2026-11-30"}, {"amount", "500.00"}});
    json::object later =
        Create("payment_plan", {{"contract_id", contract}, {"due_date", "2026-12-31"}, {"amount", "500.00"}});
    EXPECT_EQ(soon["status"], "due");  // within seven days
    EXPECT_EQ(later["status"], "not_due");
    EXPECT_EQ(later["period"], 2);
    int64_t soon_id = soon["id"].as_int64(), later_id = later["id"].as_int64();

    Create(
        "payment", {{"contract_id", contract}, {"plan_id", soon_id}, {"amount", "200.00"}, {"paid_date", "2026-11-24"}}
    );
    EXPECT_EQ(Get("payment_plan", soon_id)["status"], "partial");
    json::object c = Get("contract", contract);
    EXPECT_EQ(c["paid_amount"], "200.00");
    EXPECT_EQ(c["unpaid_amount"], "800.00");
    EXPECT_EQ(c["overdue_amount"], "0.00");

    // Nothing is written for a week; the daily refresh finds the plan overdue.
    EXPECT_EQ(Refresh(), 0);
    Advance(7);  // 2026-12-01
    EXPECT_EQ(Get("payment_plan", soon_id)["status"], "partial") << "stored until refreshed";
    {
        store::Reader r = db_->Read();
        json::object live = ContractPaymentSummary(*r, contract, clock_.Now());
        EXPECT_EQ(live["overdue_amount"], "300.00");
        EXPECT_EQ(live["plans"].as_array()[0].at("status"), "overdue");
    }
    EXPECT_EQ(Refresh(), 1);
    EXPECT_EQ(Get("payment_plan", soon_id)["status"], "overdue");
    EXPECT_EQ(Get("contract", contract)["overdue_amount"], "300.00");
    EXPECT_EQ(Get("payment_plan", later_id)["status"], "not_due");

    Advance(25);  // 2026-12-26: the second instalment is due within the week
    EXPECT_EQ(Refresh(), 1);
    EXPECT_EQ(Get("payment_plan", later_id)["status"], "due");

    // Paying the rest settles the overdue plan at once.
    Create(
        "payment", {{"contract_id", contract}, {"plan_id", soon_id}, {"amount", "300.00"}, {"paid_date", "2026-12-26"}}
    );
    EXPECT_EQ(Get("payment_plan", soon_id)["status"], "paid");
    c = Get("contract", contract);
    EXPECT_EQ(c["overdue_amount"], "0.00");
    EXPECT_EQ(c["paid_amount"], "500.00");
}

TEST_F(CashLedgerTest, PaymentsWithoutAPlanPayTheEarliestInstalments) {
    int64_t customer = Create("customer", {{"name", "未指定期次客户"}})["id"].as_int64();
    int64_t contract =
        Create("contract", {{"name", "分期合同"}, {"customer_id", customer}, {"amount", "500.00"}})["id"].as_int64();
    // Created out of due order: the allocation goes by due date, not by creation.
    int64_t third =
        Create("payment_plan", {{"contract_id", contract}, {"due_date", "2026-12-31"}, {"amount", "300.00"}})["id"]
            .as_int64();
    int64_t first =
        Create("payment_plan", {{"contract_id", contract}, {"due_date", "2026-11-01"}, {"amount", "100.00"}})["id"]
            .as_int64();
    int64_t second =
        Create("payment_plan", {{"contract_id", contract}, {"due_date", "2026-11-20"}, {"amount", "100.00"}})["id"]
            .as_int64();
    EXPECT_EQ(Get("contract", contract)["overdue_amount"], "200.00");

    // 20 for the first instalment by name, then 150 naming none: it pays the rest of the first
    // (80), the second (70 of 100); 30 still waits, overdue.
    Create(
        "payment", {{"contract_id", contract}, {"plan_id", first}, {"amount", "20.00"}, {"paid_date", "2026-11-24"}}
    );
    Create("payment", {{"contract_id", contract}, {"amount", "150.00"}, {"paid_date", "2026-11-24"}});
    EXPECT_EQ(Get("payment_plan", first)["status"], "paid");
    EXPECT_EQ(Get("payment_plan", first)["received_amount"], "100.00");
    EXPECT_EQ(Get("payment_plan", second)["status"], "overdue");
    EXPECT_EQ(Get("payment_plan", second)["received_amount"], "70.00");
    EXPECT_EQ(Get("payment_plan", third)["received_amount"], "0.00");
    EXPECT_EQ(Get("contract", contract)["overdue_amount"], "30.00");

    // Overpaying the third instalment by name: the excess settles the second as well.
    Create(
        "payment", {{"contract_id", contract}, {"plan_id", third}, {"amount", "330.00"}, {"paid_date", "2026-11-24"}}
    );
    for (int64_t plan : {first, second, third}) EXPECT_EQ(Get("payment_plan", plan)["status"], "paid") << plan;
    json::object c = Get("contract", contract);
    EXPECT_EQ(c["paid_amount"], "500.00");
    EXPECT_EQ(c["overdue_amount"], "0.00");
    store::Reader r = db_->Read();
    json::object live = ContractPaymentSummary(*r, contract, clock_.Now());
    EXPECT_EQ(live["overdue_amount"], "0.00");
    for (const json::value& plan : live["plans"].as_array()) EXPECT_EQ(plan.at("status"), "paid");
}

TEST_F(CashLedgerTest, InvoicesStayWithinTheContract) {
    int64_t customer = Create("customer", {{"name", "开票测试客户"}})["id"].as_int64();
    int64_t contract =
        Create("contract", {{"name", "开票合同"}, {"customer_id", customer}, {"amount", "100.00"}})["id"].as_int64();
    Create("invoice", {{"contract_id", contract}, {"type", "normal"}, {"title", "甲"}, {"amount", "60.00"}});
    try {
        Create("invoice", {{"contract_id", contract}, {"type", "normal"}, {"title", "甲"}, {"amount", "40.01"}});
        ADD_FAILURE() << "an invoice over the contract was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
        EXPECT_NE(e.message().en.find("40.00"), std::string::npos) << e.message().en;
    }
    EXPECT_EQ(Get("contract", contract)["invoiced_amount"], "60.00");
}

}  // namespace
}  // namespace xieli::sales
