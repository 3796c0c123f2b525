// Public pools (公海, issue 7): pools open to chosen departments, the claim limit, the race of two
// people claiming one customer (exactly one wins), return with a dictionary reason, the cooldown
// before a former owner may claim again, assignment, pool visibility through the records engine,
// and the daily auto-return job with its advance notice — with the server's clock moved
// (--test-clock), not slept.
//
// One enterprise, built through the org API:
//   root ─┬─ 公海一部 (D1): a1, a2 (sales), mgr (sales manager), racers r0…r9 (sales)
//         │    └─ 公海一部北区 (D1a): a3 (sales) — a pool open to D1 is open to D1a too
//         └─ 公海二部 (D2): b1 (sales)
// Pools: 「公海」 (created with the enterprise, open to all), 「一部公海」 (D1 only: limit 2, cooldown
// 3 days), 「二部公海」 (D2 only: auto-return after 2 days without a follow-up, notice 1 day ahead).
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {addUser, roleIdsByCode, rootOf} from './lib/org.mjs';
import {mustCreate} from './lib/records.mjs';
import {advanceClock, registerEnterprise, signIn, startServer} from './lib/server.mjs';

const PASSWORD = 'Welcome2026x';
const ADMIN_PASSWORD = 'Passw0rd!2026';
const DAY = 86400;

