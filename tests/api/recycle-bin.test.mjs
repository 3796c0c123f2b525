// 回收站: GET /api/v1/recycle-bin, …/objects/{object}/recycle-bin (list, query, restore, purge, empty):
// the bin follows the caller's delete scope; purging is for enterprise administrators and removes the
// record with its history, search text and the payment plans of a contract (docs/api/records.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signIn, signInAll } from './lib/server.mjs';
import { create, rec, assertError } from './lib/records.mjs';
import { hasSqlite3, sqlite3 } from './lib/sqlite.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000', // 李明, 管理员
  wang: '13800000001', // 王芳, 销售经理: deletes her own and her reports' records
  zhang: '13800000002', // 张伟, 销售经理, reports to 王芳; 刘洋 reports to him
  liu: '13800000003', // 刘洋, 销售: may delete no customer
  sun: '13800000004', // 孙丽, 销售, reports to 王芳 (not to 张伟)
};

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  const res = await as.admin.patch('/api/v1/settings/crm', { allow_customer_delete: true });
  assert.equal(res.status, 200, res.text);
});
after(async () => {
  await server.stop();
});

const bin = (object) => `/api/v1/objects/${object}/recycle-bin`;
const tag = `回收${process.pid % 1000}`;
let serial = 0;

async function deletedCustomers(client, n, owner = client) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    serial += 1;
    const c = await create(owner, 'customer', { name: `${tag}测试${serial}号有限公司` });
    const del = await client.delete(`${rec('customer')}/${c.id}`);
    assert.equal(del.status, 204, del.text);
    ids.push(c.id);
  }
  return ids;
}

function tenantDb() {
  const [file] = readdirSync(join(server.dataDir, 'tenants')).filter((f) => f.endsWith('.db'));
  return join(server.dataDir, 'tenants', file);
}

