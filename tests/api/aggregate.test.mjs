// POST /objects/{object}/aggregate: counts and sums per group over exactly the records the same
// filter lists — for every role (so a dashboard figure equals the list it drills down to), never
// over a field the caller may not see, and bad requests are 4xx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signInAll } from './lib/server.mjs';

let server;
const as = {};
// 李明 admin (all), 王芳 sales director (department tree), 张伟 manager over 刘洋, 刘洋 and 孙丽 sales.
const PEOPLE = { admin: '13800000000', wang: '13800000001', zhang: '13800000002', liu: '13800000003', sun: '13800000004' };
const opps = '/api/v1/objects/opportunity';

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  // Deals of three owners in three stages, amounts with cents so sums are exact.
  const plan = [
    ['liu', 'initial', '1000.10', '2026-11-05'],
    ['liu', 'proposal', '2500.25', '2026-12-10'],
    ['liu', 'proposal', '400.00', '2026-12-31'],
    ['sun', 'initial', '7000.00', '2026-11-20'],
    ['sun', 'negotiation', '123.45', '2027-01-02'],
    ['zhang', 'needs', '999.99', null],
  ];
  for (const [who, stage, amount, close] of plan) {
    const c = await as[who].post('/api/v1/objects/customer/records', { name: `汇总测试客户${Math.random().toString(36).slice(2, 8)}` });
    assert.equal(c.status, 201, c.text);
    const o = await as[who].post(`${opps}/records`, { name: `汇总商机-${who}-${stage}`, customer_id: c.json.id, amount, expected_close_date: close });
    assert.equal(o.status, 201, o.text);
    if (stage !== 'initial') {
      const m = await as[who].patch(`${opps}/records/${o.json.id}`, { stage });
      assert.equal(m.status, 200, m.text);
    }
  }
});
after(async () => {
  await server.stop();
});

const cents = (v) => {
  const [w, f = ''] = String(v).split('.');
  return BigInt(w) * 100n + BigInt(f.padEnd(2, '0'));
};

// Every record the caller lists with `filter`, page after page.
async function listAll(client, filter) {
  const out = [];
  let cursor = null;
  do {
    const res = await client.post(`${opps}/query`, { filter, limit: 200, cursor, fields: ['stage', 'amount', 'win_probability', 'expected_close_date'] });
    assert.equal(res.status, 200, res.text);
    out.push(...res.json.records);
    cursor = res.json.next_cursor;
  } while (cursor);
  return out;
}

test('per stage counts and sums equal the records each role lists, for four roles', async () => {
  const filter = { field: 'name', op: 'starts_with', value: '汇总商机' };
  for (const who of ['admin', 'wang', 'zhang', 'liu', 'sun']) {
    const res = await as[who].post(`${opps}/aggregate`, {
      filter,
      group_by: ['stage'],
      measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }, { op: 'weighted_sum', field: 'amount', weight: 'win_probability' }],
    });
    assert.equal(res.status, 200, `${who}: ${res.text}`);
    const rows = await listAll(as[who], filter);
    const expected = new Map();
    for (const r of rows) {
      const e = expected.get(r.stage) ?? { count: 0, sum: 0n };
      e.count += 1;
      e.sum += cents(r.amount);
      expected.set(r.stage, e);
    }
    assert.equal(res.json.groups.length, expected.size, who);
    for (const g of res.json.groups) {
      const e = expected.get(g.key.stage);
      assert.ok(e, `${who}: unexpected stage ${g.key.stage}`);
      assert.equal(g.count, e.count, `${who} ${g.key.stage}`);
      assert.equal(cents(g.sum_amount), e.sum, `${who} ${g.key.stage}`);
      assert.ok(g._display.stage, 'the stage label comes along');
    }
    assert.equal(res.json.totals.count, rows.length, who);
    assert.equal(cents(res.json.totals.sum_amount), rows.reduce((s, r) => s + cents(r.amount), 0n), who);
    // Σ amount × probability, to the cent.
    const weighted = rows.reduce((s, r) => s + Number(cents(r.amount)) * r.win_probability / 100, 0);
    assert.equal(cents(res.json.totals.weighted_sum_amount), BigInt(Math.round(weighted)), who);
  }
  // The scopes really differ: 刘洋 sees his three, 张伟 his own and 刘洋's, 李明 all six.
  const totals = {};
  for (const who of ['admin', 'zhang', 'liu', 'sun']) {
    totals[who] = (await as[who].post(`${opps}/aggregate`, { filter })).json.totals.count;
  }
  assert.deepEqual(totals, { admin: 6, zhang: 4, liu: 3, sun: 2 });
});

