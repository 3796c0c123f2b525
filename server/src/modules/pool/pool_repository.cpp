#include "modules/pool/pool_repository.h"

#include <set>

#include "common/error.h"
#include "modules/org/body_reader.h"
#include "modules/org/org_rules.h"

namespace xieli::pool {

namespace {

constexpr const char* kColumns =
    "id, name, description, all_departments, claim_limit, no_followup_days, no_deal_days, cooldown_days, "
    "notice_days, enabled, created_at, updated_at";

PoolRow ReadPool(store::Connection& conn, const store::Row& r) {
    PoolRow p;
    p.id = r.Int(0);
    p.settings.name = r.Text(1);
    p.settings.description = r.Text(2);
    p.settings.all_departments = r.Int(3) != 0;
    p.settings.claim_limit = static_cast<int>(r.Int(4));
    p.settings.no_followup_days = static_cast<int>(r.Int(5));
    p.settings.no_deal_days = static_cast<int>(r.Int(6));
    p.settings.cooldown_days = static_cast<int>(r.Int(7));
    p.settings.notice_days = static_cast<int>(r.Int(8));
    p.settings.enabled = r.Int(9) != 0;
    p.created_at = r.Text(10);
    p.updated_at = r.Text(11);
    for (const store::Row& d :
         conn.Query("SELECT department_id FROM pool_departments WHERE pool_id = ? ORDER BY department_id", {p.id})) {
        p.settings.department_ids.push_back(d.Int(0));
    }
    return p;
}

void WriteDepartments(store::Connection& tx, int64_t id, const PoolSettings& s) {
    tx.Execute("DELETE FROM pool_departments WHERE pool_id = ?", {id});
    if (s.all_departments) return;
    for (int64_t d : s.department_ids) {
        tx.Execute("INSERT INTO pool_departments (pool_id, department_id) VALUES (?, ?)", {id, d});
    }
}

// A whole number of days (or a count) in [0, max].
void ReadCount(org::BodyReader& r, const char* key, int max, int& out) {
    if (!r.Has(key)) return;
    std::optional<int64_t> v = r.Int(key);
    if (r.HasErrorFor(key)) return;
    if (!v || *v < 0 || *v > max) {
        r.Fail(
            key,
            "out_of_range",
            {"应为 0 到 " + std::to_string(max) + " 之间的整数",
             "Must be a whole number from 0 to " + std::to_string(max)}
        );
        return;
    }
    out = static_cast<int>(*v);
}

}  // namespace

std::optional<PoolRow> FindPool(store::Connection& conn, int64_t id) {
    store::Rows rows = conn.Query(std::string("SELECT ") + kColumns + " FROM pools WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return ReadPool(conn, rows.front());
}

std::vector<PoolRow> ListPools(store::Connection& conn) {
    std::vector<PoolRow> out;
    for (const store::Row& r : conn.Query(std::string("SELECT ") + kColumns + " FROM pools ORDER BY sort_order, id"))
        out.push_back(ReadPool(conn, r));
    return out;
}

int64_t InsertPool(store::Connection& tx, const PoolSettings& s, int64_t actor, TimePoint now) {
    std::string ts = FormatUtc(now);
    int64_t id = tx.Query(
                       "INSERT INTO pools (name, description, all_departments, claim_limit, no_followup_days, "
                       "no_deal_days, cooldown_days, notice_days, enabled, sort_order, created_by, created_at, "
                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sort_order), 0) + 10 "
                       "FROM pools), ?, ?, ?) RETURNING id",
                       {s.name,
                        s.description,
                        s.all_departments ? 1 : 0,
                        s.claim_limit,
                        s.no_followup_days,
                        s.no_deal_days,
                        s.cooldown_days,
                        s.notice_days,
                        s.enabled ? 1 : 0,
                        actor,
                        ts,
                        ts}
    )
                     .front()
                     .Int(0);
    WriteDepartments(tx, id, s);
    return id;
}

void UpdatePool(store::Connection& tx, int64_t id, const PoolSettings& s, TimePoint now) {
    tx.Execute(
        "UPDATE pools SET name = ?, description = ?, all_departments = ?, claim_limit = ?, no_followup_days = ?, "
        "no_deal_days = ?, cooldown_days = ?, notice_days = ?, enabled = ?, updated_at = ? WHERE id = ?",
        {s.name,
         s.description,
         s.all_departments ? 1 : 0,
         s.claim_limit,
         s.no_followup_days,
         s.no_deal_days,
         s.cooldown_days,
         s.notice_days,
         s.enabled ? 1 : 0,
         FormatUtc(now),
         id}
    );
    WriteDepartments(tx, id, s);
}

