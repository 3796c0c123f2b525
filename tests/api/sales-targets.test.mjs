// Sales targets (issue 6 part 5): twelve months per person or department and metric, set by
// administrators, CRM sub-administrators and department heads for their own tree; actuals summed
// from the records with the caller's own scope, a department's including its sub-departments;
// completion = actual / target.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {create} from './lib/records.mjs';
import {signInAll, startServer} from './lib/server.mjs';

let server;
const as = {};
// 王芳 heads 销售部; 张伟 heads 华东大区 (below 销售部) where 刘洋 works; 孙丽 heads 华南大区.
const PEOPLE = {
  admin: '13800000000',
  wang: '13800000001',
  zhang: '13800000002',
  liu: '13800000003',
  sun: '13800000004'
};
const T = '/api/v1/sales/targets';
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));
const dept = {};

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  for (const d of (await as.admin.get('/api/v1/departments')).json.records) dept[d.name] = d.id;
});
after(async () => {
  await server.stop();
});

const twelve = (v) => Array.from({ length: 12 }, () => v);
const query = (o) => `${T}?${new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)]))}`;

test('who may set targets: administrators and the heads of the department tree', async () => {
  const
    body = { year, metric: 'contract_amount', scope_type: 'user', scope_id: as.liu.userId, months: twelve('10000.00') };
  assert.equal((await as.liu.put(T, body)).status, 403, 'not for oneself');
  assert.equal((await as.sun.put(T, body)).status, 403, 'the head of another department');
  const byHead = await as.zhang.put(T, body);
  assert.equal(byHead.status, 200, byHead.text);
  assert.equal(byHead.json.can_edit, true);
  const byAbove = await as.wang.put(T, {...body, months: twelve('20000.00') });
  assert.equal(byAbove.status, 200, 'the head of the department above');
  assert.equal(byAbove.json.months[0].target, '20000.00');
  assert.equal(
    (await as.zhang.put(T, {...body, scope_type: 'department', scope_id: dept['销售部'] })).status,
    403,
    'a sub-department head cannot set the parent department',
  );
  assert.equal((await as.admin.put(T, {...body, scope_type: 'department', scope_id: dept['销售部'] })).status, 200);
});

test('who may read them: the person, their supervisors, the department members, those who set them', async () => {
  await as.admin.put(
    T, { year, metric: 'payment_amount', scope_type: 'user', scope_id: as.liu.userId, months: twelve('5000.00') });
  const own = await as.liu.get(query({ year, metric: 'payment_amount' }));
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.scope_id, as.liu.userId);
  assert.equal(own.json.scope_name, '刘洋');
  assert.equal(own.json.can_edit, false);
  assert.equal(own.json.months.length, 12);
  assert.equal(own.json.total.target, '60000.00');
  assert.equal((await as.zhang.get(query({ year, metric: 'payment_amount', scope_id: as.liu.userId }))).status, 200);
  assert.equal((await as.sun.get(query({ year, metric: 'payment_amount', scope_id: as.liu.userId }))).status, 403);
  assert.equal(
    (await as.liu.get(query({ year, scope_type: 'department', scope_id: dept['销售部'] }))).status,
    200,
    'a member of a sub-department reads the department target',
  );
  assert.equal((await as.liu.get(query({ year, scope_type: 'department', scope_id: dept['华南大区'] }))).status, 403);
  assert.equal((await as.liu.get(query({ year, scope_id: 999999 }))).status, 404);
});

