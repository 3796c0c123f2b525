// 批量编辑: POST /api/v1/objects/{object}/batch-update sets the same values on many records, each
// through the normal update (scope, validation, rules, history), all or nothing (docs/api/records.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signInAll, Client } from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000', // 李明, 管理员
  liu: '13800000003', // 刘洋, 销售 (own records only)
  sun: '13800000004', // 孙丽, 销售, another region
};

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

const customers = '/api/v1/objects/customer/records';
const batch = '/api/v1/objects/customer/batch-update';
let serial = 0;

async function createCustomers(client, n, extra = {}) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    serial += 1;
    const res = await client.post(customers, { name: `批量编辑测试客户${serial}号有限公司`, level: 'c', ...extra });
    assert.equal(res.status, 201, res.text);
    ids.push(res.json.id);
  }
  return ids;
}

async function recordsOf(client, ids) {
  const out = [];
  for (const id of ids) {
    const res = await client.get(`${customers}/${id}`);
    assert.equal(res.status, 200, res.text);
    out.push(res.json);
  }
  return out;
}

test('sets the values on every record, each with its history, version and search text', async () => {
  const ids = await createCustomers(as.liu, 3);
  const res = await as.liu.post(batch, { ids: [...ids, ids[0]], values: { level: 'a', address: '批量编辑地址甲' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.updated, 3, 'a repeated id counts once');
  for (const rec of await recordsOf(as.liu, ids)) {
    assert.equal(rec.level, 'a');
    assert.equal(rec.address, '批量编辑地址甲');
    assert.equal(rec.version, 2, 'no version was needed; each record moved on by one');
    assert.equal(rec.updated_by, as.liu.userId);
  }
  for (const id of ids) {
    const hist = await as.liu.get(`${customers}/${id}/history`);
    assert.equal(hist.status, 200, hist.text);
    const level = hist.json.records.find((h) => h.field === 'level');
    assert.ok(level, `history of ${id}: ${hist.text}`);
    assert.equal(level.old_value, 'c');
    assert.equal(level.new_value, 'a');
    assert.equal(level.actor_name, '刘洋');
  }
  const found = await as.liu.get(`${customers}?q=${encodeURIComponent('批量编辑地址甲')}`);
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.json.records.map((r) => r.id).sort(), [...ids].sort(), 'search text follows the new values');

  // Values the records already have: nothing changes, nothing is recorded.
  const again = await as.liu.post(batch, { ids, values: { level: 'a' } });
  assert.equal(again.status, 200, again.text);
  assert.ok((await recordsOf(as.liu, ids)).every((r) => r.version === 2));
});

test('a record outside the caller\'s update scope: the single update\'s answer, nothing written', async () => {
  const mine = await createCustomers(as.liu, 2);
  const [theirs] = await createCustomers(as.sun, 1);
  const res = await as.liu.post(batch, { ids: [...mine, theirs], values: { level: 'b' } });
  const single = await as.liu.patch(`${customers}/${theirs}`, { level: 'b' });
  assert.ok([403, 404].includes(res.status), res.text);
  assert.equal(res.status, single.status, 'the same answer as a single PATCH');
  assert.equal(res.json.error.code, single.json.error.code);
  assert.equal(res.json.error.record_id, theirs);
  assert.ok((await recordsOf(as.liu, mine)).every((r) => r.level === 'c' && r.version === 1), 'nothing written');
  assert.equal((await recordsOf(as.sun, [theirs]))[0].level, 'c');
});

test('a value the rules refuse: 422 naming each refused record, nothing written', async () => {
  const ids = await createCustomers(as.liu, 3);
  const bad = await as.liu.post(batch, { ids, values: { level: 'no_such_level', address: '不应写入' } });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.json.error.code, 'validation_failed');
  assert.deepEqual(bad.json.error.records.map((r) => r.id), ids);
  assert.equal(bad.json.error.records[0].details[0].field, 'level');
  assert.ok(bad.json.error.details.some((d) => d.field === 'level'), bad.text);
  assert.equal(bad.json.error.details.length, 1, 'each field problem once');
  assert.ok((await recordsOf(as.liu, ids)).every((r) => r.level === 'c' && !r.address && r.version === 1));

  // One phone on many customers: the first would pass, the second duplicates it (customer rule),
  // so the first is rolled back too.
  serial += 1;
  const phone = `0571-8${String(serial).padStart(3, '0')}7766`;
  const dup = await as.liu.post(batch, { ids, values: { phone } });
  assert.equal(dup.status, 422, dup.text);
  assert.deepEqual(dup.json.error.records.map((r) => r.id), ids.slice(1), 'only the duplicates are refused');
  assert.equal(dup.json.error.records[0].code, 'conflict');
  assert.match(dup.json.error.message, /2 条记录未能修改/);
  assert.ok((await recordsOf(as.liu, ids)).every((r) => !r.phone && r.version === 1), 'the first record is not written either');
  const history = await as.liu.get(`${customers}/${ids[0]}/history`);
  assert.ok(!history.json.records.some((h) => h.field === 'phone'), 'no history of the rolled back change');

  const en = new Client(server.baseUrl, as.liu.token);
  en.lang = 'en';
  const enBad = await en.post(batch, { ids, values: { level: 'no_such_level' } });
  assert.equal(enBad.status, 422);
  assert.match(enBad.json.error.message, /3 records could not be changed; nothing was changed/);
});

