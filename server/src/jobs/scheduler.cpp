#include "jobs/scheduler.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "common/crypto.h"
#include "common/error.h"

namespace xieli::jobs {

namespace {

std::string ErrorText(const std::exception& e) {
    if (const auto* err = dynamic_cast<const Error*>(&e)) {
        return err->internal().empty() ? err->message().en : err->internal();
    }
    return e.what();
}

std::chrono::seconds Backoff(const RetryPolicy& retry, int failed_attempts) {
    auto wait = retry.retry_base;
    for (int i = 1; i < failed_attempts && wait < retry.retry_max; ++i) wait *= 2;
    return std::min(wait, retry.retry_max);
}

}  // namespace

int64_t ScheduleOnce(
    store::Connection& tx, std::string_view kind, TimePoint at, const json::object& params, std::string_view dedupe_key
) {
    std::string when = FormatUtc(at);
    std::string params_text = ToJsonText(params);
    if (!dedupe_key.empty()) {
        auto existing = tx.QueryValue(
            "SELECT id FROM scheduled_jobs WHERE name = ? AND dedupe_key = ? AND status = 'scheduled' AND recurring = "
            "0",
            {kind, dedupe_key}
        );
        if (existing) {
            int64_t id = existing->AsInt();
            tx.Execute(
                "UPDATE scheduled_jobs SET next_run_at = ?, params = ?, updated_at = ? WHERE id = ?",
                {when, params_text, when, id}
            );
            return id;
        }
    }
    store::Value key = dedupe_key.empty() ? store::Value() : store::Value(dedupe_key);
    store::Rows rows = tx.Query(
        "INSERT INTO scheduled_jobs (name, recurring, params, dedupe_key, next_run_at, created_at, updated_at) "
        "VALUES (?, 0, ?, ?, ?, ?, ?) RETURNING id",
        {kind, params_text, key, when, when, when}
    );
    return rows.front().Int(0);
}

Scheduler::Scheduler(store::Store& store, const Clock& clock, SchedulerOptions options)
    : store_(store), clock_(clock), options_(options), runner_id_(crypto::RandomHex(8)) {}

Scheduler::~Scheduler() {
    Stop();
}

void Scheduler::Register(std::string name, std::string spec, JobHandler handler, RetryPolicy retry) {
    std::optional<Schedule> schedule = Schedule::Parse(spec);
    if (!schedule) throw std::invalid_argument("scheduler: malformed spec '" + spec + "' for " + name);
    if (recurring_.count(name) || once_.count(name)) throw std::invalid_argument("scheduler: duplicate job " + name);
    Definition d{name, std::move(spec), schedule, std::move(handler), retry};
    recurring_.emplace(std::move(name), std::move(d));
}

void Scheduler::RegisterOnce(std::string kind, JobHandler handler, RetryPolicy retry) {
    if (recurring_.count(kind) || once_.count(kind)) throw std::invalid_argument("scheduler: duplicate job " + kind);
    Definition d{kind, {}, std::nullopt, std::move(handler), retry};
    once_.emplace(std::move(kind), std::move(d));
}

const Scheduler::Definition* Scheduler::Find(std::string_view name, bool recurring) const {
    const auto& defs = recurring ? recurring_ : once_;
    auto it = defs.find(name);
    return it == defs.end() ? nullptr : &it->second;
}

void Scheduler::Start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        woken_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Scheduler::Wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void Scheduler::Loop() {
    while (!stopping_) {
        try {
            RunDue();
        } catch (const std::exception& e) {
            spdlog::error("scheduler: {}", e.what());
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, options_.poll, [this] { return woken_ || stopping_.load(); });
        woken_ = false;
    }
}

int Scheduler::RunDue() {
    std::lock_guard run_lock(run_mutex_);
    std::vector<int64_t> tenants;
    {
        store::Reader r = store_.System().Read();
        for (const store::Row& row : r->Query("SELECT id FROM tenants WHERE status = 'active' ORDER BY id")) {
            tenants.push_back(row.Int(0));
        }
    }
    int runs = 0;
    for (int64_t tenant_id : tenants) {
        if (stopping_) break;
        try {
            runs += RunDueFor(tenant_id, store_.Tenant(tenant_id));
        } catch (const std::exception& e) {
            spdlog::error("scheduler: enterprise {}: {}", tenant_id, e.what());
        }
    }
    return runs;
}

void Scheduler::SyncRecurring(int64_t tenant_id, store::Database& db) {
    if (synced_.count(tenant_id)) return;
    TimePoint now = clock_.Now();
    std::string now_text = FormatUtc(now);
    store::Transaction tx = db.Write();
    for (const auto& [name, def] : recurring_) {
        store::Rows rows = tx->Query("SELECT id, spec FROM scheduled_jobs WHERE recurring = 1 AND name = ?", {name});
        std::string next = FormatUtc(def.schedule->Next(now));
        if (rows.empty()) {
            tx->Execute(
                "INSERT INTO scheduled_jobs (name, recurring, spec, next_run_at, created_at, updated_at) "
                "VALUES (?, 1, ?, ?, ?, ?)",
                {name, def.spec, next, now_text, now_text}
            );
        } else if (rows.front().Text(1) != def.spec) {
            // The code changed the schedule: the next run follows the new one.
            tx->Execute(
                "UPDATE scheduled_jobs SET spec = ?, next_run_at = ?, attempt = 0, status = 'scheduled', "
                "updated_at = ? WHERE id = ?",
                {def.spec, next, now_text, rows.front().Int(0)}
            );
        }
    }
    tx.Commit();
    synced_.insert(tenant_id);
}

int Scheduler::RunDueFor(int64_t tenant_id, store::Database& db) {
    SyncRecurring(tenant_id, db);
    std::string now_text = FormatUtc(clock_.Now());
    std::vector<int64_t> due;
    {
        store::Reader r = db.Read();
        for (const store::Row& row : r->Query(
                 "SELECT id FROM scheduled_jobs WHERE status = 'scheduled' AND next_run_at <= ? "
                 "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_run_at, id LIMIT 200",
                 {now_text, now_text}
             )) {
            due.push_back(row.Int(0));
        }
    }
    int runs = 0;
    for (int64_t id : due) {
        if (stopping_) break;
        if (RunOne(tenant_id, db, id)) ++runs;
    }
    return runs;
}

bool Scheduler::RunOne(int64_t tenant_id, store::Database& db, int64_t job_id) {
    TimePoint now = clock_.Now();
    std::string now_text = FormatUtc(now);
    std::string name;
    bool recurring = false;
    int attempt = 0;
    json::object params;
    int64_t run_id = 0;
    const Definition* def = nullptr;
    {
        // Take the lease; another process that got there first wins and we skip the job.
        store::Transaction tx = db.Write();
        store::Rows rows = tx->Query(
            "SELECT name, recurring, params, attempt, lease_owner FROM scheduled_jobs WHERE id = ? AND status = "
            "'scheduled' AND next_run_at <= ? AND (lease_until IS NULL OR lease_until <= ?)",
            {job_id, now_text, now_text}
        );
        if (rows.empty()) return false;
        const store::Row& row = rows.front();
        name = row.Text(0);
        recurring = row.Int(1) != 0;
        def = Find(name, recurring);
        if (!def) return false;  // registered by a newer build, or no longer: left alone
        attempt = static_cast<int>(row.Int(3)) + 1;
        if (!recurring) {
            json::value p = ParseJson(row.Text(2));
            if (p.is_object()) params = std::move(p.as_object());
        }
        if (!row.IsNull(4)) {
            // A lease that ran out: the process holding it died mid-run.
            tx->Execute(
                "UPDATE job_runs SET status = 'failed', error = 'interrupted (the server stopped during the run)', "
                "finished_at = ? WHERE job_id = ? AND status = 'running'",
                {now_text, job_id}
            );
        }
        tx->Execute(
            "UPDATE scheduled_jobs SET lease_owner = ?, lease_until = ?, updated_at = ? WHERE id = ?",
            {runner_id_, FormatUtc(now + options_.lease), now_text, job_id}
        );
        run_id = tx->Query(
                       "INSERT INTO job_runs (job_id, name, attempt, runner, started_at, status) VALUES (?, ?, ?, ?, "
                       "?, 'running') RETURNING id",
                       {job_id, name, attempt, runner_id_, now_text}
        )
                     .front()
                     .Int(0);
        tx.Commit();
    }

    std::string error;
    JobResult result;
    try {
        TenantContext context{tenant_id, db, name, job_id, attempt, std::move(params)};
        result = def->handler(context, now);
    } catch (const std::exception& e) {
        error = ErrorText(e);
        if (error.empty()) error = "failed";
    } catch (...) {
        error = "failed with a non-standard exception";
    }

    TimePoint done = clock_.Now();
    std::string done_text = FormatUtc(done);
    store::Transaction tx = db.Write();
    std::string status = "scheduled";
    std::string next = now_text;
    int kept_attempt = 0;
    if (error.empty()) {
        if (recurring) {
            next = FormatUtc(def->schedule->Next(std::max(now, done)));
        } else {
            status = "done";
        }
    } else if (attempt < def->retry.max_attempts) {
        kept_attempt = attempt;
        next = FormatUtc(done + Backoff(def->retry, attempt));
    } else if (recurring) {
        next = FormatUtc(def->schedule->Next(std::max(now, done)));  // this occurrence is given up
    } else {
        status = "failed";
    }
    if (!error.empty()) spdlog::warn("scheduler: {} (enterprise {}, attempt {}): {}", name, tenant_id, attempt, error);
    tx->Execute(
        "UPDATE scheduled_jobs SET status = ?, next_run_at = ?, attempt = ?, lease_owner = NULL, lease_until = NULL, "
        "last_run_at = ?, last_status = ?, last_error = ?, updated_at = ? WHERE id = ?",
        {status,
         next,
         kept_attempt,
         now_text,
         error.empty() ? "succeeded" : "failed",
         error.empty() ? store::Value() : store::Value(error),
         done_text,
         job_id}
    );
    // A failed attempt keeps no result: what it did before throwing was rolled back or is partial.
    bool has_result = error.empty() && !result.empty();
    tx->Execute(
        "UPDATE job_runs SET status = ?, error = ?, result = ?, finished_at = ? WHERE id = ?",
        {error.empty() ? "succeeded" : "failed",
         error.empty() ? store::Value() : store::Value(error),
         has_result ? store::Value(ToJsonText(result)) : store::Value(),
         done_text,
         run_id}
    );
    tx->Execute(
        "DELETE FROM job_runs WHERE job_id = ? AND id <= (SELECT id FROM job_runs WHERE job_id = ? ORDER BY id DESC "
        "LIMIT 1 OFFSET ?)",
        {job_id, job_id, options_.keep_runs}
    );
    tx.Commit();
    return true;
}

}  // namespace xieli::jobs
