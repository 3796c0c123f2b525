-- Security (docs/api/org.md "Security"): two-factor sign-in, the admin console's re-authentication window,
-- and indexes for the enterprise-wide session and sign-in views.

-- TOTP (RFC 6238). totp_pending_secret holds a secret between setup and enable; totp_secret is set once the
-- user proved with a code that their app has it. Both are base32. totp_last_step is the last time step a
-- code was accepted for, so the same code cannot be used twice.
ALTER TABLE logins ADD COLUMN totp_secret TEXT;
ALTER TABLE logins ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE logins ADD COLUMN totp_enabled_at TEXT;
ALTER TABLE logins ADD COLUMN totp_last_step INTEGER;

-- When the session last used the admin console or proved its password (sign-in, POST /auth/reauth). NULL on
-- sessions from before this migration: their created_at stands in.
ALTER TABLE sessions ADD COLUMN admin_seen_at TEXT;

-- Admin views page newest first by id within one enterprise.
CREATE INDEX signin_log_tenant_id ON signin_log (tenant_id, id);
CREATE INDEX signin_log_tenant_user ON signin_log (tenant_id, user_id, id);
