#include "modules/pool/pool_module.h"

#include <memory>

#include "common/error.h"
#include "jobs/scheduler.h"
#include "modules/org/admin_guard.h"
#include "modules/org/body_reader.h"
#include "modules/pool/auto_return.h"
#include "modules/pool/former_owner.h"
#include "modules/pool/pool_access.h"
#include "modules/pool/pool_claims.h"
#include "modules/pool/pool_notices.h"
#include "modules/pool/pool_repository.h"
#include "modules/pool/pooled_transfer.h"
#include "modules/pool/reminder_rules.h"

namespace xieli::pool {

namespace {

// GET /pools/{id}/customers takes the records list's parameters (limit, offset, cursor, sort, q,
// filter, fields, total) and hands them to the engine's own parser.
records::QueryRequest QueryFromParams(const http::Request& req) {
    json::object body;
    if (auto v = req.Query("limit")) {
        try {
            body["limit"] = std::stoll(*v);
        } catch (const std::exception&) {
            ThrowFieldError("limit", "invalid", {"每页条数应为 1–200", "limit must be 1–200"});
        }
    }
    if (auto v = req.Query("offset")) {
        try {
            body["offset"] = std::stoll(*v);
        } catch (const std::exception&) {
            ThrowFieldError("offset", "invalid", {"偏移量不正确", "offset is not valid"});
        }
    }
    if (auto v = req.Query("cursor")) body["cursor"] = *v;
    if (auto v = req.Query("q")) body["q"] = *v;
    if (auto v = req.Query("filter"); v && !v->empty()) body["filter"] = records::ParseFilterParam(*v);
    records::QueryRequest q = records::ParseQueryRequest(body);
    if (auto v = req.Query("sort")) q.sort = records::ParseSortParam(*v);
    if (auto v = req.Query("fields"); v && !v->empty()) {
        std::string_view rest = *v;
        while (!rest.empty()) {
            size_t comma = rest.find(',');
            if (comma != 0) q.fields.emplace_back(rest.substr(0, comma));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    if (auto v = req.Query("total")) q.with_total = *v != "false" && *v != "0";
    return q;
}

std::vector<int64_t> RequireIds(org::BodyReader& r) {
    std::optional<std::vector<int64_t>> ids = r.IdList("ids");
    if (!r.HasErrorFor("ids") && (!ids || ids->empty())) r.Required("ids", {"请选择客户", "Choose customers"});
    return ids.value_or(std::vector<int64_t>{});
}

struct PoolHandlers {
    records::RecordsModule& m;

    bool ManagesPools(http::Context& c, records::RecordScope& s) {
        if (s.access.is_admin) return true;
        store::Reader r = s.db.Read();
        return org::IsAdminOf(*r, c.RequireCaller().user_id, org::kAreaCrm);
    }

    http::Response List(http::Context& c) {
        records::RecordScope s = m.ScopeFor(c);
        bool manager = ManagesPools(c, s);
        store::Reader r = s.db.Read();
        std::map<int64_t, int64_t> waiting = WaitingCounts(*r);
        json::array pools;
        for (const PoolRow& p : ListPools(*r)) {
            bool usable = p.settings.enabled && CanUsePool(s.access, p.id);
            if (!manager && !usable) continue;
            json::object o = PoolToJson(p);
            o["customer_count"] = waiting.count(p.id) ? waiting[p.id] : 0;
            o["can_claim"] = usable && s.access.Can("customer", "claim");
            pools.push_back(std::move(o));
        }
        return http::Response::Json(200, json::object{{"records", std::move(pools)}});
    }
    http::Response Create(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        PoolSettings settings = ApplyPoolBody(*tx, PoolSettings{}, body);
        int64_t id = InsertPool(*tx, settings, s.access.user_id, m.clock().Now());
        json::object out = PoolToJson(*FindPool(*tx, id));
        tx.Commit();
        return http::Response::Created(out, "/api/v1/pools/" + std::to_string(id));
    }
    http::Response Get(http::Context& c) {
        int64_t id = c.PathId("id");
        records::RecordScope s = m.ScopeFor(c);
        bool manager = ManagesPools(c, s);
        store::Reader r = s.db.Read();
        std::optional<PoolRow> p = FindPool(*r, id);
        if (!p || (!manager && !(p->settings.enabled && CanUsePool(s.access, id)))) {
            throw Error(ErrorCode::kNotFound, {"公海不存在或无权使用", "No such pool, or it is not open to you"});
        }
        json::object o = PoolToJson(*p);
        std::map<int64_t, int64_t> waiting = WaitingCounts(*r);
        o["customer_count"] = waiting.count(id) ? waiting[id] : 0;
        return http::Response::Json(200, o);
    }
    http::Response Patch(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        std::optional<PoolRow> p = FindPool(*tx, id);
        if (!p) ThrowNotFound();
        PoolSettings settings = ApplyPoolBody(*tx, p->settings, body);
        UpdatePool(*tx, id, settings, m.clock().Now());
        json::object out = PoolToJson(*FindPool(*tx, id));
        tx.Commit();
        return http::Response::Json(200, out);
    }
    http::Response Delete(http::Context& c) {
        int64_t id = c.PathId("id");
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        if (!FindPool(*tx, id)) ThrowNotFound();
        std::map<int64_t, int64_t> waiting = WaitingCounts(*tx);
        if (waiting.count(id) && waiting[id] > 0) {
            throw Error(
                ErrorCode::kConflict,
                {"公海中还有客户，请先分配或移走后再删除", "The pool still holds customers; assign or move them first"}
            );
        }
        DeletePool(*tx, id);
        tx.Commit();
        return http::Response::NoContent();
    }
    http::Response Customers(http::Context& c) {
        int64_t id = c.PathId("id");
        records::QueryRequest q = QueryFromParams(c.request);
        records::RecordScope s = m.ScopeFor(c);
        {
            store::Reader r = s.db.Read();
            RequireUsablePool(*r, s.access, id);
        }
        json::array conditions{
            json::object{{"field", "pool_id"}, {"op", "eq"}, {"value", id}},
            json::object{{"field", "owner_id"}, {"op", "is_null"}},
        };
        if (!q.filter.is_null()) conditions.push_back(q.filter);
        q.filter = json::object{{"and", std::move(conditions)}};
        // Who held each customer stays hidden from non-administrators, whatever the field settings
        // say: the engine applies the pool's FormerOwnerMasks (registered below).
        return http::Response::Json(200, m.service().Query(s, "customer", q));
    }
    http::Response Claim(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        org::BodyReader r(body);
        std::vector<int64_t> ids = RequireIds(r);
        r.ThrowIfAny();
        records::RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, ClaimCustomers(s, id, ids, m.clock().Now()));
    }
    http::Response Assign(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        org::BodyReader r(body);
        std::vector<int64_t> ids = RequireIds(r);
        std::optional<int64_t> owner = r.Int("owner_id");
        if (!r.HasErrorFor("owner_id") && !owner) r.Required("owner_id", {"请选择接收人", "Choose the receiver"});
        r.ThrowIfAny();
        records::RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, AssignCustomers(s, id, ids, *owner, m.clock().Now()));
    }
    http::Response Mine(http::Context& c) {
        records::RecordScope s = m.ScopeFor(c);
        return http::Response::Json(200, json::object{{"records", MyHoldings(s)}});
    }
    http::Response Return(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        org::BodyReader r(body);
        std::optional<int64_t> pool_id = r.Int("pool_id");
        std::optional<std::string> reason = r.String("reason");
        if (!r.HasErrorFor("reason") && (!reason || reason->empty()))
            r.Required("reason", {"请选择退回原因", "Choose a reason"});
        r.ThrowIfAny();
        records::RecordScope s = m.ScopeFor(c);
        return http::Response::Json(
            200, ReturnCustomer(m.service(), s, id, pool_id.value_or(0), *reason, m.clock().Now())
        );
    }
    http::Response RunAutoReturn(http::Context& c) {
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        AutoReturnReport report = RunPoolAutoReturn(*tx, *s.schema, m.clock().Now());
        tx.Commit();
        return http::Response::Json(200, json::object{{"returned", report.returned}, {"notices", report.notices}});
    }

    // Reminder rules: administrators of the CRM area.
    http::Response Rules(http::Context& c) {
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        json::array out;
        for (const ReminderRule& rule : ListReminderRules(*r)) out.push_back(ReminderRuleToJson(rule));
        return http::Response::Json(200, json::object{{"records", std::move(out)}});
    }
    http::Response CreateRule(http::Context& c) {
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        ReminderRule rule = ApplyReminderRuleBody(ReminderRule{}, body);
        store::Transaction tx = s.db.Write();
        int64_t id = InsertReminderRule(*tx, rule, s.access.user_id, m.clock().Now());
        json::object out = ReminderRuleToJson(*FindReminderRule(*tx, id));
        tx.Commit();
        return http::Response::Created(out, "/api/v1/reminder-rules/" + std::to_string(id));
    }
    ReminderRule RequireRule(store::Connection& conn, int64_t id) {
        std::optional<ReminderRule> rule = FindReminderRule(conn, id);
        if (!rule) throw Error(ErrorCode::kNotFound, {"提醒规则不存在", "No such reminder rule"});
        return *rule;
    }
    http::Response GetRule(http::Context& c) {
        int64_t id = c.PathId("id");
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        return http::Response::Json(200, ReminderRuleToJson(RequireRule(*r, id)));
    }
    http::Response PatchRule(http::Context& c) {
        int64_t id = c.PathId("id");
        json::object body = c.JsonBody();
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        ReminderRule rule = ApplyReminderRuleBody(RequireRule(*tx, id), body);
        UpdateReminderRule(*tx, rule, m.clock().Now());
        json::object out = ReminderRuleToJson(*FindReminderRule(*tx, id));
        tx.Commit();
        return http::Response::Json(200, out);
    }
    http::Response DeleteRule(http::Context& c) {
        int64_t id = c.PathId("id");
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        RequireRule(*tx, id);
        DeleteReminderRule(*tx, id);
        tx.Commit();
        return http::Response::NoContent();
    }
    http::Response RunRule(http::Context& c) {
        int64_t id = c.PathId("id");
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Transaction tx = s.db.Write();
        ReminderRule rule = RequireRule(*tx, id);
        int64_t fired = RunReminderRule(*tx, *s.schema, rule, m.clock().Now());
        tx.Commit();
        return http::Response::Json(200, json::object{{"fired", fired}});
    }
    http::Response Deliveries(http::Context& c) {
        int64_t id = c.PathId("id");
        org::RequireAdmin(c, org::kAreaCrm);
        records::RecordScope s = m.ScopeFor(c);
        store::Reader r = s.db.Read();
        RequireRule(*r, id);
        return http::Response::Json(200, json::object{{"records", ReminderDeliveries(*r, id, 200)}});
    }
};

}  // namespace

void RegisterPoolModule(http::Router& router, records::RecordsModule& records) {
    RegisterNotificationKinds();
    RegisterPoolReadGrant();  // members of an open pool read its customers (records::ReadGrant)
    records.service().AddHooks(
        "customer",
        records::RecordHooks{
            .before_transfer = RefusePooledTransfer, .actor_masks = FormerOwnerMasks, .display_labels = AddPoolLabels}
    );
    auto h = std::make_shared<PoolHandlers>(PoolHandlers{records});
    using A = http::Access;
    auto add = [&router, h](const char* method, const char* pattern, auto member, const char* summary) {
        router.Add(
            {method,
             pattern,
             [h, member](http::Context& c) { return ((*h).*member)(c); },
             A::kAuthenticated,
             summary,
             "pool"}
        );
    };
    add("GET", "/api/v1/pools", &PoolHandlers::List, "Public pools open to the caller (administrators: all)");
    add("POST", "/api/v1/pools", &PoolHandlers::Create, "Create a public pool with its departments and rules (admin)");
    add("GET",
        "/api/v1/pools/mine",
        &PoolHandlers::Mine,
        "How many customers of each pool the caller holds, and the limit");
    add("POST",
        "/api/v1/pools/auto-return/run",
        &PoolHandlers::RunAutoReturn,
        "Run the pools' auto-return now instead of at 02:00 (admin, 立即执行)");
    add("GET", "/api/v1/pools/{id}", &PoolHandlers::Get, "One public pool");
    add("PATCH", "/api/v1/pools/{id}", &PoolHandlers::Patch, "Change a pool's name, departments or rules (admin)");
    add("DELETE", "/api/v1/pools/{id}", &PoolHandlers::Delete, "Delete an empty pool (admin)");
    add("GET",
        "/api/v1/pools/{id}/customers",
        &PoolHandlers::Customers,
        "Customers waiting in a pool; the parameters of the records list");
    add("POST", "/api/v1/pools/{id}/claim", &PoolHandlers::Claim, "Claim customers from a pool (limit, cooldown)");
    add("POST", "/api/v1/pools/{id}/assign", &PoolHandlers::Assign, "Assign pool customers to someone");
    add("POST",
        "/api/v1/objects/customer/records/{id}/return",
        &PoolHandlers::Return,
        "Return a customer to a pool with a reason from the data dictionary");
    add("GET", "/api/v1/reminder-rules", &PoolHandlers::Rules, "Reminder rules (admin)");
    add("POST", "/api/v1/reminder-rules", &PoolHandlers::CreateRule, "Create a reminder rule (admin)");
    add("GET", "/api/v1/reminder-rules/{id}", &PoolHandlers::GetRule, "One reminder rule (admin)");
    add("PATCH", "/api/v1/reminder-rules/{id}", &PoolHandlers::PatchRule, "Change a reminder rule (admin)");
    add("DELETE", "/api/v1/reminder-rules/{id}", &PoolHandlers::DeleteRule, "Delete a reminder rule (admin)");
    add("POST",
        "/api/v1/reminder-rules/{id}/run",
        &PoolHandlers::RunRule,
        "Run a reminder rule now (admin, 立即执行); each event is still reminded once");
    add("GET",
        "/api/v1/reminder-rules/{id}/deliveries",
        &PoolHandlers::Deliveries,
        "The reminders a rule sent, newest first (admin)");
}

void RegisterPoolJobs(jobs::Scheduler& scheduler, records::RecordsModule& records) {
    records::RecordsModule* m = &records;
    scheduler.Register("pool.auto_return", "0 2 * * *", [m](jobs::TenantContext& t, TimePoint now) {
        std::shared_ptr<const records::Schema> schema = m->SchemaOf(t.db);
        store::Transaction tx = t.db.Write();
        AutoReturnReport report = RunPoolAutoReturn(*tx, *schema, now);
        tx.Commit();
        return jobs::JobResult{{"returned", report.returned}, {"notices", report.notices}};
    });
    scheduler.Register("reminders.scan", "30 7 * * *", [m](jobs::TenantContext& t, TimePoint now) {
        std::shared_ptr<const records::Schema> schema = m->SchemaOf(t.db);
        store::Transaction tx = t.db.Write();
        int64_t reminded = RunReminderRules(*tx, *schema, now);
        tx.Commit();
        return jobs::JobResult{{"reminded", reminded}};
    });
}

}  // namespace xieli::pool
