// Field security and organization changes as the records engine sees them (issue 4,
// ARCHITECTURE.md "Permissions"), against the real server:
//   - a read-only field is shown but cannot be written (create or update);
//   - a hidden field (standard or custom) never shows: get, list, query, keyword search, `_display`,
//     history, export; it cannot be filtered, sorted or selected on, nor written;
//   - role changes (PATCH /roles/{id}), supervisor-chain changes, another role, another department
//     take effect on the very next request;
//   - a disabled user's existing token gets 401 on the records endpoints too (org.test.mjs covers
//     /me and sign-in).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, roleIdsByCode, rootOf } from './lib/org.mjs';
import { mustCreate } from './lib/records.mjs';
import { parseCsv as parseCsvRows } from './lib/xlsx.mjs';
import { startServer, Client, registerEnterprise, signIn as signInAt } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

const PASSWORD = 'Welcome2026x';
const customers = '/api/v1/objects/customer/records';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- helpers -------------------------------------------------------------------------------------

const signIn = (login) => signInAt(server.baseUrl, login, PASSWORD);

async function org(admin) {
  const roles = await roleIdsByCode(admin);
  const root = await rootOf(admin);
  const d1 = await mustCreate(admin, '/api/v1/departments', { name: '一部', parent_id: root.id });
  const d2 = await mustCreate(admin, '/api/v1/departments', { name: '二部', parent_id: root.id });
  const makeUser = async (name, dept, roleIds, supervisorId = null) => {
    const user = await addUser(admin, { name, dept, roleIds, password: PASSWORD, supervisorId });
    user.session = await signIn(user.phone);
    return user;
  };
  return { roles, root, d1, d2, makeUser };
}

function detailsOf(res) {
  return (res.json?.error?.details ?? []).map((d) => `${d.field}:${d.code}`);
}

// The server writes every cell quoted where needed; blank lines are not rows.
const parseCsv = (text) => parseCsvRows(text).filter((r) => !(r.length === 1 && r[0] === ''));

/** An export to the contract: POST …/export → 202 job → poll GET /jobs/{id} → GET /jobs/{id}/file. */
async function exportCsv(client, object, body = { format: 'csv' }) {
  const start = await client.post(`/api/v1/objects/${object}/export`, body);
  assert.equal(start.status, 202, `export: ${start.text}`);
  assert.equal(start.json.kind, 'export');
  let job = start.json;
  const deadline = Date.now() + 30000;
  while (job.status !== 'done' && job.status !== 'failed' && Date.now() < deadline) {
    await sleep(100);
    const poll = await client.get(`/api/v1/jobs/${start.json.id}`);
    assert.equal(poll.status, 200, poll.text);
    job = poll.json;
  }
  assert.equal(job.status, 'done', JSON.stringify(job));
  const file = await client.get(`/api/v1/jobs/${start.json.id}/file`);
  assert.equal(file.status, 200, file.text);
  return { text: file.text, rows: parseCsv(file.text) };
}

// ---- read-only and hidden fields -----------------------------------------------------------------

