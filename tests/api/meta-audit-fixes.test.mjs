// Fixes from the audit of issue 5 (docs/audits/2026-11-24-issue-5.md) in the metadata, the data dictionary and the CRM
// rules: a dictionary PATCH changes only what an entry carries (§2.1, §2.2); a duplicate of a customer
// waiting in a public pool names the pool (§5.3); autonumber formats are checked (§1.7); a new lead
// starts as 未处理 through a metadata default (§5.4); a custom object with only a Chinese label is
// named c_object (§1.8); a deleted field stops matching keyword search (§1.3, §4.3).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signInAll } from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = { admin: '13800000000', liu: '13800000003' };

before(async () => {
  server = await startServer({ demo: true, sampleData: true }); // the sample pool customers
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

function assertError(res, status, code) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status} ${res.text}`);
  assert.equal(res.json?.error?.code, code, res.text);
  return res.json.error;
}

async function inEnglish(client, fn) {
  client.lang = 'en';
  try {
    return await fn();
  } finally {
    client.lang = 'zh-CN';
  }
}

const optionsOf = (picklist) => Object.fromEntries(picklist.options.map((o) => [o.value, o]));

test('a dictionary entry with a value keeps the labels it leaves out; a new option needs a label', async () => {
  const url = '/api/v1/meta/picklists/customer_level';
  const before = (await as.admin.get(url)).json;
  const was = optionsOf(before);
  assert.equal(was.c.label_en, 'C (minor)');
  // The audit's repro: entries without label_en, one renamed with it, one disabled, one new.
  const others = before.options.filter((o) => !['a', 'b', 'c'].includes(o.value)).map((o) => ({ value: o.value }));
  const res = await as.admin.patch(url, {
    options: [
      { value: 'c', label: 'C（一般客户）' },
      { value: 'b', label: 'B（普通）改名', label_en: 'B renamed' },
      { value: 'a', disabled: true },
      ...others,
      { label: 'D（新增）', label_en: 'D new' },
    ],
  });
  assert.equal(res.status, 200, res.text);
  const now = optionsOf(res.json);
  assert.equal(now.c.label_en, 'C (minor)', 'the English label is kept, not overwritten with the Chinese one');
  assert.equal(now.b.label_en, 'B renamed');
  assert.equal(now.a.disabled, true, 'an entry of just a value and disabled switches the option off');
  assert.equal(now.a.label, was.a.label, 'and keeps its label');
  assert.equal(now.a.label_en, was.a.label_en);
  for (const o of others) assert.equal(now[o.value].label, was[o.value].label);
  const added = res.json.options.find((o) => o.label === 'D（新增）');
  assert.equal(added.label_en, 'D new');

  const noLabel = await as.admin.patch(url, { options: [{ value: 'c' }, { label_en: 'No Chinese label' }] });
  const err = assertError(noLabel, 422, 'validation_failed');
  assert.deepEqual(err.details.map((d) => [d.field, d.code]), [['options[1].label', 'required']]);
});

test('a field default stays an enabled option: switch the default first, then the option off', async () => {
  const url = '/api/v1/meta/picklists/lead_status';
  const values = (await as.admin.get(url)).json.options.map((o) => ({ value: o.value }));
  const off = values.map((o) => (o.value === 'new' ? { ...o, disabled: true } : o));
  const refused = assertError(await as.admin.patch(url, { options: off }), 422, 'validation_failed');
  assert.equal(refused.details[0].code, 'default_option');
  assert.match(refused.message, /线索状态/);

  const field = '/api/v1/meta/objects/lead/fields/status';
  assert.equal((await as.liu.patch(field, { default: 'contacted' })).status, 403);
  assertError(await as.admin.patch(field, { default: 'no_such' }), 422, 'validation_failed');
  const changed = await as.admin.patch(field, { default: 'contacted' });
  assert.equal(changed.status, 200, changed.text);
  assert.equal((await as.admin.patch(url, { options: off })).status, 200);
  const lead = await as.liu.post('/api/v1/objects/lead/records', { name: '默认状态测试', company: '默认测试公司' });
  assert.equal(lead.status, 201, lead.text);
  assert.equal(lead.json.status, 'contacted');
  // Back as the enterprise started.
  assert.equal((await as.admin.patch(url, { options: values })).status, 200);
  assert.equal((await as.admin.patch(field, { default: 'new' })).status, 200);
});

test('a new lead without a status starts as 未处理, a default visible in the metadata', async () => {
  const meta = (await as.liu.get('/api/v1/meta/objects/lead')).json.fields.find((f) => f.name === 'status');
  assert.equal(meta.default, 'new');
  const lead = await as.liu.post('/api/v1/objects/lead/records', { name: '新线索测试', company: '新线索测试公司' });
  assert.equal(lead.status, 201, lead.text);
  assert.equal(lead.json.status, 'new');
  assert.equal(lead.json._display?.status, '未处理');
  const chosen = await as.liu.post('/api/v1/objects/lead/records', { name: '已联系线索', company: '已联系公司', status: 'contacted' });
  assert.equal(chosen.json.status, 'contacted', 'a status given is kept');
});

test('a duplicate of a customer waiting in a public pool names the pool to claim it from', async () => {
  const name = '常州瑞丰精密机械有限公司';
  const found = await as.admin.post('/api/v1/objects/customer/query', {
    filter: { field: 'name', op: 'eq', value: name },
    fields: ['name', 'owner_id', 'pool_id'],
  });
  const pooled = found.json.records[0];
  assert.equal(pooled.owner_id, null);
  const pool = pooled._display.pool_id;
  assert.ok(pool, found.text);

  const zh = assertError(await as.liu.post('/api/v1/objects/customer/records', { name }), 409, 'conflict');
  assert.equal(zh.message, `客户「${name}」已在公海「${pool}」中，可前往公海领取`);
  assert.doesNotMatch(zh.message, /负责人/);
  assert.equal(zh.duplicates[0].pool_name, pool);
  const en = await inEnglish(as.liu, () => as.liu.post('/api/v1/objects/customer/records', { name }));
  assert.equal(en.json.error.message, `The customer "${name}" is in the public pool "${pool}"; claim it from the pool`);

  const typing = await as.liu.get(`/api/v1/objects/customer/duplicates?name=${encodeURIComponent(name)}`);
  assert.equal(typing.status, 200, typing.text);
  assert.equal(typing.json.records[0].pool_name, pool);
  assert.equal(typing.json.records[0].owner_name, '');

  // A customer with an owner is still named by its owner, and has no pool_name.
  const owned = (await as.admin.post('/api/v1/objects/customer/query', { filter: { field: 'owner_id', op: 'not_null' }, limit: 1 })).json
    .records[0];
  const dup = assertError(await as.liu.post('/api/v1/objects/customer/records', { name: owned.name }), 409, 'conflict');
  assert.match(dup.message, /负责人：/);
  assert.equal(dup.duplicates[0].pool_name, undefined);
});

test('autonumber formats: only the documented tokens and one counter of 1–10 digits', async () => {
  const fields = '/api/v1/meta/objects/customer/fields';
  const bad = [
    ['{yyyy}{mm}{dd}-{0000}', '{mm}', 'unknown_token'],
    ['{yyyy}-{000000000000000000000000}', '{000000000000000000000000}', 'invalid'],
    ['KH-{yyyy}', '{0000}', 'invalid'],
    ['{000}-{000}', '{000}', 'invalid'],
    ['KH-{0000', '{0000', 'invalid'],
  ];
  for (const [format, named, code] of bad) {
    const res = await as.admin.post(fields, { label: '单据号', type: 'autonumber', autonumber_format: format });
    const err = assertError(res, 422, 'validation_failed');
    assert.equal(err.details[0].field, 'autonumber_format', format);
    assert.equal(err.details[0].code, code, format);
    assert.ok(err.details[0].message.includes(named), `${format}: ${err.details[0].message}`);
  }
  const en = await inEnglish(as.admin, () =>
    as.admin.post(fields, { label: '单据号', type: 'autonumber', autonumber_format: '{yyyy}{mm}-{0000}' }),
  );
  assert.match(en.json.error.details[0].message, /'\{mm\}' is not an autonumber token/);
  assertError(await as.admin.post(fields, { label: '单据号', type: 'autonumber', autonumber_format: 42 }), 422, 'validation_failed');

  const added = await as.admin.post(fields, { label: '单据号', label_en: 'Doc no', type: 'autonumber', autonumber_format: 'DJ-{yyyy}{MM}-{000}' });
  assert.equal(added.status, 201, added.text);
  const field = added.json.name;
  const first = await as.admin.post('/api/v1/objects/customer/records', { name: '编号格式测试一' });
  assert.match(first.json[field], /^DJ-\d{6}-\d{3}$/);

  const url = `${fields}/${field}`;
  assertError(await as.admin.patch(url, { autonumber_format: '{yyyy}{mm}-{0000}' }), 422, 'validation_failed');
  assertError(await as.admin.patch(`${fields}/name`, { autonumber_format: '{0000}' }), 422, 'validation_failed');
  const changed = await as.admin.patch(url, { autonumber_format: 'NO-{yy}-{00000}' });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.autonumber_format, 'NO-{yy}-{00000}');
  const second = await as.admin.post('/api/v1/objects/customer/records', { name: '编号格式测试二' });
  assert.match(second.json[field], /^NO-\d{2}-\d{5}$/);
});

test('a custom object with only a Chinese label is named c_object, numbered', async () => {
  const first = await as.admin.post('/api/v1/meta/objects', { label: '客户' });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.name, 'c_object');
  assert.equal(first.json.label_en, '客户');
  const second = await as.admin.post('/api/v1/meta/objects', { label: '项目' });
  assert.equal(second.json.name, 'c_object_2');
  const field = await as.admin.post('/api/v1/meta/objects/c_object/fields', { label: '备注二', type: 'text' });
  assert.equal(field.json.name, 'c_field', 'fields keep their own fallback');
});

test('a deleted field stops matching keyword search at once', async () => {
  const fields = '/api/v1/meta/objects/customer/fields';
  const added = await as.admin.post(fields, { label: '检索备注', label_en: 'Search note', type: 'text', searchable: true });
  assert.equal(added.status, 201, added.text);
  const field = added.json.name;
  const rec = await as.admin.post('/api/v1/objects/customer/records', { name: '删字段检索测试公司', [field]: '自定义文本值甲' });
  assert.equal(rec.status, 201, rec.text);
  const query = (q) => as.admin.post('/api/v1/objects/customer/query', { q, fields: ['name'] });
  assert.deepEqual((await query('自定义文本值甲')).json.records.map((r) => r.id), [rec.json.id]);
  assert.equal((await as.admin.delete(`${fields}/${field}`)).status, 204);
  const after = await query('自定义文本值甲');
  assert.equal(after.status, 200, after.text);
  assert.equal(after.json.records.length, 0, 'the deleted field no longer matches');
  assert.equal((await query('值甲')).json.records.length, 0, 'nor do its last characters');
  assert.deepEqual((await query('删字段检索测试')).json.records.map((r) => r.id), [rec.json.id], 'the other fields still do');
});
