// Pipeline to cash (issue 6): quotes and contracts with product lines whose amounts the server
// computes, one contract per opportunity, payment plans whose status follows the payments and the
// date, the contract's paid / unpaid / overdue amounts kept current through deletes and restores,
// and invoices that never exceed what is left to invoice. All through the records engine.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {create, rec} from './lib/records.mjs';
import {signInAll, startServer} from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000',
  liu: '13800000003',
  sun: '13800000004',
  zhao: '13800000006'
};

// Dates in China Standard Time, n days from today.
const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

let customerId;
let otherCustomerId;
before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  customerId = (await create(as.liu, 'customer', { name: '回款测试科技有限公司' })).id;
  otherCustomerId = (await create(as.liu, 'customer', { name: '另一家回款测试公司' })).id;
});
after(async () => {
  await server.stop();
});

const get = async (client, object, id) => (await client.get(`${rec(object)}/${id}`)).json;
const fieldsOf = (res) => (res.json?.error?.details ?? []).map((d) => d.field);

test('a quote computes its line amounts and totals; clients cannot write the totals', async () => {
  const product = await create(as.admin, 'product', { name: '回款测试软件', price: '980.00', unit: 'seat' });
  const quote = await create(as.liu, 'quote', {
    name: '回款测试报价',
    customer_id: customerId,
    quote_date: day(0),
    valid_until: day(30),
    lines: JSON.stringify([
      { product_id: product.id, quantity: 10, discount: 10, tax_rate: 6 },
      { name: '实施服务', quantity: '2.5', unit_price: '2400.00', tax_rate: '6', total: '1.00' },
    ]),
  });
  // 10 × 980 = 9800, 10 % off → 8820, 6 % → 529.20; 2.5 × 2400 = 6000, 6 % → 360.
  assert.equal(quote.subtotal_amount, '15800.00');
  assert.equal(quote.discount_amount, '980.00');
  assert.equal(quote.tax_amount, '889.20');
  assert.equal(quote.total_amount, '15709.20');
  assert.match(quote.code, /^BJ-\d{4}-\d{4}$/);
  const lines = JSON.parse(quote.lines);
  assert.equal(lines[0].name, '回款测试软件', 'the product names the line');
  assert.equal(lines[0].unit, '账号');
  assert.equal(lines[0].unit_price, '980.00');
  assert.equal(lines[0].total, '9349.20');
  assert.equal(lines[1].total, '6360.00', 'a client total inside a line is recomputed');

  for (const field of ['total_amount', 'subtotal_amount', 'tax_amount', 'discount_amount']) {
    const res = await as.liu.patch(`${rec('quote')}/${quote.id}`, { [field]: '1.00' });
    assert.equal(res.status, 422, `${field} is computed: ${res.text}`);
    assert.deepEqual(fieldsOf(res), [field]);
  }
  const created = await as.liu.post(rec('quote'), { name: '写合计', customer_id: customerId, total_amount: '5.00' });
  assert.equal(created.status, 422);

  const changed = await as.liu.patch(`${rec('quote')}/${quote.id}`, {
    lines: JSON.stringify([{ name: '单行', quantity: 1, unit_price: '100.00' }]),
  });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.total_amount, '100.00');
  assert.equal(changed.json.tax_amount, '0.00');
  const history = await as.liu.get(`${rec('quote')}/${quote.id}/history`);
  assert.ok(history.json.records.some((h) => h.field === 'total_amount'), 'totals changes are in the history');

  const bad = await as.liu.patch(`${rec('quote')}/${quote.id}`, {
    lines: JSON.stringify([{ name: 'a', quantity: 1, unit_price: 1 }, { name: 'b', quantity: 0, unit_price: 1 }]),
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['lines[1].quantity']);
  assert.equal((await as.liu.patch(`${rec('quote')}/${quote.id}`, { lines: 'not json' })).status, 422);
  const late = await as.liu.patch(`${rec('quote')}/${quote.id}`, { valid_until: day(-1) });
  assert.equal(late.status, 422);
  assert.deepEqual(fieldsOf(late), ['valid_until']);
});