test('lists the bin with keyword, sort and paging, each record with when and by whom it was deleted', async () => {
  const ids = await deletedCustomers(as.zhang, 3);
  const q = encodeURIComponent(tag);
  const page1 = await as.zhang.get(`${bin('customer')}?q=${q}&limit=2`);
  assert.equal(page1.status, 200, page1.text);
  assert.equal(page1.json.total, 3);
  assert.deepEqual(page1.json.records.map((r) => r.id), [ids[2], ids[1]], 'most recently deleted first');
  const first = page1.json.records[0];
  assert.match(first.deleted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(first.deleted_by, as.zhang.userId);
  assert.equal(first._display.deleted_by, '张伟');
  assert.ok(page1.json.next_cursor);
  const page2 = await as.zhang.get(`${bin('customer')}?q=${q}&limit=2&cursor=${encodeURIComponent(page1.json.next_cursor)}`);
  assert.equal(page2.status, 200, page2.text);
  assert.deepEqual(page2.json.records.map((r) => r.id), [ids[0]]);
  assert.equal(page2.json.next_cursor, null);

  const byName = await as.zhang.post(`${bin('customer')}/query`, { q: tag, sort: [{ field: 'name', dir: 'asc' }], fields: ['name'] });
  assert.equal(byName.status, 200, byName.text);
  assert.deepEqual(byName.json.records.map((r) => r.id), ids);
  assert.equal(byName.json.records[0].deleted_by, as.zhang.userId, 'system fields come with any field list');
  const one = await as.zhang.get(`${bin('customer')}?q=${encodeURIComponent(`${tag}测试${serial - 1}号`)}`);
  assert.deepEqual(one.json.records.map((r) => r.id), [ids[1]]);

  const live = await as.zhang.get(`${rec('customer')}?q=${q}`);
  assert.equal(live.json.total, 0, 'deleted records are not in the live list');

  const summary = await as.zhang.get('/api/v1/recycle-bin');
  assert.equal(summary.status, 200, summary.text);
  const customers = summary.json.objects.find((o) => o.object === 'customer');
  assert.equal(customers.label, '客户');
  assert.ok(customers.count >= 3, summary.text);
});

test('a rep who may not delete has no bin; a manager sees only what he may delete', async () => {
  const liuBin = await as.liu.get(bin('customer'));
  assertError(liuBin, 403, 'forbidden');
  const liuSummary = await as.liu.get('/api/v1/recycle-bin');
  assert.equal(liuSummary.status, 200, liuSummary.text);
  assert.equal(liuSummary.json.objects.find((o) => o.object === 'customer'), undefined);

  // 孙丽's customer, deleted by the administrator: 张伟 (not her supervisor) cannot see or restore it.
  const [sunsId] = await deletedCustomers(as.admin, 1, as.sun);
  const name = encodeURIComponent(`${tag}测试${serial}号`);
  const zhang = await as.zhang.get(`${bin('customer')}?q=${name}`);
  assert.equal(zhang.json.total, 0);
  assertError(await as.zhang.post(`${bin('customer')}/restore`, { ids: [sunsId] }), 404, 'not_found');
  assertError(await as.zhang.post(`${rec('customer')}/${sunsId}/restore`), 404, 'not_found');
  const wang = await as.wang.get(`${bin('customer')}?q=${name}`);
  assert.deepEqual(wang.json.records.map((r) => r.id), [sunsId], 'her supervisor sees it');
  assert.equal(wang.json.records[0]._display.deleted_by, '李明');
});

test('restores one or many, all or none', async () => {
  const ids = await deletedCustomers(as.zhang, 3);
  const live = await create(as.zhang, 'customer', { name: `${tag}未删除客户` });
  const refused = await as.zhang.post(`${bin('customer')}/restore`, { ids: [ids[0], live.id] });
  assertError(refused, 404, 'not_found');
  assert.equal(refused.json.error.record_id, live.id);
  assertError(await as.zhang.get(`${rec('customer')}/${ids[0]}`), 404, 'not_found');

  const res = await as.zhang.post(`${bin('customer')}/restore`, { ids: [ids[0], ids[1], ids[0]] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { restored: 2 });
  for (const id of ids.slice(0, 2)) assert.equal((await as.zhang.get(`${rec('customer')}/${id}`)).status, 200);
  const single = await as.zhang.post(`${rec('customer')}/${ids[2]}/restore`);
  assert.equal(single.status, 200, single.text);
  assert.equal(single.json.id, ids[2]);

  for (const body of [{}, { ids: [] }, { ids: ['1'] }, { ids: [0] }, { ids: 5 }]) {
    assertError(await as.zhang.post(`${bin('customer')}/restore`, body), 422, 'validation_failed');
  }
  assertError(await as.zhang.get(bin('no_such_object')), 404, 'not_found');
});

test('purging is for administrators: one, several, and nothing outside the bin', async () => {
  const ids = await deletedCustomers(as.zhang, 3);
  assertError(await as.zhang.delete(`${bin('customer')}/${ids[0]}`), 403, 'forbidden');
  assertError(await as.zhang.post(`${bin('customer')}/purge`, { ids }), 403, 'forbidden');
  assertError(await as.liu.delete(bin('customer')), 403, 'forbidden');

  const one = await as.admin.delete(`${bin('customer')}/${ids[0]}`);
  assert.equal(one.status, 204, one.text);
  assertError(await as.admin.delete(`${bin('customer')}/${ids[0]}`), 404, 'not_found');
  assertError(await as.admin.post(`${rec('customer')}/${ids[0]}/restore`), 404, 'not_found');
  assertError(await as.admin.get(`${rec('customer')}/${ids[0]}/history`), 404, 'not_found');

  const live = await create(as.admin, 'customer', { name: `${tag}在用客户` });
  const refused = await as.admin.post(`${bin('customer')}/purge`, { ids: [ids[1], live.id] });
  assertError(refused, 404, 'not_found');
  assert.equal(refused.json.error.record_id, live.id);
  const still = await as.admin.get(`${bin('customer')}?q=${encodeURIComponent(`${tag}测试${serial - 1}号`)}`);
  assert.equal(still.json.total, 1, 'all or none: the first was not purged');

  const both = await as.admin.post(`${bin('customer')}/purge`, { ids: [ids[1], ids[2]] });
  assert.equal(both.status, 200, both.text);
  assert.deepEqual(both.json, { purged: 2 });
  for (const body of [{ ids: ['x'] }, {}, { ids: [-1] }]) {
    assertError(await as.admin.post(`${bin('customer')}/purge`, body), 422, 'validation_failed');
  }
  assertError(await as.admin.post(`${bin('no_such_object')}/purge`, { ids: [1] }), 404, 'not_found');
  assertError(await as.admin.delete(`${bin('customer')}/abc`), 404, 'not_found');
});

test('a purged record leaves no history, search text or collaborators behind, and an outbox event', async () => {
  const c = await create(as.admin, 'customer', { name: `${tag}留痕客户`, address: '原地址' });
  assert.equal((await as.admin.patch(`${rec('customer')}/${c.id}`, { address: '新地址', version: c.version })).status, 200);
  const hist = await as.admin.get(`${rec('customer')}/${c.id}/history`);
  assert.ok(hist.json.records.length > 0, hist.text);
  const collab = await as.admin.post(`${rec('customer')}/${c.id}/collaborators`, { user_id: as.liu.userId });
  assert.equal(collab.status, 201, collab.text);
  assert.equal((await as.admin.delete(`${rec('customer')}/${c.id}`)).status, 204);
  const found = await as.admin.get(`${bin('customer')}?q=${encodeURIComponent(`${tag}留痕`)}`);
  assert.deepEqual(found.json.records.map((r) => r.id), [c.id], 'the bin is searchable');

  assert.equal((await as.admin.delete(`${bin('customer')}/${c.id}`)).status, 204);
  const gone = await as.admin.get(`${bin('customer')}?q=${encodeURIComponent(`${tag}留痕`)}`);
  assert.equal(gone.json.total, 0);
  if (!hasSqlite3) return;
  const db = tenantDb();
  const count = (sql) => Number(sqlite3(db, sql).trim());
  assert.equal(count(`SELECT count(*) FROM obj_customer WHERE id = ${c.id}`), 0);
  assert.equal(count(`SELECT count(*) FROM field_history WHERE object = 'customer' AND record_id = ${c.id}`), 0);
  assert.equal(count(`SELECT count(*) FROM record_collaborators WHERE object = 'customer' AND record_id = ${c.id}`), 0);
  assert.equal(count(`SELECT count(*) FROM obj_customer_fts WHERE rowid = ${c.id}`), 0);
  assert.equal(
    count(`SELECT count(*) FROM outbox WHERE object = 'customer' AND record_id = ${c.id} AND operation = 'purge'`),
    1,
  );
});

test('a purged opportunity takes its stage history with it', async () => {
  const customer = await create(as.admin, 'customer', { name: `${tag}商机客户` });
  const deal = await create(as.admin, 'opportunity', { name: `${tag}清除商机`, customer_id: customer.id, amount: '10000' });
  assert.equal((await as.admin.delete(`${rec('opportunity')}/${deal.id}`)).status, 204);
  if (hasSqlite3) {
    const n = Number(sqlite3(tenantDb(), `SELECT count(*) FROM opportunity_stage_history WHERE opportunity_id = ${deal.id}`).trim());
    assert.ok(n >= 1, 'the first stage is recorded');
  }
  assert.equal((await as.admin.delete(`${bin('opportunity')}/${deal.id}`)).status, 204);
  if (!hasSqlite3) return;
  const left = Number(sqlite3(tenantDb(), `SELECT count(*) FROM opportunity_stage_history WHERE opportunity_id = ${deal.id}`).trim());
  assert.equal(left, 0);
});

test('a record live records point at is not purged (409, zh and en); emptying the bin keeps it', async () => {
  const c = await create(as.admin, 'customer', { name: `${tag}被引用客户` });
  await create(as.admin, 'contact', { name: '引用人', customer_id: c.id });
  assert.equal((await as.admin.delete(`${rec('customer')}/${c.id}`)).status, 204);
  const zh = await as.admin.delete(`${bin('customer')}/${c.id}`);
  assertError(zh, 409, 'conflict');
  assert.equal(zh.json.error.reference_count, 1);
  assert.equal(zh.json.error.message, '仍有 1 条记录关联此记录（联系人 1 条），不能彻底删除；请先修改或删除这些记录');
  as.admin.lang = 'en';
  try {
    const en = await as.admin.delete(`${bin('customer')}/${c.id}`);
    assert.equal(en.json.error.message, '1 live record still points to this record (1 Contact); change or delete them first');
  } finally {
    as.admin.lang = 'zh-CN';
  }

  const emptied = await as.admin.delete(bin('customer'));
  assert.equal(emptied.status, 200, emptied.text);
  assert.ok(emptied.json.kept_ids.includes(c.id), emptied.text);
  assert.equal(emptied.json.kept, emptied.json.kept_ids.length);
  const left = await as.admin.get(`${bin('customer')}?limit=200`);
  assert.deepEqual(
    left.json.records.map((r) => r.id).sort((a, b) => a - b),
    emptied.json.kept_ids,
    'only what is still pointed at stays',
  );
  const summary = await as.admin.get('/api/v1/recycle-bin');
  assert.equal(summary.json.objects.find((o) => o.object === 'customer').count, emptied.json.kept);
});

test('empties an object\'s bin', async () => {
  for (const name of ['回收站产品甲', '回收站产品乙']) {
    const p = await create(as.admin, 'product', { name });
    assert.equal((await as.admin.delete(`${rec('product')}/${p.id}`)).status, 204);
  }
  assertError(await as.wang.delete(bin('product')), 403, 'forbidden');
  const res = await as.admin.delete(bin('product'));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { purged: 2, kept: 0, kept_ids: [] });
  assert.equal((await as.admin.get(bin('product'))).json.total, 0);
});

test('a contract purged from the bin takes its payment plans with it', async () => {
  const customer = await create(as.admin, 'customer', { name: `${tag}合同客户` });
  const contract = await create(as.admin, 'contract', { name: `${tag}清除合同`, customer_id: customer.id, amount: '1000.00' });
  const plans = [];
  for (const due of ['2026-12-30', '2027-01-30']) {
    plans.push((await create(as.admin, 'payment_plan', { contract_id: contract.id, due_date: due, amount: '500.00' })).id);
  }
  assert.equal((await as.admin.delete(`${rec('contract')}/${contract.id}`)).status, 204);
  const planBin = await as.admin.post(`${bin('payment_plan')}/query`, {
    filter: { field: 'contract_id', op: 'eq', value: contract.id },
  });
  assert.equal(planBin.status, 200, planBin.text);
  assert.deepEqual(planBin.json.records.map((r) => r.id).sort(), plans.slice().sort(), 'the plans went to the bin with it');

  assert.equal((await as.admin.delete(`${bin('contract')}/${contract.id}`)).status, 204);
  const after = await as.admin.post(`${bin('payment_plan')}/query`, {
    filter: { field: 'contract_id', op: 'eq', value: contract.id },
  });
  assert.equal(after.json.total, 0);
  for (const id of plans) assertError(await as.admin.post(`${rec('payment_plan')}/${id}/restore`), 404, 'not_found');
});

test("purging the newest record never gives its id to the next one", async () => {
  // The newest customer of the enterprise, purged: SQLite alone would number the next one the same.
  const newest = await create(as.admin, 'customer', { name: `${tag}最新客户` });
  assert.equal((await as.admin.delete(`${rec('customer')}/${newest.id}`)).status, 204);
  assert.equal((await as.admin.delete(`${bin('customer')}/${newest.id}`)).status, 204);
  const next = await create(as.admin, 'customer', { name: `${tag}下一个客户` });
  assert.ok(next.id > newest.id, `the next customer is numbered ${next.id}, after the purged ${newest.id}`);
  const after = await create(as.admin, 'customer', { name: `${tag}再下一个客户` });
  assert.equal(after.id, next.id + 1, 'and numbering goes on from there');
  assertError(await as.admin.get(`${rec('customer')}/${newest.id}`), 404, 'not_found');
});

// 回收站保留天数 (GET|PATCH /api/v1/settings/recycle-bin): anyone signed in reads it, full administrators change it.
test('the retention setting: 90 days unless changed, 0 or 7–3650, administrators only', async () => {
  const shown = await as.liu.get('/api/v1/settings/recycle-bin');
  assert.equal(shown.status, 200, shown.text);
  assert.deepEqual(shown.json, { retention_days: 90 });
  assertError(await as.wang.patch('/api/v1/settings/recycle-bin', { retention_days: 30 }), 403, 'forbidden');
  for (const body of [
    { retention_days: 6 },
    { retention_days: 3651 },
    { retention_days: -1 },
    { retention_days: '30' },
    { retention_days: 30.5 },
    { retention_days: null },
    { keep_days: 30 },
  ]) {
    const res = await as.admin.patch('/api/v1/settings/recycle-bin', body);
    assertError(res, 422, 'validation_failed');
    assert.equal(res.json.error.details.length, 1, res.text);
  }
  as.admin.lang = 'en';
  try {
    const unknown = await as.admin.patch('/api/v1/settings/recycle-bin', { keep_days: 30 });
    assert.deepEqual(unknown.json.error.details, [{ field: 'keep_days', code: 'unknown_field', message: "There is no setting 'keep_days'" }]);
  } finally {
    as.admin.lang = 'zh-CN';
  }
  for (const days of [7, 0, 3650, 90]) {
    const res = await as.admin.patch('/api/v1/settings/recycle-bin', { retention_days: days });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { retention_days: days });
    assert.deepEqual((await as.zhang.get('/api/v1/settings/recycle-bin')).json, { retention_days: days });
  }
});

