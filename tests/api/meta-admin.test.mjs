// Administering the metadata: page layouts, the data dictionary (picklists) and field settings.
// Changing them is for administrators (full, or of the CRM area); everybody reads them, shaped by
// their field security.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signInAll } from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = { admin: '13800000000', liu: '13800000003', chen: '13800000005' };

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

const layout = (object, kind) => `/api/v1/meta/objects/${object}/layouts/${kind}`;

test('every object has a default form and detail layout, also in its description', async () => {
  const form = await as.liu.get(layout('customer', 'form'));
  assert.equal(form.status, 200, form.text);
  assert.equal(form.json.custom, false);
  const formFields = form.json.sections.flatMap((s) => s.fields);
  assert.ok(formFields.includes('name'));
  assert.ok(!formFields.includes('code'), 'an autonumber is not typed in');
  assert.ok(!formFields.includes('created_at'));
  const detail = await as.liu.get(layout('customer', 'detail'));
  assert.ok(detail.json.sections.flatMap((s) => s.fields).includes('created_at'));
  const described = await as.liu.get('/api/v1/meta/objects/customer');
  assert.deepEqual(described.json.layouts.form.sections, form.json.sections);
  assert.equal((await as.liu.get(layout('customer', 'sideways'))).status, 404);
  assert.equal((await as.liu.get(layout('nope', 'form'))).status, 404);
});

test('an administrator arranges the form; bad layouts are refused; hidden fields are left out per caller', async () => {
  const sections = [
    { title: '基本信息', title_en: 'Basics', columns: 2, fields: ['name', 'short_name', 'phone', 'industry'] },
    { title: '其他', fields: ['level', 'remark'] },
  ];
  assert.equal((await as.liu.put(layout('customer', 'form'), { sections })).status, 403);
  const put = await as.admin.put(layout('customer', 'form'), { sections });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.custom, true);
  assert.equal(put.json.sections[1].title_en, '其他', 'a missing English title falls back to the Chinese one');
  assert.deepEqual((await as.liu.get(layout('customer', 'form'))).json.sections[0].fields, sections[0].fields);

  const bad = [
    [{ sections: [] }, 'sections'],
    [{ sections: 'x' }, 'sections'],
    [{ sections: [{ title: '', fields: ['name'] }] }, 'sections[0].title'],
    [{ sections: [{ title: 'A', columns: 9, fields: ['name'] }] }, 'sections[0].columns'],
    [{ sections: [{ title: 'A', fields: ['name', 'no_such'] }] }, 'sections[0].fields'],
    [{ sections: [{ title: 'A', fields: ['name', 'name'] }] }, 'sections[0].fields'],
    [{ sections: [{ title: 'A', fields: ['name', 'code'] }] }, 'sections[0].fields'], // autonumber on a form
    [{ sections: [{ title: 'A', fields: ['phone'] }] }, 'name'], // the required name is missing
  ];
  for (const [body, field] of bad) {
    const res = await as.admin.put(layout('customer', 'form'), body);
    assert.equal(res.status, 422, `${JSON.stringify(body)} → ${res.text}`);
    assert.ok(res.json.error.details.some((d) => d.field === field), `${field}: ${res.text}`);
  }

  // A hidden field disappears from the layout its caller receives.
  const roles = (await as.admin.get('/api/v1/roles')).json.records;
  const service = roles.find((r) => r.code === 'service');
  const original = service.permissions;
  const hidden = structuredClone(original);
  hidden.fields = { ...(hidden.fields ?? {}), customer: { phone: 'hidden' } };
  assert.equal((await as.admin.patch(`/api/v1/roles/${service.id}`, { permissions: hidden })).status, 200);
  try {
    const seen = (await as.chen.get(layout('customer', 'form'))).json.sections[0].fields;
    assert.deepEqual(seen, ['name', 'short_name', 'industry']);
  } finally {
    await as.admin.patch(`/api/v1/roles/${service.id}`, { permissions: original });
  }

  assert.equal((await as.admin.delete(layout('customer', 'form'))).status, 204);
  assert.equal((await as.liu.get(layout('customer', 'form'))).json.custom, false);
});

