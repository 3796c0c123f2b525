#!/usr/bin/env node
// Times the customer list's total right after a customer was written (docs/performance.md).
// A list page counts its matches (up to 1,000) and the count is kept until the customer table is
// written (records/aggregate_cache.h); any write — an edit, a claim, an import — makes the next
// count of every list cold again. wrk (bench/run.sh) measures an unchanged table, where the counts
// are kept; this measures what a write costs the lists after it.
//
// For each person and round: create a customer (as that person, so every kept total goes stale),
// then the 33 lists of bench/wrk/list.lua (50 customers, industry × level, -updated_at) with their
// total ("cold"), the same again ("kept"), and the same with total=false. One request at a time.
// Prints p50/p90/p99 per kind and person and, with XIELI_SERVER_PID set, the server's CPU time a
// request (10 ms clock ticks; unlike latency, other work on a shared machine barely moves it).
// Usage: node bench/after-write.mjs http://127.0.0.1:PORT [rounds] [data-dir] [people]
//   people: comma-separated keys of bench.json (default admin,sales,manager)
import { loadavg } from 'node:os';

import { readBenchInfo, serverCpuClock, signIn as signInAs } from './lib/session.mjs';

const base = process.argv[2];
const rounds = Number(process.argv[3] ?? 10);
const dataDir = process.argv[4] ?? process.env.XIELI_BENCH_DATA ?? '/tmp/xieli-bench';
const people = (process.argv[5] ?? 'admin,sales,manager').split(',');
if (!base) {
  console.error('usage: node bench/after-write.mjs BASE_URL [rounds] [data-dir] [people]');
  process.exit(2);
}
const info = readBenchInfo(dataDir);
const serverPid = process.env.XIELI_SERVER_PID;
const serverCpuMs = serverCpuClock(serverPid);

// The standard picklist values, as bench/wrk/common.lua has them.
const industries = ['it', 'manufacturing', 'finance', 'retail', 'education', 'healthcare', 'real_estate', 'logistics', 'services', 'government', 'other'];
const levels = ['a', 'b', 'c'];
const lists = industries.flatMap((industry) =>
  levels.map((level) => {
    const filter = { and: [{ field: 'industry', op: 'eq', value: industry }, { field: 'level', op: 'eq', value: level }] };
    return `/api/v1/objects/customer/records?limit=50&sort=-updated_at&filter=${encodeURIComponent(JSON.stringify(filter))}`;
  }),
);

const signIn = (who) => signInAs(base, info, who);

async function call(token, method, path, body) {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { ms, json: JSON.parse(text) };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

// Unique per run and round, so the duplicate check lets every new customer through.
const run = Date.now() % 1e6;
let created = 0;

console.log(`# ${rounds} rounds × 33 lists, one request at a time; load ${loadavg()[0].toFixed(1)}`);
console.log('| list of 50, filter + sort | user | p50 ms | p90 | p99 | server CPU ms/request |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const who of people) {
  const token = await signIn(who);
  const kinds = { 'with total, cold': [], 'with total, kept': [], 'total=false': [] };
  const cpu = { 'with total, cold': 0, 'with total, kept': 0, 'total=false': 0 };
  for (let round = 0; round < rounds; round++) {
    created += 1;
    const phone = `16${String(run).padStart(6, '0')}${String(created).padStart(3, '0')}`;
    await call(token, 'POST', '/api/v1/objects/customer/records', {
      name: `写后列表测试${run}-${created}有限公司`,
      phone,
      industry: industries[created % industries.length],
      level: levels[created % levels.length],
    });
    for (const [kind, suffix] of [['with total, cold', ''], ['with total, kept', ''], ['total=false', '&total=false']]) {
      const before = serverCpuMs();
      for (const path of lists) kinds[kind].push((await call(token, 'GET', path + suffix)).ms);
      cpu[kind] += serverCpuMs() - before;
    }
  }
  for (const [kind, ms] of Object.entries(kinds)) {
    const perRequest = serverPid ? fmt(cpu[kind] / ms.length) : '–';
    console.log(`| ${kind} | ${who} | **${fmt(quantile(ms, 0.5))}** | ${fmt(quantile(ms, 0.9))} | ${fmt(quantile(ms, 0.99))} | ${perRequest} |`);
  }
}
console.log(`# load ${loadavg()[0].toFixed(1)} at the end; ${created} customers created`);
