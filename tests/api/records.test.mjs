// The records engine through HTTP: CRUD, validation, query language, keyword search, custom
// fields and objects, history, recycle bin, transfer, and data scopes, on the demo enterprise
// (whose people have the default roles and a supervisor chain).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signInAll } from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000', // 李明, 管理员
  wang: '13800000001', // 王芳, 销售经理, 销售部
  zhang: '13800000002', // 张伟, 销售经理, 华东大区, reports to 王芳
  liu: '13800000003', // 刘洋, 销售, 华东大区, reports to 张伟
  sun: '13800000004', // 孙丽, 销售, 华南大区, reports to 王芳
  chen: '13800000005', // 陈静, 客服
};

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

const customers = '/api/v1/objects/customer/records';

async function createCustomer(client, body) {
  const res = await client.post(customers, body);
  assert.equal(res.status, 201, res.text);
  return res.json;
}

test('create, read, update with version, conflict, delete and restore a customer', async () => {
  const created = await createCustomer(as.liu, { name: '杭州云帆网络科技有限公司', phone: '0571-88886666', industry: 'it', level: 'a', tags: ['vip'] });
  assert.match(created.code, /^KH-\d{4}-\d{4}$/);
  assert.equal(created.owner_id, as.liu.userId);
  assert.equal(created.version, 1);
  assert.equal(created._display.owner_id, '刘洋');
  assert.equal(created._display.industry, 'IT/互联网');

  const res = await as.liu.get(`${customers}/${created.id}`);
  assert.equal(res.status, 200);
  assert.equal(res.json.name, '杭州云帆网络科技有限公司');

  const upd = await as.liu.patch(`${customers}/${created.id}`, { short_name: '云帆', version: 1 });
  assert.equal(upd.status, 200, upd.text);
  assert.equal(upd.json.version, 2);
  const stale = await as.liu.patch(`${customers}/${created.id}`, { short_name: '旧', version: 1 });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.error.current_version, 2);

  const hist = await as.liu.get(`${customers}/${created.id}/history`);
  assert.equal(hist.status, 200);
  assert.equal(hist.json.records[0].field, 'short_name');
  assert.equal(hist.json.records[0].new_value, '云帆');
  assert.equal(hist.json.records[0].actor_name, '刘洋');

  // Customers are not deletable until the enterprise allows it (设置 → 客户可删除).
  assert.equal((await as.admin.delete(`${customers}/${created.id}`)).status, 403);
  assert.equal((await as.admin.patch('/api/v1/settings/crm', { allow_customer_delete: true })).status, 200);
  assert.equal((await as.admin.delete(`${customers}/${created.id}`)).status, 204);
  assert.equal((await as.admin.get(`${customers}/${created.id}`)).status, 404);
  const restored = await as.admin.post(`${customers}/${created.id}/restore`);
  assert.equal(restored.status, 200, restored.text);
  assert.equal(restored.json.name, '杭州云帆网络科技有限公司');
});

test('validation names every bad field', async () => {
  const res = await as.liu.post(customers, { phone: 'call me', industry: 'no-such', website: 'ftp://x', nonsense: 1 });
  assert.equal(res.status, 422);
  const fields = res.json.error.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['nonsense', 'phone', 'website']);
  const missing = await as.liu.post(customers, { industry: 'no-such' });
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.json.error.details.map((d) => d.field).sort(), ['industry', 'name']);
  const readOnly = await as.liu.post(customers, { name: '某公司', last_followup_at: '2026-01-01T00:00:00Z' });
  assert.equal(readOnly.status, 422);
  assert.equal(readOnly.json.error.details[0].code, 'read_only');
  const money = await as.liu.post('/api/v1/objects/opportunity/records', { name: 'x', customer_id: 999999, amount: '12.345' });
  assert.equal(money.status, 422);
  assert.deepEqual(money.json.error.details.map((d) => d.field).sort(), ['amount']);
});

