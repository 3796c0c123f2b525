// Every figure of the sales dashboard (销售仪表盘) equals what the records say, for each role.
//
// The dashboard builds each figure as POST /objects/{object}/aggregate over a filter
// (web/src/components/sales/dashboard.ts) and its target chart from GET /sales/targets. Here the
// same requests are sent — the bodies are copied below, so a change in dashboard.ts must be
// mirrored here — and each answer is compared with a computation of our own: every record the
// caller can list (GET …/records, all pages, nothing filtered on the server), counted and summed
// in JS, money in whole cents, months on the China calendar (Asia/Shanghai, UTC+8). Then 刘洋
// wins two deals (one with last month's close date), loses one, signs a contract and is paid, and
// each affected figure must move by exactly the written amounts for him, his manager and the
// administrator — and not at all for 孙丽 of the other region (which also proves the aggregate
// cache lets nothing old through). Last, what 待回款 sums is checked against payments and plans,
// and the rules for unsigned contracts and for payments finance records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signInAll } from './lib/server.mjs';
import { rec, create, mustCreate } from './lib/records.mjs';

let server;
const as = {};
// 李明 administrator (everything), 张伟 manager of 华东大区 (his department tree: himself and 刘洋),
// 刘洋 and 孙丽 salespeople (their own; 孙丽 is in 华南大区).
// 赵敏 of 财务部 (finance) reads every contract and records payments.
const PEOPLE = { admin: '13800000000', zhang: '13800000002', liu: '13800000003', sun: '13800000004', zhao: '13800000006' };
const PERIODS = ['this_month', 'last_month', 'this_quarter', 'this_year', 'last_year'];

// ---- money, percentages and the China calendar ------------------------------------------------

/** A decimal string (or number) of money → whole cents, exactly. Empty is nothing (as SQL SUM). */
function cents(v) {
  if (v === null || v === undefined || v === '') return 0n;
  const text = String(v);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  assert.ok(m, `not an amount: ${text}`);
  const c = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -c : c;
}
/** A percent (80, "33.5") → hundredths of a percent, exactly. */
function hundredths(v) {
  if (v === null || v === undefined || v === '') return 0n;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(v));
  assert.ok(m, `not a percent: ${v}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}
const yuan = (c) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;

const CST = 8 * 3600e3;
/** The China date (YYYY-MM-DD) of an instant. */
const chinaDate = (iso) => new Date(Date.parse(iso) + CST).toISOString().slice(0, 10);
const today = () => chinaDate(new Date().toISOString());
const pad = (n) => String(n).padStart(2, '0');
/** YYYY-MM of `k` months after the China month of `day`. */
function monthAfter(day, k) {
  const d = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + k, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}
const lastDay = (month) => `${month}-${pad(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate())}`;
/** [first day, first day after] of a dashboard period, on the China calendar. */
function periodRange(p, day = today()) {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3;
  switch (p) {
    case 'this_month': return [`${monthAfter(day, 0)}-01`, `${monthAfter(day, 1)}-01`];
    case 'last_month': return [`${monthAfter(day, -1)}-01`, `${monthAfter(day, 0)}-01`];
    case 'this_quarter': return [`${y}-${pad(q + 1)}-01`, `${monthAfter(`${y}-${pad(q + 1)}-01`, 3)}-01`];
    case 'this_year': return [`${y}-01-01`, `${y + 1}-01-01`];
    case 'last_year': return [`${y - 1}-01-01`, `${y}-01-01`];
    default: throw new Error(p);
  }
}
/** Whether a date (YYYY-MM-DD) or a time (ISO) falls in the period. */
function during(value, p) {
  if (value === null || value === undefined) return false;
  const day = value.length > 10 ? chinaDate(value) : value;
  const [from, to] = periodRange(p);
  return day >= from && day < to;
}
const monthOf = (value) => (value === null || value === undefined ? null : (value.length > 10 ? chinaDate(value) : value).slice(0, 7));

// ---- the records a caller can list -------------------------------------------------------------

/** Every record of `object` the caller lists, page after page (their data scope, nothing else). */
async function listAll(client, object) {
  const out = [];
  let cursor = null;
  for (let page = 0; page < 100; page++) {
    const res = await client.get(`${rec(object)}?limit=200&total=false${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.status, 200, `${object}: ${res.text}`);
    out.push(...res.json.records);
    cursor = res.json.next_cursor;
    if (!cursor) return out;
  }
  throw new Error(`${object}: more than 100 pages`);
}
const OBJECTS = ['customer', 'contact', 'followup', 'opportunity', 'contract', 'payment'];
async function recordsOf(who) {
  const out = {};
  for (const object of OBJECTS) out[object] = await listAll(as[who], object);
  return out;
}

// ---- the dashboard's requests (copied from web/src/components/sales/dashboard.ts) -------------
// Keep these in step with dashboard.ts: figures(), funnelBody(), forecastBody(), wonLostBody(),
// lostReasonsBody(), trendBody(), and DashboardView.vue's loadTargets().

const and = (...nodes) => ({ and: nodes.filter((n) => n !== null) });
function scopeFilter(s) {
  const out = [];
  if (s.ownerId !== null) out.push({ field: 'owner_id', op: 'eq', value: Number(s.ownerId) });
  if (s.departmentIds.length > 0) out.push({ field: 'department_id', op: 'in', value: s.departmentIds.map(Number) });
  return out;
}
const period = (field, p) => ({ field, op: p });
const OWNED = { field: 'owner_id', op: 'not_null' };
const SIGNED = { field: 'status', op: 'nin', value: ['draft', 'terminated'] };
const COUNT = { op: 'count' };
const sum = (field) => ({ op: 'sum', field });