test('groups by owner with names, and by month of a date', async () => {
  const filter = { field: 'name', op: 'starts_with', value: '汇总商机' };
  const byOwner = await as.admin.post(`${opps}/aggregate`, { filter, group_by: ['owner_id'] });
  assert.equal(byOwner.status, 200, byOwner.text);
  const names = Object.fromEntries(byOwner.json.groups.map((g) => [g._display.owner_id, g.count]));
  assert.deepEqual(names, { 张伟: 1, 刘洋: 3, 孙丽: 2 });

  const byMonth = await as.admin.post(`${opps}/aggregate`, {
    filter,
    group_by: [{ field: 'expected_close_date', bucket: 'month' }],
    measures: [{ op: 'sum', field: 'amount' }],
  });
  assert.equal(byMonth.status, 200, byMonth.text);
  assert.deepEqual(byMonth.json.groups.map((g) => [g.key.expected_close_date, g.sum_amount]), [
    ['2026-11', '8000.10'], ['2026-12', '2900.25'], ['2027-01', '123.45'], [null, '999.99'],
  ]);
  const byQuarter = await as.admin.post(`${opps}/aggregate`, { filter, group_by: [{ field: 'expected_close_date', bucket: 'quarter' }] });
  assert.deepEqual(byQuarter.json.groups.map((g) => g.key.expected_close_date), ['2026-Q4', '2027-Q1', null]);

  const two = await as.admin.post(`${opps}/aggregate`, { filter, group_by: ['owner_id', 'stage'], limit: 2 });
  assert.equal(two.status, 200, two.text);
  assert.equal(two.json.groups.length, 2);
  assert.equal(two.json.truncated, true);
  assert.equal(two.json.totals.count, 6, 'totals cover every group, shown or not');
});

test('a hidden field can be neither grouped nor summed', async () => {
  const roles = (await as.admin.get('/api/v1/roles')).json.records;
  const sales = roles.find((r) => r.code === 'sales' || r.name === '销售');
  assert.ok(sales, 'the sales role');
  const permissions = structuredClone(sales.permissions);
  permissions.fields = { ...(permissions.fields ?? {}), opportunity: { ...(permissions.fields?.opportunity ?? {}), amount: 'hidden' } };
  const patched = await as.admin.patch(`/api/v1/roles/${sales.id}`, { permissions });
  assert.equal(patched.status, 200, patched.text);
  try {
    const summed = await as.liu.post(`${opps}/aggregate`, { measures: [{ op: 'sum', field: 'amount' }] });
    assert.equal(summed.status, 422, summed.text);
    const weighted = await as.liu.post(`${opps}/aggregate`, { measures: [{ op: 'weighted_sum', field: 'amount', weight: 'win_probability' }] });
    assert.equal(weighted.status, 422, weighted.text);
    const filtered = await as.liu.post(`${opps}/aggregate`, { filter: { field: 'amount', op: 'gt', value: 0 } });
    assert.equal(filtered.status, 422, filtered.text);
    assert.equal((await as.liu.post(`${opps}/aggregate`, { group_by: ['stage'] })).status, 200);
  } finally {
    const restored = await as.admin.patch(`/api/v1/roles/${sales.id}`, { permissions: sales.permissions });
    assert.equal(restored.status, 200, restored.text);
  }
});

