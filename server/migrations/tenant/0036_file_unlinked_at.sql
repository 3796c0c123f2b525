-- Files taken off a record (modules/files/file_removal.h): when a record's file or image field no
-- longer lists a file, its row is unlinked (object, record_id, field and linked_at cleared) and
-- unlinked_at says when. The daily clean-up (files.cleanup) counts its grace window from then, not
-- from the upload, so a file removed today is collected a day later like a fresh unused upload.

ALTER TABLE files ADD COLUMN unlinked_at TEXT;