test('a quote prints with the enterprise header, its lines and customer; only for who may read it', async () => {
  const quote = await create(as.liu, 'quote', {
    name: '打印测试报价',
    customer_id: customerId,
    lines: JSON.stringify([{ name: '打印行', quantity: 2, unit_price: '50.00' }]),
  });
  const print = await as.liu.get(`/api/v1/sales/quotes/${quote.id}/print`);
  assert.equal(print.status, 200, print.text);
  assert.ok(print.json.header.company_name.length > 0, 'the enterprise name heads the print');
  assert.equal(print.json.quote.total_amount, '100.00');
  assert.equal(print.json.lines[0].total, '100.00');
  assert.equal(print.json.customer.name, '回款测试科技有限公司');
  assert.equal(print.json.salesperson.name, '刘洋');
  assert.equal((await as.sun.get(`/api/v1/sales/quotes/${quote.id}/print`)).status, 404, 'not in 孙丽 scope');
  assert.equal((await as.liu.get('/api/v1/sales/quotes/999999/print')).status, 404);

  assert.equal((await as.liu.put('/api/v1/sales/print-header', { address: 'x' })).status, 403);
  const header = await as.admin.put('/api/v1/sales/print-header', {
    company_name: '协力演示科技有限公司',
    address: '杭州市西湖区文三路 1 号',
    bank_account: '招商银行 6225 0000 0000 0000',
  });
  assert.equal(header.status, 200, header.text);
  assert.equal((await as.admin.put('/api/v1/sales/print-header', { logo: 1 })).status, 422);
  const again = await as.liu.get(`/api/v1/sales/quotes/${quote.id}/print`);
  assert.equal(again.json.header.company_name, '协力演示科技有限公司');
  assert.equal(again.json.header.address, '杭州市西湖区文三路 1 号');
});

test('a contract amount follows its lines; without lines it is entered and required', async () => {
  const withLines = await create(as.liu, 'contract', {
    name: '明细合同',
    customer_id: customerId,
    lines: JSON.stringify([{ name: '软件', quantity: 3, unit_price: '1000.00', tax_rate: 13 }]),
  });
  assert.equal(withLines.amount, '3390.00');
  assert.equal(withLines.unpaid_amount, '3390.00');
  assert.equal(withLines.paid_amount, '0.00');
  assert.match(withLines.code, /^HT-\d{4}-\d{4}$/);
  const other = await as.liu.patch(`${rec('contract')}/${withLines.id}`, { amount: '5000.00' });
  assert.equal(other.status, 422);
  assert.deepEqual(fieldsOf(other), ['amount']);
  assert.match(other.json.error.message, /3390\.00/);
  for (const field of ['paid_amount', 'unpaid_amount', 'overdue_amount', 'invoiced_amount']) {
    assert.equal((await as.liu.patch(`${rec('contract')}/${withLines.id}`, { [field]: '1.00' })).status, 422, field);
  }
  const missing = await as.liu.post(rec('contract'), { name: '无金额合同', customer_id: customerId });
  assert.equal(missing.status, 422);
  assert.deepEqual(fieldsOf(missing), ['amount']);
  const plain = await create(as.liu, 'contract', { name: '总价合同', customer_id: customerId, amount: '8000.00' });
  assert.equal(plain.unpaid_amount, '8000.00');
  const bad = await as.liu.patch(`${rec('contract')}/${plain.id}`, { start_date: day(10), end_date: day(5) });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['end_date']);
});

