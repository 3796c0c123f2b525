-- The pool's auto-return job (modules/pool/auto_return.cpp): advance notices already sent, so an
-- owner hears once per coming return (not every day), and the dictionary of return reasons.

CREATE TABLE pool_return_notices (
    customer_id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL,
    due_at TEXT NOT NULL,         -- when the customer will return; a follow-up moves it (a new notice)
    sent_at TEXT NOT NULL,
    PRIMARY KEY (customer_id, owner_id, due_at)
);

-- 退回原因: a picklist of the data dictionary, edited like any other (/api/v1/meta/picklists).
INSERT INTO picklists (name, label_zh, label_en, is_system, created_at)
VALUES ('pool_return_reason', '退回公海原因', 'Reason for returning to the pool', 1,
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
ON CONFLICT DO NOTHING;
INSERT INTO picklist_options (picklist, value, label_zh, label_en, sort_order) VALUES
    ('pool_return_reason', 'no_need', '客户无需求', 'No need', 10),
    ('pool_return_reason', 'no_contact', '联系不上', 'Cannot be reached', 20),
    ('pool_return_reason', 'no_budget', '暂无预算', 'No budget', 30),
    ('pool_return_reason', 'duplicate', '重复客户', 'Duplicate', 40),
    ('pool_return_reason', 'workload', '精力有限，交给他人跟进', 'Let someone else follow up', 50),
    ('pool_return_reason', 'auto', '系统自动收回', 'Returned automatically', 60),
    ('pool_return_reason', 'other', '其他', 'Other', 70)
ON CONFLICT DO NOTHING;