test('data scopes: own, supervisor chain, department tree, read-only roles', async () => {
  const mine = await createCustomer(as.liu, { name: '宁波海曙贸易有限公司' });
  const url = `${customers}/${mine.id}`;
  assert.equal((await as.liu.get(url)).status, 200, 'owner');
  assert.equal((await as.zhang.get(url)).status, 200, 'direct supervisor');
  assert.equal((await as.wang.get(url)).status, 200, 'department tree above');
  assert.equal((await as.sun.get(url)).status, 404, 'a colleague in another region does not see it');
  assert.equal((await as.chen.get(url)).status, 200, 'service reads all customers');
  assert.equal((await as.chen.patch(url, { remark: 'x' })).status, 403, 'but may not change them');
  assert.equal((await as.sun.patch(url, { remark: 'x' })).status, 404, 'out of scope looks like not there');
  assert.equal((await as.liu.delete(url)).status, 403, 'sales may not delete');

  // List, query, keyword search and counts agree with get.
  const sunList = await as.sun.post('/api/v1/objects/customer/query', { q: '海曙贸易', limit: 50 });
  assert.equal(sunList.status, 200);
  assert.equal(sunList.json.records.length, 0);
  assert.equal(sunList.json.total, 0);
  const zhangList = await as.zhang.post('/api/v1/objects/customer/query', { q: '海曙贸易', limit: 50 });
  assert.equal(zhangList.json.records.length, 1);
  assert.equal(zhangList.json.total, 1);

  // A lookup to a customer the caller cannot see is refused like one that does not exist.
  const contact = await as.sun.post('/api/v1/objects/contact/records', { name: '王五', customer_id: mine.id });
  assert.equal(contact.status, 422);
  assert.equal(contact.json.error.details[0].code, 'lookup_not_found');
});

test('transfer moves ownership and records it', async () => {
  const c = await createCustomer(as.zhang, { name: '温州瓯江实业有限公司' });
  const t = await as.zhang.post('/api/v1/objects/customer/transfer', { ids: [c.id], to_user_id: as.liu.userId });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.transferred, 1);
  const got = await as.liu.get(`${customers}/${c.id}`);
  assert.equal(got.json.owner_id, as.liu.userId);
  const hist = await as.liu.get(`${customers}/${c.id}/history`);
  assert.equal(hist.json.records[0].field, 'owner_id');
  const denied = await as.liu.post('/api/v1/objects/customer/transfer', { ids: [c.id], to_user_id: as.sun.userId });
  assert.equal(denied.status, 403, 'sales may not transfer');
});

