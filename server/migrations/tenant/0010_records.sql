-- The records engine (ARCHITECTURE.md "Metadata-driven records"): object and field metadata,
-- layouts, picklists, field history, the outbox, collaborators and autonumber counters.
-- The record tables themselves (obj_<object>) are created by the engine from metadata, the same
-- way for standard and custom objects.

CREATE TABLE meta_objects (
    name TEXT PRIMARY KEY,              -- API name: customer, c_vehicle
    table_name TEXT NOT NULL UNIQUE,    -- obj_customer
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    is_custom INTEGER NOT NULL DEFAULT 0,
    name_field TEXT NOT NULL DEFAULT 'name',  -- the field shown as the record's title and in lookups
    icon TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    definition_hash TEXT,               -- standard objects: the hash of the built-in definition last synced
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE meta_fields (
    object TEXT NOT NULL REFERENCES meta_objects(name),
    name TEXT NOT NULL,                 -- API name; custom fields start with c_
    column_name TEXT NOT NULL,
    type TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    help_zh TEXT,
    help_en TEXT,
    required INTEGER NOT NULL DEFAULT 0,
    is_unique INTEGER NOT NULL DEFAULT 0,
    default_value TEXT,                 -- JSON
    min_value REAL,
    max_value REAL,
    max_length INTEGER,
    picklist TEXT,                      -- select / multiselect
    lookup_object TEXT,                 -- lookup
    autonumber_format TEXT,             -- autonumber: KH-{yyyy}-{0000}
    formula TEXT,                       -- formula
    searchable INTEGER NOT NULL DEFAULT 0,
    is_custom INTEGER NOT NULL DEFAULT 0,
    is_system INTEGER NOT NULL DEFAULT 0,  -- id, owner_id … : not editable by admins
    read_only INTEGER NOT NULL DEFAULT 0,  -- set by rules, never by a client
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    deleted_at TEXT,                    -- a deleted custom field keeps its column until purged
    PRIMARY KEY (object, name)
);

CREATE TABLE meta_layouts (
    object TEXT NOT NULL REFERENCES meta_objects(name),
    kind TEXT NOT NULL,                 -- form | detail
    definition TEXT NOT NULL,           -- JSON: {"sections": [{"title_zh", "title_en", "fields": [...]}]}
    updated_at TEXT NOT NULL,
    PRIMARY KEY (object, kind)
);

CREATE TABLE picklists (
    name TEXT PRIMARY KEY,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    is_system INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE picklist_options (
    picklist TEXT NOT NULL REFERENCES picklists(name) ON DELETE CASCADE,
    value TEXT NOT NULL,                -- stored in records; never changes once used
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,  -- hidden from new choices, still shown on old records
    color TEXT,
    PRIMARY KEY (picklist, value)
);

CREATE TABLE field_history (
    id INTEGER PRIMARY KEY,
    object TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,                     -- JSON
    new_value TEXT,                     -- JSON
    actor_id INTEGER,
    at TEXT NOT NULL
);
CREATE INDEX field_history_record ON field_history (object, record_id, id);

-- Written in the same transaction as the change; dispatched after commit (ARCHITECTURE.md "Events").
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    object TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    operation TEXT NOT NULL,            -- create | update | delete | restore
    changed_fields TEXT,                -- JSON array
    actor_id INTEGER,
    at TEXT NOT NULL,
    dispatched_at TEXT
);
CREATE INDEX outbox_pending ON outbox (dispatched_at, id);

-- 联合跟进人: people who share a record with its owner.
CREATE TABLE record_collaborators (
    object TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    can_edit INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (object, record_id, user_id)
);
CREATE INDEX record_collaborators_user ON record_collaborators (user_id, object);

CREATE TABLE autonumber_counters (
    object TEXT NOT NULL,
    field TEXT NOT NULL,
    period TEXT NOT NULL,               -- the date part of the format ("2026"), or '' when none
    value INTEGER NOT NULL,
    PRIMARY KEY (object, field, period)
);
