-- Record ids are never given twice. SQLite gives a new row one more than the table's largest id,
-- so purging the newest record (回收站 → 彻底删除) would hand its id to the next one, and
-- notifications, feed items and links naming the old record would open the new one. A purge keeps
-- the purged id here; the next create of that table starts above it (records/record_service.cpp).
CREATE TABLE record_id_floors (
    table_name TEXT PRIMARY KEY,
    last_id INTEGER NOT NULL
);
