-- What a scheduled job's run did (jobs/scheduler.h JobResult): a small JSON object of counts the
-- handler returned, e.g. {"purged": 12, "kept_referenced": 1}; NULL when it had nothing to say or
-- the attempt failed. Shown per run on 定时任务 (GET /api/v1/admin/jobs).

ALTER TABLE job_runs ADD COLUMN result TEXT;
