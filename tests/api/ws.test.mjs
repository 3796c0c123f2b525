// The realtime WebSocket (/api/v1/ws): authenticated like any request, every tab of a user gets
// every event, record changes reach the people who may read the record — and nobody else — within a
// second, notifications are pushed as they are created, and the socket answers heartbeats. A burst
// for one person is coalesced so that a reading tab gets all of it (counted right), while a tab
// that stops reading is still dropped (bounded memory).
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {Client, signInAll, startServer} from './lib/server.mjs';
import {openSocket} from './lib/ws.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000',  // 李明, administrator
  zhang: '13800000002',  // 张伟, 华东大区 manager, 刘洋's supervisor
  liu: '13800000003',    // 刘洋, sales, 华东大区
  sun: '13800000004',    // 孙丽, sales, 华南大区
  zhao: '13800000006',   // 赵敏, finance: receives the burst below
};
const sockets = [];

async function socketOf(client) {
  const ws = await openSocket(server.baseUrl, { token: client.token });
  sockets.push(ws);
  await ws.next((m) => m.type === 'ready');
  return ws;
}

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  for (const ws of sockets) await ws.close();
  await server.stop();
});

const customers = '/api/v1/objects/customer/records';

test('a change by user A reaches user B (who may read it) in every tab within a second, and never user C', async () => {
  const rec = (await as.liu.post(customers, { name: '实时推送测试有限公司' })).json;
  const tab1 = await socketOf(as.zhang);
  const tab2 = await socketOf(as.zhang);
  const outsider = await socketOf(as.sun);

  const started = Date.now();
  const patched = await as.liu.patch(`${customers}/${rec.id}`, { short_name: '实时', version: rec.version });
  assert.equal(patched.status, 200, patched.text);
  const isThis = (m) => m.type === 'record_changed' && m.data.object === 'customer' && m.data.id === rec.id &&
    m.data.operation === 'update';
  const [a, b] = await Promise.all([tab1.next(isThis, 1000), tab2.next(isThis, 1000)]);
  assert.ok(Date.now() - started < 1000, `fan-out took ${Date.now() - started} ms`);
  for (const m of [a, b]) {
    assert.equal(m.data.operation, 'update');
    assert.equal(m.data.actor_id, as.liu.userId);
    assert.ok(m.data.changed_fields.includes('short_name'), JSON.stringify(m.data));
  }
  // 孙丽 cannot read the record: after a later event she does get, still nothing about it.
  const own = (await as.sun.post(customers, { name: '孙丽自己的客户' })).json;
  await outsider.next((m) => m.type === 'record_changed' && m.data.id === own.id, 1000);
  assert.equal(outsider.messages.filter(isThis).length, 0, 'no leak to someone outside the data scope');
});

test('an owner change notifies the new owner on the socket, with a link to the record', async () => {
  const rec = (await as.admin.post(customers, { name: '分配推送测试公司' })).json;
  const ws = await socketOf(as.sun);
  const res = await as.admin.post('/api/v1/objects/customer/transfer', { ids: [rec.id], to_user_id: as.sun.userId });
  assert.equal(res.status, 200, res.text);
  const n = await ws.next((m) => m.type === 'notification' && m.data.link?.record_id === rec.id, 1500);
  assert.equal(n.data.kind, 'record.assigned');
  assert.deepEqual(n.data.link, { object: 'customer', record_id: rec.id });
  assert.match(n.data.body, /分配推送测试公司/);
  assert.equal(n.data.read, false);
  assert.ok(n.data.unread_count >= 1);
  // The new owner now reads the record, so its change event reaches her too.
  await ws.next((m) => m.type === 'record_changed' && m.data.id === rec.id, 1500);
});

test('the socket is authenticated like any request', async () => {
  await assert.rejects(openSocket(server.baseUrl), (e) => e.status === 401 && e.json?.error?.code === 'unauthorized');
  await assert.rejects(openSocket(server.baseUrl, { token: 'not-a-token' }), (e) => e.status === 401);
  // A plain GET (no upgrade) is refused with the JSON error, not a 500.
  const plain = await as.liu.get('/api/v1/ws');
  assert.equal(plain.status, 400);
  assert.equal(plain.json.error.code, 'bad_request');
});

test('heartbeats: the server answers an application ping', async () => {
  const ws = await socketOf(as.liu);
  ws.send(JSON.stringify({ type: 'ping' }));
  await ws.next((m) => m.type === 'pong', 1000);
});

test('a closed tab stops receiving; the others keep going', async () => {
  const a = await socketOf(as.zhang);
  const b = await socketOf(as.zhang);
  await a.close();
  const rec = (await as.liu.post(customers, { name: '关闭标签测试公司' })).json;
  await b.next((m) => m.type === 'record_changed' && m.data.id === rec.id, 1000);
  assert.equal(a.messages.filter((m) => m.data?.id === rec.id).length, 0);
});

