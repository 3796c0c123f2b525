#!/usr/bin/env node
// Times the sales dashboard's API on the bench enterprise (bench/README.md): the requests the
// 销售仪表盘 page makes — the six headline figures (new customers, follow-ups, won amount, 回款,
// 签约, 待回款 with its overdue part), the funnel, the forecast, won/lost with the reasons and the
// twelve-month trends, each POST /objects/{object}/aggregate, and the target chart, GET
// /sales/targets for a person and for a department — for each person (admin: all 500k deals;
// manager: a department tree; sales: their own). Prints, per person, the median, p90 and p95 of
// each request and of the whole page (requests in parallel, as the browser sends them), and the
// first round on its own: started right after the server, that is the cold
// figure (the server's page cache empty; the OS file cache is what the machine has). A round sends
// the requests one at a time, then the whole page; with XIELI_PAGE_FIRST=1 the first round sends
// the page first, for the cold figure of the page. Usage:
// node bench/dashboard.mjs http://127.0.0.1:PORT [rounds] [data-dir]
// With XIELI_SERVER_PID set (the server's process id), each request's and the page's server CPU
// time is printed too (the mean over the rounds, in 10 ms clock ticks): unlike the latency, other
// work on a shared machine barely moves it.
import { loadavg } from 'node:os';

import { readBenchInfo, serverCpuClock, signIn as signInAs } from './lib/session.mjs';

const base = process.argv[2];
const rounds = Number(process.argv[3] ?? 15);
const dataDir = process.argv[4] ?? process.env.XIELI_BENCH_DATA ?? '/tmp/xieli-bench';
if (!base) {
  console.error('usage: node bench/dashboard.mjs BASE_URL [rounds] [data-dir]');
  process.exit(2);
}
const serverPid = process.env.XIELI_SERVER_PID;
const serverCpuMs = serverCpuClock(serverPid);
const info = readBenchInfo(dataDir);

const month = (d, add) => {
  const x = new Date(d.getFullYear(), d.getMonth() + add, 1);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}`;
};
const lastDay = (key) => {
  const [y, m] = key.split('-').map(Number);
  return `${key}-${String(new Date(y, m, 0).getDate()).padStart(2, '0')}`;
};
const now = new Date(info.until);
const ahead = [month(now, 0), month(now, 5)];
const back = [month(now, -11), month(now, 0)];
const period = { field: 'created_at', op: 'this_month' };
const year = Number(month(now, 0).slice(0, 4));
const owned = { field: 'owner_id', op: 'not_null' };

// The page's requests (web/src/components/sales/dashboard.ts), unfiltered by person or department.
const aggregates = {
  // Customers someone owns: a pool's are nobody's new customers (dashboard.ts OWNED).
  'figure: new customers': ['customer', { filter: { and: [owned, period] }, measures: [{ op: 'count' }] }],
  'figure: follow-ups': ['followup', { filter: { and: [period] }, measures: [{ op: 'count' }] }],
  'figure: won amount': [
    'opportunity',
    { filter: { and: [{ field: 'status', op: 'eq', value: 'won' }, { field: 'actual_close_date', op: 'this_month' }] }, measures: [{ op: 'sum', field: 'actual_amount' }] },
  ],
  funnel: [
    'opportunity',
    {
      filter: { and: [{ field: 'pipeline', op: 'eq', value: 'new' }, { field: 'status', op: 'eq', value: 'open' }] },
      group_by: ['stage'],
      measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
    },
  ],
  forecast: [
    'opportunity',
    {
      filter: { and: [{ field: 'status', op: 'eq', value: 'open' }, { field: 'expected_close_date', op: 'between', value: [`${ahead[0]}-01`, lastDay(ahead[1])] }] },
      group_by: [{ field: 'expected_close_date', bucket: 'month' }],
      measures: [{ op: 'sum', field: 'amount' }, { op: 'weighted_sum', field: 'amount', weight: 'win_probability' }, { op: 'count' }],
    },
  ],
  // 赢单/输单 asks for each side apart (dashboard.ts wonLostBody): won by close date, lost by the
  // day it was lost, each on its own covering index.
  won: [
    'opportunity',
    {
      filter: { and: [{ field: 'status', op: 'eq', value: 'won' }, { field: 'actual_close_date', op: 'this_year' }] },
      group_by: ['status'],
      measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }, { op: 'sum', field: 'actual_amount' }],
    },
  ],
  lost: [
    'opportunity',
    {
      filter: { and: [{ field: 'status', op: 'eq', value: 'lost' }, { field: 'stage_changed_at', op: 'this_year' }] },
      group_by: ['status'],
      measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }, { op: 'sum', field: 'actual_amount' }],
    },
  ],
  'lost reasons': [
    'opportunity',
    { filter: { and: [{ field: 'status', op: 'eq', value: 'lost' }, { field: 'stage_changed_at', op: 'this_year' }] }, group_by: ['lost_reason'], measures: [{ op: 'count' }] },
  ],
  'trend: customers': [
    'customer',
    {
      filter: { and: [owned, { field: 'created_at', op: 'between', value: [`${back[0]}-01T00:00:00+08:00`, `${lastDay(back[1])}T23:59:59+08:00`] }] },
      group_by: [{ field: 'created_at', bucket: 'month' }],
      measures: [{ op: 'count' }],
    },
  ],
  'trend: contacts': [
    'contact',
    {
      filter: { and: [{ field: 'created_at', op: 'between', value: [`${back[0]}-01T00:00:00+08:00`, `${lastDay(back[1])}T23:59:59+08:00`] }] },
      group_by: [{ field: 'created_at', bucket: 'month' }],
      measures: [{ op: 'count' }],
    },
  ],
  // The cash figures (dashboard.ts figures()): received this month, signed this month (neither
  // draft nor terminated), and everything signed and not yet paid with its overdue part.
  'figure: payments': ['payment', { filter: { and: [{ field: 'paid_date', op: 'this_month' }] }, measures: [{ op: 'sum', field: 'amount' }] }],
  'figure: signed': [
    'contract',
    {
      filter: { and: [{ field: 'status', op: 'nin', value: ['draft', 'terminated'] }, { field: 'sign_date', op: 'this_month' }] },
      measures: [{ op: 'sum', field: 'amount' }],
    },
  ],
  'figure: unpaid + overdue': [
    'contract',
    { filter: { and: [{ field: 'unpaid_amount', op: 'gt', value: 0 }] }, measures: [{ op: 'sum', field: 'unpaid_amount' }, { op: 'sum', field: 'overdue_amount' }] },
  ],
};

const signIn = (who) => signInAs(base, info, who);

async function get(token, path) {
  const res = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

// A request: [object, aggregate body] or { get: path }.
async function timed(token, request) {
  const t0 = performance.now();
  const res = Array.isArray(request)
    ? await fetch(`${base}/api/v1/objects/${request[0]}/aggregate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(request[1]),
      })
    : await fetch(`${base}/api/v1${request.get}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${Array.isArray(request) ? request[0] : request.get}: ${res.status} ${text}`);
  return { ms, json: JSON.parse(text) };
}

