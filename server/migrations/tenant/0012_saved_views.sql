-- Saved list views: a named filter, sort and column choice per object. Personal by default; an
-- administrator may share one with everybody.
CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY,
    object TEXT NOT NULL,
    name TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    shared INTEGER NOT NULL DEFAULT 0,
    filter TEXT,                        -- JSON, the query language of API.md
    sort TEXT NOT NULL DEFAULT '[]',    -- JSON [{"field", "dir"}]
    columns TEXT NOT NULL DEFAULT '[]', -- JSON ["name", …]
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX saved_views_object ON saved_views (object, owner_id);