test('an opportunity has at most one contract: 409 naming it, also on restore', async () => {
  const opp =
    await create(as.liu, 'opportunity', { name: '一单一合同商机', customer_id: customerId, amount: '50000.00' });
  const first = await create(as.liu, 'contract', {
    name: '第一份合同',
    customer_id: customerId,
    opportunity_id: opp.id,
    amount: '50000.00',
  });
  const second = await as.liu.post(rec('contract'), {
    name: '第二份合同',
    customer_id: customerId,
    opportunity_id: opp.id,
    amount: '1.00',
  });
  assert.equal(second.status, 409, second.text);
  assert.ok(second.json.error.message.includes(first.code), 'the message names the existing contract');
  assert.equal(second.json.error.existing_contract.id, first.id);
  // Two at once: the write transaction serializes them, exactly one wins.
  const opp2 = await create(as.liu, 'opportunity', { name: '并发商机', customer_id: customerId });
  const racing = await Promise.all([1, 2, 3].map((n) => as.liu.post(rec('contract'), {
    name: `并发合同 ${n}`,
    customer_id: customerId,
    opportunity_id: opp2.id,
    amount: '1.00',
  })));
  assert.deepEqual(racing.map((r) => r.status).sort(), [201, 409, 409]);

  const wrong = await as.liu.post(rec('contract'), {
    name: '错客户合同',
    customer_id: otherCustomerId,
    opportunity_id: opp.id,
    amount: '1.00',
  });
  assert.equal(wrong.status, 422, 'the opportunity belongs to another customer');

  const plain = await create(as.liu, 'contract', { name: '后挂商机合同', customer_id: customerId, amount: '2.00' });
  assert.equal((await as.liu.patch(`${rec('contract')}/${plain.id}`, { opportunity_id: opp.id })).status, 409);

  assert.equal((await as.admin.delete(`${rec('contract')}/${first.id}`)).status, 204);
  const replacement = await create(as.liu, 'contract', {
    name: '替代合同',
    customer_id: customerId,
    opportunity_id: opp.id,
    amount: '50000.00',
  });
  const restored = await as.admin.post(`${rec('contract')}/${first.id}/restore`, {});
  assert.equal(restored.status, 409, 'restoring would make a second contract');
  assert.ok(restored.json.error.message.includes(replacement.code));
});

test('a won opportunity makes its contract through the engine', async () => {
  const opp =
    await create(as.liu, 'opportunity', { name: '赢单转合同商机', customer_id: customerId, amount: '30000.00' });
  const open = await as.liu.post(`/api/v1/sales/opportunities/${opp.id}/contract`, {});
  assert.equal(open.status, 422, 'only a won opportunity');
  const won = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, {
    stage: 'won',
    actual_amount: '28000.00',
    actual_close_date: day(0),
  });
  assert.equal(won.status, 200, won.text);
  const made = await as.liu.post(`/api/v1/sales/opportunities/${opp.id}/contract`, { end_date: day(365) });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.amount, '28000.00');
  assert.equal(made.json.sign_date, day(0));
  assert.equal(made.json.opportunity_id, opp.id);
  assert.equal(made.json.customer_id, customerId);
  assert.equal(made.headers.get('location'), `/api/v1/objects/contract/records/${made.json.id}`);
  assert.equal((await as.liu.post(`/api/v1/sales/opportunities/${opp.id}/contract`, {})).status, 409);
  assert.equal((await as.sun.post(`/api/v1/sales/opportunities/${opp.id}/contract`, {})).status, 404);
});