test('the data dictionary: add, rename, reorder and disable options without breaking old records', async () => {
  const list = '/api/v1/meta/picklists';
  assert.equal((await as.liu.post(list, { label: '合作模式', options: ['直销'] })).status, 403);
  const created = await as.admin.post(list, {
    name: 'coop_mode',
    label: '合作模式',
    label_en: 'Cooperation',
    options: ['直销', { label: '代理', label_en: 'Agent', color: '#409EFF' }],
  });
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.json.options.map((o) => o.label), ['直销', '代理']);
  assert.equal((await as.admin.post(list, { name: 'coop_mode', label: 'x', options: ['a'] })).status, 409);

  // The level picklist of customers: a record keeps a value whose option gets disabled.
  const level = (await as.admin.get(`${list}/customer_level`)).json;
  const rec = await as.liu.post('/api/v1/objects/customer/records', { name: '南昌字典测试有限公司', level: level.options[0].value });
  assert.equal(rec.status, 201, rec.text);
  const reordered = [...level.options].reverse().map((o) => ({ value: o.value, label: o.label, label_en: o.label_en }));
  reordered[reordered.length - 1].disabled = true; // the first one, now last, is switched off
  reordered.push({ label: '战略客户', label_en: 'Strategic' });
  const upd = await as.admin.patch(`${list}/customer_level`, { options: reordered });
  assert.equal(upd.status, 200, upd.text);
  assert.equal(upd.json.options.at(-1).label, '战略客户');
  assert.equal(upd.json.options.find((o) => o.value === level.options[0].value).disabled, true);

  const old = await as.liu.get(`/api/v1/objects/customer/records/${rec.json.id}`);
  assert.equal(old.json.level, level.options[0].value, 'an old record keeps its value');
  assert.equal(old.json._display.level, level.options[0].label, 'and its label');
  const again = await as.liu.post('/api/v1/objects/customer/records', { name: '九江字典测试有限公司', level: level.options[0].value });
  assert.equal(again.status, 422, 'a disabled option is not offered for new records');

  // Left out means disabled, never deleted.
  const short = await as.admin.patch(`${list}/coop_mode`, { options: [{ value: created.json.options[1].value, label: '渠道代理' }] });
  assert.equal(short.status, 200, short.text);
  assert.deepEqual(short.json.options.map((o) => [o.label, o.disabled]), [['渠道代理', false], ['直销', true]]);

  for (const body of [
    { options: [] },
    { options: 'x' },
    { options: [{ label: '' }] },
    { options: ['A', 'A'] },
    { options: [{ value: 'no_such', label: 'A' }] },
    { options: [{ label: 'A', color: 'red' }] },
    { label: '' },
    { bogus: 1 },
  ]) {
    const res = await as.admin.patch(`${list}/coop_mode`, body);
    assert.equal(res.status, 422, `${JSON.stringify(body)} → ${res.text}`);
  }
  assert.equal((await as.admin.patch(`${list}/no_such`, { label: 'x' })).status, 404);
});

