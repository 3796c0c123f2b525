#include "modules/sales/contract_rollups.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "modules/sales/write_event_helpers.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

// "YYYY-MM-DD" + n days; the input is a valid date (the engine checks date fields).
std::string AddDays(std::string_view date, int days) {
    using namespace std::chrono;
    int y = std::stoi(std::string(date.substr(0, 4)));
    unsigned m = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
    unsigned d = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
    year_month_day ymd{sys_days{year{y} / month{m} / day{d}} + std::chrono::days{days}};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return out;
}

int64_t Cents(const store::Value& v) {
    return v.IsNull() ? 0 : v.AsInt();
}

}  // namespace

std::string_view PlanStatusName(PlanStatus s) {
    switch (s) {
        case PlanStatus::kNotDue: return "not_due";
        case PlanStatus::kDue: return "due";
        case PlanStatus::kPartial: return "partial";
        case PlanStatus::kPaid: return "paid";
        case PlanStatus::kOverdue: return "overdue";
    }
    return "not_due";
}

PlanStatus DerivePlanStatus(int64_t amount, int64_t received, std::string_view due_date, std::string_view today) {
    if (received >= amount) return PlanStatus::kPaid;
    if (!due_date.empty() && due_date < today) return PlanStatus::kOverdue;
    if (received > 0) return PlanStatus::kPartial;
    if (due_date.size() == 10 && today.size() == 10 && due_date <= AddDays(today, kDueSoonDays))
        return PlanStatus::kDue;
    return PlanStatus::kNotDue;
}

ContractFigures ComputeContractFigures(store::Connection& conn, int64_t contract_id, int64_t amount, TimePoint now) {
    ContractFigures f;
    f.paid = Cents(*conn.QueryValue(
        "SELECT COALESCE(SUM(amount), 0) FROM obj_payment WHERE contract_id = ? AND deleted_at IS NULL", {contract_id}
    ));
    f.unpaid = amount > f.paid ? amount - f.paid : 0;
    std::string today = ChinaDate(now);
    for (const PlanReceipt& p : PlanReceipts(conn, contract_id)) {
        if (!p.due_date.empty() && p.due_date < today && p.amount > p.received) f.overdue += p.amount - p.received;
    }
    f.invoiced = Cents(*conn.QueryValue(
        "SELECT COALESCE(SUM(amount), 0) FROM obj_invoice WHERE contract_id = ? AND deleted_at IS NULL "
        "AND COALESCE(status, '') <> 'voided'",
        {contract_id}
    ));
    return f;
}

std::vector<PlanReceipt> PlanReceipts(store::Connection& conn, int64_t contract_id) {
    std::vector<PlanReceipt> plans;
    int64_t linked_total = 0;
    for (const store::Row& r : conn.Query(
             "SELECT p.id, p.amount, p.due_date, (SELECT COALESCE(SUM(amount), 0) FROM obj_payment WHERE plan_id = "
             "p.id AND deleted_at IS NULL), p.received_amount, p.status FROM obj_payment_plan p "
             "WHERE p.contract_id = ? AND p.deleted_at IS NULL ORDER BY p.due_date, p.period, p.id",
             {contract_id}
         )) {
        PlanReceipt p{
            r.Int(0),
            Cents(r[1]),
            Cents(r[3]),
            r.IsNull(2) ? std::string() : r.Text(2),
            r.IsNull(4) ? std::nullopt : std::optional<int64_t>(r[4].AsInt()),
            TextOf(r[5])};
        linked_total += p.received;
        plans.push_back(std::move(p));
    }
    int64_t paid = Cents(*conn.QueryValue(
        "SELECT COALESCE(SUM(amount), 0) FROM obj_payment WHERE contract_id = ? AND deleted_at IS NULL", {contract_id}
    ));
    // What no plan of its own took: payments without a plan, and a plan's payments beyond its amount.
    int64_t spare = paid - linked_total;
    for (PlanReceipt& p : plans) {
        if (p.received > p.amount) spare += p.received - p.amount;
    }
    for (PlanReceipt& p : plans) {
        if (spare <= 0) break;
        if (p.received >= p.amount) continue;
        int64_t take = std::min(spare, p.amount - p.received);
        p.received += take;
        spare -= take;
    }
    return plans;
}

