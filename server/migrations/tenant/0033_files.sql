-- Uploaded files (附件 / 图片, modules/files): one row per upload, the bytes in the data directory
-- under files/<tenant>/<sha256> (the same bytes uploaded twice are kept once). Unlinked until a
-- record's file or image field takes the id; then object/record_id/field say where it belongs and
-- whoever may read that record and field may download it.

CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,    -- sniffed from the bytes, never the client's word
    uploaded_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    object TEXT,                   -- set when a record's field takes the file
    record_id INTEGER,
    field TEXT,
    linked_at TEXT
);
CREATE INDEX files_record ON files (object, record_id);
CREATE INDEX files_sha256 ON files (sha256);
CREATE INDEX files_uploader ON files (uploaded_by, record_id);
