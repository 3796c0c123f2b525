#include "modules/pool/pool_claims.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "common/error.h"
#include "modules/pool/customer_moves.h"
#include "modules/pool/pool_access.h"
#include "modules/pool/pool_notices.h"

namespace xieli::pool {

namespace {

constexpr size_t kMaxBatch = 200;

void CheckIds(const std::vector<int64_t>& ids) {
    if (ids.empty() || ids.size() > kMaxBatch) {
        ThrowFieldError("ids", "invalid", {"请选择 1–200 个客户", "Choose 1–200 customers"});
    }
}

[[noreturn]] void ThrowNotInPool() {
    throw Error(ErrorCode::kNotFound, {"该客户不在这个公海中", "This customer is not in this pool"});
}

[[noreturn]] void ThrowAlreadyClaimed(const std::string& name) {
    throw Error(
        ErrorCode::kConflict,
        {"客户「" + name + "」已被他人领取", "Customer \"" + name + "\" has already been claimed by someone else"}
    );
}

int64_t HeldFromPool(store::Connection& conn, int64_t pool_id, int64_t user_id) {
    return conn
        .Query(
            "SELECT COUNT(*) FROM obj_customer WHERE owner_id = ? AND pool_id = ? AND deleted_at IS NULL",
            {user_id, pool_id}
        )
        .front()
        .Int(0);
}

// The day (China time) a cooldown ends, for the message.
std::string LocalDate(TimePoint t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format(
        "{:04}-{:02}-{:02} {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min
    );
}

}  // namespace

bool CanUsePool(const records::AccessContext& access, int64_t pool_id) {
    if (access.is_admin) return true;
    const std::vector<int64_t>& open = PoolsOf(access);
    return std::find(open.begin(), open.end(), pool_id) != open.end();
}

PoolRow RequireUsablePool(store::Connection& conn, const records::AccessContext& access, int64_t pool_id) {
    std::optional<PoolRow> pool = FindPool(conn, pool_id);
    if (!pool || !CanUsePool(access, pool_id)) {
        throw Error(ErrorCode::kNotFound, {"公海不存在或无权使用", "No such pool, or it is not open to you"});
    }
    return *pool;
}

json::object ClaimCustomers(records::RecordScope& s, int64_t pool_id, const std::vector<int64_t>& ids, TimePoint now) {
    if (!s.access.Can("customer", "claim")) ThrowForbidden();
    CheckIds(ids);
    const records::ObjectMeta& customer = s.schema->Get("customer");
    std::string ts = FormatUtc(now);
    int64_t me = s.access.user_id;

    store::Transaction tx = s.db.Write();
    PoolRow pool = RequireUsablePool(*tx, s.access, pool_id);
    if (!pool.settings.enabled) {
        throw Error(ErrorCode::kConflict, {"该公海已停用", "This pool is disabled"});
    }
    // Taking the caller's claimer row first serializes one person's claims on databases with
    // concurrent writers (PostgreSQL row lock), so the count below cannot be raced; SQLite has
    // one writer anyway.
    tx->Execute(
        "INSERT INTO pool_claimers (pool_id, user_id, claims, last_claim_at) VALUES (?, ?, 0, ?) "
        "ON CONFLICT (pool_id, user_id) DO UPDATE SET last_claim_at = excluded.last_claim_at",
        {pool_id, me, ts}
    );
    int64_t held = HeldFromPool(*tx, pool_id, me);
    int64_t limit = pool.settings.claim_limit;
    if (limit > 0 && held + static_cast<int64_t>(ids.size()) > limit) {
        int64_t left = std::max<int64_t>(0, limit - held);
        throw Error(
            ErrorCode::kValidationFailed,
            {fmt::format(
                 "已达领取上限：该公海每人最多持有 {} 个客户，你已持有 {} 个，还可领取 {} 个", limit, held, left
             ),
             fmt::format(
                 "Claim limit reached: at most {} customers of this pool per person; you hold {}, {} more allowed",
                 limit,
                 held,
                 left
             )},
            std::vector<FieldError>{
                {"ids",
                 "claim_limit",
                 {fmt::format("最多还可领取 {} 个", left), fmt::format("You may claim {} more", left)}}}
        );
    }
    store::Value department = MainDepartmentOf(*tx, me);
    json::array claimed;
    for (int64_t id : ids) {
        std::optional<CustomerState> c = LoadCustomerState(*tx, id);
        if (!c || c->pool_id != pool_id) ThrowNotInPool();
        if (c->owner_id) ThrowAlreadyClaimed(c->name);
        if (pool.settings.cooldown_days > 0 && c->previous_owner_id == me && !c->returned_at.empty()) {
            std::optional<TimePoint> returned = ParseIsoTime(c->returned_at);
            TimePoint free_at = returned.value_or(now) + std::chrono::hours(24 * pool.settings.cooldown_days);
            if (now < free_at) {
                std::string when = LocalDate(free_at);
                throw Error(
                    ErrorCode::kValidationFailed,
                    {fmt::format(
                         "「{}」是你退回的客户，{} 天内不能再次领取（{} 后可领取）",
                         c->name,
                         pool.settings.cooldown_days,
                         when
                     ),
                     fmt::format(
                         "You returned \"{}\"; you may claim it again after {} days ({} China time)",
                         c->name,
                         pool.settings.cooldown_days,
                         when
                     )},
                    std::vector<FieldError>{{"ids", "cooldown", {"冷却期内不能领取", "Still in the cooldown period"}}}
                );
            }
        }
        FieldValues changes{
            {"owner_id", store::Value(me)},
            {"department_id", department},
            {"claimed_at", store::Value(ts)},
        };
        // The one decisive statement: of two claims at once, only one finds the owner still empty.
        if (!MoveCustomer(*tx, customer, *c, changes, me, now, "owner_id IS NULL AND pool_id = ?", {pool_id})) {
            ThrowAlreadyClaimed(c->name);
        }
        claimed.push_back(id);
    }
    tx->Execute(
        "UPDATE pool_claimers SET claims = claims + ? WHERE pool_id = ? AND user_id = ?",
        {static_cast<int64_t>(claimed.size()), pool_id, me}
    );
    tx.Commit();
    return json::object{
        {"claimed", std::move(claimed)},
        {"held", held + static_cast<int64_t>(ids.size())},
        {"claim_limit", limit},
    };
}

json::object AssignCustomers(
    records::RecordScope& s, int64_t pool_id, const std::vector<int64_t>& ids, int64_t owner_id, TimePoint now
) {
    if (!s.access.Can("customer", "assign")) ThrowForbidden();
    CheckIds(ids);
    const records::ObjectMeta& customer = s.schema->Get("customer");
    std::string ts = FormatUtc(now);

    store::Transaction tx = s.db.Write();
    PoolRow pool = RequireUsablePool(*tx, s.access, pool_id);
    store::Rows target = tx->Query("SELECT status, main_department_id, name FROM users WHERE id = ?", {owner_id});
    if (target.empty() || target.front().Text(0) != "active") {
        ThrowFieldError("owner_id", "invalid_user", {"接收人不是有效的员工", "The receiver is not an active user"});
    }
    // The receiver must be someone the pool serves: assigning hands over what they could claim.
    std::vector<int64_t> departments;
    for (const store::Row& r : tx->Query("SELECT department_id FROM user_departments WHERE user_id = ?", {owner_id}))
        departments.push_back(r.Int(0));
    if (departments.empty() && !target.front().IsNull(1)) departments.push_back(target.front().Int(1));
    std::vector<int64_t> open = PoolsOpenTo(*tx, departments);
    bool receiver_admin = tx->QueryValue("SELECT 1 FROM users WHERE id = ? AND is_admin = 1", {owner_id}).has_value();
    if (!receiver_admin && std::find(open.begin(), open.end(), pool_id) == open.end()) {
        ThrowFieldError(
            "owner_id", "not_in_pool", {"接收人不在该公海的适用部门中", "This pool is not open to the receiver"}
        );
    }
    store::Value department = target.front()[1];
    json::array assigned;
    for (int64_t id : ids) {
        std::optional<CustomerState> c = LoadCustomerState(*tx, id);
        if (!c || c->pool_id != pool_id) ThrowNotInPool();
        if (c->owner_id) ThrowAlreadyClaimed(c->name);
        FieldValues changes{
            {"owner_id", store::Value(owner_id)},
            {"department_id", department},
            {"claimed_at", store::Value(ts)},
        };
        if (!MoveCustomer(
                *tx, customer, *c, changes, s.access.user_id, now, "owner_id IS NULL AND pool_id = ?", {pool_id}
            )) {
            ThrowAlreadyClaimed(c->name);
        }
        if (owner_id != s.access.user_id) {
            NotifyAssigned(*tx, owner_id, c->id, c->name, pool.settings.name, now);
        }
        assigned.push_back(id);
    }
    tx.Commit();
    return json::object{{"assigned", std::move(assigned)}, {"owner_id", owner_id}};
}

json::object ReturnCustomer(
    records::RecordService& service,
    records::RecordScope& s,
    int64_t customer_id,
    int64_t pool_id,
    const std::string& reason,
    TimePoint now
) {
    if (!s.access.Can("customer", "return")) ThrowForbidden();
    const records::ObjectMeta& customer = s.schema->Get("customer");
    store::Transaction tx = s.db.Write();
    // Only someone who may change the customer returns it (404 outside the scope, 403 read-only).
    service.RequireRecord(*tx, s, "customer", customer_id, records::Action::kUpdate);
    std::optional<CustomerState> c = LoadCustomerState(*tx, customer_id);
    if (!c) ThrowNotFound();
    if (!c->owner_id) {
        throw Error(ErrorCode::kConflict, {"该客户已在公海中", "This customer is already in a pool"});
    }
    if (pool_id == 0) {
        if (c->pool_id && CanUsePool(s.access, *c->pool_id) && FindPool(*tx, *c->pool_id)) {
            pool_id = *c->pool_id;
        } else if (!PoolsOf(s.access).empty()) {
            pool_id = PoolsOf(s.access).front();
        } else {
            ThrowFieldError("pool_id", "required", {"请选择公海", "Choose a pool"});
        }
    }
    std::optional<PoolRow> pool = FindPool(*tx, pool_id);
    if (!pool || !CanUsePool(s.access, pool_id)) {
        ThrowFieldError("pool_id", "invalid", {"公海不存在或无权使用", "No such pool, or it is not open to you"});
    }
    if (!pool->settings.enabled) ThrowFieldError("pool_id", "disabled", {"该公海已停用", "This pool is disabled"});
    if (reason.empty()) ThrowFieldError("reason", "required", {"请选择退回原因", "Choose a reason"});
    if (!tx->QueryValue(
            "SELECT 1 FROM picklist_options WHERE picklist = 'pool_return_reason' AND value = ? AND disabled = 0",
            {reason}
        )) {
        ThrowFieldError("reason", "invalid", {"退回原因不在数据字典中", "Not a reason of the data dictionary"});
    }
    std::string ts = FormatUtc(now);
    FieldValues changes{
        {"owner_id", store::Value()},
        {"department_id", store::Value()},
        {"pool_id", store::Value(pool_id)},
        {"previous_owner_id", store::Value(*c->owner_id)},
        {"returned_at", store::Value(ts)},
        {"return_reason", store::Value(reason)},
        {"claimed_at", store::Value()},
    };
    if (!MoveCustomer(*tx, customer, *c, changes, s.access.user_id, now, "owner_id = ?", {*c->owner_id})) {
        throw Error(
            ErrorCode::kConflict,
            {"该记录已被他人修改，请刷新后重试", "Someone else changed this record; reload and try again"}
        );
    }
    tx->Execute("DELETE FROM pool_return_notices WHERE customer_id = ?", {customer_id});
    tx.Commit();
    return json::object{{"id", customer_id}, {"pool_id", pool_id}, {"reason", reason}, {"returned_at", ts}};
}

json::array MyHoldings(records::RecordScope& s) {
    store::Reader r = s.db.Read();
    json::array out;
    for (const PoolRow& p : ListPools(*r)) {
        if (!p.settings.enabled || !CanUsePool(s.access, p.id)) continue;
        int64_t held = HeldFromPool(*r, p.id, s.access.user_id);
        int64_t limit = p.settings.claim_limit;
        out.push_back(json::object{
            {"pool_id", p.id},
            {"name", p.settings.name},
            {"held", held},
            {"claim_limit", limit},
            {"remaining", limit > 0 ? json::value(std::max<int64_t>(0, limit - held)) : json::value(nullptr)},
        });
    }
    return out;
}

std::map<int64_t, int64_t> WaitingCounts(store::Connection& conn) {
    std::map<int64_t, int64_t> out;
    for (const store::Row& r :
         conn.Query("SELECT pool_id, COUNT(*) FROM obj_customer WHERE owner_id IS NULL AND pool_id IS NOT NULL AND "
                    "deleted_at IS NULL GROUP BY pool_id")) {
        out[r.Int(0)] = r.Int(1);
    }
    return out;
}

}  // namespace xieli::pool
