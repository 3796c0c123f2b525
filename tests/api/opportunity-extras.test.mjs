// Issue 5's opportunity extras: product lines on a deal (its amount is their total, computed by the
// server), the competitors in a deal (object opportunity_competitor, unique per pair, scoped like
// deals) and the product category tree (picklist options with parents; filter operator "under").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { create, rec } from './lib/records.mjs';
import { signInAll, startServer } from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000',
  zhang: '13800000002', // 销售经理
  liu: '13800000003', // 销售
  sun: '13800000004', // 销售, same level as 刘洋
};
const query = (object) => `/api/v1/objects/${object}/query`;
const picklists = '/api/v1/meta/picklists';

let customerId;
let productId;
before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  customerId = (await create(as.liu, 'customer', { name: '商机明细测试有限公司' })).id;
  productId = (await create(as.admin, 'product', { name: '明细测试软件', price: '1000.00', unit: 'seat' })).id;
});
after(async () => {
  await server.stop();
});

const codesOf = (res) => (res.json?.error?.details ?? []).map((d) => `${d.field}:${d.code}`);

test('an opportunity with product lines: the server totals them into the amount', async () => {
  const opp = await create(as.liu, 'opportunity', {
    name: '明细测试商机',
    customer_id: customerId,
    lines: JSON.stringify([
      { product_id: productId, quantity: 3, discount: 10, tax_rate: 6, total: '1.00' },
      { name: '实施服务', quantity: '1.5', unit_price: '2000.00' },
    ]),
  });
  // 3 × 1000 = 3000, 10 % off → 2700, 6 % → 162 → 2862; 1.5 × 2000 = 3000 → 5862.
  assert.equal(opp.amount, '5862.00');
  const lines = JSON.parse(opp.lines);
  assert.equal(lines.length, 2);
  assert.equal(lines[0].name, '明细测试软件', 'the product fills in its name');
  assert.equal(lines[0].total, '2862.00', 'a total sent by the client is recomputed');

  // An amount beside lines must be their total; the same total is accepted.
  const other = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, { amount: '100.00' });
  assert.equal(other.status, 422, other.text);
  assert.deepEqual(codesOf(other), ['amount:computed_from_lines']);
  assert.match(other.json.error.message, /5,?862/);
  assert.equal((await as.liu.patch(`${rec('opportunity')}/${opp.id}`, { amount: '5862.00' })).status, 200);

  // Changing the lines moves the amount; a stage move leaves it alone.
  const fewer = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, {
    lines: JSON.stringify([{ product_id: productId, quantity: 2 }]),
  });
  assert.equal(fewer.status, 200, fewer.text);
  assert.equal(fewer.json.amount, '2000.00');
  const moved = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, { stage: 'proposal' });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.amount, '2000.00');

  // Malformed lines are refused naming the line.
  const bad = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, { lines: JSON.stringify([{ quantity: -1 }]) });
  assert.equal(bad.status, 422, bad.text);
  assert.ok(codesOf(bad).some((c) => c.startsWith('lines[0]')), bad.text);

  // Without lines the amount is typed by hand again.
  const cleared = await as.liu.patch(`${rec('opportunity')}/${opp.id}`, { lines: null, amount: '777.00' });
  assert.equal(cleared.status, 200, cleared.text);
  assert.equal(cleared.json.amount, '777.00');
  assert.equal(cleared.json.lines ?? null, null);

  // A deal without lines keeps working as before (lead conversion, kanban and dashboards read amount).
  const plain = await create(as.liu, 'opportunity', { name: '无明细商机', customer_id: customerId, amount: '9000.00' });
  assert.equal(plain.amount, '9000.00');
});

