// Notifications: stored per user, read/unread, linked to the record; per-user preferences per kind;
// SMTP settings (administrators), test mails and notification mails reaching a local SMTP sink
// (python3-aiosmtpd), and the send log. The first producer: a customer or opportunity assigned to
// someone other than the person who changed it notifies the new owner.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {signInAll, startServer} from './lib/server.mjs';
import {bodyOf, freePort, startSmtpSink, subjectOf} from './lib/smtp-sink.mjs';

let server;
let sink;
const as = {};
const PEOPLE = {
  admin: '13800000000',  // 李明, administrator
  liu: '13800000003',    // 刘洋, sales
  sun: '13800000004',    // 孙丽, sales
};
const customers = '/api/v1/objects/customer/records';

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  sink = await startSmtpSink();
});
after(async () => {
  await server.stop();
  await sink.stop();
});

// The dispatcher runs after commit: poll (real time) until the notification is there.
async function waitForNotifications(client, count, query = '') {
  const until = Date.now() + 3000;
  while (true) {
    const res = await client.get(`/api/v1/notifications${query}`);
    assert.equal(res.status, 200, res.text);
    if (res.json.total >= count || Date.now() > until) return res.json;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function assign(name, to) {
  const rec = (await as.admin.post(customers, { name })).json;
  const res = await as.admin.post('/api/v1/objects/customer/transfer', { ids: [rec.id], to_user_id: to.userId });
  assert.equal(res.status, 200, res.text);
  return rec;
}

test('on the demo enterprise first start nobody is notified: sample records are not assignments', async () => {
  // Let the dispatcher pass every outbox row the seed wrote.
  await new Promise((r) => setTimeout(r, 1500));
  for (const who of Object.values(as)) {
    const res = await who.get('/api/v1/notifications?limit=200');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.records.map((n) => `${n.kind}: ${n.body}`), []);
  }
});

test('assigning customers notifies the new owner; list, unread filter, paging, read and read-all', async () => {
  const before = (await as.liu.get('/api/v1/notifications/unread-count')).json.count;
  const recs = [];
  for (const name of ['通知甲公司', '通知乙公司', '通知丙公司']) recs.push(await assign(name, as.liu));
  const all = await waitForNotifications(as.liu, before + 3, '?unread=true');
  assert.equal(all.total, before + 3);
  const newest = all.records[0];
  assert.equal(newest.kind, 'record.assigned');
  assert.equal(newest.title, '有客户分配给您');
  assert.match(newest.body, /李明把「通知丙公司」分配给了您/);
  assert.deepEqual(newest.link, { object: 'customer', record_id: recs[2].id });
  assert.equal(newest.read, false);
  assert.equal((await as.liu.get('/api/v1/notifications/unread-count')).json.count, before + 3);

  // English follows Accept-Language.
  as.liu.lang = 'en';
  const en = await as.liu.get('/api/v1/notifications?limit=1');
  as.liu.lang = 'zh-CN';
  assert.equal(en.json.records[0].title, 'A customer was assigned to you');

  // Cursor paging, newest first, no overlap.
  const page1 = await as.liu.get('/api/v1/notifications?limit=2');
  assert.equal(page1.json.records.length, 2);
  assert.ok(page1.json.next_cursor);
  const page2 = await as.liu.get(`/api/v1/notifications?limit=2&cursor=${page1.json.next_cursor}`);
  assert.ok(page2.json.records[0].id < page1.json.records[1].id);

  const read = await as.liu.post(`/api/v1/notifications/${newest.id}/read`);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.json.read, true);
  assert.ok(read.json.read_at);
  assert.equal((await as.liu.get('/api/v1/notifications/unread-count')).json.count, before + 2);
  const unread = await as.liu.get('/api/v1/notifications?unread=true');
  assert.ok(!unread.json.records.some((n) => n.id === newest.id));

  // Someone else's notification does not exist for you.
  assert.equal((await as.sun.post(`/api/v1/notifications/${newest.id}/read`)).status, 404);
  assert.equal((await as.liu.post('/api/v1/notifications/999999/read')).status, 404);

  const all2 = await as.liu.post('/api/v1/notifications/read-all');
  assert.equal(all2.status, 200);
  assert.equal(all2.json.updated, before + 2);
  assert.equal((await as.liu.get('/api/v1/notifications/unread-count')).json.count, 0);
});

