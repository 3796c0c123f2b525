#include "cash_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "common/clock.h"
#include "gen_util.h"
#include "modules/sales/contract_rollups.h"
#include "record_writer.h"
#include "records/search_index.h"
#include "word_lists.h"

namespace xieli::bench {

namespace {

// Midnight (China time) of a "YYYY-MM-DD" date, in seconds since the epoch.
int64_t DaySeconds(const std::string& date) {
    std::optional<TimePoint> t = ParseIsoTime(date + "T00:00:00+08:00");
    if (!t) throw std::runtime_error("not a date: " + date);
    return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

// The UTC day that holds the office hours of a China date (OfficeTime's day_start).
int64_t OfficeDay(const std::string& date) {
    return DaySeconds(date) + kChinaOffset;
}

std::string AddDays(const std::string& date, int64_t days) {
    return ChinaDate(DaySeconds(date) + days * kDay + kChinaOffset);
}

// The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb).
std::string AddMonths(const std::string& date, int months) {
    using namespace std::chrono;
    int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)) - 1 + months,
        d = std::stoi(date.substr(8, 2));
    year_month ym{year{y + m / 12}, month{static_cast<unsigned>(m % 12 + 1)}};
    unsigned last = static_cast<unsigned>(year_month_day_last{ym.year(), month_day_last{ym.month()}}.day());
    return fmt::format("{:04}-{:02}-{:02}", int(ym.year()), unsigned(ym.month()), std::min<unsigned>(d, last));
}

// Whole yuan, in cents, of `cents` × percent / 100, at least one yuan.
int64_t PercentYuan(int64_t cents, int64_t percent) {
    return std::max<int64_t>(100, cents * percent / 100 / 100 * 100);
}

const std::vector<Option> kTerms = {{"6", 15}, {"12", 55}, {"24", 20}, {"36", 10}};
const std::vector<Option> kPlanCounts = {{"1", 25}, {"2", 30}, {"3", 30}, {"4", 15}};
const std::vector<Option> kMethods = {
    {"bank_transfer", 70}, {"acceptance", 8}, {"alipay", 5}, {"wechat", 5}, {"check", 4}, {"cash", 3}, {"other", 5}};
const std::vector<Option> kInvoiceStatuses = {{"issued", 88}, {"pending", 8}, {"voided", 4}};
const char* const kBanks[] = {
    "中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "招商银行", "交通银行", "浦发银行", "兴业银行"};

struct Contract {
    int64_t opportunity = 0, customer = 0, contact = 0, owner = 0, department = 0;
    std::string name;
    int64_t amount = 0;
    int64_t created = 0, updated = 0;
    std::string sign_date, start_date, end_date, status;
    bool remark = false;
    int64_t id = 0;
};

struct Plan {
    size_t contract = 0;
    int period = 0;
    std::string due_date;
    int64_t amount = 0;
    int64_t created = 0;
    int64_t id = 0;
};

struct Payment {
    size_t contract = 0;
    std::optional<size_t> plan;  // none: paid without naming the instalment
    int64_t amount = 0;
    std::string paid_date;
    const char* method = "";
    int64_t created = 0;
};

struct Invoice {
    size_t contract = 0;
    int64_t amount = 0;
    std::string invoice_date, invoice_no, status;
    bool special = false;
    int64_t created = 0;
};

// Positions of `rows` in the order they were created: ids grow with time, and record numbers within
// their year, as when people enter them one by one.
template <typename T>
std::vector<size_t> CreationOrder(const std::vector<T>& rows) {
    std::vector<size_t> order(rows.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rows[a].created < rows[b].created; });
    return order;
}

// The columns a table's writer fills, remembered so that the fields left empty can be reported.
class FilledColumns {
public:
    explicit FilledColumns(RecordWriter& w) : w_(w) {}
    size_t operator()(const char* field) {
        filled_.insert(field);
        return w_.Column(field);
    }
    void Report(const records::ObjectMeta& object) const { ReportUnfilled(object, filled_); }

private:
    RecordWriter& w_;
    std::set<std::string> filled_;
};

// One row per item, in creation order, a batch a transaction, with progress: `fill` sets the row's
// cells (it may read through the batch's connection).
template <typename T, typename Fill>
void WriteRows(
    store::Database& db, int64_t batch_rows, RecordWriter& w, const char* what, const std::vector<T>& items, Fill fill
) {
    Batches batches(db, batch_rows, w);
    Progress progress(what, static_cast<int64_t>(items.size()));
    for (size_t i : CreationOrder(items)) {
        store::Connection& conn = batches.Conn();
        fill(items[i], conn);
        w.Write(conn);
        batches.Done();
        progress.Tick();
    }
    batches.Finish();
    progress.Finish();
}

// The owner's columns of a record: owner, department, created and updated by, the times, version 1.
void SetOwnerAndTimes(RecordWriter& w, const Contract& c, int64_t created, int64_t updated) {
    auto& row = w.Row();
    row[w.Column("owner_id")] = c.owner;
    row[w.Column("department_id")] = c.department;
    row[w.Column("created_by")] = c.owner;
    row[w.Column("updated_by")] = c.owner;
    row[w.Column("created_at")] = Utc(created);
    row[w.Column("updated_at")] = Utc(updated);
    row[w.Column("version")] = 1;
}

int64_t NextId(store::Connection& conn, const std::string& table) {
    return conn.QueryValue(fmt::format("SELECT COALESCE(MAX(id), 0) + 1 FROM {}", table))->AsInt();
}

class CashGenerator {
public:
    CashGenerator(store::Database& db, const records::Schema& schema, const CashOptions& o)
        : db_(db), schema_(schema), o_(o), today_(ChinaDate(o.until)), last_day_(ChinaDate(o.until - kDay)) {}

