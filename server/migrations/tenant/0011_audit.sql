-- The operation log of administrative changes (DOMAIN.md "Data management": who did what, when).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    action TEXT NOT NULL,        -- handover, …
    target_type TEXT,
    target_id INTEGER,
    details TEXT                 -- JSON
);
CREATE INDEX audit_log_at ON audit_log (at);
