-- Sales pipelines and their stages (销售流程与阶段). A pipeline is an option of the picklist
-- opportunity_pipeline and a stage an option of opportunity_stage (so both are named, translated,
-- renamed and disabled in the data dictionary); this table says which stages a pipeline has, in
-- which order, with which win probability, and which of them end the deal.
CREATE TABLE sales_stages (
    pipeline TEXT NOT NULL,
    stage TEXT NOT NULL,
    probability INTEGER NOT NULL,       -- 0–100
    kind TEXT NOT NULL,                 -- open | won | lost
    sort_order INTEGER NOT NULL,
    PRIMARY KEY (pipeline, stage)
);
INSERT INTO sales_stages (pipeline, stage, probability, kind, sort_order) VALUES
    ('new', 'initial', 10, 'open', 10),
    ('new', 'needs', 30, 'open', 20),
    ('new', 'proposal', 50, 'open', 30),
    ('new', 'negotiation', 80, 'open', 40),
    ('new', 'won', 100, 'won', 1000),
    ('new', 'lost', 0, 'lost', 1010),
    ('repeat', 'needs', 40, 'open', 10),
    ('repeat', 'proposal', 60, 'open', 20),
    ('repeat', 'negotiation', 85, 'open', 30),
    ('repeat', 'won', 100, 'won', 1000),
    ('repeat', 'lost', 0, 'lost', 1010);

-- Every stage an opportunity went through: from, to, who, when, and how long it sat in the stage
-- it left (the kanban's "days in stage" and the funnel's conversion times).
CREATE TABLE opportunity_stage_history (
    id INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL,
    pipeline TEXT,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    actor_id INTEGER,
    at TEXT NOT NULL,
    days_in_stage REAL
);
CREATE INDEX opportunity_stage_history_opportunity ON opportunity_stage_history (opportunity_id, id);
CREATE INDEX opportunity_stage_history_at ON opportunity_stage_history (at);
