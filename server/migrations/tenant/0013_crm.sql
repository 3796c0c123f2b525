-- CRM rules (server/src/modules/crm, docs/api/crm.md).

-- Normalized duplicate-check keys of every customer (live or in the recycle bin), kept by the
-- customer hooks in the same transaction as the record. obj_customer is created by the records
-- engine from metadata, so it cannot be referenced (or indexed) here; the keys live beside it.
-- name_key: trimmed, ASCII lower-cased, full-width brackets as half-width; phone_key: the digits
-- of the number without +86 (modules/crm/duplicate_check.h). NULL when the field is empty.
CREATE TABLE crm_customer_keys (
    customer_id INTEGER PRIMARY KEY,
    name_key TEXT,
    short_name_key TEXT,
    phone_key TEXT
);
CREATE INDEX crm_customer_keys_name ON crm_customer_keys (name_key);
CREATE INDEX crm_customer_keys_short_name ON crm_customer_keys (short_name_key);
CREATE INDEX crm_customer_keys_phone ON crm_customer_keys (phone_key);

-- Record timelines read a record's delete and restore events from the outbox.
CREATE INDEX outbox_record ON outbox (object, record_id, id);