test('changing your own record, or assigning to yourself, notifies nobody', async () => {
  const count = (await as.liu.get('/api/v1/notifications')).json.total;
  const rec = (await as.liu.post(customers, { name: '自己的客户公司' })).json;
  await as.liu.patch(`${customers}/${rec.id}`, { short_name: '自己', version: rec.version });
  // A later assignment to 刘洋 arrives; nothing before it did.
  await assign('之后分配公司', as.liu);
  const after = await waitForNotifications(as.liu, count + 1);
  assert.equal(after.total, count + 1);
  assert.match(after.records[0].body, /之后分配公司/);
});

test('bad paging parameters are 422, never 500; signed-out callers get 401', async () => {
  for (const q of ['limit=0', 'limit=201', 'limit=abc', 'cursor=abc', 'cursor=-1', 'unread=maybe']) {
    const res = await as.liu.get(`/api/v1/notifications?${q}`);
    assert.equal(res.status, 422, q);
    assert.equal(res.json.error.code, 'validation_failed');
  }
  const anon = await fetch(`${server.baseUrl}/api/v1/notifications`);
  assert.equal(anon.status, 401);
});

test('preferences: turning a kind off in the app stops its notifications; bad input is 422', async () => {
  const prefs = await as.sun.get('/api/v1/notifications/preferences');
  assert.equal(prefs.status, 200);
  const assigned = prefs.json.kinds.find((k) => k.kind === 'record.assigned');
  assert.deepEqual(assigned, { kind: 'record.assigned', label: '记录分配给我', in_app: true, email: true });

  const off = await as.sun.put('/api/v1/notifications/preferences', {
    preferences: [{ kind: 'record.assigned', in_app: false, email: false }],
  });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.kinds.find((k) => k.kind === 'record.assigned').in_app, false);
  const count = (await as.sun.get('/api/v1/notifications')).json.total;
  await assign('偏好关闭测试公司', as.sun);
  await new Promise((r) => setTimeout(r, 500));  // the dispatcher polls every 100 ms
  assert.equal((await as.sun.get('/api/v1/notifications')).json.total, count);

  const on =
    await as.sun.put('/api/v1/notifications/preferences', { preferences: [{ kind: 'record.assigned', in_app: true }] });
  assert.equal(on.json.kinds.find((k) => k.kind === 'record.assigned').in_app, true);
  assert.equal(on.json.kinds.find((k) => k.kind === 'record.assigned').email, false, 'untouched flags stay');

  for (const body of [{}, { preferences: 'x' }, { preferences: [{ kind: 'nope', in_app: true }] },
         { preferences: [{ kind: 'record.assigned', in_app: 'yes' }] }, { preferences: [42] }]) {
    const res = await as.sun.put('/api/v1/notifications/preferences', body);
    assert.equal(res.status, 422, JSON.stringify(body));
  }
  const notJson =
    await as.sun.put('/api/v1/notifications/preferences', 'x', { headers: { 'Content-Type': 'text/plain' } });
  assert.equal(notJson.status, 415);
});

