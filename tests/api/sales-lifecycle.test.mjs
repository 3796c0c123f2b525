// The life of sales records after the audit of issue 6 (docs/audits/2026-11-24-issue-6.md §3, §4): a quote starts as
// a draft, cannot be accepted once its validity has passed, and the daily job `sales.quote_expiry`
// expires the open ones (run by moving the server's --test-clock, as payment-due.test.mjs does); a
// contract with payments or invoices cannot be deleted, and its payment plans go to the recycle bin
// and come back with it; the 409 for a second contract on a deal names the first only to those who
// may read it; days in a stage are whole days.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';

import {assertError, create, rec} from './lib/records.mjs';
import {advanceClock, DEMO_PASSWORD, signInAll, startServer} from './lib/server.mjs';

const PEOPLE = {
  admin: '13800000000', // 李明, 管理员
  zhang: '13800000002', // 张伟, 销售经理, 刘洋's manager
  liu: '13800000003', // 刘洋, 销售, 华东大区
  sun: '13800000004', // 孙丽, 销售, 华南大区
};

// A China date n days from `base` (the test's own clock, or the server's after moving it).
const chinaDay = (n, base = Date.now()) => new Date(base + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const get = async (client, object, id) => (await client.get(`${rec(object)}/${id}`)).json;
const inEnglish = { headers: { 'Accept-Language': 'en' } };
const detailCodes = (res) => (res.json?.error?.details ?? []).map((d) => d.code);
const liveOf = async (client, object, field, value) => (await client.post(`/api/v1/objects/${object}/query`, {
  filter: { and: [{ field, op: 'eq', value }] },
})).json.records.map((r) => r.id);

describe('on the real clock', () => {
  let server;
  const as = {};
  let customerId;
  before(async () => {
    server = await startServer({ demo: true });
    Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
    customerId = (await create(as.liu, 'customer', { name: '生命周期测试有限公司' })).id;
  });
  after(async () => {
    await server.stop();
  });

  test('a new quote without a status is a draft; a given status is kept', async () => {
    const plain = await create(as.liu, 'quote', { name: '默认状态报价', customer_id: customerId });
    assert.equal(plain.status, 'draft');
    assert.equal(plain._display.status, '草稿');
    const sent = await create(as.liu, 'quote', { name: '已发送报价', customer_id: customerId, status: 'sent' });
    assert.equal(sent.status, 'sent');
    const nulled = await create(as.liu, 'quote', { name: '空状态报价', customer_id: customerId, status: null });
    assert.equal(nulled.status, 'draft');
  });

  test('a quote past its valid_until cannot be accepted until the date moves on', async () => {
    const quote = await create(as.liu, 'quote', {
      name: '过期报价',
      customer_id: customerId,
      quote_date: chinaDay(-20),
      valid_until: chinaDay(-1),
      status: 'sent',
    });
    const refused = await as.liu.patch(`${rec('quote')}/${quote.id}`, { status: 'accepted' });
    assertError(refused, 422, 'validation_failed');
    assert.deepEqual(refused.json.error.details.map((d) => [d.field, d.code]), [['status', 'expired']]);
    assert.ok(refused.json.error.message.includes(chinaDay(-1)), refused.text);
    const en = await as.liu.patch(`${rec('quote')}/${quote.id}`, { status: 'accepted' }, inEnglish);
    assert.match(en.json.error.message, /expired on .*extend its validity/);
    // Created accepted with a lapsed date: the same rule.
    const born = await as.liu.post(rec('quote'), {
      name: '过期即接受',
      customer_id: customerId,
      valid_until: chinaDay(-3),
      status: 'accepted',
    });
    assertError(born, 422, 'validation_failed');
    // Valid through today is still valid.
    const today = await create(as.liu, 'quote', { name: '今天到期', customer_id: customerId, valid_until: chinaDay(0) });
    assert.equal((await as.liu.patch(`${rec('quote')}/${today.id}`, { status: 'accepted' })).status, 200);

    const extended = await as.liu.patch(`${rec('quote')}/${quote.id}`, { valid_until: chinaDay(10) });
    assert.equal(extended.status, 200, extended.text);
    assert.equal(extended.json.status, 'sent');
    const accepted = await as.liu.patch(`${rec('quote')}/${quote.id}`, { status: 'accepted' });
    assert.equal(accepted.status, 200, accepted.text);
    // An accepted quote keeps its status when its date later passes; the date may still be edited.
    const moved = await as.liu.patch(`${rec('quote')}/${quote.id}`, { valid_until: chinaDay(-1) });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.status, 'accepted');
  });

  test('a contract with payments or invoices cannot be deleted: 409 naming how many', async () => {
    const contract = await create(as.liu, 'contract', { name: '有回款合同', customer_id: customerId, amount: '9000.00' });
    await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: chinaDay(10), amount: '9000.00' });
    const p1 = await create(as.liu, 'payment', { contract_id: contract.id, amount: '1000.00', paid_date: chinaDay(0) });
    await create(as.liu, 'payment', { contract_id: contract.id, amount: '2000.00', paid_date: chinaDay(0) });
    await create(as.liu, 'invoice', { contract_id: contract.id, type: 'normal', title: '生命周期', amount: '3000.00' });

    const refused = await as.admin.delete(`${rec('contract')}/${contract.id}`);
    assertError(refused, 409, 'conflict');
    assert.deepEqual(detailCodes(refused), ['has_payments', 'has_invoices']);
    assert.equal(refused.json.error.payment_count, 2);
    assert.equal(refused.json.error.invoice_count, 1);
    assert.match(refused.json.error.message, /2 笔回款和 1 张发票/);
    const en = await as.admin.delete(`${rec('contract')}/${contract.id}`, inEnglish);
    assert.match(en.json.error.message, /2 payments and 1 invoice\b/);
    assert.equal((await as.admin.get(`${rec('contract')}/${contract.id}`)).status, 200, 'still there');
    assert.equal((await as.admin.get(`/api/v1/sales/contracts/${contract.id}/payment-summary`)).json.paid_amount,
      '3000.00');

    // The count follows what is still live.
    assert.equal((await as.admin.delete(`${rec('payment')}/${p1.id}`)).status, 204);
    const left = await as.admin.delete(`${rec('contract')}/${contract.id}`);
    assert.equal(left.json.error.payment_count, 1);
    assert.match(left.json.error.message, /1 笔回款和 1 张发票/);

    // A list deleting several at once (one request per record) deletes what may go and keeps the rest.
    const plain = await create(as.liu, 'contract', { name: '无回款合同', customer_id: customerId, amount: '10.00' });
    const batch = await Promise.all([contract.id, plain.id].map((id) => as.admin.delete(`${rec('contract')}/${id}`)));
    assert.deepEqual(batch.map((r) => r.status), [409, 204]);
  });

  test('payment plans go to the recycle bin with their contract and come back with it', async () => {
    const contract = await create(as.liu, 'contract', { name: '回收站合同', customer_id: customerId, amount: '6000.00' });
    const early = await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: chinaDay(-5), amount: '1000.00' });
    const later = await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: chinaDay(20), amount: '2000.00' });
    const own = await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: chinaDay(30), amount: '3000.00' });
    assert.equal(early.status, 'overdue');
    // One plan was deleted on its own before: it stays in the bin when the contract comes back.
    assert.equal((await as.admin.delete(`${rec('payment_plan')}/${own.id}`)).status, 204);
    // A payment deleted before the contract cannot come back while the contract is in the bin.
    const payment = await create(as.liu, 'payment', { contract_id: contract.id, amount: '10.00', paid_date: chinaDay(0) });
    assert.equal((await as.admin.delete(`${rec('payment')}/${payment.id}`)).status, 204);

    assert.equal((await as.admin.delete(`${rec('contract')}/${contract.id}`)).status, 204);
    assert.equal((await as.liu.get(`${rec('payment_plan')}/${early.id}`)).status, 404);
    assert.equal((await as.liu.get(`${rec('payment_plan')}/${later.id}`)).status, 404);
    assert.deepEqual(await liveOf(as.admin, 'payment_plan', 'contract_id', contract.id), []);
    const counted = await as.admin.post('/api/v1/objects/payment_plan/aggregate', {
      filter: { and: [{ field: 'contract_id', op: 'eq', value: contract.id }] },
      measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
    });
    assert.equal(counted.status, 200, counted.text);
    assert.deepEqual(counted.json.totals, { count: 0, sum_amount: '0.00' }, 'nothing left to remind or count');

    const back = await as.admin.post(`${rec('payment')}/${payment.id}/restore`, {});
    assertError(back, 409, 'conflict');
    assert.deepEqual(detailCodes(back), ['contract_deleted']);
    assert.equal((await as.admin.post(`${rec('payment_plan')}/${own.id}/restore`, {})).status, 409);

    const restored = await as.admin.post(`${rec('contract')}/${contract.id}/restore`, {});
    assert.equal(restored.status, 200, restored.text);
    assert.deepEqual((await liveOf(as.admin, 'payment_plan', 'contract_id', contract.id)).sort((a, b) => a - b),
      [early.id, later.id]);
    const plan = await get(as.liu, 'payment_plan', early.id);
    assert.equal(plan.status, 'overdue');
    assert.equal(restored.json.overdue_amount, '1000.00');
    // The timeline of a plan shows it going and coming back (outbox events of the engine's kind).
    const timeline = await as.admin.get(`${rec('payment_plan')}/${later.id}/timeline`);
    assert.equal(timeline.status, 200, timeline.text);
    const kinds = timeline.json.records.map((i) => i.type);
    assert.ok(kinds.includes('deleted') && kinds.includes('restored'), timeline.text);
    // Now the payment and the plan deleted on its own may come back.
    assert.equal((await as.admin.post(`${rec('payment')}/${payment.id}/restore`, {})).status, 200);
    assert.equal((await as.admin.post(`${rec('payment_plan')}/${own.id}/restore`, {})).status, 200);
  });

  test('the 409 for a second contract names the first only to those who may read it', async () => {
    const opp = await create(as.liu, 'opportunity', { name: '一单一合同可见性', customer_id: customerId, amount: '500.00' });
    const first = await create(as.liu, 'contract', {
      name: '刘洋的合同',
      customer_id: customerId,
      opportunity_id: opp.id,
      amount: '500.00',
    });
    // 孙丽 (another region) helps on the customer and the deal, but cannot read 刘洋's contract.
    for (const [object, id] of [['customer', customerId], ['opportunity', opp.id]]) {
      const added = await as.liu.post(`${rec(object)}/${id}/collaborators`, { user_id: as.sun.userId });
      assert.equal(added.status, 201, added.text);
    }
    assert.equal((await as.sun.get(`${rec('contract')}/${first.id}`)).status, 404);
    const body = { name: '孙丽的合同', customer_id: customerId, opportunity_id: opp.id, amount: '1.00' };
    const hidden = await as.sun.post(rec('contract'), body);
    assertError(hidden, 409, 'conflict');
    assert.equal(hidden.json.error.message, '该商机已有合同，一个商机只能签一份合同');
    assert.equal(hidden.json.error.existing_contract, undefined);
    assert.ok(!hidden.text.includes(first.code) && !hidden.text.includes('刘洋的合同'), hidden.text);
    assert.deepEqual(detailCodes(hidden), ['duplicate']);
    const hiddenEn = await as.sun.post(rec('contract'), body, inEnglish);
    assert.equal(hiddenEn.json.error.message, 'This opportunity already has a contract; it can have only one');

    // His manager reads it: named, with existing_contract.
    const named = await as.zhang.post(rec('contract'), { ...body, name: '经理的合同' });
    assertError(named, 409, 'conflict');
    assert.ok(named.json.error.message.includes(first.code), named.text);
    assert.deepEqual(named.json.error.existing_contract, { id: first.id, code: first.code, name: '刘洋的合同' });
  });
});

