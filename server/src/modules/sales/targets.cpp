#include "modules/sales/targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "common/error.h"
#include "modules/org/admin_guard.h"
#include "modules/sales/write_event_helpers.h"
#include "records/aggregate_cache.h"
#include "records/value_codec.h"

namespace xieli::sales {

namespace {

constexpr std::array<std::string_view, 3> kMetrics = {"contract_amount", "payment_amount", "new_customers"};
constexpr int64_t kMaxAmountCents = 1'000'000'000'000'000;  // 10^13 yuan, the currency fields' range
constexpr int64_t kMaxCount = 1'000'000'000;

bool IsAmount(std::string_view metric) {
    return metric != "new_customers";
}

bool ParseId(const std::string& text, int64_t& out) {
    if (text.empty() || text.size() > 18) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    out = std::stoll(text);
    return out > 0;
}

json::value Figure(std::string_view metric, int64_t v) {
    return IsAmount(metric) ? json::value(records::FormatMoney(v)) : json::value(v);
}

// The department and every department below it.
std::vector<int64_t> Subtree(store::Connection& conn, int64_t root) {
    std::vector<int64_t> out{root};
    std::set<int64_t> seen{root};
    for (size_t i = 0; i < out.size(); ++i) {
        for (const store::Row& r : conn.Query("SELECT id FROM departments WHERE parent_id = ?", {out[i]})) {
            if (seen.insert(r.Int(0)).second) out.push_back(r.Int(0));
        }
    }
    return out;
}

// The department and every department above it.
std::vector<int64_t> Ancestry(store::Connection& conn, int64_t department) {
    std::vector<int64_t> out;
    std::set<int64_t> seen;
    std::optional<int64_t> at = department;
    while (at && seen.insert(*at).second) {
        out.push_back(*at);
        auto parent = conn.QueryValue("SELECT parent_id FROM departments WHERE id = ?", {*at});
        at = parent && !parent->IsNull() ? std::optional<int64_t>(parent->AsInt()) : std::nullopt;
    }
    return out;
}

// The departments a scope sits in: a department itself, a person's main department.
std::optional<int64_t> HomeDepartment(store::Connection& conn, const TargetQuery& q) {
    if (q.scope_type == "department") return q.scope_id;
    auto d = conn.QueryValue("SELECT main_department_id FROM users WHERE id = ?", {q.scope_id});
    if (!d || d->IsNull()) return std::nullopt;
    return d->AsInt();
}

std::string ScopeName(store::Connection& conn, const TargetQuery& q) {
    auto name = conn.QueryValue(
        q.scope_type == "user" ? "SELECT name FROM users WHERE id = ?" : "SELECT name FROM departments WHERE id = ?",
        {q.scope_id}
    );
    if (!name) ThrowNotFound();
    return name->AsText();
}

bool MaySet(store::Connection& conn, const records::AccessContext& access, const TargetQuery& q) {
    if (access.is_admin || org::IsAdminOf(conn, access.user_id, org::kAreaCrm)) return true;
    std::optional<int64_t> home = HomeDepartment(conn, q);
    if (!home) return false;
    for (int64_t d : Ancestry(conn, *home)) {
        auto head = conn.QueryValue("SELECT head_user_id FROM departments WHERE id = ?", {d});
        if (head && !head->IsNull() && head->AsInt() == access.user_id) return true;
    }
    return false;
}

bool MayRead(store::Connection& conn, const records::AccessContext& access, const TargetQuery& q) {
    if (MaySet(conn, access, q)) return true;
    if (q.scope_type == "user") {
        return q.scope_id == access.user_id ||
               std::find(access.subordinate_ids.begin(), access.subordinate_ids.end(), q.scope_id) !=
                   access.subordinate_ids.end();
    }
    for (int64_t mine : access.department_ids) {
        std::vector<int64_t> above = Ancestry(conn, mine);
        if (std::find(above.begin(), above.end(), q.scope_id) != above.end()) return true;
    }
    return false;
}

// "YYYY-MM-01" of month m (1–13: 13 is January of the next year).
std::string MonthStart(int year, int m) {
    return m == 13 ? fmt::format("{:04}-01-01", year + 1) : fmt::format("{:04}-{:02}-01", year, m);
}

// The UTC instant China Standard Time month m begins ("…T16:00:00Z" the day before).
std::string MonthStartUtc(int year, int m) {
    std::optional<TimePoint> t = ParseIsoTime(MonthStart(year, m) + "T00:00:00+08:00");
    return t ? FormatUtc(*t) : MonthStart(year, m);
}

// Actual figure per month (index 0 = January), within the caller's read scope. With `cache_tenant`
// the sums are kept like an aggregate's answer (decision 0013): a department's year walks every
// contract or payment of the year, and the page asks for it on every visit.
std::array<int64_t, 12> Actuals(
    store::Connection& conn,
    const records::AccessContext& access,
    const TargetQuery& q,
    const store::Database* cache_tenant
) {
    std::string object, sum, at;
    bool instant = false;
    std::string extra;
    if (q.metric == "contract_amount") {
        object = "contract", sum = "t.amount", at = "t.sign_date";
        extra = " AND COALESCE(t.status, '') NOT IN ('draft', 'terminated')";
    } else if (q.metric == "payment_amount") {
        object = "payment", sum = "t.amount", at = "t.paid_date";
    } else {
        object = "customer", sum = "1", at = "t.created_at", instant = true;
        // A customer in a 公海 pool is nobody's (its department stays that of its last owner): it
        // counts again once someone claims it, as on the sales dashboard.
        extra = " AND t.owner_id IS NOT NULL";
    }
    std::vector<store::Value> params;
    std::string columns;
    for (int m = 1; m <= 12; ++m) {
        columns +=
            fmt::format("{}COALESCE(SUM(CASE WHEN {} >= ? AND {} < ? THEN {} END), 0)", m > 1 ? ", " : "", at, at, sum);
        params.emplace_back(instant ? MonthStartUtc(q.year, m) : MonthStart(q.year, m));
        params.emplace_back(instant ? MonthStartUtc(q.year, m + 1) : MonthStart(q.year, m + 1));
    }
    std::string owner;
    if (q.scope_type == "user") {
        owner = "t.owner_id = ?";
        params.emplace_back(q.scope_id);
    } else {
        std::vector<int64_t> tree = Subtree(conn, q.scope_id);
        owner = fmt::format("t.department_id IN ({})", records::Placeholders(tree.size()));
        for (int64_t d : tree) params.emplace_back(d);
    }
    params.emplace_back(instant ? MonthStartUtc(q.year, 1) : MonthStart(q.year, 1));
    params.emplace_back(instant ? MonthStartUtc(q.year, 13) : MonthStart(q.year, 13));
    records::SqlFragment scope = records::ScopePredicate(access, object, "t", records::Action::kRead);
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    const std::string table = TableOf(object);
    const std::string where =
        fmt::format("t.deleted_at IS NULL AND {} AND {} >= ? AND {} < ?{} AND {}", owner, at, at, extra, scope.sql);
    const std::string sql = fmt::format("SELECT {} FROM {} t WHERE {}", columns, table, where);
    std::optional<records::CacheTicket> ticket;
    if (cache_tenant) {
        ticket =
            records::CacheTicketFor(conn, *cache_tenant, table, where, {"target actuals", sql}, store::Params(params));
    }
    std::shared_ptr<const records::AggregateRows> sums = records::KeptOrRead(std::move(ticket), [&] {
        store::Rows rows = conn.Query(sql, store::Params(params));
        records::AggregateRows answer;
        for (size_t m = 0; m < 12; ++m)
            answer.totals.emplace_back(rows.front().IsNull(m) ? int64_t{0} : rows.front()[m].AsInt());
        return answer;
    });
    std::array<int64_t, 12> out{};
    for (size_t m = 0; m < 12; ++m) out[m] = sums->totals[m].AsInt();
    return out;
}

[[noreturn]] void Invalid(const char* field, Text message) {
    ThrowFieldError(field, "invalid", std::move(message));
}

void CheckMetricAndScope(const TargetQuery& q) {
    if (q.year < 2000 || q.year > 2100) Invalid("year", {"年份应在 2000–2100 之间", "The year must be 2000–2100"});
    if (std::find(kMetrics.begin(), kMetrics.end(), q.metric) == kMetrics.end()) {
        Invalid(
            "metric",
            {"指标应为 contract_amount、payment_amount 或 new_customers",
             "metric must be contract_amount, payment_amount or new_customers"}
        );
    }
    if (q.scope_type != "user" && q.scope_type != "department")
        Invalid("scope_type", {"范围应为 user 或 department", "scope_type must be user or department"});
}

}  // namespace

std::optional<double> Completion(int64_t actual, std::optional<int64_t> target) {
    if (!target || *target <= 0) return std::nullopt;
    return std::round(static_cast<double>(actual) / static_cast<double>(*target) * 10000.0) / 10000.0;
}

TargetQuery ParseTargetQuery(
    const std::optional<std::string>& year,
    const std::optional<std::string>& metric,
    const std::optional<std::string>& scope_type,
    const std::optional<std::string>& scope_id,
    int64_t caller_id,
    TimePoint now
) {
    TargetQuery q;
    q.year = std::stoi(ChinaDate(now).substr(0, 4));
    if (year) {
        int64_t y = 0;
        if (!ParseId(*year, y) || y > 9999) Invalid("year", {"年份应在 2000–2100 之间", "The year must be 2000–2100"});
        q.year = static_cast<int>(y);
    }
    q.metric = metric.value_or("contract_amount");
    q.scope_type = scope_type.value_or("user");
    q.scope_id = caller_id;
    if (scope_id && !ParseId(*scope_id, q.scope_id))
        Invalid("scope_id", {"范围编号应为正整数", "scope_id must be a positive integer"});
    CheckMetricAndScope(q);
    return q;
}

json::object GetTargets(
    store::Connection& conn,
    const records::AccessContext& access,
    const TargetQuery& q,
    const store::Database* cache_tenant
) {
    std::string name = ScopeName(conn, q);
    if (!MayRead(conn, access, q)) ThrowForbidden();
    std::array<std::optional<int64_t>, 12> targets{};
    for (const store::Row& r : conn.Query(
             "SELECT month, target FROM sales_targets WHERE scope_type = ? AND scope_id = ? AND metric = ? AND year = "
             "?",
             {q.scope_type, q.scope_id, q.metric, q.year}
         )) {
        int64_t m = r.Int(0);
        if (m >= 1 && m <= 12) targets[static_cast<size_t>(m - 1)] = r.Int(1);
    }
    std::array<int64_t, 12> actuals = Actuals(conn, access, q, cache_tenant);
    json::array months;
    int64_t target_total = 0, actual_total = 0;
    bool any_target = false;
    for (size_t m = 0; m < 12; ++m) {
        std::optional<double> c = Completion(actuals[m], targets[m]);
        months.push_back(json::object{
            {"month", static_cast<int64_t>(m + 1)},
            {"target", targets[m] ? Figure(q.metric, *targets[m]) : json::value(nullptr)},
            {"actual", Figure(q.metric, actuals[m])},
            {"completion", c ? json::value(*c) : json::value(nullptr)},
        });
        if (targets[m]) target_total += *targets[m], any_target = true;
        actual_total += actuals[m];
    }
    std::optional<double> total_completion =
        Completion(actual_total, any_target ? std::optional<int64_t>(target_total) : std::nullopt);
    return json::object{
        {"year", q.year},
        {"metric", q.metric},
        {"scope_type", q.scope_type},
        {"scope_id", q.scope_id},
        {"scope_name", name},
        {"can_edit", MaySet(conn, access, q)},
        {"months", std::move(months)},
        {"total",
         json::object{
             {"target", any_target ? Figure(q.metric, target_total) : json::value(nullptr)},
             {"actual", Figure(q.metric, actual_total)},
             {"completion", total_completion ? json::value(*total_completion) : json::value(nullptr)},
         }},
    };
}

json::object PutTargets(
    store::Connection& tx, const records::AccessContext& access, const json::object& body, TimePoint now
) {
    for (const auto& [key, v] : body) {
        if (key != "year" && key != "metric" && key != "scope_type" && key != "scope_id" && key != "months") {
            ThrowFieldError(std::string(key.substr(0, 64)), "unknown_field", {"未知的参数", "Unknown member"});
        }
    }
    TargetQuery q;
    std::optional<int64_t> year = GetInt(body, "year");
    std::optional<int64_t> scope_id = GetInt(body, "scope_id");
    if (!year) ThrowFieldError("year", "required", {"请填写年份", "Give the year"});
    if (!scope_id || *scope_id <= 0)
        ThrowFieldError("scope_id", "required", {"请选择人员或部门", "Choose the person or department"});
    q.year = static_cast<int>(std::clamp<int64_t>(*year, 0, 100000));
    q.metric = GetString(body, "metric").value_or("");
    q.scope_type = GetString(body, "scope_type").value_or("");
    q.scope_id = *scope_id;
    CheckMetricAndScope(q);
    ScopeName(tx, q);  // 404 for a person or department that does not exist
    if (!MaySet(tx, access, q)) ThrowForbidden();

    const json::value* months = body.if_contains("months");
    if (!months || !months->is_array() || months->get_array().size() != 12) {
        ThrowFieldError("months", "invalid", {"请填写 12 个月的目标", "Give the targets of all 12 months"});
    }
    std::array<std::optional<int64_t>, 12> values{};
    for (size_t m = 0; m < 12; ++m) {
        const json::value& v = months->get_array()[m];
        if (v.is_null()) continue;
        std::string at = fmt::format("months[{}]", m);
        if (IsAmount(q.metric)) {
            std::optional<int64_t> cents = records::ParseMoney(v);
            if (!cents || *cents < 0 || *cents > kMaxAmountCents)
                ThrowFieldError(
                    at,
                    "invalid",
                    {"应为非负金额，最多两位小数", "Must be an amount of at least 0 with two decimals at most"}
                );
            values[m] = *cents;
        } else {
            if (!v.is_int64() || v.get_int64() < 0 || v.get_int64() > kMaxCount)
                ThrowFieldError(at, "invalid", {"应为非负整数", "Must be a whole number of at least 0"});
            values[m] = v.get_int64();
        }
    }
    std::string ts = FormatUtc(now);
    for (size_t m = 0; m < 12; ++m) {
        int64_t month = static_cast<int64_t>(m + 1);
        if (!values[m]) {
            tx.Execute(
                "DELETE FROM sales_targets WHERE scope_type = ? AND scope_id = ? AND metric = ? AND year = ? AND month "
                "= ?",
                {q.scope_type, q.scope_id, q.metric, q.year, month}
            );
            continue;
        }
        tx.Execute(
            "INSERT INTO sales_targets (scope_type, scope_id, metric, year, month, target, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope_type, scope_id, metric, year, month) DO UPDATE SET "
            "target = excluded.target, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            {q.scope_type, q.scope_id, q.metric, q.year, month, *values[m], access.user_id, ts}
        );
    }
    return GetTargets(tx, access, q);
}

}  // namespace xieli::sales
