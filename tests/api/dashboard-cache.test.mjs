// The aggregate cache (docs/decisions/0013-aggregate-cache.md) never answers with an old figure:
// the same dashboard question, asked again after each kind of write — create, update, delete and
// restore through the records API, return to and claim from a pool (the pool module's own SQL),
// and a write by another program straight into the database file — gives the new figure, equal to
// the records the caller lists, and so does a list's total (kept the same way). Two people asking
// the same question get their own figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signInAll } from './lib/server.mjs';

let server;
const as = {};
// 李明 admin (all), 张伟 manager over 刘洋; 刘洋 and 孙丽 sales (their own).
const PEOPLE = { admin: '13800000000', zhang: '13800000002', liu: '13800000003', sun: '13800000004' };
const customers = '/api/v1/objects/customer';
const MARK = `缓存测试${Math.random().toString(36).slice(2, 7)}`;

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

// The dashboard's "new customers this month", per owner, for this test's customers.
const question = {
  filter: { and: [{ field: 'created_at', op: 'this_month' }, { field: 'name', op: 'starts_with', value: MARK }] },
  group_by: ['owner_id'],
  measures: [{ op: 'count' }],
};

async function figures(who) {
  const res = await as[who].post(`${customers}/aggregate`, question);
  assert.equal(res.status, 200, `${who}: ${res.text}`);
  const byOwner = Object.fromEntries(res.json.groups.map((g) => [String(g.key.owner_id), g.count]));
  return { total: res.json.totals.count, byOwner };
}

// What the caller lists with the same filter: the figure must equal it.
async function listed(who) {
  const res = await as[who].post(`${customers}/query`, { filter: question.filter, limit: 200, fields: ['owner_id'] });
  assert.equal(res.status, 200, res.text);
  const byOwner = {};
  for (const r of res.json.records) byOwner[String(r.owner_id)] = (byOwner[String(r.owner_id)] ?? 0) + 1;
  // A list's total is kept the same way (counted once while nothing changes): with one record a
  // page it is the counted figure, and must equal the records there are.
  for (let i = 0; i < 2; i++) {
    const page = await as[who].post(`${customers}/query`, { filter: question.filter, limit: 1 });
    assert.equal(page.status, 200, page.text);
    assert.equal(page.json.total, res.json.records.length, `${who}: the list's total (ask ${i + 1})`);
  }
  return { total: res.json.records.length, byOwner };
}

async function assertFresh(who, expectedTotal, label) {
  // Twice: the second answer is the kept one, and must be the same.
  for (let i = 0; i < 2; i++) {
    const got = await figures(who);
    assert.equal(got.total, expectedTotal, `${label}: ${who} total (ask ${i + 1})`);
    assert.deepEqual(got, await listed(who), `${label}: ${who} figures equal the list (ask ${i + 1})`);
  }
}