test('competitors on a deal: rows through the engine, one per competitor, related list by filter', async () => {
  const opp = await create(as.liu, 'opportunity', { name: '竞争测试商机', customer_id: customerId, amount: '50000.00' });
  const rival = await create(as.admin, 'competitor', { name: '测试对手甲' });
  const rival2 = await create(as.admin, 'competitor', { name: '测试对手乙' });
  const threat = (await as.liu.get(`${picklists}/competitor_threat`)).json;
  assert.deepEqual(threat.options.map((o) => o.label), ['高', '中', '低']);

  const row = await create(as.liu, 'opportunity_competitor', {
    opportunity_id: opp.id,
    competitor_id: rival.id,
    threat: 'high',
    strengths: '价格低',
  });
  assert.equal(row.name, '测试对手甲', 'named after the competitor');
  assert.equal((await as.liu.post(rec('opportunity_competitor'), { opportunity_id: opp.id })).status, 422);

  const dup = await as.liu.post(rec('opportunity_competitor'), { opportunity_id: opp.id, competitor_id: rival.id });
  assert.equal(dup.status, 422, dup.text);
  assert.deepEqual(codesOf(dup), ['competitor_id:duplicate']);
  assert.match(dup.json.error.message, /已在这个商机/);

  const second = await create(as.liu, 'opportunity_competitor', { opportunity_id: opp.id, competitor_id: rival2.id, threat: 'low' });
  // Moving a row onto a pair that exists is refused too; editing it otherwise is fine.
  assert.equal((await as.liu.patch(`${rec('opportunity_competitor')}/${second.id}`, { competitor_id: rival.id })).status, 422);
  const edited = await as.liu.patch(`${rec('opportunity_competitor')}/${second.id}`, { threat: 'medium', strategy: '强调服务' });
  assert.equal(edited.status, 200, edited.text);
  assert.equal((await as.liu.patch(`${rec('opportunity_competitor')}/${second.id}`, { name: 'x' })).status, 422, 'name is derived');

  // The related list on the deal is the engine's query on opportunity_id.
  const related = await as.liu.post(query('opportunity_competitor'), {
    filter: { field: 'opportunity_id', op: 'eq', value: opp.id },
    sort: [{ field: 'id', dir: 'asc' }],
  });
  assert.equal(related.status, 200, related.text);
  assert.deepEqual(related.json.records.map((r) => r.name), ['测试对手甲', '测试对手乙']);
  // And on the competitor.
  const byRival = await as.liu.post(query('opportunity_competitor'), { filter: { field: 'competitor_id', op: 'eq', value: rival.id } });
  assert.deepEqual(byRival.json.records.map((r) => r.id), [row.id]);

  // Deleted rows free the pair; a salesperson removes the rows they added (not other people's).
  assert.equal((await as.sun.delete(`${rec('opportunity_competitor')}/${row.id}`)).status, 404);
  assert.equal((await as.liu.delete(`${rec('opportunity_competitor')}/${row.id}`)).status, 204);
  await create(as.liu, 'opportunity_competitor', { opportunity_id: opp.id, competitor_id: rival.id });
});

test('competitors on a deal follow who may see and edit the deal', async () => {
  const opp = await create(as.liu, 'opportunity', { name: '权限测试商机', customer_id: customerId, amount: '1000.00' });
  const rival = await create(as.admin, 'competitor', { name: '权限测试对手' });
  const row = await create(as.liu, 'opportunity_competitor', { opportunity_id: opp.id, competitor_id: rival.id, threat: 'high' });

  // 孙丽 (a peer) can neither see 刘洋's deal nor its competitor rows, nor add rows to it.
  assert.equal((await as.sun.get(`${rec('opportunity_competitor')}/${row.id}`)).status, 404);
  const listed = await as.sun.post(query('opportunity_competitor'), { filter: { field: 'opportunity_id', op: 'eq', value: opp.id } });
  assert.equal(listed.status, 200, listed.text);
  assert.equal(listed.json.records.length, 0);
  const rival2 = await create(as.admin, 'competitor', { name: '权限测试对手乙' });
  const denied = await as.sun.post(rec('opportunity_competitor'), { opportunity_id: opp.id, competitor_id: rival2.id });
  assert.equal(denied.status, 422, denied.text);
  assert.deepEqual(codesOf(denied), ['opportunity_id:lookup_not_found']);

  // The manager of the team sees it, the admin too.
  assert.equal((await as.zhang.get(`${rec('opportunity_competitor')}/${row.id}`)).status, 200);
  assert.equal((await as.admin.get(`${rec('opportunity_competitor')}/${row.id}`)).status, 200);
  // The deal's detail lists the object among its related lists (metadata, no page code).
  const meta = await as.liu.get('/api/v1/meta/objects/opportunity_competitor');
  assert.equal(meta.status, 200, meta.text);
  const lookups = meta.json.fields.filter((f) => f.type === 'lookup').map((f) => f.lookup_object);
  assert.deepEqual(lookups.sort(), ['competitor', 'opportunity']);
});

