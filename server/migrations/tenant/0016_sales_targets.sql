-- Sales targets (销售目标): per person or per department, per month of a year, by one metric —
-- contract amount, payment amount (both in cents) or new customers (a count). Actuals are not
-- stored: modules/sales/targets.cpp sums the records with the caller's own data scope.
CREATE TABLE sales_targets (
    id INTEGER PRIMARY KEY,
    scope_type TEXT NOT NULL,           -- user | department
    scope_id INTEGER NOT NULL,          -- users.id or departments.id
    metric TEXT NOT NULL,               -- contract_amount | payment_amount | new_customers
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,             -- 1–12
    target INTEGER NOT NULL,            -- cents for amounts, a count for new customers
    updated_by INTEGER,
    updated_at TEXT NOT NULL,
    UNIQUE (scope_type, scope_id, metric, year, month)
);
CREATE INDEX sales_targets_year ON sales_targets (year, metric, scope_type);