// The daily job records.recycle_bin_purge, on a server whose clock the test moves. Sessions end after
// a week idle, so everyone signs in again after each move.
test('the daily purge removes what was deleted more than the retention ago, keeping what live records point at', async () => {
  const timed = await startServer({ demo: true, args: ['--test-clock'] });
  try {
    let admin = await signIn(timed.baseUrl, PEOPLE.admin);
    assert.equal((await admin.patch('/api/v1/settings/crm', { allow_customer_delete: true })).status, 200);
    const deleted = async (name) => {
      const c = await create(admin, 'customer', { name });
      assert.equal((await admin.delete(`${rec('customer')}/${c.id}`)).status, 204);
      return c.id;
    };
    const moveDays = async (days) => {
      const res = await admin.post('/api/v1/admin/test-clock', { advance_seconds: Math.round(days * 86400) });
      assert.equal(res.status, 200, res.text);
      admin = await signIn(timed.baseUrl, PEOPLE.admin);
      return res.json.now;
    };
    const purgeRun = async (since) => {
      for (const end = Date.now() + 20000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        const jobs = await admin.get('/api/v1/admin/jobs');
        assert.equal(jobs.status, 200, jobs.text);
        const job = jobs.json.records.find((j) => j.name === 'records.recycle_bin_purge');
        if (job && job.last_run_at >= since && job.last_status !== null && !job.running) return job;
      }
      throw new Error('timed out waiting for records.recycle_bin_purge');
    };
    const inBin = async () => {
      const res = await admin.get(`${bin('customer')}?limit=200`);
      assert.equal(res.status, 200, res.text);
      return res.json.records.map((r) => r.id).sort((a, b) => a - b);
    };

    const old = await deleted('保留期测试甲公司');
    const pointedAt = await create(admin, 'customer', { name: '保留期测试被引用公司' });
    await create(admin, 'contact', { name: '保留期联系人', customer_id: pointedAt.id });
    assert.equal((await admin.delete(`${rec('customer')}/${pointedAt.id}`)).status, 204);
    const first = await purgeRun(await moveDays(60));
    assert.equal(first.last_status, 'succeeded', JSON.stringify(first));
    assert.deepEqual(await inBin(), [old, pointedAt.id], 'nothing is 90 days old yet');
    // What each run did is on its row of the run history (定时任务), not only in the server log.
    assert.deepEqual(first.runs[0].result, { purged: 0, kept_referenced: 0 });

    const recent = await deleted('保留期测试乙公司');
    const second = await purgeRun(await moveDays(31));
    assert.equal(second.last_status, 'succeeded', JSON.stringify(second));
    assert.deepEqual(await inBin(), [pointedAt.id, recent].sort((a, b) => a - b), 'only the one deleted 91 days ago went');
    assertError(await admin.post(`${rec('customer')}/${old}/restore`), 404, 'not_found');
    assert.deepEqual(second.runs[0].result, { purged: 1, kept_referenced: 1 });
    const earlier = second.runs.find((r) => r.id === first.runs[0].id);
    assert.deepEqual(earlier.result, { purged: 0, kept_referenced: 0 }, 'the earlier run keeps its own');
    const seller = await signIn(timed.baseUrl, PEOPLE.liu);
    assertError(await seller.get('/api/v1/admin/jobs'), 403, 'forbidden');

    // 0: kept until purged by hand, however old.
    assert.equal((await admin.patch('/api/v1/settings/recycle-bin', { retention_days: 0 })).status, 200);
    const third = await purgeRun(await moveDays(100));
    assert.equal(third.last_status, 'succeeded', JSON.stringify(third));
    assert.deepEqual(await inBin(), [pointedAt.id, recent].sort((a, b) => a - b));
  } finally {
    await timed.stop();
  }
});
