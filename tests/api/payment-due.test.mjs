// The daily payment-plan job ("sales.plan_due_status"): a plan's status moves with the date without
// anyone touching it — moving the server's clock (--test-clock) past its due date makes it overdue,
// and its contract's overdue amount follows.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {create, rec} from './lib/records.mjs';
import {DEMO_PASSWORD, signInAll, startServer} from './lib/server.mjs';

let server;
const as = {};
// A China date n days from now.
const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  server = await startServer({ demo: true, args: ['--test-clock'] });
  Object.assign(as, await signInAll(server.baseUrl, { admin: '13800000000', liu: '13800000003' }));
});
after(async () => {
  await server.stop();
});

test('the job is registered and moving the clock past a due date makes the plan overdue', async () => {
  const jobs = (await as.admin.get('/api/v1/admin/jobs')).json.records;
  const job = jobs.find((j) => j.name === 'sales.plan_due_status');
  assert.ok(job, `registered: ${jobs.map((j) => j.name).join(', ')}`);
  assert.equal(job.recurring, true);

  const customer = await create(as.liu, 'customer', { name: '回款到期任务测试公司' });
  const contract = await create(as.liu, 'contract', { name: '到期任务合同', customer_id: customer.id, amount: '10000.00' });
  const plan = await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: day(2), amount: '4000.00' });
  assert.notEqual(plan.status, 'overdue');
  assert.equal((await as.liu.get(`${rec('contract')}/${contract.id}`)).json.overdue_amount, '0.00');

  const moved = await as.admin.post('/api/v1/admin/test-clock', { advance_seconds: 4 * 86400 });
  assert.equal(moved.status, 200, moved.text);
  let status = plan.status;
  const deadline = Date.now() + 10000;
  while (status !== 'overdue' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    status = (await as.liu.get(`${rec('payment_plan')}/${plan.id}`)).json.status;
  }
  assert.equal(status, 'overdue');
  assert.equal((await as.liu.get(`${rec('contract')}/${contract.id}`)).json.overdue_amount, '4000.00');
  // A moved clock asks the administrator for the password again before the console.
  assert.equal((await as.admin.post('/api/v1/auth/reauth', { password: DEMO_PASSWORD })).status, 204);
  const ran = (await as.admin.get('/api/v1/admin/jobs')).json.records.find((j) => j.name === 'sales.plan_due_status');
  assert.equal(ran.last_status, 'succeeded', JSON.stringify(ran));
});