test('actuals come from the records; a department includes its sub-departments; completion = actual / target',
  async () => {
    const months = twelve(null);
    months[month - 1] = '100000.00';
    const set =
      await as.admin.put(T, { year, metric: 'contract_amount', scope_type: 'user', scope_id: as.liu.userId, months });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json.months[month - 1].actual, '0.00');
    assert.equal(set.json.months[month - 1].completion, 0);
    assert.equal(set.json.months[(month % 12)].target, null, 'null clears a month');

    const customer = await create(as.liu, 'customer', { name: '目标测试客户' });
    await create(as.liu, 'contract',
      { name: '目标合同一', customer_id: customer.id, amount: '25000.00', sign_date: today, status: 'active' });
    await create(as.liu, 'contract',
      { name: '目标合同二', customer_id: customer.id, amount: '12500.00', sign_date: today });
    await create(as.liu, 'contract',
      { name: '草稿不算', customer_id: customer.id, amount: '99999.00', sign_date: today, status: 'draft' });
    const mine = await as.liu.get(query({ year, metric: 'contract_amount' }));
    assert.equal(mine.json.months[month - 1].actual, '37500.00');
    assert.equal(mine.json.months[month - 1].completion, 0.375);
    assert.equal(mine.json.total.actual, '37500.00');

    // 销售部's actuals include 华东大区 (刘洋) below it; 华南大区 has none of them.
    const deptMonths = twelve(null);
    deptMonths[month - 1] = '50000.00';
    const sales =
      await as.admin.put(
        T, { year, metric: 'contract_amount', scope_type: 'department', scope_id: dept['销售部'], months: deptMonths });
    assert.equal(sales.json.months[month - 1].actual, '37500.00');
    assert.equal(sales.json.months[month - 1].completion, 0.75);
    const south = await as.admin.get(query({ year, scope_type: 'department', scope_id: dept['华南大区'] }));
    assert.equal(south.json.months[month - 1].actual, '0.00');

    // The same predicate as the records: 张伟 sees 刘洋's contracts, and a rep reading the department
    // target sees only what they may list themselves.
    assert.equal(
      (await as.zhang.get(query({ year, scope_id: as.liu.userId }))).json.months[month - 1].actual, '37500.00');
    const sunView = await as.sun.get(query({ year, scope_type: 'department', scope_id: dept['销售部'] }));
    assert.equal(sunView.status, 200);
    assert.equal(sunView.json.months[month - 1].actual, '0.00', '孙丽 cannot see 刘洋 contracts');

    const customers = await as.liu.get(query({ year, metric: 'new_customers' }));
    assert.equal(customers.json.months[month - 1].actual, 1);
    const counts = await as.zhang.put(T,
                     { year, metric: 'new_customers', scope_type: 'user', scope_id: as.liu.userId, months: twelve(4) });
    assert.equal(counts.status, 200, counts.text);
    assert.equal(counts.json.months[month - 1].completion, 0.25);
    assert.equal(counts.json.total.target, 48);

    // A customer returned to the 公海 pool is nobody's new customer: it leaves its owner's and its
    // department's actuals, and comes back when someone claims it (孙丽: 华南大区 is in 销售部's tree;
    // 刘洋 himself would have to wait out the pool's cooldown).
    const newCustomers = async (who, scope) =>
      (await as[who].get(query({ year, metric: 'new_customers', ...scope }))).json.months[month - 1].actual;
    const ofSales = { scope_type: 'department', scope_id: dept['销售部'] };
    const pooled = await create(as.liu, 'customer', { name: '目标测试公海客户' });
    const [liuBefore, deptBefore] = [await newCustomers('liu', {}), await newCustomers('admin', ofSales)];
    const back = await as.liu.post(`/api/v1/objects/customer/records/${pooled.id}/return`, { reason: 'no_need' });
    assert.equal(back.status, 200, back.text);
    assert.equal(await newCustomers('liu', {}), liuBefore - 1);
    assert.equal(await newCustomers('admin', ofSales), deptBefore - 1);
    const claim = await as.sun.post(`/api/v1/pools/${back.json.pool_id}/claim`, { ids: [pooled.id] });
    assert.equal(claim.status, 200, claim.text);
    assert.equal(await newCustomers('admin', ofSales), deptBefore);
  });

test('bad input is a 4xx naming the member', async () => {
  const base = { year, metric: 'contract_amount', scope_type: 'user', scope_id: as.liu.userId, months: twelve('1.00') };
  const field = async (body) => {
    const res = await as.admin.put(T, body);
    assert.equal(res.status, 422, res.text);
    return res.json.error.details[0].field;
  };
  assert.equal(await field({...base, months: twelve('1.00').slice(1) }), 'months');
  assert.equal(await field({...base, metric: 'won_deals' }), 'metric');
  assert.equal(await field({...base, scope_type: 'team' }), 'scope_type');
  assert.equal(await field({...base, year: 1900 }), 'year');
  assert.equal(await field({...base, months: ['-1.00', ...twelve('1.00').slice(1)] }), 'months[0]');
  assert.equal(await field({...base, metric: 'new_customers', months: [1.5, ...twelve(1).slice(1)] }), 'months[0]');
  assert.equal(await field({...base, extra: 1 }), 'extra');
  assert.equal((await as.admin.put(T, {...base, scope_id: 999999 })).status, 404);
  assert.equal((await as.admin.get(`${T}?metric=nope`)).status, 422);
  assert.equal((await as.admin.get(`${T}?year=abc`)).status, 422);
  const unauth = await fetch(`${server.baseUrl}${T}`);
  assert.equal(unauth.status, 401);
});