test('the query language: operators, sort, paging, keyword search', async () => {
  const names = ['上海浦江精密机械有限公司', '上海申通物流有限公司', '苏州工业园区电子有限公司', '南京金陵教育科技有限公司', '上海张江生物医药有限公司'];
  const ids = [];
  for (const [i, name] of names.entries()) {
    const c = await createCustomer(as.wang, { name, level: i % 2 ? 'a' : 'b', industry: i < 3 ? 'manufacturing' : 'education' });
    ids.push(c.id);
  }
  const q = (body) => as.wang.post('/api/v1/objects/customer/query', body);

  let r = await q({ filter: { and: [{ field: 'name', op: 'starts_with', value: '上海' }, { field: 'level', op: 'eq', value: 'a' }] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.records.map((x) => x.name).sort(), ['上海申通物流有限公司']);

  r = await q({ filter: { or: [{ field: 'industry', op: 'eq', value: 'education' }, { field: 'name', op: 'contains', value: '苏州' }] } });
  assert.equal(r.json.total, 3);

  r = await q({ filter: { field: 'id', op: 'in', value: ids }, sort: [{ field: 'name', dir: 'asc' }], limit: 2 });
  assert.equal(r.json.total, 5);
  const seen = [...r.json.records.map((x) => x.name)];
  let cursor = r.json.next_cursor;
  while (cursor) {
    const page = await q({ filter: { field: 'id', op: 'in', value: ids }, sort: [{ field: 'name', dir: 'asc' }], limit: 2, cursor });
    seen.push(...page.json.records.map((x) => x.name));
    cursor = page.json.next_cursor;
  }
  assert.deepEqual(seen, [...names].sort(), 'cursor paging walks every record once, in order');

  r = await q({ filter: { field: 'created_at', op: 'today' } });
  assert.ok(r.json.total >= 5);
  r = await q({ filter: { field: 'created_at', op: 'last_year' } });
  assert.equal(r.json.total, 0);

  // Keyword search finds Chinese substrings, three characters or fewer.
  r = await q({ q: '精密机械' });
  assert.deepEqual(r.json.records.map((x) => x.name), ['上海浦江精密机械有限公司']);
  r = await q({ q: '申通' });
  assert.deepEqual(r.json.records.map((x) => x.name), ['上海申通物流有限公司']);
  const get = await as.wang.get(`/api/v1/objects/customer/records?q=${encodeURIComponent('张江生物')}&limit=5`);
  assert.equal(get.json.records.length, 1);

  // Hostile and wrong input is a 4xx, never a 500.
  for (const body of [
    { filter: { field: 'name; DROP TABLE obj_customer', op: 'eq', value: 'x' } },
    { filter: { field: 'name', op: 'regex', value: 'x' } },
    { filter: { field: 'created_at', op: 'gt', value: 'not a date' } },
    { filter: { and: 'nope' } },
    { sort: [{ field: 'remark', dir: 'asc' }] },
    { limit: 1000 },
    { cursor: 'garbage!!' },
    { filter: { field: 'name', op: 'in', value: [] } },
  ]) {
    const bad = await q(body);
    assert.ok(bad.status === 400 || bad.status === 422, `${JSON.stringify(body)} → ${bad.status} ${bad.text}`);
  }
  const bad = await as.wang.get('/api/v1/objects/customer/records?filter=%7Bbroken');
  assert.equal(bad.status, 400);
  assert.equal((await as.wang.get('/api/v1/objects/nothing/records')).status, 404);
});

test('one- and two-character keywords: inside a text, at its very end, after an edit, in the caller’s scope; capped totals', async () => {
  const a = await createCustomer(as.wang, { name: '鹊桥短词测试有限公司', address: '虹口区鹊桥大厦' });
  const b = await createCustomer(as.wang, { name: '短词测试乙', short_name: 'Qx' });
  const search = async (client, q) => {
    const res = await client.get(`${customers}?limit=200&q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, res.text);
    return res.json.records.map((r) => r.id);
  };
  assert.ok((await search(as.wang, '鹊桥')).includes(a.id), 'inside the text');
  assert.ok((await search(as.wang, '鹊')).includes(a.id), 'one character');
  assert.ok((await search(as.wang, '大厦')).includes(a.id), 'the last two characters of the text');
  assert.ok((await search(as.wang, '厦')).includes(a.id), 'the last character');
  for (const q of ['qx', 'QX', 'Qx', 'x']) assert.ok((await search(as.wang, q)).includes(b.id), `letters in any case: ${q}`);
  assert.ok(!(await search(as.wang, '大厦')).includes(b.id));

  const moved = await as.wang.patch(`${customers}/${a.id}`, { address: '虹口区', version: a.version });
  assert.equal(moved.status, 200, moved.text);
  assert.ok(!(await search(as.wang, '大厦')).includes(a.id), 'the old end is forgotten');
  assert.ok((await search(as.wang, '口区')).includes(a.id), 'the new end is found');

  assert.ok(!(await search(as.sun, '鹊桥')).includes(a.id), 'outside the caller’s scope');

  // Every list answer says whether its total stopped at the cap (1,000 matches).
  const page = await as.wang.get(`${customers}?q=${encodeURIComponent('鹊桥')}`);
  assert.equal(page.json.total, 1);
  assert.equal(page.json.total_capped, false);
  const without = await as.wang.get(`${customers}?q=${encodeURIComponent('鹊桥')}&total=false`);
  assert.equal(without.json.total, undefined);
  assert.equal(without.json.total_capped, undefined);
});

test('custom field lifecycle: add → write → filter → sort → delete', async () => {
  const meta = '/api/v1/meta/objects/customer/fields';
  const denied = await as.liu.post(meta, { label: '客户评分', type: 'number' });
  assert.equal(denied.status, 403);

  const added = await as.admin.post(meta, { label: '客户评分', label_en: 'Score', type: 'number', min: 0, max: 100 });
  assert.equal(added.status, 201, added.text);
  assert.equal(added.json.name, 'c_score');
  const grade = await as.admin.post(meta, { label: '合作意向', label_en: 'Intent', type: 'select', options: [{ label: '强' }, { label: '弱' }] });
  assert.equal(grade.status, 201, grade.text);

  const described = await as.liu.get('/api/v1/meta/objects/customer');
  assert.ok(described.json.fields.some((f) => f.name === 'c_score' && f.custom));

  const a = await createCustomer(as.wang, { name: '自定义字段测试甲', c_score: 90, c_intent: 'o1' });
  const b = await createCustomer(as.wang, { name: '自定义字段测试乙', c_score: 40, c_intent: 'o2' });
  assert.equal(a._display.c_intent, '强');
  assert.equal((await as.wang.post(customers, { name: '超出范围', c_score: 101 })).status, 422);

  const filtered = await as.wang.post('/api/v1/objects/customer/query', { filter: { field: 'c_score', op: 'gte', value: 50 }, sort: [{ field: 'c_score', dir: 'desc' }] });
  assert.deepEqual(filtered.json.records.map((r) => r.id), [a.id]);
  const sorted = await as.wang.post('/api/v1/objects/customer/query', { filter: { field: 'id', op: 'in', value: [a.id, b.id] }, sort: [{ field: 'c_score', dir: 'asc' }] });
  assert.deepEqual(sorted.json.records.map((r) => r.id), [b.id, a.id]);

  assert.equal((await as.admin.delete(`${meta}/c_score`)).status, 204);
  assert.equal((await as.admin.delete(`${meta}/name`)).status, 403, 'standard fields stay');
  const after = await as.wang.get(`${customers}/${a.id}`);
  assert.equal(after.json.c_score, undefined, 'a deleted field no longer shows');
  const gone = await as.wang.post('/api/v1/objects/customer/query', { filter: { field: 'c_score', op: 'gte', value: 1 } });
  assert.equal(gone.status, 422);

  const openapi = await as.wang.get('/api/v1/meta/objects/customer');
  assert.ok(!openapi.json.fields.some((f) => f.name === 'c_score'));
});

test('custom object lifecycle', async () => {
  const res = await as.admin.post('/api/v1/meta/objects', { label: '车辆', label_en: 'Vehicle' });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.name, 'c_vehicle');
  const plate = await as.admin.post('/api/v1/meta/objects/c_vehicle/fields', { label: '车牌号', label_en: 'Plate', type: 'text', unique: true });
  assert.equal(plate.status, 201, plate.text);
  const rec = await as.admin.post('/api/v1/objects/c_vehicle/records', { name: '公司商务车', c_plate: '浙A12345' });
  assert.equal(rec.status, 201, rec.text);
  const dup = await as.admin.post('/api/v1/objects/c_vehicle/records', { name: '另一辆', c_plate: '浙A12345' });
  assert.equal(dup.status, 409);
  const list = await as.admin.get('/api/v1/objects/c_vehicle/records?q=' + encodeURIComponent('商务车'));
  assert.equal(list.json.records.length, 1);
  assert.equal((await as.liu.get('/api/v1/objects/c_vehicle/records')).json.total, 0, 'no role grants it yet');
  assert.equal((await as.liu.post('/api/v1/objects/c_vehicle/records', { name: 'x' })).status, 403);
});

test('the data dictionary is there for every enterprise', async () => {
  const lists = await as.liu.get('/api/v1/meta/picklists');
  assert.ok(lists.json.records.some((p) => p.name === 'industry'));
  const industry = await as.liu.get('/api/v1/meta/picklists/industry');
  assert.ok(industry.json.options.length >= 5);
  as.liu.lang = 'en';
  const en = await as.liu.get(`${customers}?limit=1`);
  as.liu.lang = 'zh-CN';
  assert.equal(en.status, 200);
  assert.equal((await as.liu.get('/api/v1/meta/picklists/nope')).status, 404);
});

test('handover moves a leaver’s records to a colleague, all or by object, admins only', async () => {
  const a = await createCustomer(as.sun, { name: '厦门鹭岛贸易有限公司' });
  const b = await createCustomer(as.sun, { name: '福州闽江电子有限公司' });
  const contact = await as.sun.post('/api/v1/objects/contact/records', { name: '陈先生', customer_id: a.id });
  assert.equal(contact.status, 201, contact.text);

  const denied = await as.wang.post(`/api/v1/users/${as.sun.userId}/handover`, { to_user_id: as.liu.userId });
  assert.equal(denied.status, 403, 'a sales manager is not an administrator');
  const same = await as.admin.post(`/api/v1/users/${as.sun.userId}/handover`, { to_user_id: as.sun.userId });
  assert.equal(same.status, 422);
  const unknown = await as.admin.post(`/api/v1/users/${as.sun.userId}/handover`, { to_user_id: as.liu.userId, objects: ['nothing'] });
  assert.equal(unknown.status, 404);

  const onlyContacts = await as.admin.post(`/api/v1/users/${as.sun.userId}/handover`, { to_user_id: as.liu.userId, objects: ['contact'] });
  assert.equal(onlyContacts.status, 200, onlyContacts.text);
  assert.equal(onlyContacts.json.moved.contact, 1);
  assert.equal((await as.liu.get(`/api/v1/objects/contact/records/${contact.json.id}`)).status, 200);
  assert.equal((await as.liu.get(`${customers}/${a.id}`)).status, 404, 'customers stayed with the leaver');

  const all = await as.admin.post(`/api/v1/users/${as.sun.userId}/handover`, { to_user_id: as.liu.userId });
  assert.equal(all.status, 200, all.text);
  assert.ok(all.json.moved.customer >= 2);
  for (const id of [a.id, b.id]) {
    const got = await as.liu.get(`${customers}/${id}`);
    assert.equal(got.status, 200);
    assert.equal(got.json.owner_id, as.liu.userId);
  }
  const hist = await as.liu.get(`${customers}/${a.id}/history`);
  assert.equal(hist.json.records[0].field, 'owner_id');
  assert.equal((await as.sun.get(`${customers}/${a.id}`)).status, 404, 'the leaver no longer sees them');
});
