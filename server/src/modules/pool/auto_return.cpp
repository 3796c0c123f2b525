#include "modules/pool/auto_return.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "modules/pool/customer_moves.h"
#include "modules/pool/pool_access.h"
#include "modules/pool/pool_notices.h"
#include "modules/pool/pool_repository.h"

namespace xieli::pool {

namespace {

using Days = std::chrono::duration<int64_t, std::ratio<86400>>;

bool HasRules(const PoolSettings& s) {
    return s.enabled && (s.no_followup_days > 0 || s.no_deal_days > 0);
}

std::string LocalDay(TimePoint t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

TimePoint Latest(std::initializer_list<const std::string*> times) {
    TimePoint out{};
    for (const std::string* t : times) {
        if (t->empty()) continue;
        if (std::optional<TimePoint> p = ParseIsoTime(*t)) out = std::max(out, *p);
    }
    return out;
}

struct Candidate {
    CustomerState state;
    int64_t owner = 0;
};

// Customers with an owner whose clock started at or before `started_before`.
std::vector<Candidate> LoadCandidates(store::Connection& tx, TimePoint started_before) {
    std::vector<Candidate> out;
    std::vector<int64_t> ids;
    for (const store::Row& r : tx.Query(
             "SELECT id FROM obj_customer WHERE owner_id IS NOT NULL AND deleted_at IS NULL "
             "AND created_at <= ? AND (claimed_at IS NULL OR claimed_at <= ?)",
             {FormatUtc(started_before), FormatUtc(started_before)}
         )) {
        ids.push_back(r.Int(0));
    }
    for (int64_t id : ids) {
        std::optional<CustomerState> c = LoadCustomerState(tx, id);
        if (c && c->owner_id) out.push_back({*c, *c->owner_id});
    }
    return out;
}

std::set<int64_t> CustomersWithWonDeals(store::Connection& tx, const records::Schema& schema) {
    std::set<int64_t> out;
    const records::ObjectMeta* opp = schema.Find("opportunity");
    if (!opp || !opp->Field("status") || !opp->Field("customer_id")) return out;
    for (const store::Row& r : tx.Query(fmt::format(
             "SELECT DISTINCT {} FROM {} WHERE {} = 'won' AND deleted_at IS NULL",
             opp->Field("customer_id")->column,
             opp->table,
             opp->Field("status")->column
         ))) {
        if (!r.IsNull(0)) out.insert(r.Int(0));
    }
    return out;
}

}  // namespace

AutoReturnReport RunPoolAutoReturn(store::Connection& tx, const records::Schema& schema, TimePoint now) {
    AutoReturnReport report;
    const records::ObjectMeta* customer = schema.Find("customer");
    if (!customer || !customer->Field("pool_id")) return report;
    std::vector<PoolRow> pools;
    for (PoolRow& p : ListPools(tx)) {
        if (HasRules(p.settings)) pools.push_back(std::move(p));
    }
    if (pools.empty()) return report;
    std::map<int64_t, const PoolRow*> by_id;
    int64_t shortest = 0;  // days before the earliest possible return or notice
    for (const PoolRow& p : pools) {
        by_id[p.id] = &p;
        for (int days : {p.settings.no_followup_days, p.settings.no_deal_days}) {
            if (days <= 0) continue;
            int64_t lead = std::max<int64_t>(0, days - p.settings.notice_days);
            shortest = shortest == 0 ? lead : std::min(shortest, lead);
        }
    }
    std::set<int64_t> won = CustomersWithWonDeals(tx, schema);
    std::map<int64_t, const PoolRow*> home_of_owner;
    auto home_pool = [&](int64_t owner) -> const PoolRow* {
        auto it = home_of_owner.find(owner);
        if (it != home_of_owner.end()) return it->second;
        std::vector<int64_t> departments;
        for (const store::Row& r : tx.Query("SELECT department_id FROM user_departments WHERE user_id = ?", {owner}))
            departments.push_back(r.Int(0));
        if (departments.empty()) {
            store::Value d = MainDepartmentOf(tx, owner);
            if (!d.IsNull()) departments.push_back(d.AsInt());
        }
        std::vector<int64_t> open = PoolsOpenTo(tx, departments);
        const PoolRow* home = nullptr;
        for (const PoolRow& p : pools) {  // in the pools' order
            if (std::find(open.begin(), open.end(), p.id) != open.end()) {
                home = &p;
                break;
            }
        }
        return home_of_owner[owner] = home;
    };

    for (Candidate& c : LoadCandidates(tx, now - Days(shortest))) {
        const PoolRow* pool = nullptr;
        if (c.state.pool_id) {
            auto it = by_id.find(*c.state.pool_id);
            if (it != by_id.end()) {
                pool = it->second;
            } else if (!FindPool(tx, *c.state.pool_id)) {
                pool = home_pool(c.owner);  // its pool was deleted
            }
        } else {
            pool = home_pool(c.owner);
        }
        if (!pool) continue;
        const PoolSettings& ps = pool->settings;

        std::optional<TimePoint> due;
        Text why;
        if (ps.no_followup_days > 0) {
            TimePoint since = Latest({&c.state.created_at, &c.state.claimed_at, &c.state.last_followup_at});
            due = since + Days(ps.no_followup_days);
            why = {
                fmt::format("已 {} 天未跟进", ps.no_followup_days),
                fmt::format("had no follow-up for {} days", ps.no_followup_days)};
        }
        bool has_deal = c.state.status == "deal" || c.state.status == "repeat" || won.count(c.state.id);
        if (ps.no_deal_days > 0 && !has_deal) {
            TimePoint since = Latest({&c.state.created_at, &c.state.claimed_at});
            TimePoint deal_due = since + Days(ps.no_deal_days);
            if (!due || deal_due < *due) {
                due = deal_due;
                why = {
                    fmt::format("已 {} 天未成交", ps.no_deal_days),
                    fmt::format("had no deal for {} days", ps.no_deal_days)};
            }
        }
        if (!due) continue;

        if (*due <= now) {
            FieldValues changes{
                {"owner_id", store::Value()},
                {"department_id", store::Value()},
                {"pool_id", store::Value(pool->id)},
                {"previous_owner_id", store::Value(c.owner)},
                {"returned_at", store::Value(FormatUtc(now))},
                {"return_reason", store::Value("auto")},
                {"claimed_at", store::Value()},
            };
            if (MoveCustomer(tx, *customer, c.state, changes, 0, now, "owner_id = ?", {c.owner})) {
                tx.Execute("DELETE FROM pool_return_notices WHERE customer_id = ?", {c.state.id});
                NotifyAutoReturned(tx, c.owner, c.state.id, c.state.name, ps.name, why, now);
                ++report.returned;
            }
        } else if (ps.notice_days > 0 && *due - Days(ps.notice_days) <= now) {
            int64_t fresh = tx.Execute(
                "INSERT INTO pool_return_notices (customer_id, owner_id, due_at, sent_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                {c.state.id, c.owner, FormatUtc(*due), FormatUtc(now)}
            );
            if (fresh == 1) {
                NotifyReturnComing(tx, c.owner, c.state.id, c.state.name, ps.name, LocalDay(*due), why, now);
                ++report.notices;
            }
        }
    }
    return report;
}

}  // namespace xieli::pool