let server;
let admin;
const people = {};
const depts = {};
const pools = {};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assertError(res, status, code) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status} ${res.text}`);
  assert.equal(res.json?.error?.code, code, res.text);
  assert.ok(res.json.error.message, 'a message for people');
}

/** Moves the server's clock; the admin console then asks for the password again. */
async function advance(seconds) {
  await advanceClock(admin, seconds, ADMIN_PASSWORD);
}

async function waitFor(what, check, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A customer owned by `owner` (created by that person). */
async function customerOf(owner, name) { return mustCreate(owner, '/api/v1/objects/customer/records', { name }); }

async function returnToPool(owner, id, poolId, reason = 'no_need') {
  const res = await owner.post(`/api/v1/objects/customer/records/${id}/return`, { pool_id: poolId, reason });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

before(async () => {
  server = await startServer({ args: ['--test-clock'] });
  ({ client: admin } =
      await registerEnterprise(server.baseUrl, { company: '公海测试有限公司', password: ADMIN_PASSWORD }));
  const roles = await roleIdsByCode(admin);
  const root = await rootOf(admin);
  depts.d1 = await mustCreate(admin, '/api/v1/departments', { name: '公海一部', parent_id: root.id });
  depts.d1a = await mustCreate(admin, '/api/v1/departments', { name: '公海一部北区', parent_id: depts.d1.id });
  depts.d2 = await mustCreate(admin, '/api/v1/departments', { name: '公海二部', parent_id: root.id });
  const makeUser = async (key, name, dept, role) => {
    const user = await addUser(admin, { name, dept, roleIds: [roles[role]], password: PASSWORD });
    people[key] = await signIn(server.baseUrl, user.phone, PASSWORD);
    people[key].user = user;
  };
  await makeUser('a1', '一部甲', depts.d1, 'sales');
  await makeUser('a2', '一部乙', depts.d1, 'sales');
  await makeUser('a3', '北区丙', depts.d1a, 'sales');
  await makeUser('mgr', '一部经理', depts.d1, 'sales_manager');
  await makeUser('b1', '二部丁', depts.d2, 'sales');
  await Promise.all(Array.from({ length: 10 }, (_, i) => makeUser(`r${i}`, `抢单${i}`, depts.d1, 'sales')));

  pools.all = (await admin.get('/api/v1/pools')).json.records.find((p) => p.name === '公海');
  pools.d1 = await mustCreate(admin, '/api/v1/pools', {
    name: '一部公海',
    department_ids: [depts.d1.id],
    claim_limit: 2,
    cooldown_days: 3,
  });
  pools.d2 = await mustCreate(admin, '/api/v1/pools', {
    name: '二部公海',
    department_ids: [depts.d2.id],
    no_followup_days: 2,
    notice_days: 1,
  });
});

after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

test('every enterprise starts with the pool 「公海」 open to all; pools are listed by who may use them', async () => {
  assert.ok(pools.all, 'registration created the pool');
  assert.equal(pools.all.all_departments, true);
  const names = async (c) => (await c.get('/api/v1/pools')).json.records.map((p) => p.name).sort();
  assert.deepEqual(await names(people.a1), ['一部公海', '公海'].sort());
  assert.deepEqual(await names(people.a3), ['一部公海', '公海'].sort(), 'open to the departments below D1');
  assert.deepEqual(await names(people.b1), ['二部公海', '公海'].sort());
  assert.deepEqual(await names(admin), ['一部公海', '二部公海', '公海'].sort());
  assertError(await people.b1.get(`/api/v1/pools/${pools.d1.id}`), 404, 'not_found');
  assert.equal((await people.a1.get(`/api/v1/pools/${pools.d1.id}`)).json.claim_limit, 2);
});

test('pool settings are validated and only administrators change them', async () => {
  assertError(await people.a1.post('/api/v1/pools', { name: 'x', all_departments: true }), 403, 'forbidden');
  assertError(await people.mgr.patch(`/api/v1/pools/${pools.d1.id}`, { claim_limit: 9 }), 403, 'forbidden');
  let res = await admin.post('/api/v1/pools', { department_ids: [depts.d1.id] });
  assertError(res, 422, 'validation_failed');
  assert.ok(res.json.error.details.some((d) => d.field === 'name'));
  res = await admin.post('/api/v1/pools', { name: '坏公海', department_ids: [999999] });
  assertError(res, 422, 'validation_failed');
  assert.ok(res.json.error.details.some((d) => d.field === 'department_ids'));
  res =
    await admin.post('/api/v1/pools', { name: '坏公海', all_departments: true, claim_limit: -1, no_deal_days: 'x' });
  assertError(res, 422, 'validation_failed');
  assert.deepEqual(res.json.error.details.map((d) => d.field).sort(), ['claim_limit', 'no_deal_days']);
  res = await admin.post('/api/v1/pools', { name: '没有部门' });
  assertError(res, 422, 'validation_failed');
  res = await admin.post('/api/v1/pools', { name: '坏公海', all_departments: true, surprise: 1 });
  assertError(res, 422, 'validation_failed');
  assertError(await admin.request('POST', '/api/v1/pools', { body: '{"name":' }), 400, 'bad_request');
  assertError(await admin.patch('/api/v1/pools/999999', { name: 'x' }), 404, 'not_found');

  const temp = await mustCreate(admin, '/api/v1/pools', { name: '临时公海', all_departments: true, enabled: false });
  const patched = await admin.patch(`/api/v1/pools/${temp.id}`, { name: '临时公海二', no_deal_days: 30 });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.name, '临时公海二');
  assert.equal(patched.json.no_deal_days, 30);
  assert.equal(patched.json.enabled, false);
  assert.ok(
    !(await people.a1.get('/api/v1/pools')).json.records.some((p) => p.id === temp.id), 'disabled pools are hidden');
  assert.equal((await admin.delete(`/api/v1/pools/${temp.id}`)).status, 204);
  assertError(await admin.get(`/api/v1/pools/${temp.id}`), 404, 'not_found');
});

test('return to a pool: owner empty, previous owner hidden from non-admins, history shows the move', async () => {
  const c = await customerOf(people.a1, '公海退回测试客户');
  assertError(
    await people.a1.post(`/api/v1/objects/customer/records/${c.id}/return`, { pool_id: pools.d1.id }),
    422,
    'validation_failed',
  );
  let res =
    await people.a1.post(`/api/v1/objects/customer/records/${c.id}/return`, { pool_id: pools.d1.id, reason: 'bogus' });
  assertError(res, 422, 'validation_failed');
  assert.equal(res.json.error.details[0].field, 'reason');
  assertError(
    await people.a1.post(
      `/api/v1/objects/customer/records/${c.id}/return`, { pool_id: pools.d2.id, reason: 'no_need' }),
    422,
    'validation_failed',
  );
  // Someone who cannot see the customer cannot return it.
  assertError(
    await people.a2.post(
      `/api/v1/objects/customer/records/${c.id}/return`, { pool_id: pools.d1.id, reason: 'no_need' }),
    404,
    'not_found',
  );
  // The reasons are a picklist of the data dictionary.
  const reasons = await admin.get('/api/v1/meta/picklists/pool_return_reason');
  assert.equal(reasons.status, 200, reasons.text);

  await returnToPool(people.a1, c.id, pools.d1.id, 'no_contact');
  // Once in the pool it is nobody's: the former owner reads it as a pool member but may not move it.
  assertError(
    await people.a1.post(
      `/api/v1/objects/customer/records/${c.id}/return`, { pool_id: pools.d1.id, reason: 'no_need' }),
    403,
    'forbidden',
  );
  assertError(
    await admin.post(`/api/v1/objects/customer/records/${c.id}/return`, { pool_id: pools.d1.id, reason: 'no_need' }),
    409,
    'conflict',
  );

  const asAdmin = (await admin.get(`/api/v1/objects/customer/records/${c.id}`)).json;
  assert.equal(asAdmin.owner_id, null);
  assert.equal(Number(asAdmin.pool_id), pools.d1.id);
  assert.equal(asAdmin.previous_owner_id, people.a1.userId);
  assert.equal(asAdmin.return_reason, 'no_contact');
  assert.ok(asAdmin.returned_at);
  assert.equal(asAdmin.created_by, people.a1.userId);
  assert.equal(asAdmin.updated_by, people.a1.userId, 'the return was the former owner\'s write');
  assert.equal(asAdmin._display.pool_id, pools.d1.name, 'the pool by its name, not its number');

  // Members of the pool's departments read it through the records engine; the former owner's name
  // is not shown to them. Others do not see it at all.
  const asMember = await people.a2.get(`/api/v1/objects/customer/records/${c.id}`);
  assert.equal(asMember.status, 200, asMember.text);
  assert.equal('previous_owner_id' in asMember.json, false);
  // Nor through who created it or wrote it last (both were the former owner).
  assert.equal(asMember.json.created_by, null);
  assert.equal(asMember.json.updated_by, null);
  assert.equal(asMember.json._display.created_by, undefined);
  assert.equal(asMember.json._display.pool_id, pools.d1.name);
  assert.equal((await people.a3.get(`/api/v1/objects/customer/records/${c.id}`)).status, 200);
  assertError(await people.a2.patch(`/api/v1/objects/customer/records/${c.id}`, { remark: 'x' }), 403, 'forbidden');
  assertError(await people.b1.get(`/api/v1/objects/customer/records/${c.id}`), 404, 'not_found');
  const inList = (await people.a2.get('/api/v1/objects/customer/records?limit=200')).json.records.map((r) => r.id);
  assert.ok(inList.includes(c.id), 'the generic list agrees with get');
  const outList = (await people.b1.get('/api/v1/objects/customer/records?limit=200')).json.records.map((r) => r.id);
  assert.ok(!outList.includes(c.id));

  const page = await people.a2.get(`/api/v1/pools/${pools.d1.id}/customers?sort=-returned_at&limit=50`);
  assert.equal(page.status, 200, page.text);
  const row = page.json.records.find((r) => r.id === c.id);
  assert.ok(row, 'listed in its pool');
  assert.equal('previous_owner_id' in row, false);
  assert.equal(row.created_by, null);
  assert.equal(row.updated_by, null);
  assert.ok(page.json.total >= 1);
  const adminPage = (await admin.get(`/api/v1/pools/${pools.d1.id}/customers?limit=50`)).json.records;
  assert.equal(adminPage.find((r) => r.id === c.id).previous_owner_id, people.a1.userId);
  const searched = await people.a2.get(`/api/v1/pools/${pools.d1.id}/customers?q=${encodeURIComponent('退回测试')}`);
  assert.deepEqual(searched.json.records.map((r) => r.id), [c.id]);
  assertError(await people.b1.get(`/api/v1/pools/${pools.d1.id}/customers`), 404, 'not_found');
  assertError(await people.a2.get(`/api/v1/pools/${pools.d1.id}/customers?limit=abc`), 422, 'validation_failed');
  assertError(await admin.delete(`/api/v1/pools/${pools.d1.id}`), 409, 'conflict');

  const history = (await admin.get(`/api/v1/objects/customer/records/${c.id}/history`)).json.records;
  const fields = history.map((h) => h.field);
  for (const f of ['owner_id', 'pool_id', 'previous_owner_id', 'return_reason', 'returned_at'])
    assert.ok(fields.includes(f), f);
  const ownerChange = history.find((h) => h.field === 'owner_id');
  assert.equal(ownerChange.old_value, people.a1.userId);
  assert.equal(ownerChange.new_value, null);
  assert.equal(ownerChange.actor_id, people.a1.userId);

  // A pool member sees the move in the history and the timeline, but not who held the customer.
  const memberHistory = await people.a2.get(`/api/v1/objects/customer/records/${c.id}/history`);
  assert.equal(memberHistory.status, 200, memberHistory.text);
  const memberFields = memberHistory.json.records.map((h) => h.field);
  for (const f of ['owner_id', 'pool_id', 'returned_at']) assert.ok(memberFields.includes(f), f);
  for (const h of memberHistory.json.records.filter((x) => ['owner_id', 'previous_owner_id'].includes(x.field))) {
    assert.equal(h.old_value, null, JSON.stringify(h));
    assert.equal(h.new_value, null, JSON.stringify(h));
  }
  assert.ok(!JSON.stringify(memberHistory.json.records.filter((x) => x.field === 'owner_id')).includes(`_value":${people.a1.userId}`));
  // Nor who returned it: the former owner's entries keep their content, not their author.
  for (const h of memberHistory.json.records) assert.notEqual(h.actor_id, people.a1.userId, JSON.stringify(h));
  const timeline = await people.a2.get(`/api/v1/objects/customer/records/${c.id}/timeline?limit=200`);
  assert.equal(timeline.status, 200, timeline.text);
  const moves = timeline.json.records.filter((i) => ['owner_id', 'previous_owner_id'].includes(i.data?.field));
  assert.ok(moves.length >= 1, 'the move is on the timeline');
  for (const i of moves) {
    assert.equal(i.data.old_value, null, JSON.stringify(i));
    assert.equal(i.data.new_value, null, JSON.stringify(i));
  }
  for (const i of timeline.json.records) assert.notEqual(i.actor?.id, people.a1.userId, JSON.stringify(i));
  // Administrators still see it all on the timeline.
  const adminTimeline = (await admin.get(`/api/v1/objects/customer/records/${c.id}/timeline?limit=200`)).json.records;
  assert.equal(adminTimeline.find((i) => i.data?.field === 'owner_id').data.old_value, people.a1.userId);

  // The pool the customer went to is named in the history and on the timeline, not just numbered.
  const poolMove = memberHistory.json.records.find((h) => h.field === 'pool_id');
  assert.equal(poolMove.new_value, pools.d1.id);
  assert.equal(poolMove.new_label, pools.d1.name);
  assert.equal(poolMove.old_label, undefined, 'no pool before: nothing to name');
  const poolItem = timeline.json.records.find((i) => i.data?.field === 'pool_id');
  assert.equal(poolItem.data.new_label, pools.d1.name);
});