/** The headline figures of a period: dashboard.ts figures(). */
function headlineRequests(s, p) {
  const scope = scopeFilter(s);
  return {
    newCustomers: ['customer', { filter: and(...scope, OWNED, period('created_at', p)), measures: [COUNT] }],
    followups: ['followup', { filter: and(...scope, period('created_at', p)), measures: [COUNT] }],
    wonAmount: [
      'opportunity',
      { filter: and(...scope, { field: 'status', op: 'eq', value: 'won' }, period('actual_close_date', p)), measures: [sum('actual_amount')] },
    ],
    payments: ['payment', { filter: and(...scope, period('paid_date', p)), measures: [sum('amount')] }],
    signed: ['contract', { filter: and(...scope, SIGNED, period('sign_date', p)), measures: [sum('amount')] }],
    unpaid: [
      'contract',
      { filter: and(...scope, SIGNED, { field: 'unpaid_amount', op: 'gt', value: 0 }), measures: [sum('unpaid_amount'), sum('overdue_amount')] },
    ],
  };
}
const funnelRequest = (s, pipeline) => ({
  filter: and(...scopeFilter(s), { field: 'pipeline', op: 'eq', value: pipeline }, { field: 'status', op: 'eq', value: 'open' }),
  group_by: ['stage'],
  measures: [COUNT, sum('amount')],
});
const forecastMonths = () => Array.from({ length: 6 }, (_, i) => monthAfter(today(), i));
const forecastRequest = (s, months) => ({
  filter: and(
    ...scopeFilter(s),
    { field: 'status', op: 'eq', value: 'open' },
    { field: 'expected_close_date', op: 'between', value: [`${months[0]}-01`, lastDay(months[months.length - 1])] },
  ),
  group_by: [{ field: 'expected_close_date', bucket: 'month' }],
  measures: [sum('amount'), { op: 'weighted_sum', field: 'amount', weight: 'win_probability' }, COUNT],
});
function closedFilter(s, p, status) {
  const won = and({ field: 'status', op: 'eq', value: 'won' }, period('actual_close_date', p));
  const lost = and({ field: 'status', op: 'eq', value: 'lost' }, period('stage_changed_at', p));
  return and(...scopeFilter(s), status === 'won' ? won : status === 'lost' ? lost : { or: [won, lost] });
}
const wonLostRequest = (s, p, status) => ({ filter: closedFilter(s, p, status), group_by: ['status'], measures: [COUNT, sum('amount'), sum('actual_amount')] });
const lostReasonsRequest = (s, p) => ({ filter: closedFilter(s, p, 'lost'), group_by: ['lost_reason'], measures: [COUNT, sum('amount')] });
const trendMonths = () => Array.from({ length: 12 }, (_, i) => monthAfter(today(), i - 11));
const trendRequest = (s, object, months) => ({
  filter: and(
    ...scopeFilter(s),
    object === 'customer' ? OWNED : null,
    { field: 'created_at', op: 'between', value: [`${months[0]}-01T00:00:00+08:00`, `${lastDay(months[months.length - 1])}T23:59:59+08:00`] },
  ),
  group_by: [{ field: 'created_at', bucket: 'month' }],
  measures: [COUNT],
});

// ---- the same figures, counted by hand -------------------------------------------------------

const measureName = (m) => (m.op === 'count' ? 'count' : `${m.op}_${m.field}`);
/**
 * Counts and sums `rows` like an aggregate: totals, and groups by `keyOf(row)` (an object) when
 * given. Sums are cents; a weighted sum is Σ cents × hundredths of a percent (÷ 10 000 = cents).
 */
function tally(rows, measures, keyOf = null) {
  const blank = () => Object.fromEntries(measures.map((m) => [measureName(m), m.op === 'count' ? 0 : 0n]));
  const add = (acc, r) => {
    for (const m of measures) {
      const name = measureName(m);
      if (m.op === 'count') acc[name] += 1;
      else if (m.op === 'sum') acc[name] += cents(r[m.field]);
      else if (m.op === 'weighted_sum') acc[name] += cents(r[m.field]) * hundredths(r[m.weight]);
      else throw new Error(m.op);
    }
  };
  const totals = blank();
  const groups = new Map();
  for (const r of rows) {
    add(totals, r);
    if (keyOf) {
      const key = keyOf(r);
      const id = JSON.stringify(key);
      if (!groups.has(id)) groups.set(id, { key, ...blank() });
      add(groups.get(id), r);
    }
  }
  return { totals, groups };
}

/** Whether a record is in the dashboard's department and person filter. */
const inFilter = (s) => (r) =>
  (s.ownerId === null || r.owner_id === s.ownerId) && (s.departmentIds.length === 0 || s.departmentIds.includes(r.department_id));
const NOT_SIGNED = ['draft', 'terminated'];
// A customer waiting in a pool (公海) has no owner; who had it before is masked from
// non-administrators, so its owner_id is left out of what they read rather than null.
const hasOwner = (r) => r.owner_id !== null && r.owner_id !== undefined;