test('field security: read_only is shown but not writable; hidden never shows, filters, sorts or writes anywhere', async (t) => {
  const { client: admin } = await registerEnterprise(server.baseUrl, { company: '字段安全测试有限公司' });
  const { d1, makeUser } = await org(admin);

  // A custom field too: hidden custom fields must behave like hidden standard ones.
  const secretField = await mustCreate(admin, '/api/v1/meta/objects/customer/fields', { label: '内部评级', label_en: 'Internal grade', type: 'text' });
  const SECRET = secretField.name;

  const role = await mustCreate(admin, '/api/v1/roles', {
    name: '字段测试角色',
    permissions: {
      objects: { customer: { create: true, read: 'all', update: 'all', delete: 'none', export: true } },
      fields: { customer: { phone: 'read_only' } },
    },
  });
  const f = await makeUser('字段测试员', d1, [role.id]);
  const PHONE = '0571-86427531';
  const SECRET_VALUE = '绝密甲等评级';
  const k = await mustCreate(admin, customers, { name: '字段安全甲公司', phone: PHONE, [SECRET]: SECRET_VALUE });

  // read_only: seen, not writable.
  let got = await f.session.get(`${customers}/${k.id}`);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.json.phone, PHONE, 'a read-only field is shown');
  const meta = await f.session.get('/api/v1/meta/objects/customer');
  assert.equal(meta.json.fields.find((x) => x.name === 'phone').read_only, true, 'metadata marks it read-only');
  let res = await f.session.patch(`${customers}/${k.id}`, { phone: '0571-80000000' });
  assert.equal(res.status, 422, res.text);
  assert.deepEqual(detailsOf(res), ['phone:read_only']);
  res = await f.session.patch(`${customers}/${k.id}`, { phone: '0571-80000000', remark: '可以改备注' });
  assert.equal(res.status, 422, 'nothing is written when one field is refused');
  assert.equal((await admin.get(`${customers}/${k.id}`)).json.remark, null);
  res = await f.session.post(customers, { name: '只读字段新建', phone: '0571-80000000' });
  assert.equal(res.status, 422, res.text);
  assert.deepEqual(detailsOf(res), ['phone:read_only']);
  res = await f.session.patch(`${customers}/${k.id}`, { remark: '可以改备注' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.phone, PHONE);
  // (Exports are subtests: they report on their own while the export feature is being built.)
  await t.test('export shows a read-only field', async () => {
    const ro = await exportCsv(f.session, 'customer');
    assert.ok(ro.rows[0].includes('电话'), `a read-only field is exported: ${ro.rows[0]}`);
    assert.ok(ro.text.includes(PHONE), 'with its value');
  });

  // History to check later: the administrator changes both fields (old and new values recorded).
  const NEW_PHONE = '0571-86427532';
  const NEW_SECRET = '绝密乙等评级';
  res = await admin.patch(`${customers}/${k.id}`, { phone: NEW_PHONE, [SECRET]: NEW_SECRET, short_name: '甲公司' });
  assert.equal(res.status, 200, res.text);
  const adminHistory = await admin.get(`${customers}/${k.id}/history`);
  assert.deepEqual(new Set(adminHistory.json.records.map((h) => h.field)), new Set(['phone', SECRET, 'short_name', 'remark']));

  // Hide both; the very next request obeys.
  res = await admin.patch(`/api/v1/roles/${role.id}`, {
    permissions: {
      objects: { customer: { create: true, read: 'all', update: 'all', delete: 'none', export: true } },
      fields: { customer: { phone: 'hidden', [SECRET]: 'hidden' } },
    },
  });
  assert.equal(res.status, 200, res.text);
  const leaks = (text) => [PHONE, NEW_PHONE, '057186427531', '86427532', SECRET_VALUE, NEW_SECRET].filter((v) => text.includes(v));
  const assertNoHidden = (rec, where) => {
    for (const field of ['phone', SECRET]) {
      assert.ok(!(field in rec), `${where}: ${field} is hidden but present`);
      assert.ok(!(field in (rec._display ?? {})), `${where}: _display.${field} is hidden but present`);
    }
  };

  got = await f.session.get(`${customers}/${k.id}`);
  assert.equal(got.status, 200);
  assertNoHidden(got.json, 'get');
  assert.deepEqual(leaks(got.text), [], 'get');
  assert.equal(got.json.short_name, '甲公司', 'other fields still show');

  const list = await f.session.get(`${customers}?limit=200`);
  assert.equal(list.status, 200);
  assert.equal(list.json.total, 1);
  for (const r of list.json.records) assertNoHidden(r, 'list');
  assert.deepEqual(leaks(list.text), [], 'list');

  const query = await f.session.post('/api/v1/objects/customer/query', { limit: 200 });
  for (const r of query.json.records) assertNoHidden(r, 'query');
  assert.deepEqual(leaks(query.text), [], 'query');

  const described = await f.session.get('/api/v1/meta/objects/customer');
  assert.ok(!described.json.fields.some((x) => x.name === 'phone' || x.name === SECRET), 'metadata does not list hidden fields');

  // Filtering, sorting or selecting on a hidden field reveals nothing: it is an unknown field.
  for (const [field, value] of [['phone', NEW_PHONE], [SECRET, NEW_SECRET]]) {
    for (const op of ['eq', 'contains', 'starts_with', 'not_null']) {
      res = await f.session.post('/api/v1/objects/customer/query', { filter: { field, op, value } });
      assert.equal(res.status, 422, `filter ${field} ${op}: ${res.status} ${res.text}`);
      assert.deepEqual(detailsOf(res), ['filter:unknown_field'], `filter ${field} ${op}`);
    }
    res = await f.session.get(`${customers}?filter=${encodeURIComponent(JSON.stringify({ field, op: 'eq', value }))}`);
    assert.equal(res.status, 422, `GET filter ${field}: ${res.text}`);
    res = await f.session.post('/api/v1/objects/customer/query', { sort: [{ field, dir: 'asc' }] });
    assert.equal(res.status, 422, `sort ${field}: ${res.text}`);
    res = await f.session.get(`${customers}?sort=-${field}`);
    assert.equal(res.status, 422, `GET sort ${field}: ${res.text}`);
    res = await f.session.post('/api/v1/objects/customer/query', { fields: ['name', field] });
    assert.equal(res.status, 422, `fields ${field}: ${res.text}`);
    res = await f.session.get(`${customers}?fields=name,${field}`);
    assert.equal(res.status, 422, `GET fields ${field}: ${res.text}`);
  }
  // A hidden field answers exactly like one that does not exist.
  const missing = await f.session.post('/api/v1/objects/customer/query', { filter: { field: 'no_such_field', op: 'eq', value: 'x' } });
  assert.deepEqual(detailsOf(missing), ['filter:unknown_field']);

  // Keyword search must not match on hidden values: finding the record by its hidden phone
  // number or hidden grade tells the caller what they are.
  await t.test('keyword search does not match hidden values', async () => {
    const found = [];
    for (const q of ['86427532', '057186427532', NEW_PHONE, '乙等评级', '乙等']) {
      const s1 = await f.session.post('/api/v1/objects/customer/query', { q });
      assert.equal(s1.status, 200, s1.text);
      const s2 = await f.session.get(`${customers}?q=${encodeURIComponent(q)}`);
      if (s1.json.records.length || s1.json.total || s2.json.total) found.push(q);
    }
    assert.deepEqual(found, [], 'these keywords find the record through a hidden field (a leak)');
  });
  // … while visible fields are still searched.
  assert.equal((await f.session.post('/api/v1/objects/customer/query', { q: '字段安全甲' })).json.total, 1);

  // History: changes to hidden fields are not shown, old or new.
  const hist = await f.session.get(`${customers}/${k.id}/history`);
  assert.equal(hist.status, 200);
  assert.deepEqual(hist.json.records.map((h) => h.field).sort(), ['remark', 'short_name']);
  assert.deepEqual(leaks(hist.text), [], 'history');
  const timeline = await f.session.get(`${customers}/${k.id}/timeline`);
  assert.equal(timeline.status, 200, timeline.text);
  assert.deepEqual(leaks(timeline.text), [], 'the timeline shows no hidden values either');
  assert.ok(!timeline.text.includes('内部评级'), 'nor names the hidden custom field');

  // Writes: a hidden field does not exist for the caller.
  res = await f.session.patch(`${customers}/${k.id}`, { phone: '0571-80000000' });
  assert.equal(res.status, 422);
  assert.deepEqual(detailsOf(res), ['phone:unknown_field']);
  res = await f.session.patch(`${customers}/${k.id}`, { [SECRET]: '改写' });
  assert.deepEqual(detailsOf(res), [`${SECRET}:unknown_field`]);
  res = await f.session.post(customers, { name: '隐藏字段新建', phone: '0571-80000000' });
  assert.deepEqual(detailsOf(res), ['phone:unknown_field']);
  // An update of a visible field answers without the hidden ones, and leaves them alone.
  res = await f.session.patch(`${customers}/${k.id}`, { short_name: '甲' });
  assert.equal(res.status, 200, res.text);
  assertNoHidden(res.json, 'update answer');
  const created = await f.session.post(customers, { name: '隐藏字段新建' });
  assert.equal(created.status, 201, created.text);
  assertNoHidden(created.json, 'create answer');
  const adminView = await admin.get(`${customers}/${k.id}`);
  assert.equal(adminView.json.phone, NEW_PHONE);
  assert.equal(adminView.json[SECRET], NEW_SECRET);

  // Export: neither the columns nor the values.
  await t.test('export has neither the hidden columns nor their values', async () => {
    const hidden = await exportCsv(f.session, 'customer');
    assert.ok(!hidden.rows[0].includes('电话'), `export header has the hidden phone: ${hidden.rows[0]}`);
    assert.ok(!hidden.rows[0].includes('内部评级'), `export header has the hidden custom field: ${hidden.rows[0]}`);
    assert.deepEqual(leaks(hidden.text), [], 'export');
    assert.equal(hidden.rows.length - 1, 2, 'every readable record is exported');
    // Filtering an export on a hidden field: refused up front (422), or the job fails — never a file.
    const filtered = await f.session.post('/api/v1/objects/customer/export', { format: 'csv', filter: { field: 'phone', op: 'eq', value: NEW_PHONE } });
    if (filtered.status === 202) {
      let job = filtered.json;
      for (let i = 0; i < 300 && job.status !== 'done' && job.status !== 'failed'; i++) {
        await sleep(100);
        job = (await f.session.get(`/api/v1/jobs/${filtered.json.id}`)).json;
      }
      assert.equal(job.status, 'failed', `an export filtered on a hidden field must fail: ${JSON.stringify(job)}`);
      assert.notEqual((await f.session.get(`/api/v1/jobs/${filtered.json.id}/file`)).status, 200);
    } else {
      assert.equal(filtered.status, 422, `an export filtered on a hidden field: ${filtered.status} ${filtered.text}`);
    }
    const searched = await exportCsv(f.session, 'customer', { format: 'csv', q: '86427532' });
    assert.equal(searched.rows.length - 1, 0, 'an export searched by a hidden value finds nothing');
  });

  // A second role about other objects only has no say on customer fields: still hidden.
  const contractsOnly = await mustCreate(admin, '/api/v1/roles', {
    name: '合同专员',
    permissions: { objects: { contract: { create: true, read: 'self', update: 'self' } } },
  });
  res = await admin.patch(`/api/v1/users/${f.id}`, { role_ids: [role.id, contractsOnly.id] });
  assert.equal(res.status, 200, res.text);
  got = await f.session.get(`${customers}/${k.id}`);
  assertNoHidden(got.json, 'get with an unrelated second role');
  assert.deepEqual(leaks(got.text), [], 'an unrelated second role must not un-hide customer fields');
  assert.equal((await f.session.get('/api/v1/me')).json.permissions.fields.customer?.phone, 'hidden', '/me agrees');

  // A second role that sees customers and does not restrict the field gives it back (roles only
  // add access), at once.
  const sales = (await admin.get('/api/v1/roles')).json.records.find((r) => r.code === 'sales');
  res = await admin.patch(`/api/v1/users/${f.id}`, { role_ids: [role.id, sales.id] });
  assert.equal(res.status, 200, res.text);
  got = await f.session.get(`${customers}/${k.id}`);
  assert.equal(got.json.phone, NEW_PHONE, 'another role that leaves phone alone makes it visible');
  res = await admin.patch(`/api/v1/users/${f.id}`, { role_ids: [role.id] });
  assert.ok(!('phone' in (await f.session.get(`${customers}/${k.id}`)).json), 'and taking it away hides it again');

  // Back to no field rules: visible and writable on the next request.
  res = await admin.patch(`/api/v1/roles/${role.id}`, {
    permissions: { objects: { customer: { create: true, read: 'all', update: 'all', delete: 'none', export: true } } },
  });
  assert.equal(res.status, 200);
  got = await f.session.get(`${customers}/${k.id}`);
  assert.equal(got.json.phone, NEW_PHONE);
  assert.equal(got.json[SECRET], NEW_SECRET);
  res = await f.session.patch(`${customers}/${k.id}`, { phone: '0571-80000001' });
  assert.equal(res.status, 200, res.text);
});

