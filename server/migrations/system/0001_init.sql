-- The directory shared by every enterprise: who the enterprises are, how a person signs in to each, and the
-- sessions and sign-in history. Times are ISO-8601 UTC text ('2024-05-01T08:30:00Z').

-- AUTOINCREMENT: an id is never reused, even after the newest enterprise is removed, because tenants/<id>.db
-- is named after it and a reused id would open the old enterprise's file.
CREATE TABLE tenants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    created_at TEXT NOT NULL
);

-- One row per person per enterprise; user_id is the users.id inside that enterprise's own database.
CREATE TABLE logins (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    user_id INTEGER NOT NULL,
    phone TEXT,
    email TEXT,
    password_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_count INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, user_id)
);
CREATE UNIQUE INDEX logins_tenant_phone ON logins (tenant_id, phone);
CREATE UNIQUE INDEX logins_tenant_email ON logins (tenant_id, email);
-- Sign-in looks a phone or e-mail up across all enterprises to offer the ones the person belongs to.
CREATE INDEX logins_phone ON logins (phone);
CREATE INDEX logins_email ON logins (email);

-- Only a hash of the token is kept, so a copy of this file does not let anyone sign in.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    tenant_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT,
    revoked_at TEXT
);
CREATE INDEX sessions_tenant_user ON sessions (tenant_id, user_id);

-- Every attempt, failed ones included, for the security log and rate limiting; login is what was typed.
CREATE TABLE signin_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    login TEXT,
    tenant_id INTEGER,
    user_id INTEGER,
    ip TEXT,
    user_agent TEXT,
    success INTEGER NOT NULL,
    reason TEXT
);
CREATE INDEX signin_log_tenant_at ON signin_log (tenant_id, at);