test('payment plans and payments keep plan status and contract paid / unpaid / overdue current', async () => {
  const contract = await create(as.liu, 'contract', { name: '回款合同', customer_id: customerId, amount: '100000.00' });
  const late =
    await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: day(-10), amount: '50000.00' });
  assert.equal(late.status, 'overdue');
  assert.equal(late.period, 1);
  assert.equal(late.name, '第1期');
  assert.equal(late.customer_id, customerId, 'the contract gives the customer');
  const soon = await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: day(3), amount: '30000.00' });
  assert.equal(soon.status, 'due');
  assert.equal(soon.period, 2);
  const later =
    await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: day(90), amount: '20000.00' });
  assert.equal(later.status, 'not_due');
  const tooMuch =
    await as.liu.post(rec('payment_plan'), { contract_id: contract.id, due_date: day(99), amount: '0.01' });
  assert.equal(tooMuch.status, 422, 'plans cannot exceed the contract');
  assert.equal((await as.liu.patch(`${rec('payment_plan')}/${late.id}`, { status: 'paid' })).status, 422);
  assert.equal((await as.liu.patch(`${rec('payment_plan')}/${late.id}`, { received_amount: '1.00' })).status, 422);

  let c = await get(as.liu, 'contract', contract.id);
  assert.deepEqual([c.paid_amount, c.unpaid_amount, c.overdue_amount], ['0.00', '100000.00', '50000.00']);

  const p1 = await create(as.liu, 'payment', {
    contract_id: contract.id,
    plan_id: late.id,
    amount: '20000.00',
    paid_date: day(0),
    method: 'bank_transfer',
  });
  assert.equal(p1.customer_id, customerId);
  let plan = await get(as.liu, 'payment_plan', late.id);
  assert.equal(plan.received_amount, '20000.00');
  assert.equal(plan.status, 'overdue', 'partly paid but past due');
  c = await get(as.liu, 'contract', contract.id);
  assert.deepEqual([c.paid_amount, c.unpaid_amount, c.overdue_amount], ['20000.00', '80000.00', '30000.00']);

  await create(as.liu, 'payment',
    { contract_id: contract.id, plan_id: soon.id, amount: '10000.00', paid_date: day(0) });
  assert.equal((await get(as.liu, 'payment_plan', soon.id)).status, 'partial');

  const p3 = await create(as.liu, 'payment',
    { contract_id: contract.id, plan_id: late.id, amount: '30000.00', paid_date: day(0) });
  plan = await get(as.liu, 'payment_plan', late.id);
  assert.deepEqual([plan.received_amount, plan.status], ['50000.00', 'paid']);
  c = await get(as.liu, 'contract', contract.id);
  assert.deepEqual([c.paid_amount, c.unpaid_amount, c.overdue_amount], ['60000.00', '40000.00', '0.00']);

  // Moving a payment to another plan moves its amount.
  const moved = await as.liu.patch(`${rec('payment')}/${p3.id}`, { plan_id: later.id, amount: '20000.00' });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await get(as.liu, 'payment_plan', late.id)).status, 'overdue');
  assert.equal((await get(as.liu, 'payment_plan', later.id)).status, 'paid');
  c = await get(as.liu, 'contract', contract.id);
  assert.deepEqual([c.paid_amount, c.overdue_amount], ['50000.00', '30000.00']);

  // Delete and restore (as the administrator: sales people do not delete).
  assert.equal((await as.admin.delete(`${rec('payment')}/${p1.id}`)).status, 204);
  c = await get(as.liu, 'contract', contract.id);
  assert.deepEqual([c.paid_amount, c.unpaid_amount, c.overdue_amount], ['30000.00', '70000.00', '50000.00']);
  assert.equal((await get(as.liu, 'payment_plan', late.id)).received_amount, '0.00');
  assert.equal((await as.admin.post(`${rec('payment')}/${p1.id}/restore`, {})).status, 200);
  c = await get(as.liu, 'contract', contract.id);
  assert.deepEqual([c.paid_amount, c.overdue_amount], ['50000.00', '30000.00']);
  assert.equal((await as.admin.delete(`${rec('payment_plan')}/${late.id}`)).status, 204);
  assert.equal((await get(as.liu, 'contract', contract.id)).overdue_amount, '0.00', 'a deleted plan is not overdue');
  assert.equal((await as.admin.post(`${rec('payment_plan')}/${late.id}/restore`, {})).status, 200);
  assert.equal((await get(as.liu, 'contract', contract.id)).overdue_amount, '30000.00');

  const summary = await as.liu.get(`/api/v1/sales/contracts/${contract.id}/payment-summary`);
  assert.equal(summary.status, 200, summary.text);
  assert.equal(summary.json.paid_amount, '50000.00');
  assert.equal(summary.json.overdue_amount, '30000.00');
  assert.deepEqual(summary.json.plans.map((p) => p.status), ['overdue', 'partial', 'paid']);
  assert.equal((await as.sun.get(`/api/v1/sales/contracts/${contract.id}/payment-summary`)).status, 404);

  // Payments stay within the contract and link only to its own plans.
  const over = await as.liu.post(rec('payment'), { contract_id: contract.id, amount: '50000.01', paid_date: day(0) });
  assert.equal(over.status, 422);
  assert.match(over.json.error.message, /50000\.00/);
  const elsewhere = await create(as.liu, 'contract', { name: '别的合同', customer_id: customerId, amount: '10.00' });
  const wrongPlan = await as.liu.post(rec('payment'), {
    contract_id: elsewhere.id,
    plan_id: late.id,
    amount: '1.00',
    paid_date: day(0),
  });
  assert.equal(wrongPlan.status, 422);
  assert.deepEqual(fieldsOf(wrongPlan), ['plan_id']);
  // Someone who cannot see the contract cannot book against it.
  const hidden = await as.sun.post(rec('payment'), { contract_id: contract.id, amount: '1.00', paid_date: day(0) });
  assert.equal(hidden.status, 422);
  assert.deepEqual(fieldsOf(hidden), ['contract_id']);
});

