-- Per-field limits of file and image fields (modules/files/file_limits.h): the largest file a field
-- takes, in MB (at most the server's --file-max-mb), and for file fields the kinds of file it
-- accepts (a JSON array of kinds: image, pdf, office, text, archive, media). No row: the server's
-- limit and any kind. Checked when a record's field takes an upload.

CREATE TABLE file_field_limits (
    object TEXT NOT NULL,
    field TEXT NOT NULL,
    max_size_mb INTEGER,
    accept TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (object, field)
);