test('role changes take effect on the next request: scopes, function permissions, export', async (t) => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  const { d1, d2, makeUser } = await org(admin);
  const role = await mustCreate(admin, '/api/v1/roles', {
    name: '范围测试角色',
    permissions: { objects: { customer: { create: true, read: 'all', update: 'all', delete: 'all', export: true } } },
  });
  const u = await makeUser('范围测试员', d1, [role.id]);
  const peer = await makeUser('同部门', d1, []);
  const far = await makeUser('外部门', d2, []);
  const mine = await mustCreate(admin, customers, { name: '范围自己的', owner_id: u.id });
  const peers = await mustCreate(admin, customers, { name: '范围同部门的', owner_id: peer.id });
  const fars = await mustCreate(admin, customers, { name: '范围外部门的', owner_id: far.id });
  const total = async () => (await u.session.get(`${customers}?limit=200`)).json.total;
  const status = async (rec) => (await u.session.get(`${customers}/${rec.id}`)).status;

  assert.equal(await total(), 3);
  const setCustomer = async (grant) => {
    const res = await admin.patch(`/api/v1/roles/${role.id}`, { permissions: { objects: { customer: grant } } });
    assert.equal(res.status, 200, res.text);
  };
  await setCustomer({ create: true, read: 'department', update: 'self', delete: 'none', export: false });
  assert.equal(await total(), 2);
  assert.deepEqual([await status(mine), await status(peers), await status(fars)], [200, 200, 404]);
  assert.equal((await u.session.patch(`${customers}/${peers.id}`, { remark: 'x' })).status, 403, 'readable, not writable');
  assert.equal((await u.session.patch(`${customers}/${mine.id}`, { remark: 'x' })).status, 200);
  assert.equal((await u.session.delete(`${customers}/${mine.id}`)).status, 403);
  await t.test('export without the export permission → 403', async () => {
    const ex = await u.session.post('/api/v1/objects/customer/export', { format: 'csv' });
    assert.equal(ex.status, 403, `export without the export permission: ${ex.text}`);
  });
  const me = await u.session.get('/api/v1/me');
  assert.equal(me.json.permissions.objects.customer.read, 'department', '/me shows the new grant');

  await setCustomer({ create: false, read: 'self', update: 'none', delete: 'none' });
  assert.equal(await total(), 1);
  assert.equal((await u.session.post(customers, { name: '不许新建' })).status, 403);
  assert.equal((await u.session.patch(`${customers}/${mine.id}`, { remark: 'y' })).status, 403);

  await setCustomer({ read: 'none' });
  assert.equal(await total(), 0);
  assert.deepEqual([await status(mine), await status(peers), await status(fars)], [404, 404, 404]);
  assert.equal((await u.session.post('/api/v1/objects/customer/query', { q: '范围' })).json.total, 0);
});

