// WebSocket fan-out under load (issue 7): IDLE sockets held open by people who receive nothing, a few
// "tabs" of one salesperson, and a burst of NOTIFICATIONS customer assignments to her (bulk transfer,
// 1,000 records a request). Measures, per delivered notification, the time from the start of the
// transfer request that caused it to its arrival on each tab, how long the whole burst takes to
// arrive, and how responsive the server stays meanwhile (GET /healthz and an authenticated read,
// sampled every 50 ms). Prints a Markdown table for docs/performance.md. A burst reaches a tab as
// `notifications` / `records_changed` summaries (one per dispatcher pass), counted by their `count`.
//
//   XIELI_SERVER_BIN=build/h-io-rel/server/xieli-server node bench/ws/fanout.mjs
//   IDLE=2000 NOTIFICATIONS=10000 TABS=4 node bench/ws/fanout.mjs
import { readFileSync } from 'node:fs';
import { startServer, signInAll } from '../../tests/api/lib/server.mjs';
import { openSocket } from '../../tests/api/lib/ws.mjs';

const IDLE = Number(process.env.IDLE ?? 2000);
const NOTIFICATIONS = Number(process.env.NOTIFICATIONS ?? 10000);
const TABS = Number(process.env.TABS ?? 4);
const BATCH = 1000;

const PEOPLE = {
  admin: '13800000000',
  liu: '13800000003', // receives the burst
  sun: '13800000004', // idle sockets: other region, other departments — they may read none of it
  chen: '13800000005',
  zhao: '13800000006',
};

function rssMb(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN);
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');