/** What each headline figure should be, from the records (the rules of docs/guide and sales.md). */
function expectedHeadline(data, s, p) {
  const mine = inFilter(s);
  const signed = (c) => !NOT_SIGNED.includes(c.status);
  return {
    // New customers: customers someone owns (not in a pool), created in the period.
    newCustomers: data.customer.filter((r) => mine(r) && hasOwner(r) && during(r.created_at, p)),
    followups: data.followup.filter((r) => mine(r) && during(r.created_at, p)),
    // Won amount: won deals by the day they were closed.
    wonAmount: data.opportunity.filter((r) => mine(r) && r.status === 'won' && during(r.actual_close_date, p)),
    payments: data.payment.filter((r) => mine(r) && during(r.paid_date, p)),
    // Signed: contracts neither draft nor terminated, by sign date (as a target's actual).
    signed: data.contract.filter((r) => mine(r) && signed(r) && during(r.sign_date, p)),
    // 已签约未回款: signed contracts with money still to come, whatever the period.
    unpaid: data.contract.filter((r) => mine(r) && signed(r) && cents(r.unpaid_amount) > 0n),
  };
}

/** An aggregate answer: 200, and its totals and groups equal the tally (every group, no other). */
function assertFigure(label, res, want, measures, groupFields = []) {
  assert.equal(res.status, 200, `${label}: ${res.text}`);
  const same = (where, got, expected) => {
    for (const m of measures) {
      const name = measureName(m);
      if (m.op === 'count') {
        assert.equal(got[name], expected[name], `${label} ${where} ${name}`);
      } else if (m.op === 'sum') {
        assert.equal(cents(got[name]), expected[name], `${label} ${where} ${name}: got ${got[name]}, the records say ${yuan(expected[name])}`);
      } else {
        // Σ amount × probability: the server rounds the exact figure to the cent.
        const off = cents(got[name]) * 10000n - expected[name];
        const says = Number(expected[name]) / 1e6;
        assert.ok(off * 2n <= 10000n && off * 2n >= -10000n, `${label} ${where} ${name}: got ${got[name]}, the records say ${says}`);
      }
    }
  };
  same('totals', res.json.totals, want.totals);
  if (groupFields.length === 0) return;
  assert.equal(res.json.truncated, false, label);
  const got = new Map(res.json.groups.map((g) => [JSON.stringify(Object.fromEntries(groupFields.map((f) => [f, g.key[f] ?? null]))), g]));
  assert.deepEqual([...got.keys()].sort(), [...want.groups.keys()].sort(), `${label}: the groups`);
  for (const [id, g] of want.groups) same(id, got.get(id), g);
}

// ---- sign-in, the organisation, and the views compared -----------------------------------------

let departments = [];
let pipelines = [];
/** A department and every department below it. */
function subtree(name) {
  const root = departments.find((d) => d.name === name);
  assert.ok(root, `department ${name}`);
  const out = [root.id];
  for (let i = 0; i < out.length; i++) for (const d of departments) if (d.parent_id === out[i]) out.push(d.id);
  return out;
}

/** The dashboards compared: who looks, with which department and person filter. */
function views() {
  const none = { ownerId: null, departmentIds: [] };
  return [
    { name: '李明', who: 'admin', scope: none },
    { name: '李明 · 销售部', who: 'admin', scope: { ownerId: null, departmentIds: subtree('销售部') } },
    { name: '李明 · 华东大区', who: 'admin', scope: { ownerId: null, departmentIds: subtree('华东大区') } },
    { name: '李明 · 刘洋', who: 'admin', scope: { ownerId: as.liu.userId, departmentIds: [] } },
    { name: '李明 · 孙丽', who: 'admin', scope: { ownerId: as.sun.userId, departmentIds: [] } },
    { name: '张伟', who: 'zhang', scope: none },
    { name: '张伟 · 刘洋', who: 'zhang', scope: { ownerId: as.liu.userId, departmentIds: [] } },
    { name: '刘洋', who: 'liu', scope: none },
    { name: '孙丽', who: 'sun', scope: none },
  ];
}