test('payments that name no instalment pay the earliest ones: a contract paid in full has nothing overdue', async () => {
  const contract = await create(as.liu, 'contract', { name: '未指定期次合同', customer_id: customerId, amount: '50000.00' });
  const first = await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: day(-20), amount: '20000.00' });
  const second = await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: day(-5), amount: '30000.00' });
  await create(as.liu, 'payment', { contract_id: contract.id, plan_id: first.id, amount: '5000.00', paid_date: day(0) });
  await create(as.liu, 'payment', { contract_id: contract.id, amount: '15000.00', paid_date: day(0) });
  let summary = (await as.liu.get(`/api/v1/sales/contracts/${contract.id}/payment-summary`)).json;
  assert.deepEqual(summary.plans.map((p) => [p.received_amount, p.status]), [['20000.00', 'paid'], ['0.00', 'overdue']]);
  assert.equal(summary.overdue_amount, '30000.00');
  await create(as.liu, 'payment', { contract_id: contract.id, amount: '30000.00', paid_date: day(0) });
  summary = (await as.liu.get(`/api/v1/sales/contracts/${contract.id}/payment-summary`)).json;
  assert.deepEqual([summary.paid_amount, summary.unpaid_amount, summary.overdue_amount], ['50000.00', '0.00', '0.00']);
  assert.deepEqual(summary.plans.map((p) => p.status), ['paid', 'paid']);
  assert.equal((await get(as.liu, 'payment_plan', second.id)).status, 'paid', 'stored as well');
  assert.equal((await get(as.liu, 'contract', contract.id)).overdue_amount, '0.00');
});

test('a contract amount never falls below what is paid or planned', async () => {
  const contract = await create(as.liu, 'contract', { name: '降额合同', customer_id: customerId, amount: '50000.00' });
  await create(as.liu, 'payment_plan', { contract_id: contract.id, due_date: day(30), amount: '30000.00' });
  await create(as.liu, 'payment', { contract_id: contract.id, amount: '20000.00', paid_date: day(0) });
  const codeOf = (res) => res.json?.error?.details?.[0]?.code;
  const belowPaid = await as.liu.patch(`${rec('contract')}/${contract.id}`, { amount: '10000.00' });
  assert.equal(belowPaid.status, 422, belowPaid.text);
  assert.equal(codeOf(belowPaid), 'below_paid');
  assert.match(belowPaid.json.error.message, /20000\.00/);
  const belowPlanned = await as.liu.patch(`${rec('contract')}/${contract.id}`, { amount: '25000.00' });
  assert.equal(belowPlanned.status, 422, belowPlanned.text);
  assert.equal(codeOf(belowPlanned), 'below_planned');
  const fine = await as.liu.patch(`${rec('contract')}/${contract.id}`, { amount: '30000.00' });
  assert.equal(fine.status, 200, fine.text);
  assert.deepEqual([fine.json.paid_amount, fine.json.unpaid_amount], ['20000.00', '10000.00']);
});

test('a won deal whose contract stands cannot be moved to lost or back to open', async () => {
  const opp = await create(as.liu, 'opportunity', { name: '已签约商机', customer_id: customerId, amount: '9000.00' });
  const won = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, {
    stage: 'won', actual_amount: '9000.00', actual_close_date: day(0),
  });
  assert.equal(won.status, 200, won.text);
  const contract = await as.liu.post(`/api/v1/sales/opportunities/${opp.id}/contract`, {});
  assert.equal(contract.status, 201, contract.text);
  for (const move of [{ stage: 'lost', lost_reason: 'price' }, { stage: 'negotiation' }]) {
    const res = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, move);
    assert.equal(res.status, 422, `${JSON.stringify(move)} → ${res.text}`);
    assert.equal(res.json.error.details[0].code, 'has_contract');
  }
  assert.equal((await get(as.liu, 'opportunity', opp.id)).status, 'won');
  // Once the contract is terminated, the deal may be lost after all.
  const ended = await as.liu.patch(`${rec('contract')}/${contract.json.id}`, { status: 'terminated' });
  assert.equal(ended.status, 200, ended.text);
  const lost = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, { stage: 'lost', lost_reason: 'price' });
  assert.equal(lost.status, 200, lost.text);
});

