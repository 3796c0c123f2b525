-- Reminder rules (提醒规则, modules/pool/reminder_rules.cpp): what to watch, how many days, who
-- hears; and every reminder sent, keyed by its event so each event is reminded once.

CREATE TABLE reminder_rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,            -- customer_no_followup | customer_no_deal | followup_due |
                                   -- contract_expiring | payment_due | payment_overdue
    days INTEGER NOT NULL,
    notify_supervisor INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_run_at TEXT
);

CREATE TABLE reminder_deliveries (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL REFERENCES reminder_rules(id) ON DELETE CASCADE,
    object TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    event_key TEXT NOT NULL,       -- what makes the event: the last follow-up time, the due date …
    owner_id INTEGER,
    supervisor_id INTEGER,
    fired_at TEXT NOT NULL
);
CREATE UNIQUE INDEX reminder_deliveries_event ON reminder_deliveries (rule_id, object, record_id, event_key);
CREATE INDEX reminder_deliveries_rule ON reminder_deliveries (rule_id, id);