test('bad requests are 4xx with the error shape, never 500', async () => {
  const cases = [
    [{ group_by: ['no_such_field'] }, 422],
    [{ group_by: ['name'] }, 422],
    [{ group_by: [{ field: 'stage', bucket: 'month' }] }, 422],
    [{ group_by: [{ field: 'expected_close_date', bucket: 'decade' }] }, 422],
    [{ group_by: ['stage', 'owner_id', 'pipeline'] }, 422],
    [{ group_by: 'stage' }, 422],
    [{ group_by: [42] }, 422],
    [{ measures: [{ op: 'median', field: 'amount' }] }, 422],
    [{ measures: [{ op: 'sum' }] }, 422],
    [{ measures: [{ op: 'sum', field: 'name' }] }, 422],
    [{ measures: [{ op: 'sum', field: 'id' }] }, 422],
    [{ measures: [{ op: 'weighted_sum', field: 'amount', weight: 'amount' }] }, 422],
    [{ measures: [{ op: 'weighted_sum', field: 'amount' }] }, 422],
    [{ measures: 'count' }, 422],
    [{ limit: 0 }, 422],
    [{ limit: 5000 }, 422],
    [{ filter: { field: 'amount', op: 'gt', value: 'lots' } }, 422],
    [{ filter: { field: "name'); DROP TABLE opportunities; --", op: 'eq', value: 1 } }, 422],
    [{ q: 5 }, 422],
  ];
  for (const [body, status] of cases) {
    const res = await as.liu.post(`${opps}/aggregate`, body);
    assert.equal(res.status, status, `${JSON.stringify(body)} → ${res.status} ${res.text}`);
    assert.ok(res.json.error?.code, JSON.stringify(body));
  }
  const notJson = await as.liu.request('POST', `${opps}/aggregate`, { body: 'not json', headers: { 'Content-Type': 'application/json' } });
  assert.equal(notJson.status, 400, notJson.text);
  assert.equal((await as.liu.post('/api/v1/objects/no_such_object/aggregate', {})).status, 404);
  const anonymous = await fetch(`${server.baseUrl}${opps}/aggregate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(anonymous.status, 401);
  // A role without read on an object counts nothing there.
  // 陈静 (客服) may not read opportunities at all.
  const service = await signInAll(server.baseUrl, { chen: '13800000005' });
  const res = await service.chen.post(`${opps}/aggregate`, {});
  assert.ok(res.status === 403 || (res.status === 200 && res.json.totals.count === 0), res.text);
  // The table survived the hostile field name.
  assert.equal((await as.admin.post(`${opps}/aggregate`, {})).status, 200);
});

// Times are stored in UTC and grouped on the Beijing calendar (UTC+8): 15:59:59Z is still that
// day, 16:00Z the next. A few buckets are counted range by range, many (days over five months)
// by expression: both must give what the records listed say, for every role, with a second key
// and with a limit.
test('times group on the Beijing calendar, the same by range or by expression, for each role', async () => {
  const tag = `分桶测试跟进${Math.random().toString(36).slice(2, 8)}`;
  const c = await as.liu.post('/api/v1/objects/customer/records', { name: `${tag}客户` });
  assert.equal(c.status, 201, c.text);
  const times = ['2026-10-31T15:59:59Z', '2026-10-31T16:00:00Z', '2026-11-30T15:59:59Z', '2026-11-30T16:00:00Z', '2026-12-31T16:00:00Z', '2027-03-31T15:00:00Z', null];
  for (const [i, followup_at] of times.entries()) {
    const f = await as.liu.post('/api/v1/objects/followup/records', { customer_id: c.json.id, type: i % 2 ? 'visit' : 'phone', content: `${tag} ${i}`, followup_at });
    assert.equal(f.status, 201, f.text);
  }
  const filter = { field: 'content', op: 'contains', value: tag };
  const local = (t) => new Date(Date.parse(t) + 8 * 3600e3).toISOString().slice(0, 10);
  const bucketOf = {
    day: local,
    week: (t) => {
      const d = new Date(`${local(t)}T00:00:00Z`);
      return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86400e3).toISOString().slice(0, 10);
    },
    month: (t) => local(t).slice(0, 7),
    quarter: (t) => `${local(t).slice(0, 4)}-Q${Math.floor((Number(local(t).slice(5, 7)) - 1) / 3) + 1}`,
    year: (t) => local(t).slice(0, 4),
  };
  const order = (a, b) => {
    for (let i = 0; i < a.length; i++) {
      if ((a[i] === null) !== (b[i] === null)) return a[i] === null ? 1 : -1;
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  };
  for (const who of ['admin', 'zhang', 'liu', 'sun']) {
    const listed = await as[who].post('/api/v1/objects/followup/query', { filter, limit: 200, fields: ['type', 'followup_at'] });
    assert.equal(listed.status, 200, listed.text);
    const records = listed.json.records;
    assert.equal(records.length, who === 'sun' ? 0 : times.length, who);
    for (const [bucket, of] of Object.entries(bucketOf)) {
      for (const keys of [['at'], ['at', 'type'], ['type', 'at']]) {
        const expected = new Map();
        for (const r of records) {
          const key = keys.map((k) => (k === 'type' ? r.type : r.followup_at === null ? null : of(r.followup_at)));
          expected.set(JSON.stringify(key), (expected.get(JSON.stringify(key)) ?? 0) + 1);
        }
        const rows = [...expected].map(([k, n]) => [JSON.parse(k), n]).sort((a, b) => order(a[0], b[0]));
        const group_by = keys.map((k) => (k === 'type' ? 'type' : { field: 'followup_at', bucket }));
        const res = await as[who].post('/api/v1/objects/followup/aggregate', { filter, group_by });
        assert.equal(res.status, 200, `${who} ${bucket}: ${res.text}`);
        const got = res.json.groups.map((g) => [keys.map((k) => g.key[k === 'type' ? 'type' : 'followup_at']), g.count]);
        assert.deepEqual(got, rows, `${who} ${bucket} ${keys}`);
        assert.equal(res.json.totals.count, records.length);
        const two = await as[who].post('/api/v1/objects/followup/aggregate', { filter, group_by, limit: 2 });
        assert.deepEqual(two.json.groups.map((g) => g.count), rows.slice(0, 2).map((r) => r[1]), `${who} ${bucket} ${keys} limit 2`);
        assert.equal(two.json.truncated, rows.length > 2);
      }
    }
  }
});
