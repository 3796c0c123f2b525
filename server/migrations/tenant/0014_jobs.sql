-- Background jobs (record imports and exports; later other one-shot work) and the spreadsheets
-- uploaded for imports. modules/data_io/ owns both tables. Times are ISO-8601 UTC text.

CREATE TABLE background_jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                       -- export | import
    object TEXT NOT NULL,                     -- the records' object
    status TEXT NOT NULL,                     -- queued | running | done | failed
    params TEXT NOT NULL,                     -- JSON: what was asked (format, filter, mapping …)
    progress_done INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0,
    result TEXT,                              -- JSON, when done
    error_code TEXT,                          -- when failed
    error_zh TEXT,
    error_en TEXT,
    file_path TEXT,                           -- the export file or the import's error list, under the data directory
    file_name TEXT,                           -- what the download is called
    file_type TEXT,                           -- its media type
    runner TEXT NOT NULL,                     -- the server process that queued it; another one means it was cut off
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
);
CREATE INDEX background_jobs_creator ON background_jobs (created_by, id);
CREATE INDEX background_jobs_open ON background_jobs (status) WHERE status IN ('queued', 'running');

CREATE TABLE import_uploads (
    id TEXT PRIMARY KEY,                      -- random and unguessable
    object TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    format TEXT NOT NULL,                     -- csv | xlsx: what was uploaded
    file_path TEXT NOT NULL,                  -- the rows as UTF-8 CSV, under the data directory
    header_row INTEGER NOT NULL,              -- the header's row number in the file (1-based)
    columns TEXT NOT NULL,                    -- JSON array of the header's names
    row_count INTEGER NOT NULL,               -- data rows, blank ones not counted
    size_bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX import_uploads_created ON import_uploads (created_at);