    CashCounts Run();

private:
    void LoadDeals();
    void PlanMoney();
    void PlanPayments(Rng& rng, size_t ci);
    void PlanInvoices(Rng& rng, size_t ci, int64_t paid, const std::string& last_paid);
    void WriteContracts();
    void WritePlans();
    void WritePayments();
    void WriteInvoices();
    void Recompute();
    int64_t WriteTargets();

    store::Database& db_;
    const records::Schema& schema_;
    const CashOptions& o_;
    const std::string today_;     // the China date of --until: the statuses are those of this day
    const std::string last_day_;  // the last day anything is dated
    std::vector<Contract> contracts_;
    std::vector<Plan> plans_;
    std::vector<Payment> payments_;
    std::vector<Invoice> invoices_;
    CashCounts counts_;
};

// Won deals without a contract, in id order; those the generator gives a contract are planned at once.
void CashGenerator::LoadDeals() {
    Rng rng(o_.seed, "contract");
    store::Reader r = db_.Read();
    for (const store::Row& d : r->Query(
             "SELECT o.id, o.customer_id, o.contact_id, o.owner_id, o.department_id, o.name, o.actual_amount, "
             "o.actual_close_date FROM obj_opportunity o WHERE o.status = 'won' AND o.deleted_at IS NULL "
             "AND o.actual_amount > 0 AND o.actual_close_date IS NOT NULL AND o.owner_id IS NOT NULL "
             "AND NOT EXISTS (SELECT 1 FROM obj_contract c WHERE c.opportunity_id = o.id AND c.deleted_at IS NULL) "
             "ORDER BY o.id"
         )) {
        // Most won deals are signed; some are still being negotiated on paper or fell through.
        if (!rng.Chance(0.88)) continue;
        Contract c;
        c.opportunity = d.Int(0);
        c.customer = d.Int(1);
        c.contact = d.IsNull(2) ? 0 : d.Int(2);
        c.owner = d.Int(3);
        c.department = d.IsNull(4) ? 0 : d.Int(4);
        c.name = d.Text(5);
        c.amount = d.Int(6);
        std::string close = d.Text(7);
        // Drafted within a few days of winning the deal, signed within a week of that.
        c.created = std::min(o_.until - 1, OfficeTime(rng, OfficeDay(close) + rng.Between(0, 5) * kDay));
        c.sign_date = std::min(last_day_, ChinaDate(c.created + rng.Between(0, 7) * kDay));
        c.start_date = std::min(last_day_, AddDays(c.sign_date, rng.Between(0, 14)));
        c.end_date = AddDays(AddMonths(c.start_date, std::stoi(PickOption(rng, kTerms))), -1);
        double age_days = static_cast<double>(o_.until - c.created) / kDay;
        if (rng.Chance(0.03))
            c.status = "terminated";
        else if (rng.Chance(age_days < 21 ? 0.3 : 0.015))
            c.status = "draft";
        else if (age_days < 21 && rng.Chance(0.15))
            c.status = "pending";
        else
            c.status = "active";  // completed when paid in full (PlanPayments)
        c.updated = c.created;
        c.remark = rng.Chance(0.05);
        contracts_.push_back(std::move(c));
    }
}

void CashGenerator::PlanMoney() {
    Rng rng(o_.seed, "payment-plan");
    for (size_t ci = 0; ci < contracts_.size(); ++ci) {
        Contract& c = contracts_[ci];
        // 1–4 instalments, monthly from about the sign date; most plan the whole amount.
        int n = std::stoi(PickOption(rng, kPlanCounts));
        int64_t planned = rng.Chance(0.85) ? c.amount : PercentYuan(c.amount, rng.Between(60, 95));
        int64_t share = std::max<int64_t>(100, planned / n / 100 * 100);
        if (share * n > planned) n = 1, share = planned;
        std::string first_due = AddDays(c.sign_date, rng.Between(0, 15));
        for (int k = 0; k < n; ++k) {
            Plan p;
            p.contract = ci;
            p.period = k + 1;
            p.due_date = AddMonths(first_due, k);
            p.amount = k + 1 < n ? share : planned - share * (n - 1);
            p.created = std::min(o_.until - 1, c.created + rng.Between(60, 3600));
            plans_.push_back(std::move(p));
        }
        PlanPayments(rng, ci);
    }
}

// Payments of contract `ci` (its plans are the last ones in plans_): most instalments past their
// due date are paid in full, some in part, some not yet (the recent ones more often); a few
// future ones are paid early. Drafts and contracts in approval have received nothing.
void CashGenerator::PlanPayments(Rng& rng, size_t ci) {
    Contract& c = contracts_[ci];
    if (c.status == "draft" || c.status == "pending") return;
    int64_t paid = 0, planned = 0;
    std::string last_paid;
    size_t first_plan = plans_.size();
    while (first_plan > 0 && plans_[first_plan - 1].contract == ci) --first_plan;
    for (size_t pi = first_plan; pi < plans_.size(); ++pi) {
        const Plan& p = plans_[pi];
        planned += p.amount;
        int64_t amount = 0;
        if (p.due_date < today_) {
            int64_t late = (DaySeconds(today_) - DaySeconds(p.due_date)) / kDay;
            bool stopped = c.status == "terminated" && pi > first_plan;
            double unpaid = stopped ? 1.0 : late < 60 ? 0.22 : 0.05;
            double roll = rng.Unit();
            if (roll < unpaid)
                amount = 0;
            else if (roll < unpaid + 0.08)
                amount = std::min(p.amount, PercentYuan(p.amount, rng.Between(30, 80)));
            else
                amount = p.amount;
        } else if (c.status != "terminated" && rng.Chance(0.06)) {
            amount = p.amount;  // paid ahead of time
        }
        if (amount == 0) continue;
        // Around the due date: a few days early to a month late, never before signing nor after the last day.
        std::string date = std::clamp(AddDays(p.due_date, rng.Between(-10, 25)), c.sign_date, last_day_);
        // Now and then one instalment arrives in two transfers.
        int parts = amount >= 200 && rng.Chance(0.1) ? 2 : 1;
        int64_t first = parts == 2 ? std::max<int64_t>(100, amount / 2 / 100 * 100) : amount;
        for (int part = 0; part < parts; ++part) {
            Payment pay;
            pay.contract = ci;
            // Most name their instalment; the rest pay the oldest open one (contract_rollups.h).
            if (rng.Chance(0.85)) pay.plan = pi;
            pay.amount = part == 0 ? first : amount - first;
            pay.paid_date = part == 0 ? date : std::min(last_day_, AddDays(date, rng.Between(1, 10)));
            pay.method = PickOption(rng, kMethods);
            int64_t logged =
                OfficeTime(rng, OfficeDay(pay.paid_date)) + (rng.Chance(0.6) ? 0 : rng.Between(0, 2) * kDay);
            pay.created = std::min(std::max(logged, c.created + 3600), o_.until - 1);
            last_paid = std::max(last_paid, pay.paid_date);
            paid += pay.amount;
            payments_.push_back(std::move(pay));
        }
    }
    // Paid in full and past its end (or now and then earlier): someone marks it completed.
    if (c.status == "active" && paid >= c.amount && (c.end_date < today_ || rng.Chance(0.5))) {
        c.status = "completed";
        c.updated = std::min(o_.until - 1, OfficeTime(rng, OfficeDay(last_paid) + kDay));
    }
    PlanInvoices(rng, ci, paid, last_paid);
}

// Invoices for part of what contract `ci` received: one or two, issued after the payment, some
// still requested, a few voided.
void CashGenerator::PlanInvoices(Rng& rng, size_t ci, int64_t paid, const std::string& last_paid) {
    if (paid < 100 || !rng.Chance(0.75)) return;
    int64_t total = PercentYuan(paid, rng.Between(50, 100));
    int n = total >= 200 && rng.Chance(0.3) ? 2 : 1;
    int64_t first = n == 2 ? std::max<int64_t>(100, total / 2 / 100 * 100) : total;
    bool special = rng.Chance(0.6);
    for (int k = 0; k < n; ++k) {
        Invoice inv;
        inv.contract = ci;
        inv.amount = k == 0 ? first : total - first;
        inv.special = special;
        inv.status = PickOption(rng, kInvoiceStatuses);
        std::string requested = std::min(last_day_, AddDays(last_paid, rng.Between(0, 10)));
        inv.created =
            std::min(std::max(OfficeTime(rng, OfficeDay(requested)), contracts_[ci].created + 3600), o_.until - 1);
        if (inv.status != "pending") {
            inv.invoice_date = std::min(last_day_, AddDays(requested, rng.Between(0, 3)));
            inv.invoice_no = fmt::format("{:08}", rng.Below(100'000'000));
        }
        invoices_.push_back(std::move(inv));
    }
}

void CashGenerator::WriteContracts() {
    const records::ObjectMeta& object = schema_.Get("contract");
    RecordWriter w(object);
    FilledColumns col(w);
    const size_t c_id = col("id"), c_code = col("code"), c_name = col("name"), c_customer = col("customer_id"),
                 c_opportunity = col("opportunity_id"), c_contact = col("contact_id"), c_signer = col("signer_id"),
                 c_sign = col("sign_date"), c_start = col("start_date"), c_end = col("end_date"),
                 c_status = col("status"), c_amount = col("amount"), c_remark = col("remark");
    // Computed afterwards by the sales module's own code (Recompute).
    for (const char* derived : {"paid_amount", "unpaid_amount", "overdue_amount", "invoiced_amount"}) col(derived);
    col.Report(object);

    Autonumber code{AutonumberFormat(object, "code"), {}};
    {
        store::Reader r = db_.Read();
        code.Load(*r, object.name, "code");
    }
    WriteRows(db_, o_.batch_rows, w, "contracts", contracts_, [&](const Contract& c, store::Connection&) {
        auto& row = w.Row();
        row[c_id] = c.id;
        SetOwnerAndTimes(w, c, c.created, c.updated);
        row[c_code] = code.Next(c.created);
        row[c_name] = c.name.substr(0, 300);
        row[c_customer] = c.customer;
        row[c_opportunity] = c.opportunity;
        if (c.contact) row[c_contact] = c.contact;
        row[c_signer] = c.owner;
        row[c_sign] = c.sign_date;
        row[c_start] = c.start_date;
        row[c_end] = c.end_date;
        row[c_status] = c.status;
        row[c_amount] = c.amount;
        if (c.remark) row[c_remark] = "按合同约定分期付款，发票随回款开具。";
    });
    store::Transaction tx = db_.Write();
    code.Save(*tx, object.name, "code");
    tx.Commit();
}

void CashGenerator::WritePlans() {
    const records::ObjectMeta& object = schema_.Get("payment_plan");
    RecordWriter w(object);
    FilledColumns col(w);
    const size_t c_id = col("id"), c_name = col("name"), c_contract = col("contract_id"),
                 c_customer = col("customer_id"), c_period = col("period"), c_due = col("due_date"),
                 c_amount = col("amount");
    for (const char* derived : {"received_amount", "status"}) col(derived);
    col.Report(object);
    WriteRows(db_, o_.batch_rows, w, "payment plans", plans_, [&](const Plan& p, store::Connection&) {
        const Contract& c = contracts_[p.contract];
        auto& row = w.Row();
        row[c_id] = p.id;
        SetOwnerAndTimes(w, c, p.created, p.created);
        row[c_name] = fmt::format("第{}期", p.period);  // as BeforePlanWrite names it
        row[c_contract] = c.id;
        row[c_customer] = c.customer;
        row[c_period] = p.period;
        row[c_due] = p.due_date;
        row[c_amount] = p.amount;
    });
}

void CashGenerator::WritePayments() {
    const records::ObjectMeta& object = schema_.Get("payment");
    RecordWriter w(object);
    FilledColumns col(w);
    const size_t c_id = col("id"), c_code = col("code"), c_contract = col("contract_id"),
                 c_customer = col("customer_id"), c_plan = col("plan_id"), c_amount = col("amount"),
                 c_date = col("paid_date"), c_method = col("method");
    col.Report(object);
    Autonumber code{AutonumberFormat(object, "code"), {}};
    int64_t id = 0;
    {
        store::Reader r = db_.Read();
        code.Load(*r, object.name, "code");
        id = NextId(*r, object.table);
    }
    WriteRows(db_, o_.batch_rows, w, "payments", payments_, [&](const Payment& p, store::Connection&) {
        const Contract& c = contracts_[p.contract];
        auto& row = w.Row();
        row[c_id] = id++;
        SetOwnerAndTimes(w, c, p.created, p.created);
        row[c_code] = code.Next(p.created);
        row[c_contract] = c.id;
        row[c_customer] = c.customer;
        if (p.plan) row[c_plan] = plans_[*p.plan].id;
        row[c_amount] = p.amount;
        row[c_date] = p.paid_date;
        row[c_method] = p.method;
    });
    store::Transaction tx = db_.Write();
    code.Save(*tx, object.name, "code");
    tx.Commit();
}

void CashGenerator::WriteInvoices() {
    const records::ObjectMeta& object = schema_.Get("invoice");
    RecordWriter w(object);
    FilledColumns col(w);
    const size_t c_id = col("id"), c_code = col("code"), c_contract = col("contract_id"),
                 c_customer = col("customer_id"), c_type = col("type"), c_title = col("title"),
                 c_tax = col("tax_number"), c_amount = col("amount"), c_date = col("invoice_date"),
                 c_no = col("invoice_no"), c_status = col("status"), c_bank = col("bank_account");
    col.Report(object);
    Autonumber code{AutonumberFormat(object, "code"), {}};
    int64_t id = 0;
    {
        store::Reader r = db_.Read();
        code.Load(*r, object.name, "code");
        id = NextId(*r, object.table);
    }
    WriteRows(db_, o_.batch_rows, w, "invoices", invoices_, [&](const Invoice& inv, store::Connection& conn) {
        const Contract& c = contracts_[inv.contract];
        // The invoice is made out to the customer, under its name and unified social credit code.
        std::optional<store::Value> title = conn.QueryValue("SELECT name FROM obj_customer WHERE id = ?", {c.customer});
        Rng party(o_.seed ^ static_cast<uint64_t>(c.customer), "tax-number");
        std::string tax = "91";
        static const char kCode[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 16; ++i) tax += kCode[party.Below(sizeof kCode - 1)];
        auto& row = w.Row();
        row[c_id] = id++;
        SetOwnerAndTimes(w, c, inv.created, inv.created);
        row[c_code] = code.Next(inv.created);
        row[c_contract] = c.id;
        row[c_customer] = c.customer;
        row[c_type] = inv.special ? "special" : "normal";
        row[c_title] = title && !title->IsNull() ? title->AsText().substr(0, 300) : c.name.substr(0, 300);
        row[c_tax] = tax;
        row[c_amount] = inv.amount;
        if (!inv.invoice_date.empty()) row[c_date] = inv.invoice_date;
        if (!inv.invoice_no.empty()) row[c_no] = inv.invoice_no;
        row[c_status] = inv.status;
        if (inv.special)
            row[c_bank] = fmt::format(
                "{} {:019}", kBanks[party.Below(std::size(kBanks))], party.Below(10'000'000'000'000'000'000ULL)
            );
    });
    store::Transaction tx = db_.Write();
    code.Save(*tx, object.name, "code");
    tx.Commit();
}

// Each plan's received amount and status and each contract's paid, unpaid, overdue and invoiced
// amounts, by the sales module's own code (contract_rollups.h) as of --until: what the server
// stores after the last payment and the night's sales.plan_due_status job.
void CashGenerator::Recompute() {
    TimePoint now{std::chrono::seconds(o_.until)};
    Batches batches(db_, o_.batch_rows / 10 + 1);
    Progress progress("contract rollups", static_cast<int64_t>(contracts_.size()));
    for (const Contract& c : contracts_) {
        store::Connection& conn = batches.Conn();
        sales::RecomputePlans(conn, c.id, now);
        sales::RecomputeContract(conn, c.id, now);
        batches.Done();
        progress.Tick();
    }
    batches.Finish();
    progress.Finish();
}

// Targets by contract and payment amount for every salesperson and every department of the year of
// --until and the year before: each month's actual (as GET /sales/targets sums it) × 0.85–1.35,
// in ten thousands of yuan; months with nothing yet get the year's average month.
int64_t CashGenerator::WriteTargets() {
    using Months = std::array<int64_t, 12>;
    int this_year = std::stoi(today_.substr(0, 4));
    std::map<int64_t, int64_t> parent;
    std::map<std::tuple<std::string, std::string, int64_t, int>, Months> actuals;  // metric, scope, id, year
    int64_t admin = 0;
    {
        store::Reader r = db_.Read();
        for (const store::Row& d : r->Query("SELECT id, parent_id FROM departments"))
            parent[d.Int(0)] = d.IsNull(1) ? 0 : d.Int(1);
        admin = r->QueryValue("SELECT COALESCE(MIN(id), 0) FROM users WHERE is_admin = 1")->AsInt();
        const std::pair<const char*, const char*> kSources[] = {
            {"contract_amount",
             "SELECT owner_id, department_id, sign_date, amount FROM obj_contract WHERE deleted_at IS NULL "
             "AND COALESCE(status, '') NOT IN ('draft', 'terminated') AND sign_date >= ? AND sign_date < ?"},
            {"payment_amount",
             "SELECT owner_id, department_id, paid_date, amount FROM obj_payment WHERE deleted_at IS NULL "
             "AND paid_date >= ? AND paid_date < ?"},
        };
        for (const auto& [metric, sql] : kSources) {
            for (const store::Row& x :
                 r->Query(sql, {fmt::format("{}-01-01", this_year - 1), fmt::format("{}-01-01", this_year + 1)})) {
                if (x.IsNull(0)) continue;
                int year = std::stoi(x.Text(2).substr(0, 4));
                size_t month = static_cast<size_t>(std::stoi(x.Text(2).substr(5, 2)) - 1);
                actuals[{metric, "user", x.Int(0), year}][month] += x.Int(3);
                // A department's actual holds its own and every department's below it.
                std::set<int64_t> seen;
                for (int64_t d = x.IsNull(1) ? 0 : x.Int(1); d != 0 && seen.insert(d).second; d = parent[d])
                    actuals[{metric, "department", d, year}][month] += x.Int(3);
            }
        }
    }
    Rng rng(o_.seed, "targets");
    constexpr int64_t kStep = 1'000'000;  // 10 000 yuan, in cents
    int64_t written = 0;
    std::string at = Utc(o_.until - 1);
    store::Transaction tx = db_.Write();
    for (const auto& [key, months] : actuals) {
        const auto& [metric, scope, id, year] = key;
        int64_t sum = 0, with = 0;
        for (int64_t m : months) sum += m, with += m > 0;
        if (with == 0) continue;
        int64_t average = sum / with;
        for (size_t m = 0; m < 12; ++m) {
            int64_t base = months[m] > 0 ? months[m] : average;
            double factor = 0.85 + rng.Unit() * 0.5;
            int64_t target = std::max<int64_t>(kStep, std::llround(static_cast<double>(base) * factor / kStep) * kStep);
            tx->Execute(
                "INSERT INTO sales_targets (scope_type, scope_id, metric, year, month, target, updated_by, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope_type, scope_id, metric, year, month) "
                "DO UPDATE SET target = excluded.target",
                {scope,
                 id,
                 metric,
                 year,
                 static_cast<int64_t>(m + 1),
                 target,
                 admin ? store::Value(admin) : store::Value(),
                 at}
            );
            ++written;
        }
    }
    tx.Commit();
    return written;
}

CashCounts CashGenerator::Run() {
    {
        store::Reader r = db_.Read();
        if (r->QueryValue("SELECT 1 FROM obj_payment_plan LIMIT 1"))
            throw std::runtime_error("the enterprise already has payment plans: its cash records were generated");
    }
    auto phase = std::chrono::steady_clock::now();
    LoadDeals();
    PlanMoney();
    {
        store::Reader r = db_.Read();
        int64_t id = NextId(*r, schema_.Get("contract").table);
        for (size_t ci : CreationOrder(contracts_)) contracts_[ci].id = id++;
        id = NextId(*r, schema_.Get("payment_plan").table);
        for (size_t pi : CreationOrder(plans_)) plans_[pi].id = id++;
    }
    std::printf(
        "cash planned in %.1f s: %zu contracts, %zu payment plans, %zu payments, %zu invoices\n",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - phase).count(),
        contracts_.size(),
        plans_.size(),
        payments_.size(),
        invoices_.size()
    );
    std::fflush(stdout);

