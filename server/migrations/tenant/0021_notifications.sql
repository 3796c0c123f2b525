-- Notifications (modules/notify): one row per user per notification, the users' choices per kind,
-- the enterprise's SMTP settings and the log of every e-mail sent, and the cursor of the outbox
-- dispatcher (how far this enterprise's outbox has been delivered). Times are ISO-8601 UTC text.

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    body_zh TEXT NOT NULL DEFAULT '',
    body_en TEXT NOT NULL DEFAULT '',
    link_object TEXT,
    link_record_id INTEGER,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;

-- A missing row means the kind's defaults (in app on, e-mail as registered).
CREATE TABLE notification_preferences (
    user_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    in_app INTEGER NOT NULL,
    email INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- One row (id = 1) when configured. The password is kept for sending and never returned by the API.
CREATE TABLE smtp_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    tls TEXT NOT NULL,                        -- none | starttls | tls
    username TEXT,
    password TEXT,
    from_address TEXT NOT NULL,
    from_name TEXT,
    updated_by INTEGER,
    updated_at TEXT NOT NULL
);

CREATE TABLE email_log (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,                       -- a notification kind, or "smtp.test"
    notification_id INTEGER,
    status TEXT NOT NULL,                     -- sent | failed
    error TEXT,
    attempt INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX email_log_created ON email_log (id);

CREATE TABLE outbox_cursor (
    consumer TEXT PRIMARY KEY,                -- "dispatcher"
    last_id INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- What is in the outbox when this migration runs is history: the dispatcher starts after it.
INSERT INTO outbox_cursor (consumer, last_id, updated_at)
SELECT 'dispatcher', COALESCE(MAX(id), 0), strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM outbox;
