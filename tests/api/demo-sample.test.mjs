// The demo enterprise's sample data (issue 6 item 7): on a first start the sales loop is alive —
// customers, deals in several stages, quotes, contracts with instalments, payments, invoices and
// this year's targets — so every panel of the 销售仪表盘 has something to show, for the
// administrator, the manager and a salesperson alike.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signInAll, startServer } from './lib/server.mjs';

let server;
const as = {};
// 李明 admin, 张伟 manager of 华东大区 (刘洋 below him), 刘洋 sales.
const PEOPLE = { admin: '13800000000', zhang: '13800000002', liu: '13800000003' };
const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();

before(async () => {
  server = await startServer({ demo: true, sampleData: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

const aggregate = async (who, object, body) => {
  const res = await as[who].post(`/api/v1/objects/${object}/aggregate`, body);
  assert.equal(res.status, 200, `${who} ${object}: ${res.text}`);
  return res.json;
};
const count = async (who, object, filter) =>
  (await aggregate(who, object, { filter: filter ?? { and: [] }, measures: [{ op: 'count' }] })).totals.count;

test('every object of the sales loop has sample records', async () => {
  for (const object of ['customer', 'contact', 'followup', 'opportunity', 'quote', 'contract', 'payment_plan', 'payment', 'invoice', 'product']) {
    assert.ok((await count('admin', object)) > 0, `${object} has sample records`);
  }
  // Deals in more than one open stage (the funnel) and decided ones (won/lost).
  const stages = await aggregate('admin', 'opportunity', {
    filter: { field: 'status', op: 'eq', value: 'open' },
    group_by: ['stage'],
    measures: [{ op: 'count' }],
  });
  assert.ok(stages.groups.length >= 2, JSON.stringify(stages.groups));
  assert.ok((await count('admin', 'opportunity', { field: 'status', op: 'eq', value: 'won' })) > 0, 'a won deal');
  // An instalment overdue, so 已签约未回款 has an overdue part.
  const unpaid = await aggregate('admin', 'contract', {
    filter: { field: 'unpaid_amount', op: 'gt', value: 0 },
    measures: [{ op: 'sum', field: 'overdue_amount' }],
  });
  assert.ok(Number(unpaid.totals.sum_overdue_amount) > 0, JSON.stringify(unpaid.totals));
});

test('each role has a live dashboard: its own customers, deals and payments', async () => {
  for (const who of ['admin', 'zhang', 'liu']) {
    assert.ok((await count(who, 'customer', { field: 'owner_id', op: 'not_null' })) > 0, `${who}: customers`);
    assert.ok((await count(who, 'opportunity')) > 0, `${who}: deals`);
    const paid = await aggregate(who, 'payment', { filter: { and: [] }, measures: [{ op: 'sum', field: 'amount' }] });
    assert.ok(Number(paid.totals.sum_amount) > 0, `${who}: payments`);
  }
});

test("this year's targets: the representatives' and the sales department's, by contract amount", async () => {
  const liu = await as.liu.get(`/api/v1/sales/targets?year=${year}&metric=contract_amount`);
  assert.equal(liu.status, 200, liu.text);
  assert.ok(liu.json.months.every((m) => m.target !== null), 'twelve months set');
  const departments = (await as.admin.get('/api/v1/departments')).json.records;
  const sales = departments.find((d) => d.name === '销售部');
  for (const metric of ['contract_amount', 'payment_amount']) {
    const res = await as.admin.get(
      `/api/v1/sales/targets?year=${year}&metric=${metric}&scope_type=department&scope_id=${sales.id}`,
    );
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.months.every((m) => m.target !== null), `销售部 ${metric}`);
  }
});