// ---- the organization changes under the data scopes ----------------------------------------------

test('supervisor-chain changes take effect at once, both ways and through the chain', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  const { roles, d1, d2, makeUser } = await org(admin);
  const sales = [roles.sales];
  const m1 = await makeUser('上级甲', d1, sales);
  const m2 = await makeUser('上级乙', d1, sales);
  const top = await makeUser('上级丙', d1, sales);
  const w = await makeUser('下属', d2, sales, m1.id);
  const rec = await mustCreate(admin, customers, { name: '下属的客户', owner_id: w.id });
  const lead = await mustCreate(admin, '/api/v1/objects/lead/records', { name: '下属的线索', owner_id: w.id });
  const sees = async (who) => {
    const get = (await who.session.get(`${customers}/${rec.id}`)).status;
    const count = (await who.session.get(`${customers}?limit=200`)).json.total;
    const search = (await who.session.post('/api/v1/objects/customer/query', { q: '下属的客户' })).json.total;
    const leadGet = (await who.session.get(`/api/v1/objects/lead/records/${lead.id}`)).status;
    return { get, count, search, leadGet };
  };
  const yes = { get: 200, count: 1, search: 1, leadGet: 200 };
  const no = { get: 404, count: 0, search: 0, leadGet: 404 };

  assert.deepEqual(await sees(m1), yes, 'the supervisor sees');
  assert.deepEqual(await sees(m2), no);
  assert.equal((await m1.session.patch(`${customers}/${rec.id}`, { remark: '上级改' })).status, 200, 'and edits (self scope covers subordinates)');

  let res = await admin.patch(`/api/v1/users/${w.id}`, { supervisor_id: m2.id });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(await sees(m2), yes, 'the new supervisor sees at once');
  assert.deepEqual(await sees(m1), no, 'the old one no longer does');
  assert.equal((await m1.session.patch(`${customers}/${rec.id}`, { remark: 'x' })).status, 404);

  // Through the chain: m2 now reports to top, so top sees m2's subordinate's records.
  assert.deepEqual(await sees(top), no);
  res = await admin.patch(`/api/v1/users/${m2.id}`, { supervisor_id: top.id });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(await sees(top), yes, 'the supervisor’s supervisor sees');
  res = await admin.patch(`/api/v1/users/${m2.id}`, { supervisor_id: null });
  assert.deepEqual(await sees(top), no, 'cutting the chain in the middle cuts it for everyone above');
  assert.deepEqual(await sees(m2), yes);

  res = await admin.patch(`/api/v1/users/${w.id}`, { supervisor_id: null });
  assert.deepEqual(await sees(m2), no, 'no supervisor: nobody but the owner (and the scopes)');
  assert.deepEqual(await sees(w), yes);
});

