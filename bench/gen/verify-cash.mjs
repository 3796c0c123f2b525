#!/usr/bin/env node
// Checks the generated cash records against the server's own computation (bench/README.md): for a
// sample of contracts spread over the ids, GET /sales/contracts/{id}/payment-summary (computed live
// for today by modules/sales/contract_rollups.cpp) against what the generator stored — the
// contract's paid, unpaid, overdue and invoiced amounts and each plan's received amount and status.
// Usage: node bench/gen/verify-cash.mjs http://127.0.0.1:PORT [data-dir] [contracts]
// Exits 1 when any figure differs. A plan due on the generator's --until day or later may have
// moved with the date since (not due → due → overdue): the server's nightly sales.plan_due_status
// job moves it, and so does this script's report — it names such a plan "moved with the date"
// instead of failing when the server's today is later than the data's.
import { readFileSync } from 'node:fs';

const base = process.argv[2];
const dataDir = process.argv[3] ?? '/tmp/xieli-bench';
const sample = Number(process.argv[4] ?? 40);
if (!base) {
  console.error('usage: node bench/gen/verify-cash.mjs BASE_URL [data-dir] [contracts]');
  process.exit(2);
}
const info = JSON.parse(readFileSync(`${dataDir}/bench/bench.json`, 'utf8'));
const until = info.until.slice(0, 10);

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ login: info.users.admin.login, password: info.password, tenant: info.tenant.code }),
});
if (login.status !== 200) throw new Error(`sign-in: ${login.status}`);
const auth = { Authorization: `Bearer ${(await login.json()).token}` };
const call = async (path, body) => {
  const res = await fetch(`${base}/api/v1${path}`, body ? { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : { headers: auth });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const cents = (v) => (v === null || v === undefined ? null : Math.round(Number(String(v).replace(/,/g, '')) * 100));

// Contract ids spread from the first to the last.
const first = (await call('/objects/contract/query', { sort: 'id', limit: 1, total: false })).records[0];
const last = (await call('/objects/contract/query', { sort: '-id', limit: 1, total: false })).records[0];
if (!first) throw new Error('no contracts: generate them first (--cash-only)');
const ids = new Set();
for (let i = 0; i < sample; i++) ids.add(Math.round(Number(first.id) + ((Number(last.id) - Number(first.id)) * i) / Math.max(1, sample - 1)));

let checked = 0, plansChecked = 0, moved = 0;
const problems = [];
for (const id of ids) {
  const stored = await call(`/objects/contract/records/${id}`).catch(() => null);
  if (!stored) continue;
  const live = await call(`/sales/contracts/${id}/payment-summary`);
  checked++;
  for (const k of ['amount', 'paid_amount', 'unpaid_amount', 'invoiced_amount']) {
    if (cents(stored[k]) !== cents(live[k])) problems.push(`contract ${id} ${k}: stored ${stored[k]}, server ${live[k]}`);
  }
  const plans = (await call('/objects/payment_plan/query', { filter: { field: 'contract_id', op: 'eq', value: id }, limit: 50, total: false })).records;
  const byId = new Map(plans.map((p) => [String(p.id), p]));
  let movedHere = false;
  for (const lp of live.plans) {
    plansChecked++;
    const sp = byId.get(String(lp.id));
    if (!sp) {
      problems.push(`contract ${id} plan ${lp.id}: not listed`);
      continue;
    }
    if (cents(sp.received_amount) !== cents(lp.received_amount)) problems.push(`plan ${lp.id} received: stored ${sp.received_amount}, server ${lp.received_amount}`);
    if (sp.status !== lp.status) {
      // Due on or after the data's last day: the server's today has moved on since --until.
      if (lp.due_date >= until && live.today > until) {
        moved++;
        movedHere = true;
      } else problems.push(`plan ${lp.id} (due ${lp.due_date}) status: stored ${sp.status}, server ${lp.status}`);
    }
  }
  if (cents(stored.overdue_amount) !== cents(live.overdue_amount) && !movedHere)
    problems.push(`contract ${id} overdue_amount: stored ${stored.overdue_amount}, server ${live.overdue_amount}`);
}
console.log(`${checked} contracts, ${plansChecked} plans compared with the server's payment summary (today ${until} in the data); ${moved} plan statuses moved with the date`);
for (const p of problems) console.log(`  MISMATCH ${p}`);
process.exit(problems.length ? 1 : 0);