describe('on a moved clock (--test-clock)', () => {
  let server;
  const as = {};
  let customerId;
  before(async () => {
    server = await startServer({ demo: true, args: ['--test-clock'] });
    Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
    customerId = (await create(as.liu, 'customer', { name: '报价过期测试有限公司' })).id;
  });
  after(async () => {
    await server.stop();
  });

  test('the daily job expires open quotes past valid_until, through the engine, as the system', async () => {
    const jobs = (await as.admin.get('/api/v1/admin/jobs')).json.records;
    const job = jobs.find((j) => j.name === 'sales.quote_expiry');
    assert.ok(job, `registered: ${jobs.map((j) => j.name).join(', ')}`);
    assert.equal(job.recurring, true);

    const quote = (name, fields) => create(as.liu, 'quote', { name, customer_id: customerId, ...fields });
    const lapsed = await quote('昨天到期的草稿', { valid_until: chinaDay(-1) });
    const sent = await quote('明天到期的已发送', { valid_until: chinaDay(1), status: 'sent' });
    const later = await quote('十天后到期', { valid_until: chinaDay(10), status: 'sent' });
    const accepted = await quote('明天到期的已接受', { valid_until: chinaDay(1), status: 'accepted' });
    const rejected = await quote('已拒绝', { valid_until: chinaDay(-2), status: 'rejected' });
    const undated = await quote('无有效期', {});
    const binned = await quote('回收站里的', { valid_until: chinaDay(-1) });
    assert.equal((await as.admin.delete(`${rec('quote')}/${binned.id}`)).status, 204);
    const opp = await create(as.liu, 'opportunity', { name: '停留天数商机', customer_id: customerId, amount: '1.00' });
    assert.equal(lapsed.status, 'draft', 'nothing expires before the job runs');
    const started = Date.now();

    const now = await advanceClock(as.admin, 2 * 86400 + 60, DEMO_PASSWORD);
    const serverNow = Date.parse(now);
    let status = sent.status;
    const deadline = Date.now() + 15000;
    while (status !== 'expired' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await get(as.liu, 'quote', sent.id)).status;
    }
    assert.equal(status, 'expired', 'valid until tomorrow, two days later it has expired');
    assert.equal((await get(as.liu, 'quote', lapsed.id)).status, 'expired');
    assert.equal((await get(as.liu, 'quote', later.id)).status, 'sent');
    assert.equal((await get(as.liu, 'quote', accepted.id)).status, 'accepted');
    assert.equal((await get(as.liu, 'quote', rejected.id)).status, 'rejected');
    assert.equal((await get(as.liu, 'quote', undated.id)).status, 'draft');
    const restored = await as.admin.post(`${rec('quote')}/${binned.id}/restore`, {});
    assert.equal(restored.json.status, 'draft', 'a quote in the recycle bin is left alone');

    // An ordinary update of the engine: a version, a line of field history by no one, an outbox event.
    const expired = await get(as.liu, 'quote', lapsed.id);
    assert.equal(expired.version, lapsed.version + 1);
    const history = (await as.liu.get(`${rec('quote')}/${lapsed.id}/history`)).json.records;
    const change = history.find((h) => h.field === 'status');
    assert.deepEqual([change.old_value, change.new_value, change.actor_id], ['draft', 'expired', null]);

    const ran = (await as.admin.get('/api/v1/admin/jobs')).json.records.find((j) => j.name === 'sales.quote_expiry');
    assert.equal(ran.last_status, 'succeeded', JSON.stringify(ran));
    // The run says what it did (定时任务): the draft past its date and the sent quote.
    assert.deepEqual(ran.runs.map((r) => r.result), [{ expired: 2 }]);

    // Accepting needs a valid quote: move the date on first, then accept.
    const refused = await as.liu.patch(`${rec('quote')}/${sent.id}`, { status: 'accepted' });
    assertError(refused, 422, 'validation_failed');
    const extended = await as.liu.patch(`${rec('quote')}/${sent.id}`, { valid_until: chinaDay(5, serverNow) });
    assert.equal(extended.status, 200, extended.text);
    assert.equal(extended.json.status, 'expired', 'the salesperson sets the status again');
    const accept = await as.liu.patch(`${rec('quote')}/${sent.id}`, { status: 'accepted' });
    assert.equal(accept.status, 200, accept.text);

    // Days in a stage are whole days, a JSON integer (not 2E0).
    const moved = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, { stage: 'proposal' });
    assert.equal(moved.status, 200, moved.text);
    const stages = await as.liu.get(`/api/v1/sales/opportunities/${opp.id}/stage-history`);
    assert.equal(stages.status, 200, stages.text);
    assert.ok(serverNow - started > 2 * 86400e3 && serverNow - started < 3 * 86400e3);
    assert.equal(stages.json.records[0].days_in_stage, 2);
    assert.match(stages.text, /"days_in_stage":2[,}]/);
    assert.equal(stages.json.records[1].days_in_stage, null, 'the first stage has no stage before it');
  });
});
