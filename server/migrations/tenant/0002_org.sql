-- The organization as the admin console manages it (docs/api/org.md): account activation, unique sign-in
-- identities, sub-administrator areas, invitations and join requests.

-- When the person first had an account of their own: set on creation with a password the admin chose, on an
-- approved join request, and when a user created with a generated password replaces it. NULL with status
-- 'pending' means "not activated yet" (未激活); enabling a disabled user restores whichever it was.
ALTER TABLE users ADD COLUMN activated_at TEXT;
UPDATE users SET activated_at = created_at WHERE status = 'active';

-- Phone and e-mail sign a person in, so within one enterprise each belongs to one user (NULLs don't collide).
CREATE UNIQUE INDEX users_phone ON users (phone);
CREATE UNIQUE INDEX users_email ON users (email);

-- Sibling departments have different names (the service also compares them ignoring ASCII case); import
-- resolves "销售部/华东大区" by these names.
CREATE UNIQUE INDEX departments_parent_name ON departments (parent_id, name);

CREATE UNIQUE INDEX roles_name ON roles (name);

-- Sub-administrators: what a non-admin user may administer (system, crm, approvals, logs, announcements).
CREATE TABLE user_admin_areas (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    area TEXT NOT NULL,
    PRIMARY KEY (user_id, area)
);

-- A link an admin hands out. The token is "<enterprise code>.<random>" so the public join page finds the
-- enterprise; only a hash of it is kept. role_ids is a JSON array. phone / email, when set, are the only
-- identity that may use it.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    role_ids TEXT NOT NULL DEFAULT '[]',
    phone TEXT,
    email TEXT,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Someone who followed an invitation and waits for an admin. The department and roles are copied from the
-- invitation, which may be deleted meanwhile. password_hash (Argon2id) moves to the sign-in identity on
-- approval and is cleared once the request is decided.
CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    invitation_id INTEGER,
    department_id INTEGER,
    role_ids TEXT NOT NULL DEFAULT '[]',
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT,
    password_hash TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    user_id INTEGER,
    decided_by INTEGER,
    decided_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX join_requests_status ON join_requests (status, id);
CREATE INDEX join_requests_phone ON join_requests (phone);
