#include "jobs/jobs_routes.h"

#include "common/error.h"
#include "common/json.h"
#include "modules/org/admin_guard.h"

namespace xieli::jobs {

namespace {

json::value NullableText(const store::Row& r, size_t i) {
    return r.IsNull(i) ? json::value(nullptr) : json::value(r.Text(i));
}

// The run's JobResult, or null when it had none (or the stored text is not an object).
json::value ResultJson(const store::Row& r, size_t i) {
    if (r.IsNull(i)) return nullptr;
    json::value v = ParseStoredJson(r.Text(i));
    return v.is_object() ? v : json::value(nullptr);
}

json::object JobsJson(store::Connection& conn, int runs_per_job) {
    json::array jobs;
    for (const store::Row& r : conn.Query(
             "SELECT id, name, recurring, spec, status, next_run_at, attempt, lease_owner, lease_until, last_run_at, "
             "last_status, last_error, created_at FROM scheduled_jobs ORDER BY recurring DESC, id DESC LIMIT 200"
         )) {
        json::array runs;
        for (const store::Row& run : conn.Query(
                 "SELECT id, attempt, runner, started_at, finished_at, status, error, result FROM job_runs "
                 "WHERE job_id = ? ORDER BY id DESC LIMIT ?",
                 {r.Int(0), runs_per_job}
             )) {
            runs.push_back(json::object{
                {"id", run.Int(0)},
                {"attempt", run.Int(1)},
                {"runner", run.Text(2)},
                {"started_at", run.Text(3)},
                {"finished_at", NullableText(run, 4)},
                {"status", run.Text(5)},
                {"error", NullableText(run, 6)},
                {"result", ResultJson(run, 7)},
            });
        }
        jobs.push_back(json::object{
            {"id", r.Int(0)},
            {"name", r.Text(1)},
            {"recurring", r.Int(2) != 0},
            {"spec", NullableText(r, 3)},
            {"status", r.Text(4)},
            {"next_run_at", r.Text(5)},
            {"attempt", r.Int(6)},
            {"running", !r.IsNull(7)},
            {"lease_until", NullableText(r, 8)},
            {"last_run_at", NullableText(r, 9)},
            {"last_status", NullableText(r, 10)},
            {"last_error", NullableText(r, 11)},
            {"created_at", r.Text(12)},
            {"runs", std::move(runs)},
        });
    }
    return json::object{{"records", std::move(jobs)}};
}

}  // namespace

void RegisterJobsRoutes(http::Router& router, Scheduler&) {
    router.Add(http::Route{
        "GET",
        "/api/v1/admin/jobs",
        [](http::Context& c) {
            org::RequireAdmin(c, org::kAreaSystem);
            store::Reader r = c.TenantDb().Read();
            return http::Response::Json(200, JobsJson(*r, 10));
        },
        http::Access::kAuthenticated,
        "Scheduled jobs and their recent runs, each with what it did (result) (admin)",
        "admin"});
}

void RegisterTestClockRoute(http::Router& router, ShiftedClock& clock, Scheduler& scheduler) {
    router.Add(http::Route{
        "POST",
        "/api/v1/admin/test-clock",
        [&clock, &scheduler](http::Context& c) {
            org::RequireAdmin(c, org::kFullAdminOnly);
            json::object body = c.JsonBody();
            std::optional<int64_t> seconds;
            try {
                seconds = GetInt(body, "advance_seconds");
            } catch (const Error&) {
            }
            if (!seconds || *seconds < 0 || *seconds > 10LL * 365 * 86400) {
                ThrowValidation(
                    {{"advance_seconds", "invalid", {"应为非负整数秒", "must be a non-negative number of seconds"}}}
                );
            }
            clock.Advance(std::chrono::seconds(*seconds));
            scheduler.Wake();
            return http::Response::Json(
                200, json::object{{"now", FormatUtc(clock.Now())}, {"offset_seconds", clock.offset().count()}}
            );
        },
        http::Access::kAuthenticated,
        "Move the server's clock (only with --test-clock)",
        "admin"});
}

}  // namespace xieli::jobs
