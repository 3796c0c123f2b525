#pragma once

// GET /api/v1/admin/jobs: the enterprise's scheduled jobs and their recent runs (administrators).
// POST /api/v1/admin/test-clock: moves the server's clock; registered only with --test-clock.

#include "http/router.h"
#include "jobs/scheduler.h"
#include "jobs/shifted_clock.h"

namespace xieli::jobs {

void RegisterJobsRoutes(http::Router& router, Scheduler& scheduler);
// Only for a server started with --test-clock.
void RegisterTestClockRoute(http::Router& router, ShiftedClock& clock, Scheduler& scheduler);

}  // namespace xieli::jobs
