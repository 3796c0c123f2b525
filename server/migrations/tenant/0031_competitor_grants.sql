-- 竞争对手分析 (object opportunity_competitor) came after some enterprises were registered: their roles were
-- written with the defaults of the time (modules/org/permissions.cpp, DefaultRolePermissions) and say nothing
-- about it, so nobody but the administrator could use it. Give every role that has no entry for it yet:
--   * a built-in role (by code): what DefaultRolePermissions gives that code today (unit test
--     competitor_grant_migration_test.cpp keeps the two equal);
--   * any other role: its grant on opportunity, because the rows are sales records scoped like deals
--     (modules/sales/deal_competitor_rules.h). A role with no grant on opportunity gets nothing: an absent
--     entry is already a denial, and leaving it absent keeps it visibly unconfigured.
-- A role that already has an entry, whatever it says, was configured by an administrator and is left alone;
-- rows whose text is not valid JSON are skipped rather than failing the enterprise's start-up.
UPDATE roles
SET permissions = json_set(
        permissions,
        '$.objects.opportunity_competitor',
        json(CASE code
            WHEN 'admin' THEN
                '{"create":true,"read":"all","update":"all","delete":"all","import":true,"export":true,"transfer":true}'
            WHEN 'sales_manager' THEN
                '{"create":true,"read":"department_tree","update":"department_tree","delete":"self","import":true,"export":true,"transfer":true}'
            WHEN 'sales' THEN
                '{"create":true,"read":"self","update":"self","delete":"self","import":false,"export":false,"transfer":false}'
            WHEN 'service' THEN
                '{"create":false,"read":"none","update":"none","delete":"none","import":false,"export":false,"transfer":false}'
            WHEN 'finance' THEN
                '{"create":false,"read":"none","update":"none","delete":"none","import":false,"export":false,"transfer":false}'
            ELSE json_extract(permissions, '$.objects.opportunity')
        END)
    ),
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE json_valid(permissions)
  AND json_type(permissions, '$.objects.opportunity_competitor') IS NULL
  AND (code IN ('admin', 'sales_manager', 'sales', 'service', 'finance')
       OR json_type(permissions, '$.objects.opportunity') = 'object');
