// What the Node bench scripts share: the bench enterprise's bench.json (people, password, tenant),
// signing one of its people in, and the server's CPU time from /proc (XIELI_SERVER_PID).
import { readFileSync } from 'node:fs';

/** bench.json of a generated data directory (bench/README.md). */
export function readBenchInfo(dataDir) {
  return JSON.parse(readFileSync(`${dataDir}/bench/bench.json`, 'utf8'));
}

/** Signs in `who` (a key of bench.json's users) and returns the bearer token. */
export async function signIn(base, info, who) {
  const u = info.users[who];
  if (!u) throw new Error(`bench.json names no "${who}"`);
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: u.login, password: info.password, tenant: info.tenant.code }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${who}: ${res.status}`);
  return (await res.json()).token;
}

/**
 * A function giving the server's CPU time so far in ms (user + system; Linux counts in ticks of
 * 10 ms), or always 0 without `pid`: unlike latency, other work on a shared machine barely moves it.
 */
export function serverCpuClock(pid) {
  return () => {
    if (!pid) return 0;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
}
