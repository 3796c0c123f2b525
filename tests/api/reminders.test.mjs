// Reminder rules (提醒规则, issue 7): customers not followed up / not closed for N days, next
// follow-ups due, contracts expiring, payment instalments due and overdue — to the owner and
// optionally the supervisor, each event reminded exactly once however often the rule runs. Time
// moves with the server's test clock (--test-clock); rules run through the daily job and the
// administrator's "立即执行".
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {addUser, roleIdsByCode, rootOf} from './lib/org.mjs';
import {mustCreate} from './lib/records.mjs';
import {advanceClock, registerEnterprise, signIn, startServer} from './lib/server.mjs';

const PASSWORD = 'Welcome2026x';
const ADMIN_PASSWORD = 'Passw0rd!2026';
const DAY = 86400;

let server;
let admin;
let serverNow;
const people = {};

function assertError(res, status, code) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status} ${res.text}`);
  assert.equal(res.json?.error?.code, code, res.text);
}

async function advance(seconds) {
  serverNow = Date.parse(await advanceClock(admin, seconds, ADMIN_PASSWORD));
}

/** The server's date in China time, `days` from now. */
function chinaDate(days) {
  return new Date(serverNow + 8 * 3600 * 1000 + days * DAY * 1000).toISOString().slice(0, 10);
}

/** Signs `client` in again: sessions end after 7 idle days, and the tests move the clock further. */
async function signInAgain(client) {
  client.token = (await signIn(server.baseUrl, client.login, PASSWORD)).token;
}

async function run(ruleId) {
  const res = await admin.post(`/api/v1/reminder-rules/${ruleId}/run`, {});
  assert.equal(res.status, 200, res.text);
  return res.json.fired;
}

async function deliveries(ruleId) {
  const res = await admin.get(`/api/v1/reminder-rules/${ruleId}/deliveries`);
  assert.equal(res.status, 200, res.text);
  return res.json.records;
}

/** Reminders `client` got about record `id` of `object`. */
async function remindersOf(client, object, id) {
  const res = await client.get('/api/v1/notifications?limit=100');
  assert.equal(res.status, 200, res.text);
  return res.json.records.filter((n) => n.kind === 'reminder' && n.link?.object === object && n.link?.record_id === id);
}

before(async () => {
  server = await startServer({ args: ['--test-clock'] });
  ({ client: admin } =
      await registerEnterprise(server.baseUrl, { company: '提醒规则测试有限公司', password: ADMIN_PASSWORD }));
  await advance(0);
  const roles = await roleIdsByCode(admin);
  const root = await rootOf(admin);
  const dept = await mustCreate(admin, '/api/v1/departments', { name: '提醒销售部', parent_id: root.id });
  const makeUser = async (key, name, role, supervisorId = null) => {
    const user = await addUser(admin, { name, dept, roleIds: [roles[role]], password: PASSWORD, supervisorId });
    const c = await signIn(server.baseUrl, user.phone, PASSWORD);
    c.login = user.phone;
    people[key] = c;
  };
  await makeUser('mgr', '提醒经理', 'sales_manager');
  await makeUser('s1', '提醒销售甲', 'sales', people.mgr.userId);
  await makeUser('s2', '提醒销售乙', 'sales');
});

after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

test('reminder rules: administrators only, validated, full CRUD', async () => {
  assertError(await people.s1.get('/api/v1/reminder-rules'), 403, 'forbidden');
  assertError(
    await people.mgr.post('/api/v1/reminder-rules', { name: 'x', kind: 'followup_due', days: 1 }), 403, 'forbidden');
  let res = await admin.post('/api/v1/reminder-rules', {});
  assertError(res, 422, 'validation_failed');
  assert.deepEqual(res.json.error.details.map((d) => d.field).sort(), ['days', 'kind', 'name']);
  res = await admin.post('/api/v1/reminder-rules', { name: '坏规则', kind: 'weather', days: 3 });
  assertError(res, 422, 'validation_failed');
  assert.equal(res.json.error.details[0].field, 'kind');
  res = await admin.post('/api/v1/reminder-rules', { name: '坏规则', kind: 'customer_no_followup', days: -1 });
  assertError(res, 422, 'validation_failed');
  res = await admin.post('/api/v1/reminder-rules', { name: '坏规则', kind: 'customer_no_followup', days: 0 });
  assertError(res, 422, 'validation_failed');
  res = await admin.post('/api/v1/reminder-rules', { name: '坏规则', kind: 'followup_due', days: 1, when: 'always' });
  assertError(res, 422, 'validation_failed');
  assertError(await admin.request('POST', '/api/v1/reminder-rules', { body: '[' }), 400, 'bad_request');

  res = await admin.post('/api/v1/reminder-rules', { name: '临时规则', kind: 'contract_expiring', days: 30 });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.headers.get('location'), `/api/v1/reminder-rules/${res.json.id}`);
  assert.deepEqual(
    {
      kind: res.json.kind,
      days: res.json.days,
      notify_supervisor: res.json.notify_supervisor,
      enabled: res.json.enabled
    },
    { kind: 'contract_expiring', days: 30, notify_supervisor: false, enabled: true },
  );
  const id = res.json.id;
  res = await admin.patch(`/api/v1/reminder-rules/${id}`, { days: 15, notify_supervisor: true, enabled: false });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.days, 15);
  assert.equal(res.json.notify_supervisor, true);
  assert.equal(res.json.name, '临时规则');
  assertError(await admin.patch(`/api/v1/reminder-rules/${id}`, { kind: 'x' }), 422, 'validation_failed');
  assert.ok((await admin.get('/api/v1/reminder-rules')).json.records.some((r) => r.id === id));
  assert.equal((await admin.delete(`/api/v1/reminder-rules/${id}`)).status, 204);
  assertError(await admin.get(`/api/v1/reminder-rules/${id}`), 404, 'not_found');
  assertError(await admin.post(`/api/v1/reminder-rules/${id}/run`, {}), 404, 'not_found');
});

test('customers not followed up for N days: owner and supervisor hear once per event', async () => {
  const rule = await mustCreate(admin, '/api/v1/reminder-rules', {
    name: '2 天未跟进',
    kind: 'customer_no_followup',
    days: 2,
    notify_supervisor: true,
  });
  const a = await mustCreate(people.s1, '/api/v1/objects/customer/records', { name: '提醒未跟进客户甲' });
  const b = await mustCreate(people.s2, '/api/v1/objects/customer/records', { name: '提醒未跟进客户乙' });
  assert.equal(await run(rule.id), 0, 'nothing is two days old yet');

  await advance(2 * DAY + 3600);
  await run(rule.id);  // the daily job may have been first; either way each event is reminded once
  assert.equal(await run(rule.id), 0, 'a second run reminds nobody again');
  let sent = await deliveries(rule.id);
  assert.equal(sent.filter((d) => d.record_id === a.id).length, 1);
  assert.equal(sent.filter((d) => d.record_id === b.id).length, 1);
  const forA = sent.find((d) => d.record_id === a.id);
  assert.equal(forA.owner_id, people.s1.userId);
  assert.equal(forA.supervisor_id, people.mgr.userId);
  assert.equal(sent.find((d) => d.record_id === b.id).supervisor_id, null, 's2 has no supervisor');
  assert.equal((await remindersOf(people.s1, 'customer', a.id)).length, 1);
  assert.equal((await remindersOf(people.mgr, 'customer', a.id)).length, 1);
  assert.equal((await remindersOf(people.s2, 'customer', b.id)).length, 1);
  assert.equal((await remindersOf(people.mgr, 'customer', b.id)).length, 0);
  assert.equal((await remindersOf(people.s1, 'customer', b.id)).length, 0);

  // A follow-up is a new start: two days after it, a new reminder; b's old event stays reminded once.
  const f =
    await people.s1.post('/api/v1/objects/followup/records', { customer_id: a.id, type: 'visit', content: '上门拜访' });
  assert.equal(f.status, 201, f.text);
  await advance(DAY);
  await run(rule.id);
  assert.equal(
    (await deliveries(rule.id)).filter((d) => d.record_id === a.id).length, 1, 'only one day since the follow-up');
  await advance(DAY + 3600);
  await run(rule.id);
  await run(rule.id);
  sent = await deliveries(rule.id);
  assert.equal(sent.filter((d) => d.record_id === a.id).length, 2);
  assert.equal(sent.filter((d) => d.record_id === b.id).length, 1);
  assert.equal((await remindersOf(people.s1, 'customer', a.id)).length, 2);

  // Disabled from here on: the daily job skips it while the later tests move the clock.
  assert.equal((await admin.patch(`/api/v1/reminder-rules/${rule.id}`, { enabled: false })).status, 200);
});

test('next follow-up due in N days and customers not closed', async () => {
  const due =
    await mustCreate(admin, '/api/v1/reminder-rules', { name: '1 天内待跟进', kind: 'followup_due', days: 1 });
  const noDeal =
    await mustCreate(admin, '/api/v1/reminder-rules', { name: '3 天未成交', kind: 'customer_no_deal', days: 3 });
  const c = await mustCreate(people.s2, '/api/v1/objects/customer/records', { name: '提醒待跟进客户' });
  const won =
    await mustCreate(people.s2, '/api/v1/objects/customer/records', { name: '提醒已成交客户', status: 'deal' });
  const next = new Date(serverNow + 12 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const f = await people.s2.post('/api/v1/objects/followup/records', {
    customer_id: c.id,
    type: 'phone',
    content: '约好明天再打',
    next_followup_at: next,
  });
  assert.equal(f.status, 201, f.text);
  assert.ok(
    (await admin.get(`/api/v1/objects/customer/records/${c.id}`)).json.next_followup_at, 'the follow-up set it');
  assert.equal(await run(due.id), 1);
  assert.equal(await run(due.id), 0);
  assert.equal((await remindersOf(people.s2, 'customer', c.id)).length, 1);

  await advance(3 * DAY + 3600);
  await run(noDeal.id);
  const sent = (await deliveries(noDeal.id)).map((d) => d.record_id);
  assert.ok(sent.includes(c.id));
  assert.ok(!sent.includes(won.id), 'a customer with a deal is not reminded');
  assert.equal(await run(noDeal.id), 0);
});

test('contracts expiring and instalments due or overdue, when those objects exist', async (t) => {
  const meta = await admin.get('/api/v1/meta/objects/payment_plan');
  if (meta.status === 404) {
    t.skip('contracts and payment plans are not defined in this build');
    return;
  }
  const customer = await mustCreate(people.s1, '/api/v1/objects/customer/records', { name: '提醒合同客户' });
  const contract = await mustCreate(people.s1, '/api/v1/objects/contract/records', {
    name: '提醒测试合同',
    customer_id: customer.id,
    start_date: chinaDate(-300),
    end_date: chinaDate(5),
    amount: '10000.00',
  });
  const plan = await mustCreate(people.s1, '/api/v1/objects/payment_plan/records', {
    contract_id: contract.id,
    name: '首期款',
    due_date: chinaDate(3),
    amount: '5000.00',
  });
  const expiring =
    await mustCreate(admin, '/api/v1/reminder-rules', { name: '合同 7 天内到期', kind: 'contract_expiring', days: 7 });
  const dueSoon =
    await mustCreate(admin, '/api/v1/reminder-rules', { name: '回款 7 天内到期', kind: 'payment_due', days: 7 });
  const overdue = await mustCreate(admin, '/api/v1/reminder-rules', {
    name: '回款逾期',
    kind: 'payment_overdue',
    days: 0,
    notify_supervisor: true,
  });
  assert.equal(await run(expiring.id), 1);
  assert.equal(await run(expiring.id), 0);
  assert.equal(await run(dueSoon.id), 1);
  assert.equal(await run(dueSoon.id), 0);
  assert.equal(await run(overdue.id), 0, 'not overdue yet');
  assert.equal((await remindersOf(people.s1, 'contract', contract.id)).length, 1);
  assert.equal((await remindersOf(people.s1, 'payment_plan', plan.id)).length, 1);

  await advance(4 * DAY);
  await run(overdue.id);
  assert.equal(await run(overdue.id), 0);
  assert.equal(await run(dueSoon.id), 0, 'the due reminder was already sent');
  const sent = await deliveries(overdue.id);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].record_id, plan.id);
  assert.equal(sent[0].supervisor_id, people.mgr.userId);
  assert.equal((await remindersOf(people.s1, 'payment_plan', plan.id)).length, 2);
  await signInAgain(people.mgr);
  assert.equal((await remindersOf(people.mgr, 'payment_plan', plan.id)).length, 1);
});
