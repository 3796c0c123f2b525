-- Public pools (公海, modules/pool): several pools, each open to chosen departments (and the
-- departments below them) or to everyone, with its own claim limit, auto-return rules and the
-- cooldown before a former owner may claim a customer again. A customer is in a pool while its
-- owner_id is empty and its pool_id names the pool (fields of the customer object).

CREATE TABLE pools (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    all_departments INTEGER NOT NULL DEFAULT 0,  -- 1: open to everyone; else pool_departments
    claim_limit INTEGER NOT NULL DEFAULT 0,      -- customers of this pool one person may hold; 0: no limit
    no_followup_days INTEGER NOT NULL DEFAULT 0, -- auto-return after this many days without a follow-up; 0: off
    no_deal_days INTEGER NOT NULL DEFAULT 0,     -- auto-return after this many days without a won deal; 0: off
    cooldown_days INTEGER NOT NULL DEFAULT 0,    -- the former owner may not claim again for this many days
    notice_days INTEGER NOT NULL DEFAULT 0,      -- tell the owner this many days before an auto-return; 0: no notice
    enabled INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE pool_departments (
    pool_id INTEGER NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL,
    PRIMARY KEY (pool_id, department_id)
);
CREATE INDEX pool_departments_department ON pool_departments (department_id);

-- One row per person and pool that ever claimed: the claim takes this row first (an upsert), so on
-- PostgreSQL two claims of the same person serialize and the limit count cannot be raced.
CREATE TABLE pool_claimers (
    pool_id INTEGER NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    claims INTEGER NOT NULL DEFAULT 0,
    last_claim_at TEXT NOT NULL,
    PRIMARY KEY (pool_id, user_id)
);

-- Every enterprise starts with one pool open to all (API.md: registration creates "the pool").
INSERT INTO pools (name, description, all_departments, claim_limit, no_followup_days, no_deal_days, cooldown_days,
                   notice_days, enabled, sort_order, created_at, updated_at)
VALUES ('公海', '', 1, 50, 0, 0, 0, 0, 1, 10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
