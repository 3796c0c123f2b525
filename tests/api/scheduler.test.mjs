// The scheduler in the real binary: the run history administrators see, retries with backoff driven
// by a moved clock (--test-clock, never sleeping for the backoff), and a job that survives a crash
// in the middle of its run: the server is killed while the job is sending, started again on the same
// data, and the job completes exactly once.
import assert from 'node:assert/strict';
import {rmSync} from 'node:fs';
import {after, test} from 'node:test';

import {signInAll, startServer} from './lib/server.mjs';
import {bodyOf, freePort, startSmtpSink, startStallingServer} from './lib/smtp-sink.mjs';

const PEOPLE = {
  admin: '13800000000',
  liu: '13800000003'
};
const customers = '/api/v1/objects/customer/records';
const cleanup = [];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

async function until(what, fn, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (true) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function emailJobs(admin) {
  const res = await admin.get('/api/v1/admin/jobs');
  assert.equal(res.status, 200, res.text);
  return res.json.records.filter((j) => j.name === 'notify.email');
}

async function configureSmtp(admin, port) {
  const res = await admin.put(
    '/api/v1/settings/smtp', { host: '127.0.0.1', port, tls: 'none', from_address: 'crm@demo.xieli.cn' });
  assert.equal(res.status, 200, res.text);
}

async function assignToLiu(as, name) {
  const rec = (await as.admin.post(customers, { name })).json;
  const res = await as.admin.post('/api/v1/objects/customer/transfer', { ids: [rec.id], to_user_id: as.liu.userId });
  assert.equal(res.status, 200, res.text);
}

test('without --test-clock there is no way to move the clock; the jobs list is for administrators', async () => {
  const server = await startServer({ demo: true });
  cleanup.push(() => server.stop());
  const as = await signInAll(server.baseUrl, PEOPLE);
  const res = await as.admin.post('/api/v1/admin/test-clock', { advance_seconds: 60 });
  assert.equal(res.status, 404);
  assert.equal((await as.liu.get('/api/v1/admin/jobs')).status, 403);
  assert.equal((await as.admin.get('/api/v1/admin/jobs')).status, 200);
});

test('a failing job is retried with backoff on the moved clock, and its runs are visible', async () => {
  const server = await startServer({ demo: true, args: ['--test-clock'] });
  cleanup.push(() => server.stop());
  const as = await signInAll(server.baseUrl, PEOPLE);
  assert.equal((await as.liu.post('/api/v1/admin/test-clock', { advance_seconds: 1 })).status, 403);
  assert.equal((await as.admin.post('/api/v1/admin/test-clock', { advance_seconds: -5 })).status, 422);

  const port = await freePort();
  await configureSmtp(as.admin, port);  // nothing listens there yet
  await assignToLiu(as, '重试测试公司');
  const failed = await until('the first attempt to fail', async () => {
    const jobs = await emailJobs(as.admin);
    return jobs.find((j) => j.last_status === 'failed');
  });
  assert.equal(failed.status, 'scheduled');
  assert.equal(failed.attempt, 1);
  assert.equal(failed.runs.length, 1);
  assert.equal(failed.runs[0].status, 'failed');
  assert.ok(failed.runs[0].error);
  // The retry is due 30 s later on the server's clock: nothing happens in real time.
  const next = Date.parse(failed.next_run_at) - Date.parse(failed.last_run_at);
  assert.ok(next >= 29000 && next <= 31000, `backoff was ${next} ms`);

  const sink = await startSmtpSink(port);
  cleanup.push(() => sink.stop());
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(sink.messages().length, 0, 'not retried before its time');
  const moved = await as.admin.post('/api/v1/admin/test-clock', { advance_seconds: 31 });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.offset_seconds, 31);
  const mails = await sink.waitFor(1);
  assert.match(bodyOf(mails[0]), /重试测试公司/);
  const done = await until('the job to be done',
    async () => (await emailJobs(as.admin)).find((j) => j.id === failed.id && j.status === 'done'));
  assert.deepEqual(done.runs.map((r) => r.status), ['succeeded', 'failed']);
  assert.equal(done.runs[0].attempt, 2);
});

test('a job cut off by a crash mid-run completes once after the restart', async () => {
  const first = await startServer({ demo: true, args: ['--test-clock'] });
  const dataDir = first.dataDir;
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let as = await signInAll(first.baseUrl, PEOPLE);
  const stall = await startStallingServer();
  await configureSmtp(as.admin, stall.port);
  await assignToLiu(as, '重启测试公司');
  // The job is running: it holds its lease and is talking to a server that never answers.
  const running = await until('the job to be running', async () => (await emailJobs(as.admin)).find((j) => j.running));
  assert.equal(running.runs[0].status, 'running');
  await until('the sender to connect', () => stall.connections() > 0);

  first.proc.kill('SIGKILL');
  await new Promise((r) => first.proc.once('exit', r));
  await stall.stop();
  const sink = await startSmtpSink(stall.port);
  cleanup.push(() => sink.stop());

  const second = await startServer({ demo: true, args: ['--test-clock', '--data-dir', dataDir] });
  cleanup.push(() => second.stop());
  as = await signInAll(second.baseUrl, PEOPLE);
  // The dead process's lease holds the job until it runs out (5 minutes on the server's clock).
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(sink.messages().length, 0, 'the lease of the dead run is respected');
  await as.admin.post('/api/v1/admin/test-clock', { advance_seconds: 301 });
  const mails = await sink.waitFor(1);
  assert.match(bodyOf(mails[0]), /重启测试公司/);
  const done = await until('the job to be done',
    async () => (await emailJobs(as.admin)).find((j) => j.id === running.id && j.status === 'done'));
  assert.deepEqual(done.runs.map((r) => r.status), ['succeeded', 'failed']);
  assert.match(done.runs[1].error, /interrupted/);

  // Once: more time passing sends nothing more.
  await as.admin.post('/api/v1/admin/test-clock', { advance_seconds: 3600 });
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(sink.messages().length, 1);
});
