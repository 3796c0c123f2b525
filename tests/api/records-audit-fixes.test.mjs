// Fixes from the audit of issue 5 (docs/audits/2026-11-24-issue-5.md) in the query language and in import/export,
// against the real server and the demo enterprise:
//   §4.1 cursor paging over columns with empty values (public-pool customers have no owner)
//   §4.2 plain dates on datetime filters
//   §4   errors for a malformed `filter` parameter and for nesting too deep
//   §6.1 formula fields in exports
//   §6.2 every problem of an imported row in the error report
//   §3.1 restore from the recycle bin keeps unique values unique
//   §5.1 a customer in 公海 is assigned from the pool, not transferred
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, create, rec } from './lib/records.mjs';
import { exportRecords, raw, upload, waitJob } from './lib/jobs.mjs';
import { startServer, signInAll } from './lib/server.mjs';
import { readXlsx, parseCsv, csvLine } from './lib/xlsx.mjs';

let server;
let as = {};
const PEOPLE = {
  admin: '13800000000', // 李明, 管理员
  liu: '13800000003', // 刘洋, 销售, 华东大区 (sees his own customers and the public pool's)
};

before(async () => {
  server = await startServer({ demo: true });
  as = await signInAll(server.baseUrl, PEOPLE);
});
after(async () => {
  await server.stop();
});

/** The bytes of an export's file. */
const exportFile = async (client, object, body) => (await exportRecords(client, object, body, 120000)).file.buf;

/** Every id of a list walked page by page with `limit` 4, through POST …/query or GET …/records. */
async function walk(client, object, sort, { viaGet = false } = {}) {
  const ids = [];
  let cursor = null;
  for (let page = 0; page < 200; page++) {
    let res;
    if (viaGet) {
      const params = new URLSearchParams({ limit: '4', sort: (sort.dir === 'desc' ? '-' : '') + sort.field, fields: 'name' });
      if (cursor) params.set('cursor', cursor);
      res = await client.get(`${rec(object)}?${params}`);
    } else {
      res = await client.post(`/api/v1/objects/${object}/query`, { sort: [sort], limit: 4, fields: ['name'], cursor });
    }
    assert.equal(res.status, 200, res.text);
    ids.push(...res.json.records.map((r) => r.id));
    cursor = res.json.next_cursor;
    if (!cursor) return ids;
  }
  throw new Error('the walk did not end');
}

async function allIds(client, object) {
  const ids = [];
  let cursor = null;
  do {
    const res = await client.post(`/api/v1/objects/${object}/query`, { sort: [{ field: 'id', dir: 'asc' }], limit: 200, cursor, fields: ['name'] });
    assert.equal(res.status, 200, res.text);
    ids.push(...res.json.records.map((r) => r.id));
    cursor = res.json.next_cursor;
  } while (cursor);
  return ids;
}

test('§4.1 cursor paging by owner, department and creator sees every customer once, pool customers included', async () => {
  // Five customers returned to the public pool: no owner. More than a page of them, so a page
  // boundary falls among the empty values.
  const reasons = await as.admin.get('/api/v1/meta/picklists/pool_return_reason');
  assert.equal(reasons.status, 200, reasons.text);
  const reason = reasons.json.options[0].value;
  for (let i = 1; i <= 6; i++) {
    const c = await create(as.admin, 'customer', { name: `审计修复公海${i}号有限公司` });
    if (i === 6) break;
    const back = await as.admin.post(`${rec('customer')}/${c.id}/return`, { reason });
    assert.equal(back.status, 200, back.text);
  }
  const pool = await as.admin.post('/api/v1/objects/customer/query', { filter: { field: 'owner_id', op: 'is_null' }, limit: 200 });
  assert.equal(pool.status, 200, pool.text);
  assert.ok(pool.json.records.length >= 5, 'customers without an owner (the public pool)');
  for (const client of [as.admin, as.liu]) {
    const expected = (await allIds(client, 'customer')).sort((a, b) => a - b);
    assert.ok(expected.length > 4, `more than one page: ${expected.length}`);
    for (const field of ['owner_id', 'department_id', 'created_by', 'industry']) {
      for (const dir of ['asc', 'desc']) {
        for (const viaGet of [false, true]) {
          const ids = await walk(client, 'customer', { field, dir }, { viaGet });
          const what = `${field} ${dir} ${viaGet ? 'GET' : 'POST'} as ${client.userId}`;
          assert.equal(new Set(ids).size, ids.length, `${what}: no record twice (${ids})`);
          assert.deepEqual([...ids].sort((a, b) => a - b), expected, `${what}: every record`);
        }
      }
    }
  }
  // Empty values come last in both directions.
  const asc = await as.admin.post('/api/v1/objects/customer/query', { sort: [{ field: 'owner_id', dir: 'asc' }], limit: 200 });
  const owners = asc.json.records.map((r) => r.owner_id);
  const firstEmpty = owners.indexOf(null);
  assert.ok(firstEmpty > 0 && owners.slice(firstEmpty).every((o) => o === null), `owners asc: ${owners}`);
});

