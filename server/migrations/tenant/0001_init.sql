-- One enterprise's organization: departments, users, roles and settings. Times are ISO-8601 UTC text.

CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES departments(id),
    name TEXT NOT NULL,
    -- No foreign key: users references departments, and a department is created before its head.
    head_user_id INTEGER,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX departments_parent ON departments (parent_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    position TEXT,
    main_department_id INTEGER REFERENCES departments(id),
    supervisor_id INTEGER REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'active',
    is_admin INTEGER NOT NULL DEFAULT 0,
    locale TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Data scopes walk these: a department's members and a supervisor's reports.
CREATE INDEX users_main_department ON users (main_department_id);
CREATE INDEX users_supervisor ON users (supervisor_id);

CREATE TABLE user_departments (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, department_id)
);
CREATE INDEX user_departments_department ON user_departments (department_id);

CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    code TEXT UNIQUE,
    name TEXT NOT NULL,
    description TEXT,
    permissions TEXT NOT NULL DEFAULT '{}',
    is_system INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles (role_id);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