    std::vector<std::string> tables;
    for (const char* name : {"contract", "payment_plan", "payment", "invoice"}) {
        tables.push_back(schema_.Get(name).table);
        tables.push_back(records::SearchTailTable(schema_.Get(name)));
    }
    std::vector<SavedIndex> indexes;
    {
        store::Transaction tx = db_.Write();
        tx->ExecuteScript("PRAGMA cache_size = -262144;");
        indexes = DropIndexes(*tx, tables);
        tx.Commit();
    }
    WriteContracts();
    WritePlans();
    WritePayments();
    WriteInvoices();
    CreateIndexes(db_, indexes);
    Recompute();
    phase = std::chrono::steady_clock::now();
    counts_.targets = WriteTargets();
    std::printf(
        "sales targets: %lld in %.1f s\n",
        static_cast<long long>(counts_.targets),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - phase).count()
    );
    counts_.contracts = static_cast<int64_t>(contracts_.size());
    counts_.plans = static_cast<int64_t>(plans_.size());
    counts_.payments = static_cast<int64_t>(payments_.size());
    counts_.invoices = static_cast<int64_t>(invoices_.size());
    return counts_;
}

}  // namespace

CashCounts GenerateCash(store::Database& db, const records::Schema& schema, const CashOptions& options) {
    return CashGenerator(db, schema, options).Run();
}

}  // namespace xieli::bench