before(async () => {
  server = await startServer({ demo: true, sampleData: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  const d = await as.admin.get('/api/v1/departments');
  assert.equal(d.status, 200, d.text);
  departments = d.json.records;
  const p = await as.admin.get('/api/v1/sales/pipelines');
  assert.equal(p.status, 200, p.text);
  pipelines = p.json.records.filter((x) => !x.disabled && x.stages.length > 0);
  assert.ok(pipelines.length > 0, 'a pipeline with stages');
});
after(async () => {
  await server?.stop();
});

const aggregate = (who, object, body) => as[who].post(`/api/v1/objects/${object}/aggregate`, body);

/** Sends every dashboard request of a view and compares each answer with the tally of `data`. */
async function checkDashboard(view, data) {
  const { name, who, scope: s } = view;
  const mine = inFilter(s);
  /** One grouped figure: the answer to `body` against the tally of `rows` by `keyOf`. */
  const check = async (label, object, body, rows, keyOf, fields) =>
    assertFigure(`${name} ${label}`, await aggregate(who, object, body), tally(rows, body.measures, keyOf), body.measures, fields);
  for (const p of PERIODS) {
    const wanted = expectedHeadline(data, s, p);
    for (const [key, [object, body]] of Object.entries(headlineRequests(s, p))) {
      if (key === 'unpaid' && p !== PERIODS[0]) continue; // the same request whatever the period
      assertFigure(`${name} ${p} ${key}`, await aggregate(who, object, body), tally(wanted[key], body.measures), body.measures);
    }
    const closed = data.opportunity.filter(
      (r) => mine(r) && ((r.status === 'won' && during(r.actual_close_date, p)) || (r.status === 'lost' && during(r.stage_changed_at, p))),
    );
    for (const status of ['won', 'lost']) {
      const wl = wonLostRequest(s, p, status);
      const side = closed.filter((r) => r.status === status);
      await check(`${p} ${status}`, 'opportunity', wl, side, (r) => ({ status: r.status }), ['status']);
    }
    const lr = lostReasonsRequest(s, p);
    const lost = closed.filter((r) => r.status === 'lost');
    await check(`${p} lost reasons`, 'opportunity', lr, lost, (r) => ({ lost_reason: r.lost_reason ?? null }), ['lost_reason']);
  }
  // The funnel: open deals of a pipeline by stage (the default pipeline on the page; every one here).
  for (const pl of pipelines) {
    const body = funnelRequest(s, pl.value);
    const open = data.opportunity.filter((r) => mine(r) && r.pipeline === pl.value && r.status === 'open');
    await check(`funnel ${pl.value}`, 'opportunity', body, open, (r) => ({ stage: r.stage }), ['stage']);
  }
  // The weighted forecast: open deals expected to close this month or in the next five.
  const months = forecastMonths();
  const fc = forecastRequest(s, months);
  const expecting = data.opportunity.filter((r) => mine(r) && r.status === 'open' && months.includes(monthOf(r.expected_close_date)));
  assertFigure(
    `${name} forecast`,
    await aggregate(who, 'opportunity', fc),
    tally(expecting, fc.measures, (r) => ({ expected_close_date: monthOf(r.expected_close_date) })),
    fc.measures,
    ['expected_close_date'],
  );
  // New customers (owned) and contacts per month over the last twelve months.
  const trend = trendMonths();
  for (const object of ['customer', 'contact']) {
    const body = trendRequest(s, object, trend);
    const rows = data[object].filter((r) => mine(r) && (object !== 'customer' || hasOwner(r)) && trend.includes(monthOf(r.created_at)));
    await check(`trend ${object}`, object, body, rows, (r) => ({ created_at: monthOf(r.created_at) }), ['created_at']);
  }
}

// ---- sales targets: actuals by month ----------------------------------------------------------

const METRICS = ['contract_amount', 'payment_amount', 'new_customers'];
/** The target scopes each person reads: themselves, and the people and departments they manage. */
function targetScopes(who) {
  const user = (w) => ({ scope_type: 'user', scope_id: as[w].userId });
  const dept = (n) => ({ scope_type: 'department', scope_id: departments.find((d) => d.name === n).id });
  return {
    admin: [
      ...['admin', 'zhang', 'liu', 'sun'].map(user),
      ...['示例科技有限公司', '销售部', '华东大区', '华南大区'].map(dept),
    ],
    zhang: [user('zhang'), user('liu'), dept('华东大区')],
    liu: [user('liu')],
    sun: [user('sun')],
  }[who];
}
/**
 * A month's actual by the rule of server/src/modules/sales/targets.cpp: a person's records are the
 * ones they own, a department's those of it and every department below it; contracts by sign date
 * and neither draft nor terminated, payments by paid date, customers with an owner by the China
 * month they were created in.
 */
function expectedActuals(data, metric, scope, year) {
  const tree = scope.scope_type === 'department' ? subtree(departments.find((d) => d.id === scope.scope_id).name) : null;
  const owned = (r) => (tree ? tree.includes(r.department_id) : r.owner_id === scope.scope_id);
  const out = Array.from({ length: 12 }, () => 0n);
  const add = (day, amount) => {
    if (day && Number(day.slice(0, 4)) === year) out[Number(day.slice(5, 7)) - 1] += amount;
  };
  if (metric === 'contract_amount') {
    for (const c of data.contract) if (owned(c) && !NOT_SIGNED.includes(c.status)) add(c.sign_date, cents(c.amount));
  } else if (metric === 'payment_amount') {
    for (const p of data.payment) if (owned(p)) add(p.paid_date, cents(p.amount));
  } else {
    for (const c of data.customer) if (owned(c) && hasOwner(c)) add(chinaDate(c.created_at), 1n);
  }
  return out;
}
const actualOf = (metric, v) => (metric === 'new_customers' ? BigInt(v) : cents(v));

async function getTargets(who, metric, scope) {
  const year = Number(today().slice(0, 4));
  const res = await as[who].get(`/api/v1/sales/targets?year=${year}&metric=${metric}&scope_type=${scope.scope_type}&scope_id=${scope.scope_id}`);
  assert.equal(res.status, 200, `${who} ${metric} ${JSON.stringify(scope)}: ${res.text}`);
  assert.equal(res.json.months.length, 12);
  return res.json;
}

async function checkTargets(who, data) {
  const year = Number(today().slice(0, 4));
  for (const scope of targetScopes(who)) {
    for (const metric of METRICS) {
      const got = await getTargets(who, metric, scope);
      const want = expectedActuals(data, metric, scope, year);
      const label = `${who} targets ${metric} ${scope.scope_type} ${scope.scope_id}`;
      assert.deepEqual(got.months.map((m) => actualOf(metric, m.actual)), want, label);
      assert.equal(actualOf(metric, got.total.actual), want.reduce((a, b) => a + b, 0n), `${label} total`);
    }
  }
}

// ---- the tests -----------------------------------------------------------------------------

test('every dashboard figure equals the sums of the records each role lists (admin with filters, manager, salespeople)', async () => {
  const byWho = {};
  for (const view of views()) {
    byWho[view.who] ??= await recordsOf(view.who);
    await checkDashboard(view, byWho[view.who]);
  }
  // The sample data makes the comparison mean something: figures are not all zero, and the scopes differ.
  const sumOf = (rows, f) => rows.reduce((a, r) => a + cents(r[f]), 0n);
  for (const who of ['admin', 'zhang', 'liu']) {
    const w = expectedHeadline(byWho[who], views().find((v) => v.who === who).scope, 'this_year');
    assert.ok(w.newCustomers.length > 0 && w.followups.length > 0, `${who}: customers and follow-ups this year`);
    assert.ok(sumOf(w.wonAmount, 'actual_amount') > 0n && sumOf(w.payments, 'amount') > 0n && sumOf(w.signed, 'amount') > 0n, `${who}: won, paid, signed`);
  }
  assert.ok(byWho.admin.opportunity.length > byWho.zhang.opportunity.length, 'the manager sees less than the administrator');
  assert.ok(byWho.zhang.opportunity.length > byWho.liu.opportunity.length, 'the salesperson sees less than his manager');
  assert.ok(byWho.sun.opportunity.every((r) => r.owner_id === as.sun.userId), '孙丽 sees her own deals');
});

test('target actuals by month equal the contracts, payments and customers each role lists', async () => {
  for (const who of ['admin', 'zhang', 'liu', 'sun']) await checkTargets(who, await recordsOf(who));
  // The target chart and the 签约 figure count the same contracts: a department's actual this month
  // is the department-filtered 签约 of this month, and a person's the person-filtered one.
  const month = Number(today().slice(5, 7));
  for (const [scope, filter] of [
    [{ scope_type: 'department', scope_id: subtree('销售部')[0] }, { ownerId: null, departmentIds: subtree('销售部') }],
    [{ scope_type: 'user', scope_id: as.liu.userId }, { ownerId: as.liu.userId, departmentIds: [] }],
  ]) {
    const t = await getTargets('admin', 'contract_amount', scope);
    const [object, body] = headlineRequests(filter, 'this_month').signed;
    const signed = await aggregate('admin', object, body);
    assert.equal(signed.status, 200, signed.text);
    assert.equal(cents(t.months[month - 1].actual), cents(signed.json.totals.sum_amount), `签约 = target actual, ${JSON.stringify(scope)}`);
  }
});

// ---- writes move the figures by exactly what was written --------------------------------------

/** Every figure of a view (and the target actuals its person reads) as label → number or cents. */
async function snapshot(view) {
  const { who, scope: s } = view;
  const out = new Map();
  const put = (label, measures, res) => {
    assert.equal(res.status, 200, `${view.name} ${label}: ${res.text}`);
    const value = (g, m) => (m.op === 'count' ? BigInt(g[measureName(m)]) : cents(g[measureName(m)]));
    for (const m of measures) out.set(`${label} | totals | ${measureName(m)}`, value(res.json.totals, m));
    for (const g of res.json.groups ?? []) for (const m of measures) out.set(`${label} | ${JSON.stringify(g.key)} | ${measureName(m)}`, value(g, m));
  };
  for (const p of PERIODS) {
    for (const [key, [object, body]] of Object.entries(headlineRequests(s, p))) {
      if (key === 'unpaid' && p !== PERIODS[0]) continue; // the same request whatever the period
      put(`${p} ${key}`, body.measures, await aggregate(who, object, body));
    }
    for (const status of ['won', 'lost']) {
      const wl = wonLostRequest(s, p, status);
      put(`${p} ${status}`, wl.measures, await aggregate(who, 'opportunity', wl));
    }
    const lr = lostReasonsRequest(s, p);
    put(`${p} lostReasons`, lr.measures, await aggregate(who, 'opportunity', lr));
  }
  for (const pl of pipelines) {
    const body = funnelRequest(s, pl.value);
    put(`funnel ${pl.value}`, body.measures, await aggregate(who, 'opportunity', body));
  }
  const fc = forecastRequest(s, forecastMonths());
  put('forecast', fc.measures, await aggregate(who, 'opportunity', fc));
  for (const object of ['customer', 'contact']) {
    const body = trendRequest(s, object, trendMonths());
    put(`trend ${object}`, body.measures, await aggregate(who, object, body));
  }
  if (s.ownerId === null && s.departmentIds.length === 0) {
    for (const scope of targetScopes(who)) {
      for (const metric of METRICS) {
        const t = await getTargets(who, metric, scope);
        for (const m of t.months) out.set(`targets ${scope.scope_type} ${scope.scope_id} ${metric} | ${m.month}`, actualOf(metric, m.actual));
      }
    }
  }
  return out;
}

/** One headline figure's totals for `who`, with the dashboard's department and person filter `s`. */
async function headline(who, key, s = { ownerId: null, departmentIds: [] }, p = 'this_month') {
  const [object, body] = headlineRequests(s, p)[key];
  const res = await aggregate(who, object, body);
  assert.equal(res.status, 200, res.text);
  return Object.fromEntries(Object.entries(res.json.totals).map(([k, v]) => [k, k === 'count' ? BigInt(v) : cents(v)]));
}

/** after − before for every label, the zeros left out. */
function delta(before, after) {
  const out = {};
  for (const label of new Set([...before.keys(), ...after.keys()])) {
    const d = (after.get(label) ?? 0n) - (before.get(label) ?? 0n);
    if (d !== 0n) out[label] = d;
  }
  return out;
}

test('刘洋 wins deals, signs a contract and is paid: the figures of 刘洋, 张伟 and 李明 move by exactly that, 孙丽’s do not', async () => {
  const day = today();
  const lastMonthDay = `${monthAfter(day, -1)}-15`;
  const pipeline = pipelines.find((p) => p.default) ?? pipelines[0];
  const openStages = pipeline.stages.filter((st) => st.kind === 'open');
  // Three deals of 刘洋 in open stages of the default pipeline, expected in the next months
  // (amounts with cents; each amount times its stage's probability is whole cents, so the
  // weighted forecast moves exactly). One is won today, one won with last month's close date
  // (the won figures go by the close date, not by the day it was marked), one lost.
  const customer = await create(as.liu, 'customer', { name: `仪表盘核对客户${Math.random().toString(36).slice(2, 7)}` });
  const plan = [
    { amount: '87654.30', stage: openStages.at(-1), month: monthAfter(day, 1), won: '76543.21', closed: day },
    { amount: '43210.40', stage: openStages.at(-2) ?? openStages[0], month: monthAfter(day, 2), won: '40000.99', closed: lastMonthDay },
    { amount: '12345.60', stage: openStages[0], month: monthAfter(day, 3), lost: 'competitor' },
  ];
  const deals = [];
  for (const [i, d] of plan.entries()) {
    let deal = await create(as.liu, 'opportunity', {
      name: `仪表盘核对商机${i + 1}`, customer_id: customer.id, pipeline: pipeline.value, amount: d.amount, expected_close_date: `${d.month}-15`,
    });
    if (deal.stage !== d.stage.value) {
      const moved = await as.liu.patch(`${rec('opportunity')}/${deal.id}`, { stage: d.stage.value });
      assert.equal(moved.status, 200, moved.text);
      deal = moved.json;
    }
    const weighted = cents(d.amount) * hundredths(deal.win_probability);
    assert.ok(weighted > 0n && weighted % 10000n === 0n, `deal ${i + 1}: an open stage with a probability, whole cents`);
    deals.push({ ...d, id: deal.id, weighted: weighted / 10000n });
  }

  const all = views();
  // Asking fills the aggregate cache: the answers after the writes prove it lets nothing old through.
  const before = new Map();
  for (const v of all) before.set(v.name, await snapshot(v));

  // 1. Won, won, lost.
  const lostStage = pipeline.stages.find((st) => st.kind === 'lost').value;
  const wonStage = pipeline.stages.find((st) => st.kind === 'won').value;
  for (const d of deals) {
    const change = d.lost ? { stage: lostStage, lost_reason: d.lost } : { stage: wonStage, actual_amount: d.won, actual_close_date: d.closed };
    const res = await as.liu.patch(`${rec('opportunity')}/${d.id}`, change);
    assert.equal(res.status, 200, res.text);
  }
  // 2. The contract of the deal won today: a draft, signed today for the won amount. A draft is
  //    not signed: 签约 and the contract target do not move yet.
  const WON = cents(deals[0].won);
  const signedNow = async () => [(await headline('liu', 'signed')).sum_amount, (await headline('admin', 'signed')).sum_amount];
  const signedBefore = await signedNow();
  const made = await mustCreate(as.liu, `/api/v1/sales/opportunities/${deals[0].id}/contract`, {});
  assert.equal(made.status, 'draft');
  assert.equal(cents(made.amount), WON);
  assert.equal(made.sign_date, day);
  assert.deepEqual(await signedNow(), signedBefore, 'a draft contract is not signed');
  //    Then 执行中, which counts.
  const active = await as.liu.patch(`${rec('contract')}/${made.id}`, { status: 'active' });
  assert.equal(active.status, 200, active.text);
  // 3. Part of it paid today.
  const PAID = cents('12345.60');
  await create(as.liu, 'payment', { contract_id: made.id, amount: yuan(PAID), paid_date: day, method: 'bank_transfer' });

  // What must have moved, in every view that covers 刘洋.
  const moved = {};
  const add = (label, v) => (moved[label] = (moved[label] ?? 0n) + v);
  for (const d of deals) {
    const AMOUNT = cents(d.amount);
    for (const [key, sign] of [['totals', -1n], [JSON.stringify({ stage: d.stage.value }), -1n]]) {
      add(`funnel ${pipeline.value} | ${key} | count`, sign);
      add(`funnel ${pipeline.value} | ${key} | sum_amount`, sign * AMOUNT);
    }
    for (const key of ['totals', JSON.stringify({ expected_close_date: d.month })]) {
      add(`forecast | ${key} | count`, -1n);
      add(`forecast | ${key} | sum_amount`, -AMOUNT);
      add(`forecast | ${key} | weighted_sum_amount`, -d.weighted);
    }
    const status = d.lost ? 'lost' : 'won';
    // Lost deals count on the day they were lost (today), won ones on their close date.
    for (const p of PERIODS.filter((x) => during(d.lost ? day : d.closed, x))) {
      for (const key of ['totals', JSON.stringify({ status })]) {
        add(`${p} ${status} | ${key} | count`, 1n);
        add(`${p} ${status} | ${key} | sum_amount`, AMOUNT);
        if (!d.lost) add(`${p} ${status} | ${key} | sum_actual_amount`, cents(d.won));
      }
      if (d.lost) {
        for (const key of ['totals', JSON.stringify({ lost_reason: d.lost })]) {
          add(`${p} lostReasons | ${key} | count`, 1n);
          add(`${p} lostReasons | ${key} | sum_amount`, AMOUNT);
        }
      } else {
        add(`${p} wonAmount | totals | sum_actual_amount`, cents(d.won));
      }
    }
  }
  for (const p of PERIODS.filter((x) => during(day, x))) {
    add(`${p} signed | totals | sum_amount`, WON);
    add(`${p} payments | totals | sum_amount`, PAID);
  }
  add(`${PERIODS[0]} unpaid | totals | sum_unpaid_amount`, WON - PAID);
  assert.ok(moved['last_month wonAmount | totals | sum_actual_amount'] > 0n, 'last month’s won amount moves');
  for (const [k, v] of Object.entries(moved)) if (v === 0n) delete moved[k];

  const month = Number(day.slice(5, 7));
  const liuDept = departments.find((d) => d.name === '华东大区').id;
  const coversLiu = (t) =>
    (t.scope_type === 'user' && t.scope_id === as.liu.userId) ||
    (t.scope_type === 'department' && subtree(departments.find((d) => d.id === t.scope_id).name).includes(liuDept));
  const his = new Set(['李明', '李明 · 销售部', '李明 · 华东大区', '李明 · 刘洋', '张伟', '张伟 · 刘洋', '刘洋']);
  for (const v of all) {
    const after = await snapshot(v);
    let want = {};
    if (his.has(v.name)) {
      want = { ...moved };
      // Target actuals (read without a filter): those of 刘洋 and of the departments above him.
      if (v.scope.ownerId === null && v.scope.departmentIds.length === 0) {
        for (const t of targetScopes(v.who).filter(coversLiu)) {
          want[`targets ${t.scope_type} ${t.scope_id} contract_amount | ${month}`] = WON;
          want[`targets ${t.scope_type} ${t.scope_id} payment_amount | ${month}`] = PAID;
        }
      }
    }
    assert.deepEqual(delta(before.get(v.name), after), want, `${v.name}: what moved`);
  }

  // And after the writes every figure still equals the records, for every view.
  const byWho = {};
  for (const view of all) {
    byWho[view.who] ??= await recordsOf(view.who);
    await checkDashboard(view, byWho[view.who]);
  }
  for (const who of ['admin', 'zhang', 'liu', 'sun']) await checkTargets(who, byWho[who]);
});

// ---- what 待回款 sums: each contract's paid, unpaid and overdue ---------------------------------

/**
 * A contract's paid, unpaid and overdue amounts from its payments and plans, by the rule of
 * docs/api/sales.md: paid = Σ payments; unpaid = amount − paid (≥ 0); a plan receives the payments
 * linked to it, then — plan by plan in due order, each up to what it still waits for — the payments
 * linked to no plan and what a payment paid beyond its own plan; overdue = Σ over plans due before
 * today of what they still wait for.
 */
function expectedRollup(contract, plans, payments, day) {
  const byDue = (a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : (a.period ?? 0) - (b.period ?? 0) || a.id - b.id);
  const mine = plans.filter((p) => p.contract_id === contract.id).sort(byDue);
  const paidIn = payments.filter((p) => p.contract_id === contract.id);
  const received = new Map(mine.map((p) => [p.id, 0n]));
  let spare = 0n;
  for (const pay of paidIn) {
    if (received.has(pay.plan_id)) received.set(pay.plan_id, received.get(pay.plan_id) + cents(pay.amount));
    else spare += cents(pay.amount);
  }
  // An overpaid plan shows all that was paid to it, and passes what is beyond it on as well.
  for (const plan of mine) {
    const over = received.get(plan.id) - cents(plan.amount);
    if (over > 0n) spare += over;
  }
  for (const plan of mine) {
    if (received.get(plan.id) >= cents(plan.amount)) continue;
    const take = [spare, cents(plan.amount) - received.get(plan.id)].reduce((a, b) => (a < b ? a : b));
    received.set(plan.id, received.get(plan.id) + take);
    spare -= take;
  }
  const paid = paidIn.reduce((a, p) => a + cents(p.amount), 0n);
  const unpaid = cents(contract.amount) - paid;
  const overdue = mine
    .filter((p) => p.due_date < day && received.get(p.id) < cents(p.amount))
    .reduce((a, p) => a + cents(p.amount) - received.get(p.id), 0n);
  return { paid, unpaid: unpaid > 0n ? unpaid : 0n, overdue, received };
}

test('what 待回款 sums — each contract’s paid, unpaid and overdue — equals its payments and plans', async () => {
  // One of 刘洋's own besides the sample's: plans due before today, one overpaid, one payment
  // linked to no plan. 300 + 300 + 400; 350 paid to the second plan, 100 to none: the second plan
  // shows its 350 and passes 50 on, the first gets 150 — so 150 is overdue, and 550 unpaid.
  const day = today();
  const yesterday = chinaDate(new Date(Date.now() - 86400e3).toISOString());
  const lastWeek = chinaDate(new Date(Date.now() - 7 * 86400e3).toISOString());
  const customer = await create(as.liu, 'customer', { name: `回款计划核对客户${Math.random().toString(36).slice(2, 7)}` });
  const unpaidOf = async () => {
    const [object, body] = headlineRequests({ ownerId: null, departmentIds: [] }, 'this_month').unpaid;
    const res = await aggregate('liu', object, body);
    assert.equal(res.status, 200, res.text);
    return [cents(res.json.totals.sum_unpaid_amount), cents(res.json.totals.sum_overdue_amount)];
  };
  const [unpaidBefore, overdueBefore] = await unpaidOf();
  const contract = await create(as.liu, 'contract', {
    name: '回款计划核对合同', customer_id: customer.id, amount: '1000.00', status: 'active', sign_date: day,
  });
  const plan = (period, due_date, amount) => create(as.liu, 'payment_plan', { contract_id: contract.id, period, due_date, amount });
  await plan(1, lastWeek, '300.00');
  const second = await plan(2, yesterday, '300.00');
  await plan(3, monthAfter(day, 2) + '-01', '400.00');
  await create(as.liu, 'payment', { contract_id: contract.id, plan_id: second.id, amount: '350.00', paid_date: day });
  await create(as.liu, 'payment', { contract_id: contract.id, amount: '100.00', paid_date: day });
  assert.deepEqual(await unpaidOf(), [unpaidBefore + 55000n, overdueBefore + 15000n], '刘洋’s 待回款 and its overdue part');

  const contracts = await listAll(as.admin, 'contract');
  const plans = await listAll(as.admin, 'payment_plan');
  const payments = await listAll(as.admin, 'payment');
  assert.ok(contracts.some((c) => cents(c.overdue_amount) > 0n), 'the sample data has an overdue contract');
  for (const c of contracts) {
    const want = expectedRollup(c, plans, payments, day);
    assert.deepEqual(
      { paid: cents(c.paid_amount), unpaid: cents(c.unpaid_amount), overdue: cents(c.overdue_amount) },
      { paid: want.paid, unpaid: want.unpaid, overdue: want.overdue },
      `contract ${c.code}`,
    );
    for (const p of plans.filter((x) => x.contract_id === c.id)) assert.equal(cents(p.received_amount), want.received.get(p.id), `plan ${p.id} of ${c.code}`);
  }
});

// ---- contracts that are not signed, and payments recorded by finance ------------------------------

test('待回款 (signed, not yet paid) counts neither a draft nor a terminated contract', async () => {
  const customer = await create(as.liu, 'customer', { name: `草稿合同核对客户${Math.random().toString(36).slice(2, 7)}` });
  const unpaid = async () => (await headline('liu', 'unpaid')).sum_unpaid_amount;
  const moves = {};
  let before = await unpaid();
  await create(as.liu, 'contract', { name: '草稿合同', customer_id: customer.id, amount: '5000.00', status: 'draft', sign_date: today() });
  moves.draft = (await unpaid()) - before;
  before = await unpaid();
  const signed = await create(as.liu, 'contract', {
    name: '终止合同', customer_id: customer.id, amount: '3000.00', status: 'active', sign_date: today(),
  });
  moves.signed = (await unpaid()) - before;
  before = await unpaid();
  const ended = await as.liu.patch(`${rec('contract')}/${signed.id}`, { status: 'terminated' });
  assert.equal(ended.status, 200, ended.text);
  moves.terminated = (await unpaid()) - before;
  assert.deepEqual(moves, { draft: 0n, signed: 300000n, terminated: -300000n }, '刘洋’s 待回款 moves');
});

test('a payment finance records on 刘洋’s contract is 刘洋’s 回款, as it is off his 待回款', async () => {
  const day = today();
  const month = Number(day.slice(5, 7));
  const customer = await create(as.liu, 'customer', { name: `财务回款核对客户${Math.random().toString(36).slice(2, 7)}` });
  const contract = await create(as.liu, 'contract', {
    name: '财务回款核对合同', customer_id: customer.id, amount: '2000.00', status: 'active', sign_date: day,
  });
  const sales = { ownerId: null, departmentIds: subtree('销售部') };
  const figuresNow = async () => ({
    liuPaid: (await headline('liu', 'payments')).sum_amount,
    liuUnpaid: (await headline('liu', 'unpaid')).sum_unpaid_amount,
    liuTarget: cents((await getTargets('liu', 'payment_amount', { scope_type: 'user', scope_id: as.liu.userId })).months[month - 1].actual),
    zhangPaid: (await headline('zhang', 'payments')).sum_amount,
    salesDeptPaid: (await headline('admin', 'payments', sales)).sum_amount,
  });
  const before = await figuresNow();
  const payment = await create(as.zhao, 'payment', { contract_id: contract.id, amount: '800.00', paid_date: day, method: 'bank_transfer' });
  assert.equal(payment.owner_id, as.liu.userId, 'the payment is the contract owner’s, whoever records it');
  assert.equal((await as.liu.get(`${rec('payment')}/${payment.id}`)).status, 200, '刘洋 sees it');
  const after = await figuresNow();
  const moved = Object.fromEntries(Object.keys(before).map((k) => [k, after[k] - before[k]]));
  assert.deepEqual(moved, { liuPaid: 80000n, liuUnpaid: -80000n, liuTarget: 80000n, zhangPaid: 80000n, salesDeptPaid: 80000n });
});