test('another role or another department is seen on the next request', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  const { roles, d1, d2, makeUser } = await org(admin);
  const g = await makeUser('调岗员工', d1, [roles.sales]);
  const h = await makeUser('一部同事', d1, [roles.sales]);
  const j = await makeUser('二部同事', d2, [roles.sales]);
  const inD1 = await mustCreate(admin, customers, { name: '一部的客户', owner_id: h.id });
  const inD2 = await mustCreate(admin, customers, { name: '二部的客户', owner_id: j.id });
  const status = async (rec) => (await g.session.get(`${customers}/${rec.id}`)).status;

  assert.deepEqual([await status(inD1), await status(inD2)], [404, 404], 'sales: only their own');
  let res = await admin.patch(`/api/v1/users/${g.id}`, { role_ids: [roles.sales_manager] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([await status(inD1), await status(inD2)], [200, 404], 'sales manager: the department tree, at once');
  assert.deepEqual((await g.session.get('/api/v1/me')).json.roles.map((r) => r.code), ['sales_manager']);
  assert.equal((await g.session.get(`${customers}?limit=200`)).json.total, 1);

  res = await admin.patch(`/api/v1/users/${g.id}`, { department_ids: [d2.id], main_department_id: d2.id });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.department_ids, [d2.id]);
  assert.deepEqual([await status(inD1), await status(inD2)], [404, 200], 'moved to 二部: sees 二部, no longer 一部');
  assert.equal((await g.session.post('/api/v1/objects/customer/query', { q: '的客户' })).json.total, 1);

  const newOne = await g.session.post(customers, { name: '调岗后新建' });
  assert.equal(newOne.status, 201, newOne.text);

  // Member of both departments: sees both.
  res = await admin.patch(`/api/v1/users/${g.id}`, { department_ids: [d1.id, d2.id] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([await status(inD1), await status(inD2)], [200, 200], 'in both departments: both');

  // No role at all: nothing, not even their own.
  res = await admin.patch(`/api/v1/users/${g.id}`, { role_ids: [] });
  assert.equal(res.status, 200, res.text);
  assert.equal((await g.session.get(`${customers}/${newOne.json.id}`)).status, 404, 'no role: not even their own');
  assert.equal((await g.session.get(`${customers}?limit=200`)).json.total, 0);
  assert.equal((await g.session.post(customers, { name: '无角色新建' })).status, 403);
});

test('a disabled user’s token is refused by the records endpoints too, and stays refused after enabling', async (t) => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  const { roles, d1, makeUser } = await org(admin);
  const u = await makeUser('将停用', d1, [roles.sales_manager]);
  const rec = await mustCreate(admin, customers, { name: '停用者的客户', owner_id: u.id });
  const s = u.session;
  assert.equal((await s.get(`${customers}/${rec.id}`)).status, 200);

  assert.equal((await admin.post(`/api/v1/users/${u.id}/disable`)).status, 200);
  const calls = [
    ['get', `${customers}/${rec.id}`],
    ['get', `${customers}?limit=5`],
    ['post', '/api/v1/objects/customer/query', {}],
    ['post', customers, { name: '停用后新建' }],
    ['patch', `${customers}/${rec.id}`, { remark: 'x' }],
    ['delete', `${customers}/${rec.id}`],
    ['get', `${customers}/${rec.id}/history`],
    ['get', '/api/v1/meta/objects/customer'],
  ];
  for (const [method, path, body] of calls) {
    const res = method === 'get' || method === 'delete' ? await s[method](path) : await s[method](path, body);
    assert.equal(res.status, 401, `${method} ${path} with a disabled user's token: ${res.status}`);
  }
  await t.test('export with a disabled user’s token → 401', async () => {
    const res = await s.post('/api/v1/objects/customer/export', { format: 'csv' });
    assert.equal(res.status, 401, `${res.status} ${res.text}`);
  });
  const login = await new Client(server.baseUrl).post('/api/v1/auth/login', { login: u.phone, password: PASSWORD });
  assert.equal(login.status, 403, 'a disabled user cannot sign in');
  assert.equal((await admin.get(`${customers}/${rec.id}`)).json.remark, null, 'nothing was written');

  assert.equal((await admin.post(`/api/v1/users/${u.id}/enable`)).status, 200);
  assert.equal((await s.get(`${customers}/${rec.id}`)).status, 401, 'the old session stays ended');
  const again = await signIn(u.phone);
  assert.equal((await again.get(`${customers}/${rec.id}`)).status, 200);
});