async function createCustomer(who) {
  const res = await as[who].post(`${customers}/records`, { name: `${MARK}-${who}-${Math.random().toString(36).slice(2, 8)}` });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

test('figures after writes through the records API: create, update, delete, restore', async () => {
  await assertFresh('liu', 0, 'before');
  await assertFresh('admin', 0, 'before');
  const a = await createCustomer('liu');
  await assertFresh('liu', 1, 'create');
  await assertFresh('admin', 1, 'create');
  const b = await createCustomer('liu');
  await assertFresh('liu', 2, 'second create');

  // A field that is not in the question: the answer is the same figure, still right.
  const upd = await as.liu.patch(`${customers}/records/${b}`, { remark: '改个备注' });
  assert.equal(upd.status, 200, upd.text);
  await assertFresh('liu', 2, 'update');

  // Transfer to 孙丽: liu's figure drops, sun's and the admin's groups move.
  const tr = await as.admin.post(`${customers}/transfer`, { ids: [b], to_user_id: as.sun.userId });
  assert.ok([200, 204].includes(tr.status), tr.text);
  await assertFresh('liu', 1, 'transfer');
  await assertFresh('sun', 1, 'transfer');
  const adminAfter = await figures('admin');
  assert.equal(adminAfter.byOwner[String(as.sun.userId)], 1);
  assert.equal(adminAfter.byOwner[String(as.liu.userId)], 1);

  // Salespeople may not delete customers; the administrator does (once the enterprise allows it),
  // and restores from the bin.
  const allow = await as.admin.patch('/api/v1/settings/crm', { allow_customer_delete: true });
  assert.equal(allow.status, 200, allow.text);
  const del = await as.admin.delete(`${customers}/records/${a}`);
  assert.equal(del.status, 204, del.text);
  await assertFresh('liu', 0, 'delete');
  await assertFresh('admin', 1, 'delete');
  const res = await as.admin.post(`${customers}/records/${a}/restore`, {});
  assert.ok([200, 204].includes(res.status), res.text);
  await assertFresh('liu', 1, 'restore');
  await assertFresh('admin', 2, 'restore');
});

test('two people asking the same question get their own figures', async () => {
  await createCustomer('sun');
  const liu = await figures('liu');
  const sun = await figures('sun');
  const zhang = await figures('zhang');
  assert.deepEqual(Object.keys(liu.byOwner), [String(as.liu.userId)]);
  assert.deepEqual(Object.keys(sun.byOwner), [String(as.sun.userId)]);
  assert.notDeepEqual(liu, sun);
  // 张伟 sees 刘洋's (his subordinate), not 孙丽's.
  assert.equal(zhang.byOwner[String(as.liu.userId)], liu.total);
  assert.equal(zhang.byOwner[String(as.sun.userId)], undefined);
  for (const who of ['liu', 'sun', 'zhang', 'admin']) assert.deepEqual(await figures(who), await listed(who), who);
});

test('figures after the pool module writes with its own SQL: return to the pool, claim', async () => {
  const id = await createCustomer('liu');
  const before = await figures('admin');
  const liuBefore = (await figures('liu')).byOwner[String(as.liu.userId)];

  const ret = await as.liu.post(`${customers}/records/${id}/return`, { reason: 'no_need' });
  assert.equal(ret.status, 200, ret.text);
  const poolId = ret.json.pool_id;
  let after = await figures('admin');
  assert.equal(after.byOwner[String(as.liu.userId)], liuBefore - 1, 'returned: one fewer of liu');
  assert.equal(after.byOwner.null, (before.byOwner.null ?? 0) + 1, 'returned: one more without an owner');
  assert.deepEqual(after, await listed('admin'));

  const claim = await as.sun.post(`/api/v1/pools/${poolId}/claim`, { ids: [id] });
  assert.equal(claim.status, 200, claim.text);
  after = await figures('admin');
  assert.equal(after.byOwner.null ?? 0, before.byOwner.null ?? 0, 'claimed: back to an owner');
  assert.equal(after.byOwner[String(as.sun.userId)], (before.byOwner[String(as.sun.userId)] ?? 0) + 1);
  assert.deepEqual(after, await listed('admin'));
  assert.deepEqual(await figures('sun'), await listed('sun'));
});

test('figures after another program writes the database file', { skip: !existsSync('/usr/bin/sqlite3') && 'no sqlite3' }, async () => {
  const id = await createCustomer('liu');
  const before = await figures('liu');
  const dir = join(server.dataDir, 'tenants');
  const files = readdirSync(dir).filter((f) => f.endsWith('.db'));
  assert.equal(files.length, 1, 'the demo enterprise only');
  execFileSync('/usr/bin/sqlite3', [
    '-cmd', '.timeout 10000', join(dir, files[0]),
    `UPDATE obj_customer SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ${Number(id)}`,
  ]);
  const after = await figures('liu');
  assert.equal(after.total, before.total - 1);
  assert.deepEqual(after, await listed('liu'));
});

test('the cache is visible on /metrics: asking again is a hit, a write makes the next ask stale', async () => {
  const metric = async (name) => {
    const res = await fetch(`${server.baseUrl}/metrics`);
    assert.equal(res.status, 200);
    const line = (await res.text()).split('\n').find((l) => l.startsWith(`${name} `));
    assert.ok(line, `${name} is exported`);
    return Number(line.split(' ')[1]);
  };
  await figures('liu');
  const hits = await metric('xieli_aggregate_cache_hits_total');
  await figures('liu');
  assert.ok((await metric('xieli_aggregate_cache_hits_total')) > hits, 'the second ask was a hit');
  const stale = await metric('xieli_aggregate_cache_stale_total');
  await createCustomer('liu');
  await figures('liu');
  assert.ok((await metric('xieli_aggregate_cache_stale_total')) > stale, 'the kept answer was dropped');
  assert.ok((await metric('xieli_aggregate_cache_entries')) > 0);
});