void DeletePool(store::Connection& tx, int64_t id) {
    tx.Execute("DELETE FROM pool_departments WHERE pool_id = ?", {id});
    tx.Execute("DELETE FROM pool_claimers WHERE pool_id = ?", {id});
    tx.Execute("DELETE FROM pools WHERE id = ?", {id});
}

PoolSettings ApplyPoolBody(store::Connection& conn, PoolSettings s, const json::object& body) {
    static const std::set<std::string, std::less<>> kKnown = {
        "name",
        "description",
        "all_departments",
        "department_ids",
        "claim_limit",
        "no_followup_days",
        "no_deal_days",
        "cooldown_days",
        "notice_days",
        "enabled"};
    org::BodyReader r(body);
    for (const auto& [key, value] : body) {
        if (!kKnown.count(std::string(key))) {
            r.Fail(org::Clip(key, 64), "unknown", {"未知的设置项", "Unknown setting"});
        }
    }
    if (r.Has("name")) {
        std::optional<std::string> name = r.String("name");
        if (!r.HasErrorFor("name")) {
            if (!name || name->empty()) {
                r.Required("name", {"请填写公海名称", "Enter the pool's name"});
            } else if (name->size() > 150) {  // 50 Chinese characters in UTF-8
                r.Fail("name", "too_long", {"公海名称最多 50 个字", "The name is at most 50 characters"});
            } else {
                s.name = *name;
            }
        }
    } else if (s.name.empty()) {
        r.Required("name", {"请填写公海名称", "Enter the pool's name"});
    }
    if (r.Has("description")) {
        std::optional<std::string> d = r.String("description");
        if (!r.HasErrorFor("description")) {
            if (d && d->size() > 1500) {
                r.Fail("description", "too_long", {"说明最多 500 个字", "The description is at most 500 characters"});
            } else {
                s.description = d.value_or("");
            }
        }
    }
    if (r.Has("all_departments")) {
        std::optional<bool> v = r.Bool("all_departments");
        if (v) s.all_departments = *v;
    }
    if (r.Has("enabled")) {
        std::optional<bool> v = r.Bool("enabled");
        if (v) s.enabled = *v;
    }
    if (r.Has("department_ids")) {
        std::optional<std::vector<int64_t>> ids = r.IdList("department_ids");
        if (!r.HasErrorFor("department_ids")) {
            std::vector<int64_t> list = ids.value_or(std::vector<int64_t>{});
            if (list.size() > 500) {
                r.Fail("department_ids", "too_many", {"部门最多 500 个", "At most 500 departments"});
            } else {
                bool all_known = true;
                for (int64_t d : list) {
                    if (!conn.QueryValue("SELECT 1 FROM departments WHERE id = ?", {d})) all_known = false;
                }
                if (!all_known) {
                    r.Fail("department_ids", "unknown_department", {"部门不存在", "No such department"});
                } else {
                    s.department_ids = std::move(list);
                }
            }
        }
    }
    ReadCount(r, "claim_limit", 100000, s.claim_limit);
    ReadCount(r, "no_followup_days", 3650, s.no_followup_days);
    ReadCount(r, "no_deal_days", 3650, s.no_deal_days);
    ReadCount(r, "cooldown_days", 3650, s.cooldown_days);
    ReadCount(r, "notice_days", 365, s.notice_days);
    if (r.errors().empty() && !s.all_departments && s.department_ids.empty()) {
        r.Fail(
            "department_ids",
            "required",
            {"请选择可使用该公海的部门，或设为全员可用",
             "Choose the departments the pool is open to, or open it to all"}
        );
    }
    r.ThrowIfAny();
    if (s.all_departments) s.department_ids.clear();
    return s;
}

json::object PoolToJson(const PoolRow& p) {
    json::array departments;
    for (int64_t d : p.settings.department_ids) departments.push_back(d);
    return json::object{
        {"id", p.id},
        {"name", p.settings.name},
        {"description", p.settings.description},
        {"all_departments", p.settings.all_departments},
        {"department_ids", std::move(departments)},
        {"claim_limit", p.settings.claim_limit},
        {"no_followup_days", p.settings.no_followup_days},
        {"no_deal_days", p.settings.no_deal_days},
        {"cooldown_days", p.settings.cooldown_days},
        {"notice_days", p.settings.notice_days},
        {"enabled", p.settings.enabled},
        {"created_at", p.created_at},
        {"updated_at", p.updated_at},
    };
}

}  // namespace xieli::pool
