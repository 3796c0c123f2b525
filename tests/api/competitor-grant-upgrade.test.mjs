// An enterprise registered before 竞争对手分析 (object opportunity_competitor) existed: its roles say
// nothing about the object. Started again with this build, the enterprise's database gets tenant
// migration 0031_competitor_grants: its salespeople can record the competitors of their deals, and a
// role whose grant an administrator had already set keeps it. The "old" enterprise is made by
// registering one and removing what the migration adds, with the sqlite3 command-line tool.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { addUser, roleIdsByCode, rootOf } from './lib/org.mjs';
import { create } from './lib/records.mjs';
import { registerEnterprise, signIn, startServer } from './lib/server.mjs';
import { hasSqlite3, sqlite3 } from './lib/sqlite.mjs';

const PASSWORD = 'Welcome2026x';
const ADMIN_PASSWORD = 'Passw0rd!2026';

const dataDir = mkdtempSync(join(tmpdir(), 'xieli-upgrade-'));
let server;
after(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const grantOf = (roles, code) => roles.find((r) => r.code === code).permissions.objects.opportunity_competitor;

test('an enterprise from before 竞争对手分析 gets the grants when it opens with this build', { skip: !hasSqlite3 && 'needs sqlite3' }, async () => {
  server = await startServer({ dataDir });
  const { client: admin, body } = await registerEnterprise(server.baseUrl, { company: '升级前注册有限公司', password: ADMIN_PASSWORD });
  const roles = await roleIdsByCode(admin);
  const salesperson = await addUser(admin, { name: '老销售', dept: await rootOf(admin), roleIds: [roles.sales], password: PASSWORD });
  assert.equal(await server.stop(), 0);

  // As the enterprise was before: no role mentions the object, and the migration has not run — except
  // that its administrator had already given 财务 read access to it (a configured role).
  const [file] = readdirSync(join(dataDir, 'tenants')).filter((f) => f.endsWith('.db'));
  const tenantDb = join(dataDir, 'tenants', file);
  sqlite3(
    tenantDb,
    "UPDATE roles SET permissions = json_remove(permissions, '$.objects.opportunity_competitor');" +
      "UPDATE roles SET permissions = json_set(permissions, '$.objects.opportunity_competitor', " +
      `json('{"read":"all","create":false,"update":"none","delete":"none","import":false,"export":false,"transfer":false}')) ` +
      "WHERE code = 'finance';" +
      'DELETE FROM schema_migrations WHERE version = 31;',
  );
  const stripped = sqlite3(tenantDb, "SELECT count(*) FROM roles WHERE json_type(permissions, '$.objects.opportunity_competitor') IS NOT NULL");
  assert.equal(stripped.trim(), '1', 'only the configured role mentions the object before the upgrade');

  server = await startServer({ dataDir });
  const again = await signIn(server.baseUrl, body.phone, ADMIN_PASSWORD);
  const listed = await again.get('/api/v1/roles');
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(grantOf(listed.json.records, 'sales'), {
    create: true,
    read: 'self',
    update: 'self',
    delete: 'self',
    import: false,
    export: false,
    transfer: false,
  });
  assert.equal(grantOf(listed.json.records, 'sales_manager').read, 'department_tree');
  assert.equal(grantOf(listed.json.records, 'finance').read, 'all', 'the configured role is left alone');
  assert.equal(grantOf(listed.json.records, 'service').read, 'none');

  // The salesperson records a competitor on their own deal.
  const liu = await signIn(server.baseUrl, salesperson.phone, PASSWORD);
  const rival = await create(again, 'competitor', { name: '升级测试对手' });
  const customer = await create(liu, 'customer', { name: '升级测试客户有限公司' });
  const deal = await create(liu, 'opportunity', { name: '升级测试商机', customer_id: customer.id, amount: '10000' });
  const row = await create(liu, 'opportunity_competitor', { opportunity_id: deal.id, competitor_id: rival.id });
  assert.equal(row.name, '升级测试对手');
  const mine = await liu.get(`/api/v1/objects/opportunity_competitor/records/${row.id}`);
  assert.equal(mine.status, 200, mine.text);
});