test('claim respects the limit per person and pool', async () => {
  const ids = [];
  for (const n of [1, 2, 3]) {
    const c = await customerOf(people.mgr, `公海上限测试${n}`);
    await returnToPool(people.mgr, c.id, pools.d1.id, 'workload');
    ids.push(c.id);
  }
  assertError(await people.a2.post(`/api/v1/pools/${pools.d1.id}/claim`, {}), 422, 'validation_failed');
  assertError(await people.a2.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: 'x' }), 422, 'validation_failed');
  let res = await people.a2.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: ids.slice(0, 3) });
  assertError(res, 422, 'validation_failed');
  assert.equal(res.json.error.details[0].code, 'claim_limit');

  res = await people.a2.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: ids.slice(0, 2) });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.claimed, ids.slice(0, 2));
  const got = (await people.a2.get(`/api/v1/objects/customer/records/${ids[0]}`)).json;
  assert.equal(got.owner_id, people.a2.userId);
  assert.equal(got.department_id, depts.d1.id);
  assert.ok(got.claimed_at);

  res = await people.a2.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: [ids[2]] });
  assertError(res, 422, 'validation_failed');
  assert.equal(res.json.error.details[0].code, 'claim_limit');
  assert.equal((await admin.get(`/api/v1/objects/customer/records/${ids[2]}`)).json.owner_id, null);

  const mine = (await people.a2.get('/api/v1/pools/mine')).json.records.find((p) => p.pool_id === pools.d1.id);
  assert.deepEqual(
    { held: mine.held, limit: mine.claim_limit, remaining: mine.remaining }, { held: 2, limit: 2, remaining: 0 });

  // Returning one makes room again.
  await returnToPool(people.a2, ids[0], pools.d1.id, 'no_need');
  res = await people.a2.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: [ids[2]] });
  assert.equal(res.status, 200, res.text);

  // Not in this pool, or a pool the caller may not use.
  assertError(await people.a1.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: [ids[1]] }), 409, 'conflict');
  assertError(await people.b1.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: [ids[0]] }), 404, 'not_found');
  assertError(await people.a1.post(`/api/v1/pools/${pools.all.id}/claim`, { ids: [ids[0]] }), 404, 'not_found');
});

