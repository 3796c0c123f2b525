-- The scheduler (jobs/scheduler.h): recurring and one-shot jobs of this enterprise, with the lease
-- that keeps two server processes from running the same job, and the history of every attempt.
-- Times are ISO-8601 UTC text (sortable). jobs/ owns both tables.

CREATE TABLE scheduled_jobs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,                       -- recurring: the registered name; one-shot: its kind
    recurring INTEGER NOT NULL,               -- 1: runs on `spec` forever; 0: runs once
    spec TEXT,                                -- recurring: the cron spec it was registered with
    params TEXT NOT NULL DEFAULT '{}',        -- one-shot: JSON given to the handler
    dedupe_key TEXT,                          -- one-shot: at most one pending job per (name, key)
    status TEXT NOT NULL DEFAULT 'scheduled', -- scheduled | done | failed (one-shot only leave scheduled)
    next_run_at TEXT NOT NULL,                -- when it is due
    attempt INTEGER NOT NULL DEFAULT 0,       -- failed attempts of the current occurrence
    lease_owner TEXT,                         -- the process running it now
    lease_until TEXT,                         -- after this another process may take it over
    last_run_at TEXT,
    last_status TEXT,                         -- succeeded | failed
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX scheduled_jobs_recurring ON scheduled_jobs (name) WHERE recurring = 1;
CREATE UNIQUE INDEX scheduled_jobs_dedupe ON scheduled_jobs (name, dedupe_key)
    WHERE dedupe_key IS NOT NULL AND status = 'scheduled';
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (next_run_at) WHERE status = 'scheduled';

CREATE TABLE job_runs (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES scheduled_jobs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    runner TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,                         -- NULL: running, or cut off by a crash
    status TEXT NOT NULL,                     -- running | succeeded | failed
    error TEXT
);
CREATE INDEX job_runs_job ON job_runs (job_id, id);