test('the product category tree: parents in the dictionary, "under" filters a subtree', async () => {
  const path = `${picklists}/product_category`;
  const before = (await as.admin.get(path)).json;
  const software = before.options.find((o) => o.value === 'software');
  assert.ok(software, 'software is a standard category');
  const keep = before.options.map((o) => ({ value: o.value, label: o.label, label_en: o.label_en, parent: o.parent, disabled: o.disabled }));

  // Children of a saved option; an unknown parent and a loop are refused.
  assert.equal((await as.liu.patch(path, { options: [...keep, { label: '云服务', parent: 'software' }] })).status, 403);
  const grown = await as.admin.patch(path, { options: [...keep, { label: '测试云服务', label_en: 'Test cloud', parent: 'software' }] });
  assert.equal(grown.status, 200, grown.text);
  const cloud = grown.json.options.find((o) => o.label === '测试云服务');
  assert.equal(cloud.parent, 'software');
  const again = grown.json.options.map((o) => ({ value: o.value, label: o.label, parent: o.parent, disabled: o.disabled }));
  const grandchild = await as.admin.patch(path, { options: [...again, { label: '测试私有云', parent: cloud.value }] });
  assert.equal(grandchild.status, 200, grandchild.text);
  const privateCloud = grandchild.json.options.find((o) => o.label === '测试私有云');

  const unknown = await as.admin.patch(path, { options: [...again, { label: '孤儿分类', parent: 'no_such_value' }] });
  assert.equal(unknown.status, 422, unknown.text);
  assert.deepEqual(codesOf(unknown), ['options:unknown_parent']);
  const all = grandchild.json.options.map((o) => ({ value: o.value, label: o.label, parent: o.parent, disabled: o.disabled }));
  const loop = all.map((o) => (o.value === 'software' ? { ...o, parent: privateCloud.value } : o));
  const looped = await as.admin.patch(path, { options: loop });
  assert.equal(looped.status, 422, looped.text);
  assert.deepEqual(codesOf(looped), ['options:cycle']);
  const self = all.map((o) => (o.value === cloud.value ? { ...o, parent: cloud.value } : o));
  assert.equal((await as.admin.patch(path, { options: self })).status, 422);

  // Products in the parent, a child and a grandchild; "under" software finds all three.
  const p1 = await create(as.admin, 'product', { name: '树测试-软件', category: 'software' });
  const p2 = await create(as.admin, 'product', { name: '树测试-云', category: cloud.value });
  const p3 = await create(as.admin, 'product', { name: '树测试-私有云', category: privateCloud.value });
  const p4 = await create(as.admin, 'product', { name: '树测试-硬件', category: 'hardware' });
  const under = async (value) => {
    const res = await as.liu.post(query('product'), {
      filter: { and: [{ field: 'name', op: 'starts_with', value: '树测试' }, { field: 'category', op: 'under', value }] },
      sort: [{ field: 'id', dir: 'asc' }],
    });
    assert.equal(res.status, 200, res.text);
    return res.json.records.map((r) => r.id);
  };
  assert.deepEqual(await under('software'), [p1.id, p2.id, p3.id]);
  assert.deepEqual(await under(cloud.value), [p2.id, p3.id]);
  assert.deepEqual(await under('hardware'), [p4.id]);
  // "eq" stays exact.
  const exact = await as.liu.post(query('product'), {
    filter: { and: [{ field: 'name', op: 'starts_with', value: '树测试' }, { field: 'category', op: 'eq', value: 'software' }] },
  });
  assert.deepEqual(exact.json.records.map((r) => r.id), [p1.id]);
  // "under" is for select fields of a picklist only.
  const wrong = await as.liu.post(query('product'), { filter: { field: 'name', op: 'under', value: 'x' } });
  assert.equal(wrong.status, 422, wrong.text);

  // Disabling a category keeps old products readable and filterable; new ones cannot take it.
  const disabled = all.map((o) => (o.value === cloud.value ? { ...o, disabled: true } : o));
  const off = await as.admin.patch(path, { options: disabled });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.options.find((o) => o.value === cloud.value).parent, 'software', 'a disabled option keeps its parent');
  const old = await as.liu.get(`${rec('product')}/${p2.id}`);
  assert.equal(old.status, 200);
  assert.equal(old.json.category, cloud.value);
  assert.equal(old.json._display.category, '测试云服务');
  assert.deepEqual(await under('software'), [p1.id, p2.id, p3.id]);
  assert.equal((await as.admin.post(rec('product'), { name: '树测试-新', category: cloud.value })).status, 422);

  // Options left out keep their parent too (disabled, never deleted).
  const shorter = await as.admin.patch(path, { options: disabled.filter((o) => o.value !== privateCloud.value) });
  assert.equal(shorter.status, 200, shorter.text);
  const gone = shorter.json.options.find((o) => o.value === privateCloud.value);
  assert.deepEqual([gone.disabled, gone.parent], [true, cloud.value]);
});