// What a request counted: the rows of an aggregate, the year's actual of a target.
const counted = (json) => json.totals?.count ?? (json.total ? `${json.scope_name}: ${json.total.actual} / ${json.total.target ?? '–'}` : '');

// The target chart (DashboardView.vue): a person's contract-amount targets of the year and a
// department's (with every department below it). The administrator looks at the sales
// representative and at the top of the organisation, the others at themselves and their main
// department. The page itself asks for one of them — the team's for whoever heads or administers
// one, a salesperson's own (dashboard.ts teamTargetCandidates) — and the whole-page figure sends
// that one.
async function targetRequests(token, who) {
  const me = await get(token, `/users/${info.users[who].user_id}`);
  const departments = (await get(token, '/departments')).records;
  const top = departments.find((d) => d.parent_id === null);
  const person = who === 'admin' ? info.users.sales.user_id : info.users[who].user_id;
  const department = who === 'admin' ? top.id : me.main_department_id;
  const q = `year=${year}&metric=contract_amount`;
  const requests = {
    'targets: person': { get: `/sales/targets?${q}&scope_type=user&scope_id=${person}` },
    'targets: department': { get: `/sales/targets?${q}&scope_type=department&scope_id=${department}` },
  };
  return { requests, offPage: who === 'sales' ? 'targets: department' : 'targets: person' };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f = (x) => x.toFixed(x < 10 ? 1 : 0);

for (const who of ['admin', 'manager', 'sales']) {
  const token = await signIn(who);
  const targets = await targetRequests(token, who);
  const requests = { ...aggregates, ...targets.requests };
  const pageRequests = Object.entries(requests).filter(([name]) => name !== targets.offPage).map(([, r]) => r);
  const times = Object.fromEntries(Object.keys(requests).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(requests).map((k) => [k, 0]));
  let pageCpu = 0;
  const page = [];
  const rows = {};
  const wholePage = async () => {
    const c0 = serverCpuMs();
    const t0 = performance.now();
    await Promise.all(pageRequests.map((request) => timed(token, request)));
    page.push(performance.now() - t0);
    pageCpu += serverCpuMs() - c0;
  };
  for (let r = 0; r < rounds; r++) {
    if (r === 0 && process.env.XIELI_PAGE_FIRST === '1') await wholePage();
    // One request at a time, then the whole page at once.
    for (const [name, request] of Object.entries(requests)) {
      const c0 = serverCpuMs();
      const { ms, json } = await timed(token, request);
      cpu[name] += serverCpuMs() - c0;
      times[name].push(ms);
      rows[name] = counted(json);
    }
    if (r > 0 || process.env.XIELI_PAGE_FIRST !== '1') await wholePage();
  }
  console.log(`\n### ${who} (${info.users[who].name}), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  const cpuCell = (ms) => (serverPid ? ` ${f(ms / rounds)} |` : '');
  console.log(`| request | first ms | p50 ms | p90 ms | p95 ms |${serverPid ? ' server CPU ms |' : ''} rows counted |`);
  console.log(`| --- | ---: | ---: | ---: | ---: |${serverPid ? ' ---: |' : ''} ---: |`);
  for (const [name, xs] of Object.entries(times))
    console.log(`| ${name} | ${f(xs[0])} | ${f(pct(xs, 50))} | ${f(pct(xs, 90))} | ${f(pct(xs, 95))} |${cpuCell(cpu[name])} ${rows[name]} |`);
  console.log(
    `| **whole page, ${pageRequests.length} requests in parallel** | **${f(page[0])}** | **${f(pct(page, 50))}** | **${f(pct(page, 90))}** | **${f(pct(page, 95))}** |${cpuCell(pageCpu)} |`,
  );
}