const server = await startServer({ demo: true, args: ['--no-access-log', '--log-level', 'warn'] });
const pid = server.proc.pid;
try {
  const as = await signInAll(server.baseUrl, PEOPLE);

  // The records to hand over, created by the administrator for himself (before any socket opens).
  process.stderr.write(`creating ${NOTIFICATIONS} customers…\n`);
  const ids = [];
  for (let i = 0; i < NOTIFICATIONS; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(i + 50, NOTIFICATIONS); j++) {
      batch.push(as.admin.post('/api/v1/objects/customer/records', { name: `推送压测客户${j}`, owner_id: as.admin.userId }));
    }
    for (const r of await Promise.all(batch)) ids.push(r.json.id);
  }
  await new Promise((r) => setTimeout(r, 1000)); // let the dispatcher pass those creates

  process.stderr.write(`opening ${IDLE} idle sockets…\n`);
  const rssBefore = rssMb(pid);
  const idle = [];
  const idleUsers = [as.sun, as.chen, as.zhao];
  for (let i = 0; i < IDLE; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(i + 100, IDLE); j++) batch.push(openSocket(server.baseUrl, { token: idleUsers[j % 3].token }));
    idle.push(...(await Promise.all(batch)));
  }
  const rssIdle = rssMb(pid);
  const tabs = [];
  for (let i = 0; i < TABS; i++) {
    const ws = await openSocket(server.baseUrl, { token: as.liu.token });
    await ws.next((m) => m.type === 'ready');
    tabs.push(ws);
  }

  // A tab that stops reading: its queue must not grow without bound — the server drops it.
  const slow = await openSocket(server.baseUrl, { token: as.liu.token });
  await slow.next((m) => m.type === 'ready');
  slow.socket.pause();

  // Which transfer request each record went out in, and when that request started.
  const sentAt = new Map();
  const answeredAt = new Map(); // when the transfer request that moved a record answered (committed)
  const latencies = [];
  const arrivals = []; // {id, at, n}: n notifications arrived at `at`, the newest about record id
  let received = 0;
  let messageCount = 0; // WebSocket messages the reading tabs got (summaries count once)
  let summaries = 0;
  for (const ws of tabs) {
    ws.socket.on('data', () => {
      // messages are parsed by WsClient; collect new notifications as they land
      while (ws.messages.length) {
        const m = ws.messages.shift();
        messageCount++;
        if (m.type === 'notification' && m.data.link) {
          const t0 = sentAt.get(m.data.link.record_id);
          if (t0 !== undefined) {
            latencies.push(performance.now() - t0);
            arrivals.push({ id: m.data.link.record_id, at: performance.now(), n: 1 });
            received++;
          }
        } else if (m.type === 'notifications' && m.data.latest?.[0]?.link) {
          // A summary of one dispatcher pass: its notifications arrive now. They were all made by
          // the transfer request of the newest one (a pass may straddle two requests; then the
          // older ones are counted from the later request's start, a slight underestimate).
          const t0 = sentAt.get(m.data.latest[0].link.record_id);
          if (t0 !== undefined) {
            const l = performance.now() - t0;
            for (let k = 0; k < m.data.count; k++) latencies.push(l);
            arrivals.push({ id: m.data.latest[0].link.record_id, at: performance.now(), n: m.data.count });
            received += m.data.count;
            summaries++;
          }
        }
      }
    });
  }

  // Responsiveness probes during the burst.
  const probes = { healthz: [], read: [] };
  let probing = true;
  const probe = (async () => {
    while (probing) {
      let t = performance.now();
      await fetch(`${server.baseUrl}/healthz`).then((r) => r.text());
      probes.healthz.push(performance.now() - t);
      t = performance.now();
      await as.sun.get('/api/v1/notifications/unread-count');
      probes.read.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  process.stderr.write(`transferring ${NOTIFICATIONS} customers to one user with ${TABS} tabs…\n`);
  const burstStart = performance.now();
  let peakRss = rssIdle;
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const t0 = performance.now();
    for (const id of chunk) sentAt.set(id, t0);
    const res = await as.admin.post('/api/v1/objects/customer/transfer', { ids: chunk, to_user_id: as.liu.userId });
    if (res.status !== 200) throw new Error(`transfer: ${res.status} ${res.text}`);
    const t1 = performance.now();
    for (const id of chunk) answeredAt.set(id, t1);
    peakRss = Math.max(peakRss, rssMb(pid));
  }
  const requestsDone = performance.now() - burstStart;
  const expected = NOTIFICATIONS * TABS;
  const deadline = performance.now() + 120000;
  while (received < expected && performance.now() < deadline && tabs.some((t) => !t.isClosed)) {
    peakRss = Math.max(peakRss, rssMb(pid));
    await new Promise((r) => setTimeout(r, 20));
  }
  const burstTotal = performance.now() - burstStart;
  const rssAfter = rssMb(pid);
  probing = false;
  await probe;
  const idleOpen = idle.filter((w) => !w.isClosed).length;
  // Let the paused tab read what reached its kernel buffer, to see whether the server closed it.
  slow.socket.resume();
  const slowDropped = await Promise.race([slow.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);

  latencies.sort((a, b) => a - b);
  // A push may land just before the response that committed it: those count as 0.
  const afterCommit = [];
  for (const a of arrivals) {
    const t1 = answeredAt.get(a.id);
    if (t1 !== undefined) for (let k = 0; k < a.n; k++) afterCommit.push(Math.max(0, a.at - t1));
  }
  afterCommit.sort((a, b) => a - b);
  probes.healthz.sort((a, b) => a - b);
  probes.read.sort((a, b) => a - b);
  console.log(`| figure | value |
| --- | --- |
| idle sockets | ${IDLE} (still open after the burst: ${idleOpen}) |
| burst | ${NOTIFICATIONS} assignments in ${Math.ceil(NOTIFICATIONS / BATCH)} transfer requests (${ms(requestsDone)}) |
| delivered | ${received} of ${expected} notifications (${TABS} tabs; closed by the server: ${tabs.filter((t) => t.isClosed).length}) in ${messageCount} messages (${summaries} of them summaries) |
| last one arrived | ${ms(burstTotal)} after the first request started |
| fan-out latency (request start → tab) | p50 ${ms(pct(latencies, 50))}, p90 ${ms(pct(latencies, 90))}, p99 ${ms(pct(latencies, 99))}, max ${ms(latencies[latencies.length - 1])} |
| fan-out latency (request answered → tab) | p50 ${ms(pct(afterCommit, 50))}, p90 ${ms(pct(afterCommit, 90))}, p99 ${ms(pct(afterCommit, 99))}, max ${ms(afterCommit[afterCommit.length - 1])} |
| /healthz during the burst | p50 ${ms(pct(probes.healthz, 50))}, p99 ${ms(pct(probes.healthz, 99))}, max ${ms(probes.healthz[probes.healthz.length - 1])} (${probes.healthz.length} probes) |
| authenticated read during the burst | p50 ${ms(pct(probes.read, 50))}, p99 ${ms(pct(probes.read, 99))}, max ${ms(probes.read[probes.read.length - 1])} |
| a tab that stopped reading | ${slowDropped ? 'dropped by the server (send queue over its bound)' : 'still open'} after ${slow.messages.length} messages |
| server memory | ${rssBefore.toFixed(0)} MB before the sockets, ${rssIdle.toFixed(0)} MB with them idle, peak ${peakRss.toFixed(0)} MB, ${rssAfter.toFixed(0)} MB after the burst |`);
  for (const ws of [...idle, ...tabs, slow]) ws.socket.destroy();
} finally {
  await server.stop();
}
