// Import and export of records (docs/api/import-export.md) against the real server: background
// jobs, data scope and field security in exports, templates from metadata, uploads with mapping
// suggestions, every duplicate mode, the error report, bad input, an XLSX round trip and a
// 100 000-row import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { assertError, create as createRecord } from './lib/records.mjs';
import { exportRecords, raw, upload, waitJob } from './lib/jobs.mjs';
import { startServer, Client, registerEnterprise } from './lib/server.mjs';
import { XLSX_TYPE, buildXlsx, readXlsx, parseCsv, csvLine } from './lib/xlsx.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000', // 李明, 管理员
  liu: '13800000003', // 刘洋, 销售, 华东大区
  sun: '13800000004', // 孙丽, 销售, 华南大区
  chen: '13800000005', // 陈静, 客服 (no import, no export)
};

before(async () => {
  server = await startServer({ demo: true });
  for (const [key, phone] of Object.entries(PEOPLE)) {
    const c = new Client(server.baseUrl);
    const res = await c.post('/api/v1/auth/login', { login: phone, password: 'Demo@2026' });
    assert.equal(res.status, 200, res.text);
    c.token = res.json.token;
    c.userId = res.json.user.id;
    as[key] = c;
  }
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

async function importFile(client, object, body, contentType, options) {
  const up = await upload(client, object, body, contentType);
  assert.equal(up.status, 201, up.text);
  const res = await client.post(`/api/v1/objects/${object}/import`, { upload_id: up.json.upload_id, ...options });
  assert.equal(res.status, 202, res.text);
  const job = await waitJob(client, res.json.id);
  assert.equal(job.status, 'done', JSON.stringify(job));
  return { up: up.json, job };
}

async function grant(roleCode, object, changes, fieldRules) {
  const roles = await as.admin.get('/api/v1/roles');
  const role = roles.json.records.find((r) => r.code === roleCode);
  const permissions = structuredClone(role.permissions);
  Object.assign(permissions.objects[object], changes);
  if (fieldRules) permissions.fields = { ...(permissions.fields ?? {}), [object]: fieldRules };
  const res = await as.admin.patch(`/api/v1/roles/${role.id}`, { permissions });
  assert.equal(res.status, 200, res.text);
}

async function queryAll(client, object, filter) {
  const res = await client.post(`/api/v1/objects/${object}/query`, { filter, limit: 200 });
  assert.equal(res.status, 200, res.text);
  return res.json.records;
}

const today = () => {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 10).replace(/-/g, '');
};

test('a CSV export holds only the caller\'s records, never a hidden field, and defuses formulas', async () => {
  await createRecord(as.liu, 'customer', { name: '导出测试甲公司', phone: '0571-88886666', industry: 'it', tags: ['vip', 'key_account'] });
  await createRecord(as.liu, 'customer', { name: '=HYPERLINK("http://evil","点我")', short_name: '+86 公式', remark: '两行\n备注, 含逗号 "引号"' });
  await createRecord(as.sun, 'customer', { name: '导出测试孙丽的客户', phone: '020-1234' });
  // Sales may now export customers, but no longer see their phone numbers.
  await grant('sales', 'customer', { export: true }, { phone: 'hidden' });

  const { job, file } = await exportRecords(as.liu, 'customer', { format: 'csv' });
  assert.equal(job.kind, 'export');
  assert.equal(job.object, 'customer');
  assert.equal(job.progress.done, 2);
  assert.equal(job.progress.total, 2);
  assert.equal(job.result.rows, 2);
  assert.ok(job.finished_at);
  assert.match(file.headers.get('content-type'), /^text\/csv/);
  const disposition = file.headers.get('content-disposition');
  assert.match(disposition, /^attachment; filename="customer-export\.csv"; filename\*=UTF-8''/);
  assert.equal(decodeURIComponent(disposition.split("UTF-8''")[1]), `客户_${today()}.csv`);
  assert.deepEqual([...file.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM so Excel reads it right');

  const rows = parseCsv(file.buf.toString('utf8'));
  const header = rows[0];
  assert.ok(header.includes('客户名称'));
  assert.ok(header.includes('负责人'));
  assert.ok(!header.includes('电话'), 'a hidden field is never exported');
  assert.equal(rows.length, 3);
  const col = (name) => header.indexOf(name);
  const names = rows.slice(1).map((r) => r[col('客户名称')]).sort();
  assert.deepEqual(names, ["'=HYPERLINK(\"http://evil\",\"点我\")", '导出测试甲公司'].sort(), 'only liu\'s records, formulas defused');
  const first = rows.find((r) => r[col('客户名称')] === '导出测试甲公司');
  assert.equal(first[col('行业')], 'IT/互联网', 'picklist labels, not values');
  assert.equal(first[col('标签')], 'VIP、重点关注');
  assert.equal(first[col('负责人')], '刘洋', 'user names, not ids');
  const second = rows.find((r) => r[col('客户名称')].startsWith("'="));
  assert.equal(second[col('简称')], "'+86 公式");
  assert.equal(second[col('备注')], '两行\n备注, 含逗号 "引号"');

  // The admin sees everything, the hidden field included.
  const all = parseCsv((await exportRecords(as.admin, 'customer', { format: 'csv' })).file.buf.toString('utf8'));
  assert.ok(all[0].includes('电话'));
  assert.ok(all.length >= 4);

  // Others cannot see the job; its creator and an admin can.
  assertError(await as.sun.get(`/api/v1/jobs/${job.id}`), 404, 'not_found');
  assertError(await as.sun.get(`/api/v1/jobs/${job.id}/file`), 404, 'not_found');
  assert.equal((await as.admin.get(`/api/v1/jobs/${job.id}`)).status, 200);
  const mine = await as.liu.get('/api/v1/jobs?kind=export&limit=5');
  assert.equal(mine.status, 200);
  assert.equal(mine.json.records[0].id, job.id);
  assert.ok(!(await as.sun.get('/api/v1/jobs')).json.records.some((j) => j.id === job.id));
});

test('export needs the export permission and a valid query', async () => {
  assertError(await as.chen.post('/api/v1/objects/customer/export', { format: 'csv' }), 403, 'forbidden');
  assertError(await as.liu.post('/api/v1/objects/lead/export', { format: 'csv' }), 403, 'forbidden');
  assertError(await as.admin.post('/api/v1/objects/nothing/export', { format: 'csv' }), 404, 'not_found');
  assertError(await as.admin.post('/api/v1/objects/customer/export', { format: 'pdf' }), 422, 'validation_failed');
  const badFilter = await as.admin.post('/api/v1/objects/customer/export', { filter: { field: 'nope', op: 'eq', value: 1 } });
  assertError(badFilter, 422, 'validation_failed');
  // A hidden field can be neither exported nor filtered on.
  assertError(await as.liu.post('/api/v1/objects/customer/export', { fields: ['name', 'phone'] }), 422, 'validation_failed');
  assertError(await as.admin.get('/api/v1/jobs/999999'), 404, 'not_found');
  assertError(await as.admin.get('/api/v1/jobs?kind=nope'), 422, 'validation_failed');
});

test('an XLSX export in English: labels, names, money, dates, chosen fields and a filter', async () => {
  const added = await as.admin.post('/api/v1/meta/objects/customer/fields', { label: '年预算', label_en: 'Budget', type: 'currency' });
  assert.equal(added.status, 201, added.text);
  const since = await as.admin.post('/api/v1/meta/objects/customer/fields', { label: '合作开始', label_en: 'Since', type: 'date' });
  assert.equal(since.status, 201, since.text);
  await createRecord(as.admin, 'customer', { name: '英文导出测试', industry: 'finance', c_budget: '1234.5', c_since: '2026-03-01', level: 'a' });
  as.admin.lang = 'en';
  try {
    const { file } = await exportRecords(as.admin, 'customer', {
      format: 'xlsx',
      fields: ['name', 'industry', 'c_budget', 'c_since', 'owner_id', 'created_at'],
      filter: { field: 'name', op: 'eq', value: '英文导出测试' },
    });
    assert.equal(file.headers.get('content-type'), XLSX_TYPE);
    assert.match(decodeURIComponent(file.headers.get('content-disposition').split("UTF-8''")[1]), /^Customer_\d{8}\.xlsx$/);
    const [sheet] = readXlsx(file.buf);
    assert.equal(sheet.name, 'Customer');
    assert.deepEqual(sheet.rows[0], ['Name', 'Industry', 'Budget', 'Since', 'Owner', 'Created at']);
    assert.equal(sheet.rows.length, 2);
    const row = sheet.rows[1];
    assert.deepEqual(row.slice(0, 5), ['英文导出测试', 'Finance', '1234.50', '2026-03-01', '李明']);
    assert.match(row[5], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'times in China time, readable');
  } finally {
    as.admin.lang = 'zh-CN';
  }
});

test('the import template comes from the metadata: required marks, custom fields, options, field security', async () => {
  const xlsx = await raw(as.admin, 'GET', '/api/v1/objects/customer/import/template?format=xlsx');
  assert.equal(xlsx.status, 200, xlsx.text);
  assert.equal(xlsx.headers.get('content-type'), XLSX_TYPE);
  assert.equal(decodeURIComponent(xlsx.headers.get('content-disposition').split("UTF-8''")[1]), '客户导入模板.xlsx');
  const [data, help] = readXlsx(xlsx.buf);
  const header = data.rows[0];
  assert.equal(header[0], '*客户名称');
  for (const label of ['电话', '行业', '标签', '负责人', '年预算', '合作开始']) assert.ok(header.includes(label), label);
  for (const label of ['客户编号', '最近跟进时间', '编号', '创建时间', '定位']) assert.ok(!header.includes(label), label);
  assert.equal(data.rows.length, 1, 'no sample rows that would be imported');
  assert.equal(help.name, '说明');
  const industry = help.rows.find((r) => r[0] === '行业');
  assert.match(industry[2], /单选：IT\/互联网、制造业/);
  assert.match(help.rows.find((r) => r[0] === '客户名称')[1], /是/);

  const csv = await raw(as.admin, 'GET', '/api/v1/objects/customer/import/template?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const rows = parseCsv(csv.buf.toString('utf8'));
  assert.deepEqual(rows[0], header);
  assert.match(rows[1][0], /^#必填/);

  // A custom object's template, and what a role with a hidden field gets.
  const obj = await as.admin.post('/api/v1/meta/objects', { label: '设备', label_en: 'Device' });
  assert.equal(obj.status, 201, obj.text);
  await as.admin.post(`/api/v1/meta/objects/${obj.json.name}/fields`, { label: '序列号', label_en: 'Serial', type: 'text' });
  const custom = readXlsx((await raw(as.admin, 'GET', `/api/v1/objects/${obj.json.name}/import/template`)).buf)[0];
  assert.ok(custom.rows[0].includes('序列号'));

  await grant('sales', 'customer', { import: true }, { phone: 'hidden' });
  const forSales = readXlsx((await raw(as.liu, 'GET', '/api/v1/objects/customer/import/template')).buf)[0];
  assert.ok(!forSales.rows[0].includes('电话'));
  assertError(await as.chen.get('/api/v1/objects/customer/import/template'), 403, 'forbidden');
  assertError(await as.admin.get('/api/v1/objects/customer/import/template?format=pdf'), 400, 'bad_request');
});

test('a CSV import: suggested mapping, every duplicate mode, progress to the total', async () => {
  const product = (rows) => '\uFEFF' + csvLine(['*产品名称', '产品编码', '产品分类', '标准价格', '上架', '产品介绍']) + rows.map(csvLine).join('');
  const first = product([
    ['导入产品A', 'P-A', '软件', '¥1,200.5', '是', 'A 的介绍'],
    ['导入产品B', 'P-B', 'hardware', '99', '否', ''],
    ['导入产品C', 'P-C', '服务', '0.30000000000000004', 'TRUE', '多行\n介绍'],
  ]);
  const up = await upload(as.admin, 'product', first, 'text/csv');
  assert.equal(up.status, 201, up.text);
  assert.match(up.json.upload_id, /^[0-9a-f]{32}$/);
  assert.deepEqual(up.json.columns, ['产品名称', '产品编码', '产品分类', '标准价格', '上架', '产品介绍']);
  assert.equal(up.json.rows, 3);
  assert.equal(up.json.format, 'csv');
  assert.deepEqual(up.json.sample[0], ['导入产品A', 'P-A', '软件', '¥1,200.5', '是', 'A 的介绍']);
  assert.deepEqual(up.json.mapping, {
    产品名称: 'name',
    产品编码: 'code',
    产品分类: 'category',
    标准价格: 'price',
    上架: 'on_sale',
    产品介绍: 'description',
  });
  assert.ok(up.json.fields.some((f) => f.name === 'name' && f.required));

  const res = await as.admin.post('/api/v1/objects/product/import', { upload_id: up.json.upload_id, mapping: up.json.mapping, duplicate: 'create' });
  assert.equal(res.status, 202, res.text);
  assert.equal(res.headers.get('location'), `/api/v1/jobs/${res.json.id}`);
  assert.equal(res.json.kind, 'import');
  assert.ok(['queued', 'running', 'done'].includes(res.json.status));
  const job = await waitJob(as.admin, res.json.id);
  assert.equal(job.status, 'done', JSON.stringify(job));
  assert.deepEqual(
    { created: job.result.created, updated: job.result.updated, skipped: job.result.skipped, failed: job.result.failed },
    { created: 3, updated: 0, skipped: 0, failed: 0 },
  );
  assert.deepEqual(job.progress, { done: 3, total: 3 });
  const [a] = await queryAll(as.admin, 'product', { field: 'name', op: 'eq', value: '导入产品A' });
  assert.equal(a.price, '1200.50');
  assert.equal(a.category, 'software');
  assert.equal(a.on_sale, true);
  const [c] = await queryAll(as.admin, 'product', { field: 'name', op: 'eq', value: '导入产品C' });
  assert.equal(c.price, '0.30');
  assert.equal(c.description, '多行\n介绍');
  const history = await as.admin.get(`/api/v1/objects/product/records/${a.id}`);
  assert.equal(history.status, 200);

  // skip: a row whose name exists is left alone; a new one is created.
  const second = product([
    ['导入产品A', 'P-A2', '软件', '5', '否', '不应写入'],
    ['导入产品D', 'P-D', '软件', '5', '否', ''],
  ]);
  let r = await importFile(as.admin, 'product', second, 'text/csv', { duplicate: 'skip', match_field: 'name' });
  assert.deepEqual([r.job.result.created, r.job.result.updated, r.job.result.skipped, r.job.result.failed], [1, 0, 1, 0]);
  assert.equal((await queryAll(as.admin, 'product', { field: 'name', op: 'eq', value: '导入产品A' }))[0].code, 'P-A');

  // update: the match is updated through the engine (history, version), empty cells leave values.
  const third = product([
    ['导入产品A', 'P-A3', '', '7.5', '', ''],
    ['导入产品E', 'P-E', '其他', '1', '', ''],
  ]);
  r = await importFile(as.admin, 'product', third, 'text/csv', { duplicate: 'update', match_field: 'name' });
  assert.deepEqual([r.job.result.created, r.job.result.updated, r.job.result.skipped, r.job.result.failed], [1, 1, 0, 0]);
  const [updated] = await queryAll(as.admin, 'product', { field: 'name', op: 'eq', value: '导入产品A' });
  assert.equal(updated.code, 'P-A3');
  assert.equal(updated.price, '7.50');
  assert.equal(updated.category, 'software', 'an empty cell leaves the value');
  assert.equal(updated.version, 2);
  const hist = await as.admin.get(`/api/v1/objects/product/records/${updated.id}/history`);
  assert.ok(hist.json.records.some((h) => h.field === 'code' && h.new_value === 'P-A3'));

  // create: duplicates are created again (products have no duplicate rule) …
  r = await importFile(as.admin, 'product', product([['导入产品B', 'P-B2', '', '', '', '']]), 'text/csv', { duplicate: 'create' });
  assert.equal(r.job.result.created, 1);
  // … and then an update cannot tell which of two to change, while skip just skips.
  r = await importFile(as.admin, 'product', product([['导入产品B', 'X', '', '', '', '']]), 'text/csv', { duplicate: 'update' });
  assert.deepEqual([r.job.result.updated, r.job.result.failed], [0, 1]);
  r = await importFile(as.admin, 'product', product([['导入产品B', 'X', '', '', '', '']]), 'text/csv', { duplicate: 'skip' });
  assert.deepEqual([r.job.result.skipped, r.job.result.failed], [1, 0]);

  // update by id, from a column named as the export names it.
  const byId = csvLine(['编号', '规格']) + csvLine([String(updated.id), '按编号更新']);
  r = await importFile(as.admin, 'product', byId, 'text/csv', { duplicate: 'update', match_field: 'id' });
  assert.equal(r.up.mapping['编号'], 'id');
  assert.equal(r.job.result.updated, 1);
  assert.equal((await as.admin.get(`/api/v1/objects/product/records/${updated.id}`)).json.spec, '按编号更新');
});

test('a row matches the records earlier rows of the same file created, by an indexed field or not, never a failed row', async () => {
  // The name has an index and is looked up row by row on the import's transaction; the
  // specification has none and is matched from the records loaded when the job starts.
  const product = (rows) => csvLine(['产品名称', '产品编码', '规格', '标准价格']) + rows.map(csvLine).join('');
  let r = await importFile(as.admin, 'product', product([
    ['同文件重复A', 'R-A1', '', '1'],
    ['同文件重复A', 'R-A2', '', '2'],
  ]), 'text/csv', { duplicate: 'skip', match_field: 'name' });
  assert.deepEqual([r.job.result.created, r.job.result.skipped, r.job.result.failed], [1, 1, 0], JSON.stringify(r.job));
  let found = await queryAll(as.admin, 'product', { field: 'name', op: 'eq', value: '同文件重复A' });
  assert.deepEqual(found.map((p) => p.code), ['R-A1']);

  r = await importFile(as.admin, 'product', product([
    ['同文件重复B', 'R-B1', '', '1'],
    ['同文件重复B', 'R-B2', '', '2'],
  ]), 'text/csv', { duplicate: 'update', match_field: 'name' });
  assert.deepEqual([r.job.result.created, r.job.result.updated, r.job.result.failed], [1, 1, 0], JSON.stringify(r.job));
  found = await queryAll(as.admin, 'product', { field: 'name', op: 'eq', value: '同文件重复B' });
  assert.deepEqual(found.map((p) => [p.code, p.version]), [['R-B2', 2]]);

  r = await importFile(as.admin, 'product', product([
    ['同文件规格C1', '', 'SPEC-重复', '1'],
    ['同文件规格C2', '', 'SPEC-重复', '2'],
  ]), 'text/csv', { duplicate: 'skip', match_field: 'spec' });
  assert.deepEqual([r.job.result.created, r.job.result.skipped], [1, 1], JSON.stringify(r.job));
  found = await queryAll(as.admin, 'product', { field: 'spec', op: 'eq', value: 'SPEC-重复' });
  assert.deepEqual(found.map((p) => p.name), ['同文件规格C1']);

  // A failed row is rolled back, so the next row with its name finds nothing and is created.
  r = await importFile(as.admin, 'product', product([
    ['同文件失败D', 'R-D1', '', '-5'],
    ['同文件失败D', 'R-D2', '', '5'],
  ]), 'text/csv', { duplicate: 'skip', match_field: 'name' });
  assert.deepEqual([r.job.result.created, r.job.result.skipped, r.job.result.failed], [1, 0, 1], JSON.stringify(r.job));
  found = await queryAll(as.admin, 'product', { field: 'name', op: 'eq', value: '同文件失败D' });
  assert.deepEqual(found.map((p) => p.code), ['R-D2']);
});

test('an import matches only records the importer may read', async () => {
  // 孙丽's contact is invisible to 刘洋 (data scope: self): his file's row of the same name is new.
  await grant('sales', 'contact', { import: true });
  const own = await createRecord(as.liu, 'customer', { name: '可见范围导入客户' });
  await createRecord(as.sun, 'contact', { name: '范围内外同名', customer_id: (await createRecord(as.sun, 'customer', { name: '孙丽的范围客户' })).id });
  await createRecord(as.liu, 'contact', { name: '刘洋自己的联系人', customer_id: own.id });
  const csv = csvLine(['姓名', '所属客户']) + csvLine(['范围内外同名', '可见范围导入客户']) + csvLine(['刘洋自己的联系人', '可见范围导入客户']);
  const { job } = await importFile(as.liu, 'contact', csv, 'text/csv', { duplicate: 'skip', match_field: 'name' });
  assert.deepEqual([job.result.created, job.result.skipped, job.result.failed], [1, 1, 0], JSON.stringify(job));
  const same = await queryAll(as.admin, 'contact', { field: 'name', op: 'eq', value: '范围内外同名' });
  assert.deepEqual(same.map((c) => c.owner_id).sort(), [as.liu.userId, as.sun.userId].sort());
});

test('an XLSX import: picklist labels, owners by name or phone, lookups by name, dates as day numbers', async () => {
  const customer = await createRecord(as.admin, 'customer', { name: '联系人导入客户' });
  const rows = [
    ['姓名', '所属客户', '性别', '生日', '关键决策人', '负责人', '手机'],
    ['王导入', '联系人导入客户', '男', { number: 45620 }, '是', '刘洋', { number: 13900000001 }],
    ['李导入', '联系人导入客户', 'female', '1990/5/6', '否', '13800000004', ''],
    ['赵导入', String(customer.id), '女', '', '', '', ''],
  ];
  const { up, job } = await importFile(as.admin, 'contact', buildXlsx(rows, '联系人'), XLSX_TYPE, { duplicate: 'create' });
  assert.equal(up.format, 'xlsx');
  assert.deepEqual(up.mapping, { 姓名: 'name', 所属客户: 'customer_id', 性别: 'gender', 生日: 'birthday', 关键决策人: 'is_decision_maker', 负责人: 'owner_id', 手机: 'mobile' });
  assert.equal(job.result.created, 3, JSON.stringify(job));
  const contacts = await queryAll(as.admin, 'contact', { field: 'customer_id', op: 'eq', value: customer.id });
  const byName = Object.fromEntries(contacts.map((c) => [c.name, c]));
  assert.equal(byName['王导入'].gender, 'male');
  assert.equal(byName['王导入'].birthday, '2024-11-24');
  assert.equal(byName['王导入'].is_decision_maker, true);
  assert.equal(byName['王导入'].owner_id, as.liu.userId);
  assert.equal(byName['王导入'].mobile, '13900000001');
  assert.equal(byName['李导入'].gender, 'female');
  assert.equal(byName['李导入'].birthday, '1990-05-06');
  assert.equal(byName['李导入'].owner_id, as.sun.userId);
  assert.equal(byName['赵导入'].owner_id, as.admin.userId, 'no owner: the importer');
});

test('failed rows are skipped and reported: row number, original values, messages in the caller\'s language', async () => {
  const csv =
    csvLine(['*产品名称', '产品分类', '标准价格', '负责人', '上架']) +
    csvLine(['报告好行一', '软件', '10', '', '']) +
    csvLine(['', '软件', '10', '', '']) +
    csvLine(['报告坏分类', '不存在的分类', '10', '', '']) +
    '\r\n' +
    csvLine(['报告坏价格', '软件', '12.345', '查无此人', '也许']) +
    csvLine(['报告好行二', '', '', '', '']);
  const { job } = await importFile(as.admin, 'product', csv, 'text/csv', { duplicate: 'create' });
  assert.deepEqual([job.result.total, job.result.created, job.result.failed], [5, 2, 3]);
  assert.equal(job.result.errors_url, `/api/v1/jobs/${job.id}/errors`);
  assert.deepEqual(job.progress, { done: 5, total: 5 });

  const report = await raw(as.admin, 'GET', `/api/v1/jobs/${job.id}/errors`);
  assert.equal(report.status, 200, report.text);
  assert.match(report.headers.get('content-type'), /^text\/csv/, 'the upload\'s format by default');
  assert.match(decodeURIComponent(report.headers.get('content-disposition').split("UTF-8''")[1]), /^导入错误_产品_\d{8}\.csv$/);
  const rows = parseCsv(report.buf.toString('utf8'));
  assert.deepEqual(rows[0], ['行号', '产品名称', '产品分类', '标准价格', '负责人', '上架', '错误信息']);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[1].slice(0, 6), ['3', '', '软件', '10', '', '']);
  assert.match(rows[1][6], /产品名称.*不能为空/);
  assert.equal(rows[2][0], '4');
  assert.match(rows[2][6], /没有选项「不存在的分类」/);
  assert.deepEqual(rows[3].slice(0, 6), ['6', '报告坏价格', '软件', '12.345', '查无此人', '也许']);
  assert.match(rows[3][6], /没有员工「查无此人」/);
  assert.match(rows[3][6], /金额/);
  assert.match(rows[3][6], /是或否/);
  // Nothing of a failed row was written; the good rows of its batch were.
  assert.equal((await queryAll(as.admin, 'product', { field: 'name', op: 'starts_with', value: '报告' })).length, 2);

  as.admin.lang = 'en';
  try {
    const xlsx = await raw(as.admin, 'GET', `/api/v1/jobs/${job.id}/errors?format=xlsx`);
    assert.equal(xlsx.headers.get('content-type'), XLSX_TYPE);
    const [sheet] = readXlsx(xlsx.buf);
    assert.equal(sheet.rows[0][0], 'Row');
    assert.equal(sheet.rows[0].at(-1), 'Errors');
    assert.match(sheet.rows[1].at(-1), /Name: is required/);
  } finally {
    as.admin.lang = 'zh-CN';
  }
  assertError(await as.admin.get(`/api/v1/jobs/${job.id}/errors?format=pdf`), 400, 'bad_request');
  assertError(await as.admin.get(`/api/v1/jobs/${job.id}/file`), 404, 'not_found');
});

test('the engine\'s rules run on every imported row: the customer duplicate check refuses a copy', async () => {
  await createRecord(as.liu, 'customer', { name: '查重测试原有客户' });
  const csv = csvLine(['客户名称', '简称']) + csvLine(['查重测试原有客户', '复制品']) + csvLine(['全新的导入客户', '']);
  const { job } = await importFile(as.admin, 'customer', csv, 'text/csv', { duplicate: 'create' });
  assert.deepEqual([job.result.created, job.result.failed], [1, 1], JSON.stringify(job));
  const rows = parseCsv((await raw(as.admin, 'GET', `/api/v1/jobs/${job.id}/errors`)).buf.toString('utf8'));
  assert.equal(rows[1][1], '查重测试原有客户');
  assert.match(rows[1].at(-1), /已存在.*刘洋/, 'the duplicate rule\'s own message, naming the owner');
  const [created] = await queryAll(as.admin, 'customer', { field: 'name', op: 'eq', value: '全新的导入客户' });
  assert.match(created.code, /^KH-\d{4}-\d{4}$/, 'autonumbers are given as for a form');
  assert.equal((await as.admin.get(`/api/v1/objects/customer/records/${created.id}/history`)).status, 200);
});

test('bad uploads and bad import requests are 4xx JSON errors', async () => {
  const good = csvLine(['客户名称', '电话', '最近跟进时间']) + csvLine(['坏输入测试', '1', '2026-01-01']);
  assertError(await upload(as.admin, 'customer', good, 'application/json'), 415, 'unsupported_media_type');
  assertError(await upload(as.admin, 'customer', good, 'image/png'), 415, 'unsupported_media_type');
  assertError(await upload(as.admin, 'customer', '', 'text/csv'), 422, 'validation_failed');
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  assertError(await upload(as.admin, 'customer', garbage, 'text/csv'), 422, 'validation_failed');
  assertError(await upload(as.admin, 'customer', garbage, 'application/octet-stream'), 422, 'validation_failed');
  assertError(await upload(as.admin, 'customer', Buffer.concat([Buffer.from('PK\x03\x04'), garbage]), XLSX_TYPE), 422, 'validation_failed');
  assertError(await upload(as.admin, 'customer', 'not a workbook', XLSX_TYPE), 422, 'validation_failed');
  const wide = csvLine(Array.from({ length: 5000 }, (_, i) => `列${i}`)) + csvLine(['x']);
  const tooWide = await upload(as.admin, 'customer', wide, 'text/csv');
  assertError(tooWide, 422, 'validation_failed');
  assert.equal(tooWide.json.error.details[0].code, 'too_many_columns');
  const longHeader = csvLine(['名'.repeat(100000), '电话']) + csvLine(['x', 'y']);
  assert.equal((await upload(as.admin, 'customer', longHeader, 'text/csv')).json.error.details[0].code, 'bad_header');
  assert.equal((await upload(as.admin, 'customer', csvLine(['客户名称']), 'text/csv')).json.error.details[0].code, 'no_rows');
  assertError(await upload(as.chen, 'customer', good, 'text/csv'), 403, 'forbidden');
  assertError(await upload(as.admin, 'nothing', good, 'text/csv'), 404, 'not_found');

  const up = await upload(as.admin, 'customer', good, 'text/csv');
  assert.equal(up.status, 201, up.text);
  const id = up.json.upload_id;
  const post = (client, body) => client.post('/api/v1/objects/customer/import', body);
  const detail = (res) => `${res.json.error.details[0].field}:${res.json.error.details[0].code}`;
  let res = await post(as.admin, { upload_id: 'f'.repeat(32), mapping: { 客户名称: 'name' } });
  assertError(res, 422, 'validation_failed');
  assert.equal(detail(res), 'upload_id:not_found');
  assertError(await post(as.admin, { mapping: { 客户名称: 'name' } }), 422, 'validation_failed');
  res = await post(as.admin, { upload_id: id, mapping: { 客户名称: 'name', 电话: 'no_such_field' } });
  assert.equal(detail(res), 'mapping.电话:unknown_field');
  res = await post(as.admin, { upload_id: id, mapping: { 客户名称: 'name', 最近跟进时间: 'last_followup_at' } });
  assert.equal(detail(res), 'mapping.最近跟进时间:read_only');
  res = await post(as.admin, { upload_id: id, mapping: { 客户名称: 'name', 电话: 'created_at' } });
  assert.equal(detail(res), 'mapping.电话:read_only');
  res = await post(as.admin, { upload_id: id, mapping: { 客户名称: 'name', 不存在的列: 'phone' } });
  assert.equal(detail(res), 'mapping.不存在的列:unknown_column');
  res = await post(as.admin, { upload_id: id, mapping: { 电话: 'phone' }, duplicate: 'create' });
  assert.equal(detail(res), 'mapping:missing_required');
  res = await post(as.admin, { upload_id: id, mapping: { 客户名称: 'name' }, duplicate: 'sometimes' });
  assert.equal(detail(res), 'duplicate:invalid');
  res = await post(as.admin, { upload_id: id, mapping: { 客户名称: 'name' }, duplicate: 'update', match_field: 'phone' });
  assert.equal(detail(res), 'match_field:not_mapped');
  assertError(await as.admin.post('/api/v1/objects/customer/import', 'not json'), 400, 'bad_request');
  assertError(await as.admin.request('POST', '/api/v1/objects/customer/import', { body: '{}', headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  // Someone else's upload does not exist for you, nor for another object.
  await grant('sales', 'customer', { import: true }, { phone: 'hidden' });
  res = await post(as.liu, { upload_id: id, mapping: { 客户名称: 'name' } });
  assert.equal(detail(res), 'upload_id:not_found');
  res = await as.admin.post('/api/v1/objects/product/import', { upload_id: id, mapping: { 客户名称: 'name' } });
  assert.equal(detail(res), 'upload_id:not_found');
  // A hidden field cannot be a mapping target: it looks like no field at all.
  const mine = await upload(as.liu, 'customer', good, 'text/csv');
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.json.mapping['电话'], null, 'a hidden field is not suggested');
  res = await post(as.liu, { upload_id: mine.json.upload_id, mapping: { 客户名称: 'name', 电话: 'phone' } });
  assert.equal(detail(res), 'mapping.电话:unknown_field');
  assertError(await as.chen.post('/api/v1/objects/customer/import', { upload_id: id }), 403, 'forbidden');
});

/** Sends only the headers of a request with a large Content-Length and returns the status line's code. */
function statusForContentLength(path, length, token) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number((data.match(/^HTTP\/1\.1 (\d{3})/) || [])[1]), data }));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\n` +
        `Content-Length: ${length}\r\nConnection: close\r\n\r\n`,
    );
    setTimeout(() => socket.end(), 3000);
  });
}

test('uploads may be larger than other requests, up to the import limit', async () => {
  const overLimit = await statusForContentLength('/api/v1/objects/customer/import/upload', 51 * 1024 * 1024, as.admin.token);
  assert.equal(overLimit.status, 413, overLimit.data.slice(0, 300));
  const otherRoute = await statusForContentLength('/api/v1/objects/customer/import', 12 * 1024 * 1024, as.admin.token);
  assert.equal(otherRoute.status, 413, 'every other route keeps the general limit');
});

test('an XLSX export imported into another enterprise comes back equal', async () => {
  const a = (await registerEnterprise(server.baseUrl)).client;
  const b = (await registerEnterprise(server.baseUrl)).client;
  for (const client of [a, b]) {
    const budget = await client.post('/api/v1/meta/objects/customer/fields', { label: '年预算', label_en: 'Budget', type: 'currency' });
    assert.equal(budget.status, 201, budget.text);
    const since = await client.post('/api/v1/meta/objects/customer/fields', { label: '合作开始', label_en: 'Since', type: 'date' });
    assert.equal(since.status, 201, since.text);
  }
  const samples = [
    { name: '往返测试一', short_name: '一', phone: '0571-88886666', email: 'a@example.com', website: 'https://a.example.com', region: '浙江省/杭州市/西湖区', address: '文三路 1 号', industry: 'it', source: 'referral', level: 'a', type: 'company', status: 'following', tags: ['vip', 'price_sensitive'], remark: '第一行\n第二行, "引号"', c_budget: '1234567.89', c_since: '2026-01-31' },
    { name: '=往返测试二', short_name: '+二', phone: '+86 138 0000 0000', industry: 'finance', tags: ['key_account'], c_budget: '-12.50', remark: '@提醒' },
    { name: '往返测试三' },
  ];
  for (const s of samples) await createRecord(a, 'customer', s);
  const first = readXlsx((await exportRecords(a, 'customer', { format: 'xlsx' })).file.buf)[0].rows;

  const { up, job } = await importFile(b, 'customer', (await exportRecords(a, 'customer', { format: 'xlsx' })).file.buf, XLSX_TYPE, { duplicate: 'create' });
  assert.equal(job.result.created, 3, JSON.stringify(job));
  assert.equal(up.mapping['编号'], 'id', 'the id column only matches records');
  assert.equal(up.mapping['客户编号'], 'code');
  assert.equal(up.mapping['创建时间'], null);
  const second = readXlsx((await exportRecords(b, 'customer', { format: 'xlsx' })).file.buf)[0].rows;

  // Everything but what belongs to the enterprise or the moment: ids, numbers, department, times.
  const skip = new Set(['编号', '客户编号', '所属部门', '创建时间', '最后修改时间']);
  const keep = first[0].map((h, i) => (skip.has(h) ? -1 : i)).filter((i) => i >= 0);
  const shape = (rows) => rows.slice(1).map((r) => keep.map((i) => r[i] ?? '')).sort((x, y) => x[0].localeCompare(y[0]));
  assert.deepEqual(second[0], first[0]);
  assert.deepEqual(shape(second), shape(first));
  assert.ok(first[0].includes('年预算') && first[0].includes('负责人'));
  const budget = first[0].indexOf('年预算');
  assert.ok(first.some((r) => r[budget] === '1234567.89'));
});

test('a 100 000-row CSV import completes with every row counted', { timeout: 20 * 60 * 1000 }, async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const rows = Number(process.env.XIELI_IMPORT_TEST_ROWS || 100000);
  const sources = ['官网表单', '展会', '市场活动', '电话营销', '客户介绍'];
  const parts = ['\uFEFF' + csvLine(['*姓名', '公司名称', '手机', '线索来源', '行业', '地址', '备注'])];
  for (let i = 0; i < rows; i++) {
    parts.push(
      csvLine([
        `批量线索${i}`,
        `批量公司${i % 5000}有限公司`,
        `139${String(i).padStart(8, '0')}`,
        sources[i % sources.length],
        i % 2 ? '制造业' : 'IT/互联网',
        `浙江省杭州市西湖区文三路${i}号`,
        `第 ${i} 行的备注，用来让文件超过一般请求的 10 MB 上限 ${'-'.repeat(40)}`,
      ]),
    );
  }
  const body = Buffer.from(parts.join(''), 'utf8');
  if (rows >= 100000) assert.ok(body.length > 10 * 1024 * 1024, `${body.length} bytes: larger than the general body limit`);
  const started = Date.now();
  const up = await upload(client, 'lead', body, 'text/csv');
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.rows, rows);
  const res = await client.post('/api/v1/objects/lead/import', { upload_id: up.json.upload_id, duplicate: 'create' });
  assert.equal(res.status, 202, res.text);
  const seen = new Set();
  let job;
  for (;;) {
    job = (await client.get(`/api/v1/jobs/${res.json.id}`)).json;
    seen.add(job.progress.done);
    if (job.status === 'done' || job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`# ${rows}-row CSV import (${(body.length / 1048576).toFixed(1)} MB): ${seconds.toFixed(1)} s upload + import`);
  assert.equal(job.status, 'done', JSON.stringify(job));
  assert.deepEqual([job.result.created, job.result.failed, job.result.skipped], [rows, 0, 0]);
  assert.deepEqual(job.progress, { done: rows, total: rows });
  // Lists cap their total (records.md); the aggregate counts exactly.
  const count = await client.post('/api/v1/objects/lead/aggregate', {});
  assert.equal(count.json.totals.count, rows);
  const found = await client.get(`/api/v1/objects/lead/records?q=${encodeURIComponent(`批量线索${rows - 1}`)}`);
  assert.equal(found.json.records[0]?.name, `批量线索${rows - 1}`, 'the search index is written too');
  assert.ok(seen.size >= 2, 'progress moved while it ran');
});