test('SMTP settings are for administrators; the password never comes back; bad input is 422', async () => {
  assert.equal((await as.liu.get('/api/v1/settings/smtp')).status, 403);
  assert.equal((await as.liu.put('/api/v1/settings/smtp', { host: 'x' })).status, 403);
  assert.equal((await as.liu.get('/api/v1/settings/smtp/log')).status, 403);
  assert.equal((await as.liu.post('/api/v1/settings/smtp/test', { to: 'a@b.cn' })).status, 403);
  assert.deepEqual((await as.admin.get('/api/v1/settings/smtp')).json, { configured: false });
  assert.equal((await as.admin.post('/api/v1/settings/smtp/test', { to: 'a@b.cn' })).status, 409, 'nothing configured');

  const bad =
    await as.admin.put('/api/v1/settings/smtp', { host: 'bad host', port: 70000, tls: 'ssl', from_address: 'nope' });
  assert.equal(bad.status, 422);
  const fields = bad.json.error.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['from_address', 'host', 'port', 'tls']);
  assert.equal((await as.admin.put('/api/v1/settings/smtp',
                  { host: 'a', port: 25, tls: 'none', from_address: 'a@b.cn', from_name: 'x\r\nBcc: evil@x.cn' }))
                 .status,
    422);

  const saved = await as.admin.put('/api/v1/settings/smtp', {
    host: '127.0.0.1',
    port: sink.port,
    tls: 'none',
    username: '',
    password: 'secret',
    from_address: 'crm@demo.xieli.cn',
    from_name: '协力 CRM',
  });
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json.has_password, true);
  assert.equal(saved.json.password, undefined);
  assert.ok(!JSON.stringify((await as.admin.get('/api/v1/settings/smtp')).json).includes('secret'));
  // A password left out is kept; an empty one clears it.
  const kept = await as.admin.put('/api/v1/settings/smtp',
                 { host: '127.0.0.1', port: sink.port, tls: 'none', from_address: 'crm@demo.xieli.cn' });
  assert.equal(kept.json.has_password, true);
  const cleared = await as.admin.put('/api/v1/settings/smtp', { password: '' });
  assert.equal(cleared.json.has_password, false);
});

test('a test mail reaches the local SMTP sink and is logged; a dead server is reported, not a 500', async () => {
  const n = sink.messages().length;
  const res = await as.admin.post('/api/v1/settings/smtp/test', { to: 'ops@example.com' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { sent: true });
  const mails = await sink.waitFor(n + 1);
  const mail = mails.find((m) => /^To: <ops@example.com>$/m.test(m));
  assert.ok(mail, 'the test mail arrived');
  assert.equal(subjectOf(mail), '协力 CRM 测试邮件 / Xieli CRM test e-mail');
  assert.match(bodyOf(mail), /这是一封测试邮件/);
  assert.equal((await as.admin.post('/api/v1/settings/smtp/test', { to: 'not an address' })).status, 422);

  const deadPort = await freePort();
  await as.admin.put('/api/v1/settings/smtp', { port: deadPort });
  const dead = await as.admin.post('/api/v1/settings/smtp/test', { to: 'ops@example.com' });
  assert.equal(dead.status, 200);
  assert.equal(dead.json.sent, false);
  assert.ok(dead.json.error);
  await as.admin.put('/api/v1/settings/smtp', { port: sink.port });

  // Newest first. Mails of the assignments above may be sent (or fail) in between: their jobs run
  // when the scheduler gets to them, which on a loaded machine can be after the settings were saved.
  const log = await as.admin.get('/api/v1/settings/smtp/log?limit=50');
  assert.equal(log.status, 200);
  const tests = log.json.records.filter((r) => r.kind === 'smtp.test');
  assert.equal(tests[0].status, 'failed');
  assert.equal(tests[1].status, 'sent');
  assert.equal(tests[1].to, 'ops@example.com');
});

test('a notification is mailed to a user who wants e-mail for its kind', async () => {
  const rec = await assign('邮件通知测试公司', as.liu);
  const mail = await sink.waitForMatch((m) => bodyOf(m).includes('邮件通知测试公司'));
  assert.match(mail, /^To: <liuyang@demo.xieli.cn>$/m);
  assert.equal(subjectOf(mail), '有客户分配给您');
  const log = (await as.admin.get('/api/v1/settings/smtp/log')).json.records;
  assert.ok(log.some((l) => l.kind === 'record.assigned' && l.to === 'liuyang@demo.xieli.cn' && l.status === 'sent'));
  assert.ok(rec.id);
});