test('an invoice never exceeds what is left to invoice on its contract', async () => {
  const contract = await create(as.liu, 'contract', { name: '开票合同', customer_id: customerId, amount: '100000.00' });
  const first = await create(as.liu, 'invoice', {
    contract_id: contract.id,
    type: 'normal',
    title: '回款测试科技有限公司',
    amount: '60000.00',
  });
  assert.equal(first.status, 'pending');
  assert.equal(first.customer_id, customerId);
  assert.equal((await get(as.liu, 'contract', contract.id)).invoiced_amount, '60000.00');
  const over = await as.liu.post(rec('invoice'), {
    contract_id: contract.id,
    type: 'normal',
    title: '回款测试科技有限公司',
    amount: '40000.01',
  });
  assert.equal(over.status, 422);
  assert.deepEqual(fieldsOf(over), ['amount']);
  assert.match(over.json.error.message, /40000\.00/, 'the message names what is left');
  const en =
    await as.liu.post(rec('invoice'), { contract_id: contract.id, type: 'normal', title: 't', amount: '40000.01' }, {
      headers: { 'Accept-Language': 'en' },
    });
  assert.match(en.json.error.message, /left to invoice.*40000\.00/);

  const special =
    await as.liu.post(rec('invoice'), { contract_id: contract.id, type: 'special', title: 't', amount: '1.00' });
  assert.equal(special.status, 422, 'a VAT special invoice needs the taxpayer ID');
  assert.deepEqual(fieldsOf(special), ['tax_number']);

  const raise = await as.liu.patch(`${rec('invoice')}/${first.id}`, { amount: '100000.01' });
  assert.equal(raise.status, 422);
  assert.equal((await as.liu.patch(`${rec('invoice')}/${first.id}`, { status: 'voided' })).status, 200);
  assert.equal((await get(as.liu, 'contract', contract.id)).invoiced_amount, '0.00', 'voided invoices do not count');
  const second = await create(as.liu, 'invoice', {
    contract_id: contract.id,
    type: 'special',
    title: '回款测试科技有限公司',
    tax_number: '91330100MA2XXXXXX1',
    amount: '50000.00',
  });
  const unvoid = await as.liu.patch(`${rec('invoice')}/${first.id}`, { status: 'issued' });
  assert.equal(unvoid.status, 422, 'un-voiding would exceed the contract');
  assert.match(unvoid.json.error.message, /50000\.00/);
  // Lowering the contract below what is invoiced is refused.
  const lower = await as.liu.patch(`${rec('contract')}/${contract.id}`, { amount: '49999.99' });
  assert.equal(lower.status, 422);
  // Delete then restore: the restore is checked too.
  assert.equal((await as.admin.delete(`${rec('invoice')}/${second.id}`)).status, 204);
  assert.equal((await get(as.liu, 'contract', contract.id)).invoiced_amount, '0.00');
  await create(as.liu, 'invoice', { contract_id: contract.id, type: 'normal', title: 't', amount: '80000.00' });
  assert.equal((await as.admin.post(`${rec('invoice')}/${second.id}/restore`, {})).status, 422);
  assert.equal((await get(as.liu, 'contract', contract.id)).invoiced_amount, '80000.00');
});

test('finance reads every contract and records payments; sales people see only theirs', async () => {
  const contract =
    await create(as.liu, 'contract', { name: '财务可见合同', customer_id: customerId, amount: '500.00' });
  assert.equal((await as.zhao.get(`${rec('contract')}/${contract.id}`)).status, 200);
  const paid = await as.zhao.post(rec('payment'), { contract_id: contract.id, amount: '500.00', paid_date: day(0) });
  assert.equal(paid.status, 201, paid.text);
  assert.equal((await get(as.liu, 'contract', contract.id)).paid_amount, '500.00');
  assert.equal((await as.sun.get(`${rec('contract')}/${contract.id}`)).status, 404);
  const list = await as.sun.get(`${rec('contract')}?limit=200`);
  assert.ok(!list.json.records.some((r) => r.id === contract.id));
});
