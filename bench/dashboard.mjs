#!/usr/bin/env node
// Times the sales dashboard's API on the bench enterprise (bench/README.md): the requests the
// 销售仪表盘 page makes — the six headline figures, the funnel, the forecast, won/lost with the
// reasons and the twelve-month trends — each POST /objects/{object}/aggregate, for each person
// (admin: all 500k deals; manager: a department tree; sales: their own). Prints, per person,
// the median and p90 of each request and of the whole page (requests in parallel, as the browser
// sends them), and the first round on its own: started right after the server, that is the cold
// figure (the server's page cache empty; the OS file cache is what the machine has). A round sends
// the requests one at a time, then the whole page; with XIELI_PAGE_FIRST=1 the first round sends
// the page first, for the cold figure of the page. Usage:
// node bench/dashboard.mjs http://127.0.0.1:PORT [rounds] [data-dir]
// With XIELI_SERVER_PID set (the server's process id), each request's and the page's server CPU
// time is printed too (the mean over the rounds, in 10 ms clock ticks): unlike the latency, other
// work on a shared machine barely moves it.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const base = process.argv[2];
const rounds = Number(process.argv[3] ?? 15);
const dataDir = process.argv[4] ?? process.env.XIELI_BENCH_DATA ?? '/tmp/xieli-bench';
if (!base) {
  console.error('usage: node bench/dashboard.mjs BASE_URL [rounds] [data-dir]');
  process.exit(2);
}
const serverPid = process.env.XIELI_SERVER_PID;
// The server's CPU time so far, in ms (user + system; Linux counts in ticks of 10 ms).
const serverCpuMs = () => {
  if (!serverPid) return 0;
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const info = JSON.parse(readFileSync(`${dataDir}/bench/bench.json`, 'utf8'));

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
const owned = { field: 'owner_id', op: 'not_null' };

// The page's requests (web/src/components/sales/dashboard.ts), unfiltered by person or department.
const requests = {
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
  'won/lost': [
    'opportunity',
    {
      // Won by close date, lost by the day it was lost (dashboard.ts closedFilter).
      filter: {
        or: [
          { and: [{ field: 'status', op: 'eq', value: 'won' }, { field: 'actual_close_date', op: 'this_year' }] },
          { and: [{ field: 'status', op: 'eq', value: 'lost' }, { field: 'stage_changed_at', op: 'this_year' }] },
        ],
      },
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
};

async function signIn(who) {
  const u = info.users[who];
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: u.login, password: info.password, tenant: info.tenant.code }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${who}: ${res.status}`);
  return (await res.json()).token;
}

async function timed(token, object, body) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/objects/${object}/aggregate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${object}: ${res.status} ${text}`);
  return { ms, json: JSON.parse(text) };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f = (x) => x.toFixed(x < 10 ? 1 : 0);

for (const who of ['admin', 'manager', 'sales']) {
  const token = await signIn(who);
  const times = Object.fromEntries(Object.keys(requests).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(requests).map((k) => [k, 0]));
  let pageCpu = 0;
  const page = [];
  const rows = {};
  const wholePage = async () => {
    const c0 = serverCpuMs();
    const t0 = performance.now();
    await Promise.all(Object.values(requests).map(([object, body]) => timed(token, object, body)));
    page.push(performance.now() - t0);
    pageCpu += serverCpuMs() - c0;
  };
  for (let r = 0; r < rounds; r++) {
    if (r === 0 && process.env.XIELI_PAGE_FIRST === '1') await wholePage();
    // One request at a time, then the whole page at once.
    for (const [name, [object, body]] of Object.entries(requests)) {
      const c0 = serverCpuMs();
      const { ms, json } = await timed(token, object, body);
      cpu[name] += serverCpuMs() - c0;
      times[name].push(ms);
      rows[name] = json.totals.count ?? '';
    }
    if (r > 0 || process.env.XIELI_PAGE_FIRST !== '1') await wholePage();
  }
  console.log(`\n### ${who} (${info.users[who].name}), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  const cpuCell = (ms) => (serverPid ? ` ${f(ms / rounds)} |` : '');
  console.log(`| request | first ms | p50 ms | p90 ms |${serverPid ? ' server CPU ms |' : ''} rows counted |`);
  console.log(`| --- | ---: | ---: | ---: |${serverPid ? ' ---: |' : ''} ---: |`);
  for (const [name, xs] of Object.entries(times))
    console.log(`| ${name} | ${f(xs[0])} | ${f(pct(xs, 50))} | ${f(pct(xs, 90))} |${cpuCell(cpu[name])} ${rows[name]} |`);
  console.log(`| **whole page, in parallel** | **${f(page[0])}** | **${f(pct(page, 50))}** | **${f(pct(page, 90))}** |${cpuCell(pageCpu)} |`);
}