test('only writable, non-unique fields the caller may edit', async () => {
  const ids = await createCustomers(as.liu, 2);
  const unique = await as.admin.post('/api/v1/meta/objects/customer/fields', { label: '统一编号', label_en: 'Unified no.', type: 'text', unique: true });
  assert.equal(unique.status, 201, unique.text);
  for (const [values, field, code] of [
    [{ no_such: 'x' }, 'no_such', 'unknown_field'],
    [{ code: 'KH-1' }, 'code', 'read_only'], // autonumber
    [{ owner_id: as.sun.userId }, 'owner_id', 'read_only'], // a transfer changes the owner
    [{ created_at: '2026-01-01T00:00:00Z' }, 'created_at', 'read_only'],
    [{ version: 1 }, 'version', null],
    [{ [unique.json.name]: 'X-1' }, unique.json.name, 'unique'],
  ]) {
    const res = await as.liu.post(batch, { ids, values });
    assert.equal(res.status, 422, `${JSON.stringify(values)} → ${res.text}`);
    assert.equal(res.json.error.details[0].field, field, res.text);
    if (code) assert.equal(res.json.error.details[0].code, code, res.text);
  }
  // A stored file belongs to one record: file and image fields are never set on many, not even
  // cleared, and the message says why.
  const productIds = [];
  for (const name of ['批量编辑测试产品甲', '批量编辑测试产品乙']) {
    const res = await as.admin.post('/api/v1/objects/product/records', { name });
    assert.equal(res.status, 201, res.text);
    productIds.push(res.json.id);
  }
  for (const images of [null, [1]]) {
    const res = await as.admin.post('/api/v1/objects/product/batch-update', { ids: productIds, values: { images } });
    assert.equal(res.status, 422, res.text);
    assert.deepEqual(res.json.error.details, [
      { field: 'images', code: 'file_field', message: '「产品图片」是附件或图片字段：一个文件只属于一条记录，不能批量设置' },
    ]);
  }
  const enAdmin = new Client(server.baseUrl, as.admin.token);
  enAdmin.lang = 'en';
  const en = await enAdmin.post('/api/v1/objects/product/batch-update', { ids: productIds, values: { images: null } });
  assert.equal(en.status, 422, en.text);
  assert.equal(en.json.error.details[0].message, 'Images holds files: a file belongs to one record, so it cannot be set on many');
  // Every problem at once.
  const many = await as.liu.post(batch, { ids, values: { no_such: 1, code: 'x', level: 'a' } });
  assert.equal(many.status, 422);
  assert.deepEqual(many.json.error.details.map((d) => d.field).sort(), ['code', 'no_such']);
  assert.ok((await recordsOf(as.liu, ids)).every((r) => r.level === 'c' && r.version === 1));
});

test('ids and values are checked: 1–500 ids, at least one value', async () => {
  const ids = await createCustomers(as.liu, 1);
  const tooMany = Array.from({ length: 501 }, (_, i) => i + 1);
  for (const [body, field] of [
    [{ ids: tooMany, values: { level: 'a' } }, 'ids'],
    [{ ids: [], values: { level: 'a' } }, 'ids'],
    [{ values: { level: 'a' } }, 'ids'],
    [{ ids: [0], values: { level: 'a' } }, 'ids'],
    [{ ids: ['1'], values: { level: 'a' } }, 'ids'],
    [{ ids, values: {} }, 'values'],
    [{ ids }, 'values'],
    [{ ids, values: ['level'] }, 'values'],
  ]) {
    const res = await as.liu.post(batch, body);
    assert.equal(res.status, 422, `${JSON.stringify(body).slice(0, 80)} → ${res.text}`);
    assert.equal(res.json.error.code, 'validation_failed');
    assert.equal(res.json.error.details[0].field, field, res.text);
  }
  const notJson = await as.liu.post(batch, '{"ids": [');
  assert.equal(notJson.status, 400, notJson.text);
  const noObject = await as.liu.post('/api/v1/objects/no_such_object/batch-update', { ids, values: { name: 'x' } });
  assert.equal(noObject.status, 404, noObject.text);
  assert.equal((await recordsOf(as.liu, ids))[0].version, 1);
});

test('not signed in: 401', async () => {
  const res = await new Client(server.baseUrl).post(batch, { ids: [1], values: { level: 'a' } });
  assert.equal(res.status, 401, res.text);
});