test('many people claiming the same customer at once: exactly one wins', async () => {
  for (let round = 0; round < 3; round++) {
    const c = await customerOf(admin, `公海抢单测试${round}`);
    await returnToPool(admin, c.id, pools.all.id, 'other');
    const racers = Array.from({ length: 10 }, (_, i) => people[`r${i}`]);
    const results =
      await Promise.all(racers.map((r) => r.post(`/api/v1/pools/${pools.all.id}/claim`, { ids: [c.id] })));
    const statuses = results.map((r) => r.status);
    const winners = racers.filter((_, i) => statuses[i] === 200);
    assert.equal(winners.length, 1, `one winner, got ${JSON.stringify(statuses)}`);
    for (const r of results)
      if (r.status !== 200) assertError(r, 409, 'conflict');
    const got = (await admin.get(`/api/v1/objects/customer/records/${c.id}`)).json;
    assert.equal(got.owner_id, winners[0].userId);
    const ownerMoves = (await admin.get(`/api/v1/objects/customer/records/${c.id}/history`))
                         .json.records.filter(
                           (h) => h.field === 'owner_id',
                         );
    assert.equal(ownerMoves.length, 2, 'one return and one claim in the history');
  }
});

test('assign from the pool: managers may, the receiver must be served by the pool', async () => {
  const c = await customerOf(people.a1, '公海分配测试客户');
  await returnToPool(people.a1, c.id, pools.d1.id, 'other');
  assertError(
    await people.a2.post(`/api/v1/pools/${pools.d1.id}/assign`, { ids: [c.id], owner_id: people.a2.userId }),
    403,
    'forbidden',
  );
  let res = await people.mgr.post(`/api/v1/pools/${pools.d1.id}/assign`, { ids: [c.id], owner_id: people.b1.userId });
  assertError(res, 422, 'validation_failed');
  assert.equal(res.json.error.details[0].field, 'owner_id');
  assertError(await people.mgr.post(`/api/v1/pools/${pools.d1.id}/assign`, { ids: [c.id] }), 422, 'validation_failed');
  res = await people.mgr.post(`/api/v1/pools/${pools.d1.id}/assign`, { ids: [c.id], owner_id: people.a3.userId });
  assert.equal(res.status, 200, res.text);
  assert.equal((await people.a3.get(`/api/v1/objects/customer/records/${c.id}`)).json.owner_id, people.a3.userId);
  const notes = (await people.a3.get('/api/v1/notifications')).json.records;
  assert.ok(notes.some((n) => n.kind === 'pool.assigned' && n.link?.record_id === c.id), 'the receiver is told');
  // Once: the outbox dispatcher (record.assigned for owner changes) leaves pool moves to the pool.
  await sleep(1500);
  const about = (await people.a3.get('/api/v1/notifications?limit=200')).json.records.filter((n) => n.link?.record_id === c.id);
  assert.deepEqual(about.map((n) => n.kind), ['pool.assigned']);
  assertError(
    await people.mgr.post(`/api/v1/pools/${pools.d1.id}/assign`, { ids: [c.id], owner_id: people.a1.userId }),
    409,
    'conflict',
  );
});

