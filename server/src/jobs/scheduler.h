#pragma once

// The scheduler for timed work (ARCHITECTURE.md "Jobs"): persisted jobs per enterprise, recurring
// (cron-like) and one-shot, run by one thread per server process.
//
// STABLE API — other modules build on it; extend, do not change:
//
//   // At start-up, before Start(): a recurring job that runs for every enterprise.
//   scheduler.Register("pool.auto_return", "0 2 * * *",            // 02:00 China time, daily
//                      [](jobs::TenantContext& t, TimePoint now) { ... work on t.db ... });
//   // It may return what it did (JobResult, kept on the run): return jobs::JobResult{{"returned", 7}};
//   scheduler.Register("reminders.scan", "@every 5m", handler);
//
//   // A kind of one-shot job, and queueing one inside the caller's write transaction (so it is
//   // queued if and only if the caller's change commits):
//   scheduler.RegisterOnce("webhook.retry", [](jobs::TenantContext& t, TimePoint now) {
//       const json::object& p = t.params; ...
//   });
//   jobs::ScheduleOnce(tx, "webhook.retry", at, params);
//
// Specs: five cron fields "minute hour day-of-month month day-of-week" evaluated in China Standard
// Time (UTC+8, no daylight saving), with *, lists (1,15), ranges (1-5), steps (*/10, 0-30/5);
// or "@every <n>s|m|h|d" (measured from the previous run). Day-of-week 0 and 7 are Sunday.
//
// Guarantees:
// - Persisted: every job is a row of its enterprise's scheduled_jobs table; nothing is lost across
//   a restart or a crash. A recurring job's next run is kept there too, so a run missed while the
//   server was down happens once at start-up (not once per missed slot).
// - One runner: a job is leased (lease_owner, lease_until) in a write transaction before it runs,
//   so when several processes share a database only one runs it. A process that dies mid-run
//   leaves its lease to expire (SchedulerOptions::lease); then another process (or the restarted
//   one) runs the job again. Handlers must therefore be idempotent or tolerate a repeat after a
//   crash: at-least-once, exactly-once in every run without a crash.
// - Retries: a handler that throws is retried with exponential backoff (retry_base × 2^(attempt-1),
//   capped at retry_max) up to max_attempts; then a one-shot job is marked failed, and a recurring
//   one waits for its next regular time. Every attempt is a row of job_runs (GET /api/v1/admin/jobs),
//   with the handler's JobResult when it succeeded.
// - Time comes from the Clock: tests move it (the server's --test-clock flag) instead of sleeping.
// - Handlers run on the scheduler's thread, never on HTTP workers; they open their own
//   transactions on TenantContext::db.

#include <atomic>
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "store/database.h"
#include "store/store.h"