test('field settings: labels and help on standard fields, ranges and defaults on custom ones', async () => {
  const fields = '/api/v1/meta/objects/customer/fields';
  const added = await as.admin.post(fields, { label: '年采购额', label_en: 'Annual purchases', type: 'currency' });
  assert.equal(added.status, 201, added.text);
  const name = added.json.name;

  assert.equal((await as.liu.patch(`${fields}/${name}`, { label: '年采购金额' })).status, 403);
  const upd = await as.admin.patch(`${fields}/${name}`, { label: '年采购金额', help: '上一年度', min: 0, max: 1000000, default: '100.00', required: true });
  assert.equal(upd.status, 200, upd.text);
  assert.equal(upd.json.label, '年采购金额');
  assert.equal(upd.json.help, '上一年度');
  assert.equal(upd.json.required, true);
  const meta = (await as.liu.get('/api/v1/meta/objects/customer')).json.fields.find((f) => f.name === name);
  assert.equal(meta.label, '年采购金额', 'the change is seen on the next request');

  const std = await as.admin.patch(`${fields}/phone`, { label: '联系电话', help: '座机或手机' });
  assert.equal(std.status, 200, std.text);
  for (const [field, body, status] of [
    ['phone', { max_length: 10 }, 422], // standard: not its rules
    ['name', { required: false }, 422], // a required standard field stays required
    ['id', { label: 'x' }, 403], // system
    [name, { min: 10, max: 1 }, 422],
    [name, { default: 'abc' }, 422],
    [name, { type: 'text' }, 422],
    [name, { label: '' }, 422],
    [name, { unique: true }, 422],
    ['no_such', { label: 'x' }, 404],
  ]) {
    const res = await as.admin.patch(`${fields}/${field}`, body);
    assert.equal(res.status, status, `${field} ${JSON.stringify(body)} → ${res.text}`);
  }
  await as.admin.patch(`${fields}/phone`, { label: '电话', help: '' });
});

test('formula fields: computed on every write, backfilled, filterable and sortable; bad formulas are 422', async () => {
  const fields = '/api/v1/meta/objects/product/fields';
  const records = '/api/v1/objects/product/records';
  const cost = await as.admin.post(fields, { label: '成本价', label_en: 'Cost', type: 'currency' });
  assert.equal(cost.status, 201, cost.text);
  const before = await as.admin.post(records, { name: '公式测试旧产品', price: '200.00', [cost.json.name]: '150.00' });
  assert.equal(before.status, 201, before.text);

  const margin = await as.admin.post(fields, {
    label: '毛利率',
    label_en: 'Margin %',
    type: 'formula',
    formula: `ROUND((price - ${cost.json.name}) / price * 100, 1)`,
  });
  assert.equal(margin.status, 201, margin.text);
  const m = margin.json.name;
  assert.equal(margin.json.read_only, true);
  const old = await as.admin.get(`${records}/${before.json.id}`);
  assert.equal(old.json[m], 25, 'existing records are backfilled');

  const p = await as.admin.post(records, { name: '公式测试新产品', price: '80.00', [cost.json.name]: '20.00' });
  assert.equal(p.json[m], 75);
  const upd = await as.admin.patch(`${records}/${p.json.id}`, { [cost.json.name]: '60.00', version: p.json.version });
  assert.equal(upd.json[m], 25, 'recomputed on update');
  const free = await as.admin.post(records, { name: '公式测试零价产品', price: '0.00', [cost.json.name]: '1.00' });
  assert.equal(free.json[m], null, 'a division by zero is no value, not an error');

  assert.equal((await as.admin.post(records, { name: 'x', [m]: 5 })).status, 422, 'a formula cannot be written');
  const q = await as.admin.post('/api/v1/objects/product/query', {
    filter: { and: [{ field: m, op: 'gte', value: 20 }, { field: 'name', op: 'starts_with', value: '公式测试' }] },
    sort: [{ field: m, dir: 'asc' }, { field: 'id', dir: 'asc' }],
  });
  assert.equal(q.status, 200, q.text);
  assert.deepEqual(q.json.records.map((r) => r[m]), [25, 25]);

  for (const formula of ['price +', 'name * 2', 'no_such * 2', 'price; DROP TABLE obj_product', 'SLEEP(1)', '']) {
    const res = await as.admin.post(fields, { label: '坏公式', type: 'formula', formula });
    assert.equal(res.status, 422, `${formula} → ${res.text}`);
    assert.equal(res.json.error.details[0].field, 'formula');
  }
});
