#include "modules/pool/reminder_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "common/error.h"
#include "modules/org/body_reader.h"
#include "modules/org/org_rules.h"
#include "modules/pool/pool_notices.h"

namespace xieli::pool {

namespace {

using Days = std::chrono::duration<int64_t, std::ratio<86400>>;

constexpr const char* kColumns =
    "id, name, kind, days, notify_supervisor, enabled, created_at, updated_at, last_run_at";

ReminderRule ReadRule(const store::Row& r) {
    ReminderRule x;
    x.id = r.Int(0);
    x.name = r.Text(1);
    x.kind = r.Text(2);
    x.days = static_cast<int>(r.Int(3));
    x.notify_supervisor = r.Int(4) != 0;
    x.enabled = r.Int(5) != 0;
    x.created_at = r.Text(6);
    x.updated_at = r.Text(7);
    x.last_run_at = r.IsNull(8) ? "" : r.Text(8);
    return x;
}

std::string LocalDay(TimePoint t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string LocalMinute(const std::string& utc) {
    std::optional<TimePoint> t = ParseIsoTime(utc);
    if (!t) return utc;
    std::time_t secs = std::chrono::system_clock::to_time_t(*t) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format(
        "{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min
    );
}

std::string Latest(std::initializer_list<std::string> times) {
    TimePoint out{};
    for (const std::string& t : times) {
        if (t.empty()) continue;
        if (std::optional<TimePoint> p = ParseIsoTime(t)) out = std::max(out, *p);
    }
    return FormatUtc(out);
}

std::string TextOrEmpty(const store::Row& r, size_t i) {
    return r.IsNull(i) ? std::string() : r.Text(i);
}

// One thing to remind someone of.
struct Event {
    std::string object;
    int64_t record_id = 0;
    int64_t owner_id = 0;
    std::string key;
    Text title;
    Text body;
};

std::string Q(const std::string& s) {
    return "「" + s + "」";
}

// The fields a kind needs, or nullptr when the object or one of them is not defined here.
const records::ObjectMeta* ObjectWith(
    const records::Schema& schema, std::string_view object, std::initializer_list<std::string_view> fields
) {
    const records::ObjectMeta* o = schema.Find(object);
    if (!o) return nullptr;
    for (std::string_view f : fields) {
        if (!o->Field(f)) return nullptr;
    }
    return o;
}

std::string Col(const records::ObjectMeta& o, std::string_view field) {
    return o.Field(field)->column;  // identifiers only from metadata
}

std::set<int64_t> CustomersWithWonDeals(store::Connection& tx, const records::Schema& schema) {
    std::set<int64_t> out;
    const records::ObjectMeta* opp = ObjectWith(schema, "opportunity", {"status", "customer_id"});
    if (!opp) return out;
    for (const store::Row& r : tx.Query(fmt::format(
             "SELECT DISTINCT {} FROM {} WHERE {} = 'won' AND deleted_at IS NULL",
             Col(*opp, "customer_id"),
             opp->table,
             Col(*opp, "status")
         ))) {
        if (!r.IsNull(0)) out.insert(r.Int(0));
    }
    return out;
}

std::vector<Event> CustomerEvents(
    store::Connection& tx, const records::Schema& schema, const ReminderRule& rule, TimePoint now
) {
    std::vector<Event> out;
    const records::ObjectMeta* c =
        ObjectWith(schema, "customer", {"name", "status", "claimed_at", "last_followup_at", "next_followup_at"});
    if (!c) return out;
    std::string threshold = FormatUtc(now - Days(rule.days));
    if (rule.kind == "customer_no_followup" || rule.kind == "customer_no_deal") {
        bool followup = rule.kind == "customer_no_followup";
        std::set<int64_t> won = followup ? std::set<int64_t>{} : CustomersWithWonDeals(tx, schema);
        std::vector<store::Value> params{threshold, threshold};
        if (followup) params.emplace_back(threshold);
        for (const store::Row& r : tx.Query(
                 fmt::format(
                     "SELECT id, {0}, owner_id, created_at, {1}, {2}, {3} FROM {4} WHERE owner_id IS NOT NULL "
                     "AND deleted_at IS NULL AND created_at <= ? AND ({1} IS NULL OR {1} <= ?){5}",
                     Col(*c, "name"),
                     Col(*c, "claimed_at"),
                     Col(*c, "last_followup_at"),
                     Col(*c, "status"),
                     c->table,
                     followup ? fmt::format(" AND ({0} IS NULL OR {0} <= ?)", Col(*c, "last_followup_at"))
                              : fmt::format(" AND ({0} IS NULL OR {0} NOT IN ('deal', 'repeat'))", Col(*c, "status"))
                 ),
                 store::Params(params)
             )) {
            int64_t id = r.Int(0);
            if (!followup && won.count(id)) continue;
            std::string name = r.Text(1);
            std::string since = followup ? Latest({r.Text(3), TextOrEmpty(r, 4), TextOrEmpty(r, 5)})
                                         : Latest({r.Text(3), TextOrEmpty(r, 4)});
            Event e{"customer", id, r.Int(2), since, {}, {}};
            if (followup) {
                e.title = {"客户长时间未跟进", "Customer not followed up"};
                e.body = {
                    fmt::format("客户{}已超过 {} 天未跟进", Q(name), rule.days),
                    fmt::format("Customer \"{}\" has had no follow-up for over {} days", name, rule.days)};
            } else {
                e.title = {"客户长时间未成交", "Customer not closed"};
                e.body = {
                    fmt::format("客户{}已超过 {} 天未成交", Q(name), rule.days),
                    fmt::format("Customer \"{}\" has had no deal for over {} days", name, rule.days)};
            }
            out.push_back(std::move(e));
        }
    } else if (rule.kind == "followup_due") {
        for (const store::Row& r : tx.Query(
                 fmt::format(
                     "SELECT id, {0}, owner_id, {1} FROM {2} WHERE owner_id IS NOT NULL AND deleted_at IS NULL "
                     "AND {1} >= ? AND {1} <= ?",
                     Col(*c, "name"),
                     Col(*c, "next_followup_at"),
                     c->table
                 ),
                 {FormatUtc(now), FormatUtc(now + Days(rule.days))}
             )) {
            std::string name = r.Text(1);
            std::string at = r.Text(3);
            out.push_back(Event{
                "customer",
                r.Int(0),
                r.Int(2),
                at,
                {"客户待跟进", "Follow-up due"},
                {fmt::format("客户{}计划于 {} 跟进", Q(name), LocalMinute(at)),
                 fmt::format("Customer \"{}\" is due for a follow-up at {} (China time)", name, LocalMinute(at))}});
        }
    }
    return out;
}

std::vector<Event> ContractEvents(
    store::Connection& tx, const records::Schema& schema, const ReminderRule& rule, TimePoint now
) {
    std::vector<Event> out;
    const records::ObjectMeta* c = ObjectWith(schema, "contract", {"name", "end_date", "status"});
    if (!c) return out;
    for (const store::Row& r : tx.Query(
             fmt::format(
                 "SELECT id, {0}, owner_id, {1} FROM {2} WHERE owner_id IS NOT NULL AND deleted_at IS NULL "
                 "AND {1} >= ? AND {1} <= ? AND ({3} IS NULL OR {3} NOT IN ('completed', 'terminated'))",
                 Col(*c, "name"),
                 Col(*c, "end_date"),
                 c->table,
                 Col(*c, "status")
             ),
             {LocalDay(now), LocalDay(now + Days(rule.days))}
         )) {
        std::string name = r.Text(1);
        std::string end = r.Text(3);
        out.push_back(Event{
            "contract",
            r.Int(0),
            r.Int(2),
            end,
            {"合同即将到期", "Contract expiring"},
            {fmt::format("合同{}将于 {} 到期", Q(name), end), fmt::format("Contract \"{}\" expires on {}", name, end)}}
        );
    }
    return out;
}

std::vector<Event> PaymentEvents(
    store::Connection& tx, const records::Schema& schema, const ReminderRule& rule, TimePoint now
) {
    std::vector<Event> out;
    const records::ObjectMeta* p = ObjectWith(schema, "payment_plan", {"due_date", "status", "amount"});
    if (!p) return out;
    bool overdue = rule.kind == "payment_overdue";
    std::string unpaid = fmt::format("({0} IS NULL OR {0} <> 'paid')", Col(*p, "status"));
    if (p->Field("received_amount")) {
        unpaid += fmt::format(" AND COALESCE({}, 0) < COALESCE({}, 0)", Col(*p, "received_amount"), Col(*p, "amount"));
    }
    std::string name_col = p->Field("name") ? Col(*p, "name") : "''";
    std::string today = LocalDay(now);
    std::string sql = fmt::format(
        "SELECT id, {0}, owner_id, {1} FROM {2} WHERE owner_id IS NOT NULL AND deleted_at IS NULL AND {3} AND {4}",
        name_col,
        Col(*p, "due_date"),
        p->table,
        unpaid,
        overdue ? fmt::format("{0} < ? AND {0} <= ?", Col(*p, "due_date"))
                : fmt::format("{0} >= ? AND {0} <= ?", Col(*p, "due_date"))
    );
    store::Rows rows = overdue ? tx.Query(sql, {today, LocalDay(now - Days(rule.days))})
                               : tx.Query(sql, {today, LocalDay(now + Days(rule.days))});
    for (const store::Row& r : rows) {
        std::string name = TextOrEmpty(r, 1);
        if (name.empty()) name = fmt::format("#{}", r.Int(0));
        std::string due = r.Text(3);
        Event e{"payment_plan", r.Int(0), r.Int(2), overdue ? "overdue:" + due : due, {}, {}};
        if (overdue) {
            e.title = {"回款已逾期", "Payment overdue"};
            e.body = {
                fmt::format("回款计划{}应于 {} 回款，已逾期", Q(name), due),
                fmt::format("Payment plan \"{}\" was due on {} and is unpaid", name, due)};
        } else {
            e.title = {"回款即将到期", "Payment due"};
            e.body = {
                fmt::format("回款计划{}将于 {} 到期", Q(name), due),
                fmt::format("Payment plan \"{}\" falls due on {}", name, due)};
        }
        out.push_back(std::move(e));
    }
    return out;
}

bool IsKind(std::string_view k) {
    const auto& kinds = ReminderKinds();
    return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

}  // namespace

const std::vector<std::string>& ReminderKinds() {
    static const std::vector<std::string> kKinds = {
        "customer_no_followup",
        "customer_no_deal",
        "followup_due",
        "contract_expiring",
        "payment_due",
        "payment_overdue"};
    return kKinds;
}

std::optional<ReminderRule> FindReminderRule(store::Connection& conn, int64_t id) {
    store::Rows rows = conn.Query(std::string("SELECT ") + kColumns + " FROM reminder_rules WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return ReadRule(rows.front());
}

std::vector<ReminderRule> ListReminderRules(store::Connection& conn) {
    std::vector<ReminderRule> out;
    for (const store::Row& r : conn.Query(std::string("SELECT ") + kColumns + " FROM reminder_rules ORDER BY id"))
        out.push_back(ReadRule(r));
    return out;
}

ReminderRule ApplyReminderRuleBody(ReminderRule x, const json::object& body) {
    static const std::set<std::string, std::less<>> kKnown = {"name", "kind", "days", "notify_supervisor", "enabled"};
    org::BodyReader r(body);
    for (const auto& [key, value] : body) {
        if (!kKnown.count(std::string(key))) r.Fail(org::Clip(key, 64), "unknown", {"未知的设置项", "Unknown setting"});
    }
    if (r.Has("name")) {
        std::optional<std::string> name = r.String("name");
        if (!r.HasErrorFor("name")) {
            if (!name || name->empty()) {
                r.Required("name", {"请填写规则名称", "Enter the rule's name"});
            } else if (name->size() > 150) {
                r.Fail("name", "too_long", {"规则名称最多 50 个字", "The name is at most 50 characters"});
            } else {
                x.name = *name;
            }
        }
    } else if (x.name.empty()) {
        r.Required("name", {"请填写规则名称", "Enter the rule's name"});
    }
    if (r.Has("kind")) {
        std::optional<std::string> kind = r.String("kind");
        if (!r.HasErrorFor("kind")) {
            if (!kind || !IsKind(*kind)) {
                r.Fail(
                    "kind",
                    "invalid",
                    {"提醒类型应为 customer_no_followup、customer_no_deal、followup_due、contract_expiring、"
                     "payment_due 或 payment_overdue",
                     "kind must be customer_no_followup, customer_no_deal, followup_due, contract_expiring, "
                     "payment_due or payment_overdue"}
                );
            } else {
                x.kind = *kind;
            }
        }
    } else if (x.kind.empty()) {
        r.Required("kind", {"请选择提醒类型", "Choose what to remind of"});
    }
    if (r.Has("days")) {
        std::optional<int64_t> days = r.Int("days");
        if (!r.HasErrorFor("days")) {
            if (!days || *days < 0 || *days > 3650) {
                r.Fail(
                    "days",
                    "out_of_range",
                    {"天数应为 0 到 3650 之间的整数", "days must be a whole number from 0 to 3650"}
                );
            } else {
                x.days = static_cast<int>(*days);
            }
        }
    } else if (x.id == 0) {
        r.Required("days", {"请填写天数", "Enter the number of days"});
    }
    if (r.errors().empty() && x.days == 0 && (x.kind == "customer_no_followup" || x.kind == "customer_no_deal")) {
        r.Fail("days", "out_of_range", {"天数至少为 1", "days must be at least 1"});
    }
    if (r.Has("notify_supervisor")) {
        if (std::optional<bool> v = r.Bool("notify_supervisor")) x.notify_supervisor = *v;
    }
    if (r.Has("enabled")) {
        if (std::optional<bool> v = r.Bool("enabled")) x.enabled = *v;
    }
    r.ThrowIfAny();
    return x;
}

int64_t InsertReminderRule(store::Connection& tx, const ReminderRule& x, int64_t actor, TimePoint now) {
    std::string ts = FormatUtc(now);
    return tx
        .Query(
            "INSERT INTO reminder_rules (name, kind, days, notify_supervisor, enabled, created_by, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {x.name, x.kind, x.days, x.notify_supervisor ? 1 : 0, x.enabled ? 1 : 0, actor, ts, ts}
        )
        .front()
        .Int(0);
}

void UpdateReminderRule(store::Connection& tx, const ReminderRule& x, TimePoint now) {
    tx.Execute(
        "UPDATE reminder_rules SET name = ?, kind = ?, days = ?, notify_supervisor = ?, enabled = ?, updated_at = ? "
        "WHERE id = ?",
        {x.name, x.kind, x.days, x.notify_supervisor ? 1 : 0, x.enabled ? 1 : 0, FormatUtc(now), x.id}
    );
}

void DeleteReminderRule(store::Connection& tx, int64_t id) {
    tx.Execute("DELETE FROM reminder_deliveries WHERE rule_id = ?", {id});
    tx.Execute("DELETE FROM reminder_rules WHERE id = ?", {id});
}

json::object ReminderRuleToJson(const ReminderRule& x) {
    return json::object{
        {"id", x.id},
        {"name", x.name},
        {"kind", x.kind},
        {"days", x.days},
        {"notify_supervisor", x.notify_supervisor},
        {"enabled", x.enabled},
        {"created_at", x.created_at},
        {"updated_at", x.updated_at},
        {"last_run_at", x.last_run_at.empty() ? json::value(nullptr) : json::value(x.last_run_at)},
    };
}

int64_t RunReminderRule(store::Connection& tx, const records::Schema& schema, const ReminderRule& rule, TimePoint now) {
    std::vector<Event> events;
    if (rule.kind.rfind("customer_", 0) == 0 || rule.kind == "followup_due") {
        events = CustomerEvents(tx, schema, rule, now);
    } else if (rule.kind == "contract_expiring") {
        events = ContractEvents(tx, schema, rule, now);
    } else if (rule.kind == "payment_due" || rule.kind == "payment_overdue") {
        events = PaymentEvents(tx, schema, rule, now);
    }
    std::string ts = FormatUtc(now);
    int64_t fired = 0;
    for (const Event& e : events) {
        std::optional<store::Value> supervisor;
        if (rule.notify_supervisor) {
            supervisor = tx.QueryValue(
                "SELECT supervisor_id FROM users WHERE id = ? AND supervisor_id IS NOT NULL AND supervisor_id <> id",
                {e.owner_id}
            );
        }
        // The delivery row is the "once": a second run finds it and stays quiet.
        int64_t fresh = tx.Execute(
            "INSERT INTO reminder_deliveries (rule_id, object, record_id, event_key, owner_id, supervisor_id, "
            "fired_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id, object, record_id, event_key) DO NOTHING",
            {rule.id, e.object, e.record_id, e.key, e.owner_id, supervisor ? *supervisor : store::Value(), ts}
        );
        if (fresh != 1) continue;
        NotifyReminder(tx, e.owner_id, e.title, e.body, e.object, e.record_id, now);
        if (supervisor && !supervisor->IsNull()) {
            NotifyReminder(tx, supervisor->AsInt(), e.title, e.body, e.object, e.record_id, now);
        }
        ++fired;
    }
    tx.Execute("UPDATE reminder_rules SET last_run_at = ? WHERE id = ?", {ts, rule.id});
    return fired;
}

int64_t RunReminderRules(store::Connection& tx, const records::Schema& schema, TimePoint now) {
    int64_t fired = 0;
    for (const ReminderRule& rule : ListReminderRules(tx)) {
        if (rule.enabled) fired += RunReminderRule(tx, schema, rule, now);
    }
    return fired;
}

json::array ReminderDeliveries(store::Connection& conn, int64_t rule_id, int limit) {
    json::array out;
    for (const store::Row& r : conn.Query(
             "SELECT id, object, record_id, event_key, owner_id, supervisor_id, fired_at FROM reminder_deliveries "
             "WHERE rule_id = ? ORDER BY id DESC LIMIT ?",
             {rule_id, limit}
         )) {
        out.push_back(json::object{
            {"id", r.Int(0)},
            {"object", r.Text(1)},
            {"record_id", r.Int(2)},
            {"event_key", r.Text(3)},
            {"owner_id", r.IsNull(4) ? json::value(nullptr) : json::value(r.Int(4))},
            {"supervisor_id", r.IsNull(5) ? json::value(nullptr) : json::value(r.Int(5))},
            {"fired_at", r.Text(6)},
        });
    }
    return out;
}

}  // namespace xieli::pool