int RecomputePlans(store::Connection& tx, int64_t contract_id, TimePoint now) {
    std::string today = ChinaDate(now);
    int changed = 0;
    for (const PlanReceipt& p : PlanReceipts(tx, contract_id)) {
        std::string status(PlanStatusName(DerivePlanStatus(p.amount, p.received, p.due_date, today)));
        if (p.stored_status != status) ++changed;
        if (p.stored_received != p.received || p.stored_status != status) {
            // Derived figures: written without a version bump (as the contract's, below).
            tx.Execute(
                "UPDATE obj_payment_plan SET received_amount = ?, status = ? WHERE id = ?", {p.received, status, p.id}
            );
        }
    }
    return changed;
}

void RecomputeContract(store::Connection& tx, int64_t contract_id, TimePoint now) {
    std::optional<RecordRow> contract = LoadLiveRow(tx, TableOf("contract"), contract_id);
    if (!contract) return;
    ContractFigures f = ComputeContractFigures(tx, contract_id, Cents((*contract)["amount"]), now);
    RecordRow& c = *contract;
    auto differs = [&](const char* column, int64_t v) { return c[column].IsNull() || Cents(c[column]) != v; };
    if (differs("paid_amount", f.paid) || differs("unpaid_amount", f.unpaid) || differs("overdue_amount", f.overdue) ||
        differs("invoiced_amount", f.invoiced)) {
        // Derived figures: written without a version bump, so nobody editing the contract meanwhile
        // gets a conflict for a payment someone else recorded.
        tx.Execute(
            "UPDATE obj_contract SET paid_amount = ?, unpaid_amount = ?, overdue_amount = ?, invoiced_amount = ? "
            "WHERE id = ?",
            {f.paid, f.unpaid, f.overdue, f.invoiced, contract_id}
        );
    }
}

int RefreshDueStatuses(store::Connection& tx, TimePoint now) {
    // Only contracts with plans not paid yet can move with the date.
    std::vector<int64_t> contracts;
    for (const store::Row& r : tx.Query("SELECT DISTINCT contract_id FROM obj_payment_plan WHERE deleted_at IS NULL "
                                        "AND COALESCE(status, '') <> 'paid' AND contract_id IS NOT NULL")) {
        contracts.push_back(r.Int(0));
    }
    int changed = 0;
    for (int64_t c : contracts) {
        int moved = RecomputePlans(tx, c, now);
        changed += moved;
        if (moved) RecomputeContract(tx, c, now);
    }
    return changed;
}

json::object ContractPaymentSummary(store::Connection& conn, int64_t contract_id, TimePoint now) {
    std::optional<RecordRow> contract = LoadLiveRow(conn, TableOf("contract"), contract_id);
    if (!contract) return {};
    int64_t amount = Cents((*contract)["amount"]);
    ContractFigures f = ComputeContractFigures(conn, contract_id, amount, now);
    std::string today = ChinaDate(now);
    json::array plans;
    std::map<int64_t, int64_t> received_of;
    for (const PlanReceipt& p : PlanReceipts(conn, contract_id)) received_of[p.id] = p.received;
    for (const store::Row& r : conn.Query(
             "SELECT p.id, p.name, p.period, p.due_date, p.amount FROM obj_payment_plan p "
             "WHERE p.contract_id = ? AND p.deleted_at IS NULL ORDER BY p.due_date, p.period, p.id",
             {contract_id}
         )) {
        int64_t plan_amount = Cents(r[4]), received = received_of[r.Int(0)];
        plans.push_back(json::object{
            {"id", r.Int(0)},
            {"name", r.IsNull(1) ? json::value(nullptr) : json::value(r.Text(1))},
            {"period", r.IsNull(2) ? json::value(nullptr) : json::value(r.Int(2))},
            {"due_date", r.Text(3)},
            {"amount", records::FormatMoney(plan_amount)},
            {"received_amount", records::FormatMoney(received)},
            {"status", PlanStatusName(DerivePlanStatus(plan_amount, received, r.Text(3), today))},
        });
    }
    return json::object{
        {"contract_id", contract_id},
        {"amount", records::FormatMoney(amount)},
        {"paid_amount", records::FormatMoney(f.paid)},
        {"unpaid_amount", records::FormatMoney(f.unpaid)},
        {"overdue_amount", records::FormatMoney(f.overdue)},
        {"invoiced_amount", records::FormatMoney(f.invoiced)},
        {"uninvoiced_amount", records::FormatMoney(amount > f.invoiced ? amount - f.invoiced : 0)},
        {"today", today},
        {"plans", std::move(plans)},
    };
}

}  // namespace xieli::sales