namespace xieli::jobs {

// What a handler sees: the enterprise it runs for, and for one-shot jobs the params they were
// queued with.
struct TenantContext {
    int64_t tenant_id = 0;
    store::Database& db;
    std::string job_name;  // the recurring job's name or the one-shot job's kind
    int64_t job_id = 0;    // the scheduled_jobs row
    int attempt = 1;       // 1 for the first try
    json::object params;   // one-shot jobs: what ScheduleOnce was given; recurring: empty
};

// What a run has to say, kept on its row of job_runs and shown on 定时任务 (GET /api/v1/admin/jobs):
// a few counts such as {"purged": 12, "kept_referenced": 1}. Empty: nothing to say (stored as NULL).
using JobResult = json::object;

// Does the work and returns its result; throws to fail the attempt (an Error's English message or
// what() is logged in the run history, and the attempt keeps no result). A handler with nothing to
// say may return void:
//   scheduler.Register("x", spec, [](TenantContext& t, TimePoint now) { return JobResult{{"sent", 3}}; });
//   scheduler.Register("y", spec, [](TenantContext& t, TimePoint now) { ... });
class JobHandler {
public:
    JobHandler() = default;
    template <typename F>
    requires(!std::same_as<F, JobHandler> && std::invocable<F&, TenantContext&, TimePoint>)
        JobHandler(F f) {  // NOLINT(google-explicit-constructor): lambdas convert as they did to std::function
        if constexpr (std::is_void_v<std::invoke_result_t<F&, TenantContext&, TimePoint>>) {
            fn_ = [f = std::move(f)](TenantContext& t, TimePoint now) mutable {
                f(t, now);
                return JobResult{};
            };
        } else {
            fn_ = std::move(f);
        }
    }
    JobResult operator()(TenantContext& t, TimePoint now) const { return fn_(t, now); }
    explicit operator bool() const { return static_cast<bool>(fn_); }

private:
    std::function<JobResult(TenantContext&, TimePoint)> fn_;
};

struct RetryPolicy {
    int max_attempts = 5;
    std::chrono::seconds retry_base{30};
    std::chrono::seconds retry_max{3600};
};

struct SchedulerOptions {
    // How long a run may take before another process may take the job over.
    std::chrono::seconds lease{300};
    // How often the thread looks for due jobs when nothing wakes it (real time, not the Clock).
    std::chrono::milliseconds poll{1000};
    // Run history kept per job.
    int keep_runs = 50;
};

// A parsed spec: five cron fields, or a fixed interval.
class Schedule {
public:
    // nullopt when the spec is malformed.
    static std::optional<Schedule> Parse(std::string_view spec);
    // The first time strictly after `after` that the schedule fires (whole minutes for cron).
    TimePoint Next(TimePoint after) const;

private:
    std::chrono::seconds every_{0};  // > 0: "@every"
    std::set<int> minutes_, hours_, days_, months_, weekdays_;
    bool any_day_ = true, any_weekday_ = true;  // cron's OR rule when both are restricted
};

// Queues a one-shot job of a registered kind inside the caller's transaction; returns its id.
// With a non-empty `dedupe_key`, a job of the same kind and key that has not run yet is reused
// (its time moved to `at`) instead of queueing a second one.
int64_t ScheduleOnce(
    store::Connection& tx,
    std::string_view kind,
    TimePoint at,
    const json::object& params,
    std::string_view dedupe_key = {}
);

class Scheduler {
public:
    Scheduler(store::Store& store, const Clock& clock, SchedulerOptions options = {});
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Before Start(). Throws std::invalid_argument on a malformed spec or a duplicate name.
    void Register(std::string name, std::string spec, JobHandler handler, RetryPolicy retry = {});
    void RegisterOnce(std::string kind, JobHandler handler, RetryPolicy retry = {});

    void Start();
    // Waits for a running handler to finish, then stops the thread.
    void Stop();
    // Makes the thread look for due jobs now (after the test clock moved, after ScheduleOnce).
    void Wake();

    // Runs every job due at the clock's now, for every enterprise, on the calling thread; returns
    // how many runs happened (tests; the thread calls it too).
    int RunDue();
    // The same for one enterprise.
    int RunDueFor(int64_t tenant_id, store::Database& db);

    const std::string& runner_id() const { return runner_id_; }
    const Clock& clock() const { return clock_; }

private:
    struct Definition {
        std::string name;
        std::string spec;  // empty for one-shot kinds
        std::optional<Schedule> schedule;
        JobHandler handler;
        RetryPolicy retry;
    };
    void Loop();
    void SyncRecurring(int64_t tenant_id, store::Database& db);
    bool RunOne(int64_t tenant_id, store::Database& db, int64_t job_id);
    const Definition* Find(std::string_view name, bool recurring) const;

    store::Store& store_;
    const Clock& clock_;
    SchedulerOptions options_;
    std::string runner_id_;
    std::map<std::string, Definition, std::less<>> recurring_;
    std::map<std::string, Definition, std::less<>> once_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
    std::mutex run_mutex_;      // one RunDue at a time (the thread and tests)
    std::set<int64_t> synced_;  // enterprises whose recurring rows are up to date in this process
};

}  // namespace xieli::jobs