test('cooldown: the former owner claims again only after K days', async () => {
  const c = await customerOf(people.a1, '公海冷却测试客户');
  await returnToPool(people.a1, c.id, pools.d1.id, 'no_budget');
  // a1 may hold pool customers (under the limit) but not this one yet.
  const res = await people.a1.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: [c.id] });
  assertError(res, 422, 'validation_failed');
  assert.equal(res.json.error.details[0].code, 'cooldown');
  await advance(2 * DAY);
  assertError(await people.a1.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: [c.id] }), 422, 'validation_failed');
  await advance(DAY + 60);
  const ok = await people.a1.post(`/api/v1/pools/${pools.d1.id}/claim`, { ids: [c.id] });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await people.a1.get(`/api/v1/objects/customer/records/${c.id}`)).json.owner_id, people.a1.userId);
});

test('auto-return: no follow-up for N days sends the customer back, with a notice a day ahead', async () => {
  const idle = await customerOf(people.b1, '公海自动收回测试客户');
  const busy = await customerOf(people.b1, '公海持续跟进测试客户');
  const notesOf = async (kind, id) => (await people.b1.get('/api/v1/notifications?limit=100'))
                                        .json.records.filter(
                                          (n) => n.kind === kind && n.link?.record_id === id,
                                        );

  // A day and a bit later the daily job (02:00) has run: a notice, nothing returned yet.
  await advance(DAY + 3600);
  await waitFor('the advance notice', async () => (await notesOf('pool.return_coming', idle.id)).length === 1);
  assert.equal((await admin.get(`/api/v1/objects/customer/records/${idle.id}`)).json.owner_id, people.b1.userId);
  const followup = await people.b1.post('/api/v1/objects/followup/records', {
    customer_id: busy.id,
    type: 'phone',
    content: '电话沟通需求',
  });
  assert.equal(followup.status, 201, followup.text);

  // Running it again now changes nothing and tells nobody twice.
  const again = await admin.post('/api/v1/pools/auto-return/run', {});
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.returned, 0);
  assert.equal((await notesOf('pool.return_coming', idle.id)).length, 1);

  await advance(DAY);
  const back = await waitFor('the auto-return', async () => {
    const got = (await admin.get(`/api/v1/objects/customer/records/${idle.id}`)).json;
    return got.owner_id === null ? got : null;
  });
  assert.equal(Number(back.pool_id), pools.d2.id, 'to the pool open to its owner that has the rule');
  assert.equal(back.previous_owner_id, people.b1.userId);
  assert.equal(back.return_reason, 'auto');
  await waitFor('the return notification', async () => (await notesOf('pool.auto_returned', idle.id)).length === 1);
  const kept = (await admin.get(`/api/v1/objects/customer/records/${busy.id}`)).json;
  assert.equal(kept.owner_id, people.b1.userId, 'a follow-up restarted its clock');
  const history = (await admin.get(`/api/v1/objects/customer/records/${idle.id}/history`)).json.records;
  const move = history.find((h) => h.field === 'owner_id');
  assert.equal(move.actor_id, null, 'moved by the system');

  assertError(await people.b1.post('/api/v1/pools/auto-return/run', {}), 403, 'forbidden');
  // b1 sees it in the pool now, without knowing it was theirs.
  const page = (await people.b1.get(`/api/v1/pools/${pools.d2.id}/customers`)).json.records;
  assert.ok(page.some((r) => r.id === idle.id));
});