test('§4.2 a plain date on a datetime filter means that whole day in China time', async () => {
  const c = await create(as.admin, 'customer', { name: '审计修复日期筛选有限公司' });
  // The day the record was created, in China time.
  const day = new Date(Date.parse(c.created_at) + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const next = new Date(Date.parse(day) + 86400 * 1000).toISOString().slice(0, 10);
  const prev = new Date(Date.parse(day) - 86400 * 1000).toISOString().slice(0, 10);
  const found = async (cond) => {
    const res = await as.admin.post('/api/v1/objects/customer/query', {
      filter: { and: [{ field: 'id', op: 'eq', value: c.id }, { field: 'created_at', ...cond }] },
    });
    assert.equal(res.status, 200, `${JSON.stringify(cond)} → ${res.text}`);
    return res.json.records.length === 1;
  };
  assert.equal(await found({ op: 'eq', value: day }), true, 'eq: within the day');
  assert.equal(await found({ op: 'ne', value: day }), false);
  assert.equal(await found({ op: 'gte', value: day }), true);
  assert.equal(await found({ op: 'lte', value: day }), true, 'lte includes the whole day');
  assert.equal(await found({ op: 'gt', value: day }), false, 'gt: after the day');
  assert.equal(await found({ op: 'lt', value: day }), false, 'lt: before the day');
  assert.equal(await found({ op: 'gt', value: prev }), true);
  assert.equal(await found({ op: 'lt', value: next }), true);
  assert.equal(await found({ op: 'between', value: [day, day] }), true, 'between one day and itself');
  assert.equal(await found({ op: 'between', value: [prev, prev] }), false);
  assert.equal(await found({ op: 'between', value: [prev, `${next}T00:00:00+08:00`] }), true, 'a date and a time');
  assert.equal(await found({ op: 'in', value: [prev, day] }), true);
  assert.equal(await found({ op: 'nin', value: [day] }), false);
  // The same through the GET list's filter parameter.
  const get = await as.admin.get(`${rec('customer')}?filter=${encodeURIComponent(JSON.stringify({ field: 'created_at', op: 'lte', value: day }))}&limit=200`);
  assert.equal(get.status, 200, get.text);
  assert.ok(get.json.records.some((r) => r.id === c.id));

  // Anything else: 422 saying what is expected, in both languages.
  const bad = await as.admin.post('/api/v1/objects/customer/query', { filter: { field: 'created_at', op: 'gte', value: '2026/11/01' } });
  assertError(bad, 422, 'validation_failed');
  assert.equal(bad.json.error.details[0].code, 'invalid_value');
  assert.match(bad.json.error.details[0].message, /创建时间.*日期（如 2026-11-01.*2026-11-01T09:30:00\+08:00/);
  as.admin.lang = 'en';
  try {
    const en = await as.admin.post('/api/v1/objects/customer/query', { filter: { field: 'created_at', op: 'between', value: ['2026-11-01', '2026-11-31'] } });
    assertError(en, 422, 'validation_failed');
    assert.match(en.json.error.details[0].message, /must be a date \(e\.g\. 2026-11-01.*or a time/);
  } finally {
    as.admin.lang = 'zh-CN';
  }
});

test('§4 a malformed filter parameter and too deep nesting get messages that say so', async () => {
  const notJson = await as.admin.get(`${rec('customer')}?filter=notjson`);
  assertError(notJson, 400, 'bad_request');
  assert.match(notJson.json.error.message, /filter 参数不是有效的 JSON/);
  assert.doesNotMatch(notJson.json.error.message, /请求体/);

  const nest = (levels) => {
    let f = { field: 'name', op: 'is_null' };
    for (let i = 0; i < levels; i++) f = { and: [f] };
    return f;
  };
  const deepParam = await as.admin.get(`${rec('customer')}?filter=${encodeURIComponent(JSON.stringify(nest(40)))}`);
  assertError(deepParam, 400, 'bad_request');
  assert.match(deepParam.json.error.message, /filter 参数嵌套过深（筛选条件最多嵌套 8 层）/);

  const deepBody = await as.admin.post('/api/v1/objects/customer/query', { filter: nest(40) });
  assertError(deepBody, 400, 'bad_request');
  assert.match(deepBody.json.error.message, /嵌套过深（最多 64 层）/);

  const nine = await as.admin.post('/api/v1/objects/customer/query', { filter: nest(9) });
  assertError(nine, 422, 'validation_failed');
  assert.equal(nine.json.error.details[0].code, 'too_deep');
  assert.match(nine.json.error.details[0].message, /最多 8 层/);
  as.admin.lang = 'en';
  try {
    const en = await as.admin.get(`${rec('customer')}?filter=%7Bbroken`);
    assertError(en, 400, 'bad_request');
    assert.match(en.json.error.message, /The filter parameter is not valid JSON/);
  } finally {
    as.admin.lang = 'zh-CN';
  }
  assert.equal((await as.admin.post('/api/v1/objects/customer/query', { filter: nest(8) })).status, 200, '8 levels are fine');
});

test('§6.1 formula fields are exported (CSV and XLSX, named or by default) and never imported', async () => {
  const fields = '/api/v1/meta/objects/customer/fields';
  const budget = await as.admin.post(fields, { label: '审计预算', label_en: 'Audit budget', type: 'currency' });
  assert.equal(budget.status, 201, budget.text);
  const share = await as.admin.post(fields, { label: '审计比例', label_en: 'Audit share', type: 'number' });
  assert.equal(share.status, 201, share.text);
  const formula = await as.admin.post(fields, {
    label: '审计预算乘比例',
    label_en: 'Audit budget x share',
    type: 'formula',
    formula: `ROUND(${budget.json.name} * ${share.json.name} / 100, 2)`,
  });
  assert.equal(formula.status, 201, formula.text);
  const f = formula.json.name;
  const c = await create(as.admin, 'customer', { name: '审计修复公式导出有限公司', [budget.json.name]: '12345.67', [share.json.name]: 40 });
  assert.equal(c[f], 4938.27);
  const only = { field: 'id', op: 'eq', value: c.id };

  const csv = parseCsv((await exportFile(as.admin, 'customer', { format: 'csv', fields: ['name', f], filter: only })).toString('utf8').replace(/^\uFEFF/, ''));
  assert.deepEqual(csv[0], ['客户名称', '审计预算乘比例'], 'a formula named in fields is a column');
  assert.deepEqual(csv[1], ['审计修复公式导出有限公司', '4938.27']);

  const [sheet] = readXlsx(await exportFile(as.admin, 'customer', { format: 'xlsx', filter: only }));
  const column = sheet.rows[0].indexOf('审计预算乘比例');
  assert.ok(column >= 0, `the default export holds the formula: ${sheet.rows[0]}`);
  assert.equal(String(sheet.rows[1][column]), '4938.27');

  // An import may not write it: mapped, it is refused as read-only; not suggested.
  const file = '\uFEFF' + csvLine(['客户名称', '审计预算乘比例']) + csvLine(['审计修复公式导入有限公司', '1']);
  const up = await upload(as.admin, 'customer', file, 'text/csv');
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.mapping['审计预算乘比例'], null, 'not suggested');
  const res = await as.admin.post('/api/v1/objects/customer/import', {
    upload_id: up.json.upload_id,
    mapping: { 客户名称: 'name', 审计预算乘比例: f },
    duplicate: 'create',
  });
  assertError(res, 422, 'validation_failed');
  assert.deepEqual(res.json.error.details.map((d) => `${d.field}:${d.code}`), ['mapping.审计预算乘比例:read_only']);
});

test('§6.2 the error report names every problem of a row, picklist ones included', async () => {
  const csv =
    '\uFEFF' +
    csvLine(['*产品名称', '产品分类', '单位', '标准价格', '上架']) +
    csvLine(['审计多错产品', '不存在的分类', '不存在的单位', 'abc', '也许']) +
    csvLine(['审计只错分类产品', '不存在的分类', '', '10', '是']) +
    csvLine(['审计好产品', '软件', '', '10', '是']);
  const up = await upload(as.admin, 'product', csv, 'text/csv');
  assert.equal(up.status, 201, up.text);
  const res = await as.admin.post('/api/v1/objects/product/import', { upload_id: up.json.upload_id, mapping: up.json.mapping, duplicate: 'create' });
  assert.equal(res.status, 202, res.text);
  const job = await waitJob(as.admin, res.json.id, 120000);
  assert.equal(job.status, 'done', JSON.stringify(job));
  assert.deepEqual([job.result.created, job.result.failed], [1, 2]);

  const report = await raw(as.admin, 'GET', `/api/v1/jobs/${job.id}/errors`);
  assert.equal(report.status, 200, report.text);
  const rows = parseCsv(report.buf.toString('utf8').replace(/^\uFEFF/, ''));
  assert.equal(rows.length, 3, JSON.stringify(rows));
  const many = rows[1].at(-1);
  assert.equal(rows[1][0], '2');
  assert.match(many, /产品分类」没有选项「不存在的分类」/, many);
  assert.match(many, /单位」没有选项「不存在的单位」/, many);
  assert.match(many, /标准价格/, many);
  assert.match(many, /是或否/, many);
  assert.equal(many.split('；').length, 4, `one message per problem, none twice: ${many}`);
  assert.match(rows[2].at(-1), /^「产品分类」没有选项「不存在的分类」$/);
});

test('§3.1 a record cannot come back from the recycle bin while another holds its unique value', async () => {
  const object = await as.admin.post('/api/v1/meta/objects', { label: '设备台账', label_en: 'Equipment' });
  assert.equal(object.status, 201, object.text);
  const o = object.json.name;
  const field = await as.admin.post(`/api/v1/meta/objects/${o}/fields`, { label: '资产编号', label_en: 'Asset code', type: 'text', unique: true });
  assert.equal(field.status, 201, field.text);
  const name = field.json.name;
  const a = await create(as.admin, o, { name: '一号机', [name]: 'UQ-RESTORE-1' });
  assert.equal((await as.admin.delete(`${rec(o)}/${a.id}`)).status, 204);
  const b = await create(as.admin, o, { name: '二号机', [name]: 'UQ-RESTORE-1' });
  const refused = await as.admin.post(`${rec(o)}/${a.id}/restore`, {});
  assertError(refused, 409, 'conflict');
  assert.deepEqual(refused.json.error.details.map((d) => `${d.field}:${d.code}`), [`${name}:duplicate`]);
  assert.equal((await as.admin.get(`${rec(o)}/${a.id}`)).status, 404, 'still in the bin: nothing was half-restored');
  // Once the value is free again, the restore goes through.
  assert.equal((await as.admin.patch(`${rec(o)}/${b.id}`, { [name]: 'UQ-RESTORE-2' })).status, 200);
  const restored = await as.admin.post(`${rec(o)}/${a.id}/restore`, {});
  assert.ok([200, 204].includes(restored.status), restored.text);
  assert.equal((await as.admin.get(`${rec(o)}/${a.id}`)).json[name], 'UQ-RESTORE-1');
});

test('§5.1 a customer waiting in 公海 is not transferred (it is assigned from the pool); the others still are', async () => {
  const reasons = await as.admin.get('/api/v1/meta/picklists/pool_return_reason');
  const reason = reasons.json.options[0].value;
  const pooled = await create(as.admin, 'customer', { name: '公海转移测试甲有限公司' });
  assert.equal((await as.admin.post(`${rec('customer')}/${pooled.id}/return`, { reason })).status, 200);
  const owned = await create(as.admin, 'customer', { name: '公海转移测试乙有限公司' });
  const transfer = (ids) => as.admin.post('/api/v1/objects/customer/transfer', { ids, to_user_id: as.liu.userId });

  const refused = await transfer([owned.id, pooled.id]);
  assertError(refused, 409, 'conflict');
  assert.match(refused.json.error.message, /公海「.+」/);
  const still = (await as.admin.get(`${rec('customer')}/${pooled.id}`)).json;
  assert.equal(still.owner_id, null, 'the pooled customer keeps no owner');
  assert.notEqual(still.pool_id, null);
  assert.notEqual((await as.admin.get(`${rec('customer')}/${owned.id}`)).json.owner_id, as.liu.userId, 'all or nothing');

  const ok = await transfer([owned.id]);
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await as.admin.get(`${rec('customer')}/${owned.id}`)).json.owner_id, as.liu.userId);
});