test('a cookie-authenticated socket from another origin is refused', async () => {
  const login =
    await new Client(server.baseUrl).post('/api/v1/auth/login', { login: PEOPLE.liu, password: 'Demo@2026' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  assert.ok(cookie.includes('='), 'login sets a session cookie');
  await assert.rejects(
    openSocket(server.baseUrl, { headers: { Cookie: cookie, Origin: 'https://evil.example' } }),
    (e) => e.status === 403,
  );
  const host = new URL(server.baseUrl).host;
  const ok = await openSocket(server.baseUrl, { headers: { Cookie: cookie, Origin: `http://${host}` } });
  sockets.push(ok);
  await ok.next((m) => m.type === 'ready');
});

// Every notification a socket was told about, one by one or in `notifications` summaries, and
// every record it heard had changed (record_changed, or the ids of a records_changed summary).
function tally(ws) {
  let notifications = 0;
  let unread = null;
  const changed = new Set();
  for (const m of ws.messages) {
    if (m.type === 'notification') {
      notifications += 1;
      unread = m.data.unread_count;
    } else if (m.type === 'notifications') {
      notifications += m.data.count;
      unread = m.data.unread_count;
    } else if (m.type === 'record_changed') {
      changed.add(`${m.data.object}:${m.data.id}`);
    } else if (m.type === 'records_changed') {
      for (const g of m.data.groups) for (const id of g.ids) changed.add(`${g.object}:${id}`);
    }
  }
  return { notifications, unread, changed };
}

test('a burst of 3,000 assignments to one person reaches her reading tabs whole, as few messages', async () => {
  const BURST = 3000;
  const ids = [];
  for (let i = 0; i < BURST; i += 25) {
    const batch = [];
    for (let j = i; j < Math.min(i + 25, BURST); j++) {
      batch.push(as.admin.post(customers, { name: `批量推送测试${j}`, owner_id: as.admin.userId }));
    }
    for (const r of await Promise.all(batch)) {
      assert.equal(r.status, 201, r.text);
      ids.push(r.json.id);
    }
  }
  const unreadBefore = (await as.zhao.get('/api/v1/notifications/unread-count')).json.count;
  const tabs = [await socketOf(as.zhao), await socketOf(as.zhao)];
  for (let i = 0; i < ids.length; i += 1000) {
    const res = await as.admin.post('/api/v1/objects/customer/transfer', { ids: ids.slice(i, i + 1000), to_user_id: as.zhao.userId });
    assert.equal(res.status, 200, res.text);
  }
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline && tabs.some((t) => tally(t).notifications < BURST)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const unreadAfter = (await as.zhao.get('/api/v1/notifications/unread-count')).json.count;
  assert.equal(unreadAfter, unreadBefore + BURST);
  for (const tab of tabs) {
    assert.equal(tab.isClosed, false, 'a reading tab is not dropped');
    const t = tally(tab);
    assert.equal(t.notifications, BURST, 'every assignment is counted');
    assert.equal(t.unread, unreadAfter, 'the last message carries the bell count');
    for (const id of ids) assert.ok(t.changed.has(`customer:${id}`), `change of customer ${id} announced`);
    // Coalesced: far fewer messages than the 6,000 events.
    assert.ok(tab.messages.length < 600, `${tab.messages.length} messages`);
  }
  const summary = tabs[0].ofType('notifications')[0];
  assert.ok(summary, 'the burst came as summaries');
  assert.ok(summary.data.latest.length > 0 && summary.data.latest.length <= 8);
  assert.equal(summary.data.latest[0].kind, 'record.assigned');
  assert.ok(summary.data.latest[0].title_en, 'both languages, like a single push');
});

test('a tab that stops reading is dropped once its send queue is over the bound; the others keep going', async () => {
  const reading = await socketOf(as.sun);
  const stalled = await socketOf(as.sun);
  stalled.socket.pause();
  // It keeps sending pings but reads none of the answers: the server's pongs pile up behind the
  // kernel's buffers, then in its bounded queue, until the server gives up on it.
  const ping = JSON.stringify({ type: 'ping' });
  const deadline = Date.now() + 60000;
  let sent = 0;
  while (!stalled.isClosed && Date.now() < deadline) {
    for (let i = 0; i < 2000 && !stalled.socket.destroyed; i++) stalled.send(ping);
    sent += 2000;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.equal(stalled.isClosed, true, `still open after ${sent} unanswered pings`);
  const rec = (await as.sun.post(customers, { name: '慢客户端测试公司' })).json;
  await reading.next((m) => m.type === 'record_changed' && m.data.id === rec.id, 2000);
  assert.equal(reading.isClosed, false);
});
