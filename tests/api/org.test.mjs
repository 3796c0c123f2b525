// Organization (docs/api/org.md "Departments" and "Users"), against the real server: the tree and
// its rules, accounts and their sign-in identities, who may do what, and enterprise isolation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { roleIdByCode, rootOf } from './lib/org.mjs';
import { assertError } from './lib/records.mjs';
import { startServer, Client, registerEnterprise, signIn as signInAt, uniqueIdentity } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

const PASSWORD = 'Welcome2026x';

function detailFields(res) {
  return (res.json?.error?.details ?? []).map((d) => d.field).sort();
}

function detail(res, field) {
  return res.json.error.details.find((d) => d.field === field);
}

async function makeDepartment(client, name, parentId, extra = {}) {
  const res = await client.post('/api/v1/departments', { name, parent_id: parentId, ...extra });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function makeUser(client, fields = {}) {
  const id = uniqueIdentity();
  const root = fields.department_ids ? null : await rootOf(client);
  const body = {
    name: '员工' + id.phone.slice(-4),
    phone: id.phone,
    email: id.email,
    department_ids: root ? [root.id] : undefined,
    role_ids: [],
    ...fields,
  };
  const res = await client.post('/api/v1/users', body);
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const signIn = (login, password) => signInAt(server.baseUrl, login, password);

// ---- departments --------------------------------------------------------------------------------

test('departments: create, list as records and tree, ordered by sort_order', async () => {
  const { client } = await registerEnterprise(server.baseUrl, { company: '树形测试有限公司' });
  const root = await rootOf(client);
  assert.equal(root.name, '树形测试有限公司');
  assert.equal(root.member_count, 1);

  const res = await client.post('/api/v1/departments', { name: '销售部', parent_id: root.id });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.headers.get('location'), `/api/v1/departments/${res.json.id}`);
  assert.deepEqual(Object.keys(res.json).sort(), ['head_name', 'head_user_id', 'id', 'member_count', 'name', 'parent_id', 'sort_order']);
  const sales = res.json;
  const service = await makeDepartment(client, '客服部', root.id, { sort_order: 0 });
  const east = await makeDepartment(client, '华东大区', sales.id);
  assert.equal(sales.sort_order, 1, 'appended after existing siblings');

  const list = await client.get('/api/v1/departments');
  assert.equal(list.json.records.length, 4);
  const tree = list.json.tree;
  assert.equal(tree.length, 1);
  assert.deepEqual(tree[0].children.map((d) => d.name), ['客服部', '销售部'], 'siblings by sort_order');
  assert.equal(tree[0].children[1].children[0].id, east.id);
  assert.deepEqual(tree[0].children[1].children[0].children, []);
  assert.ok(service.id);
});

test('departments: validation lists every field; sibling names are unique ignoring case', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(client);
  const bad = await client.post('/api/v1/departments', { name: '  ', head_user_id: 999, sort_order: 'x' });
  assertError(bad, 422, 'validation_failed');
  assert.deepEqual(detailFields(bad), ['head_user_id', 'name', 'parent_id', 'sort_order']);
  assert.equal(detail(bad, 'name').code, 'required');

  const badRefs = await client.post('/api/v1/departments', { name: 'A/B', parent_id: 99999, head_user_id: 99999 });
  assertError(badRefs, 422, 'validation_failed');
  assert.deepEqual(detailFields(badRefs), ['head_user_id', 'name', 'parent_id']);

  const long = await client.post('/api/v1/departments', { name: '部'.repeat(51), parent_id: root.id });
  assertError(long, 422, 'validation_failed');
  assert.equal(detail(long, 'name').code, 'too_long');

  await makeDepartment(client, 'Sales', root.id);
  const dup = await client.post('/api/v1/departments', { name: ' sales ', parent_id: root.id });
  assertError(dup, 409, 'conflict');
  assert.equal(detail(dup, 'name').code, 'duplicate');

  const other = await makeDepartment(client, '市场部', root.id);
  assert.equal((await client.post('/api/v1/departments', { name: 'Sales', parent_id: other.id })).status, 201, 'same name under another parent is fine');
  const renameClash = await client.patch(`/api/v1/departments/${other.id}`, { name: 'SALES' });
  assertError(renameClash, 409, 'conflict');
});

test('departments: moves, cycles, the root, head and delete rules', async () => {
  const { client, result } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(client);
  const a = await makeDepartment(client, '一部', root.id);
  const b = await makeDepartment(client, '二组', a.id);
  const c = await makeDepartment(client, '三队', b.id);

  const cycle = await client.patch(`/api/v1/departments/${a.id}`, { parent_id: c.id });
  assertError(cycle, 422, 'validation_failed');
  assert.deepEqual(detail(cycle, 'parent_id').code, 'cycle');
  assertError(await client.patch(`/api/v1/departments/${a.id}`, { parent_id: a.id }), 422, 'validation_failed');

  const rootMove = await client.patch(`/api/v1/departments/${root.id}`, { parent_id: a.id });
  assertError(rootMove, 422, 'validation_failed');
  assert.equal(detail(rootMove, 'parent_id').code, 'root');
  assertError(await client.delete(`/api/v1/departments/${root.id}`), 409, 'conflict');
  const renamedRoot = await client.patch(`/api/v1/departments/${root.id}`, { name: '新公司名' });
  assert.equal(renamedRoot.status, 200, 'the root can be renamed');

  const moved = await client.patch(`/api/v1/departments/${c.id}`, { parent_id: a.id, sort_order: 5, head_user_id: result.user.id });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.parent_id, a.id);
  assert.equal(moved.json.sort_order, 5);
  assert.equal(moved.json.head_user_id, result.user.id);
  assert.equal(moved.json.head_name, result.user.name);
  const cleared = await client.patch(`/api/v1/departments/${c.id}`, { head_user_id: null });
  assert.equal(cleared.json.head_user_id, null);
  assert.equal(cleared.json.head_name, null);

  // a has b and c below it; b is empty now.
  const notEmpty = await client.delete(`/api/v1/departments/${a.id}`);
  assertError(notEmpty, 409, 'conflict');
  assert.match(notEmpty.json.error.message, /子部门/);
  assert.equal(detail(notEmpty, 'children').code, 'not_empty');

  await makeUser(client, { department_ids: [c.id] });
  const withMembers = await client.delete(`/api/v1/departments/${c.id}`);
  assertError(withMembers, 409, 'conflict');
  assert.match(withMembers.json.error.message, /成员/);
  assert.equal((await client.get('/api/v1/departments')).json.records.find((d) => d.id === c.id).member_count, 1);

  assert.equal((await client.delete(`/api/v1/departments/${b.id}`)).status, 204);
  assertError(await client.delete(`/api/v1/departments/${b.id}`), 404, 'not_found');
  assertError(await client.patch('/api/v1/departments/99999', { name: 'x' }), 404, 'not_found');
});

// ---- users --------------------------------------------------------------------------------------

test('users: create with and without a password; the initial password forces a change', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(client);
  const sales = await makeDepartment(client, '销售部', root.id);
  const salesRole = await roleIdByCode(client, 'sales');
  const boss = await makeUser(client, { name: '王总', password: PASSWORD, department_ids: [root.id] });
  assert.equal(boss.status, 'active', 'an admin-chosen password activates the account');
  assert.equal(boss.initial_password, undefined);

  const id = uniqueIdentity();
  const res = await client.post('/api/v1/users', {
    name: '刘洋',
    phone: id.phone,
    email: id.email.toUpperCase(),
    department_ids: [root.id, sales.id],
    main_department_id: sales.id,
    supervisor_id: boss.id,
    role_ids: [salesRole],
    position: '销售代表',
  });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.headers.get('location'), `/api/v1/users/${res.json.id}`);
  const u = res.json;
  assert.equal(u.status, 'pending');
  assert.equal(u.email, id.email, 'e-mail is normalized');
  assert.equal(u.main_department_id, sales.id);
  assert.equal(u.main_department_name, '销售部');
  assert.deepEqual([...u.department_ids].sort(), [root.id, sales.id].sort());
  assert.equal(u.supervisor_id, boss.id);
  assert.equal(u.supervisor_name, '王总');
  assert.deepEqual(u.role_ids, [salesRole]);
  assert.deepEqual(u.roles.map((r) => r.code), ['sales']);
  assert.deepEqual(u.admin_areas, []);
  assert.equal(u.is_admin, false);
  assert.match(u.initial_password, /^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]{12}$/);

  const got = await client.get(`/api/v1/users/${u.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.initial_password, undefined, 'the initial password is shown once');

  const worker = await signIn(id.phone, u.initial_password);
  const me = await worker.get('/api/v1/me');
  assert.equal(me.json.user.must_change_password, true);
  assert.deepEqual(me.json.roles.map((r) => r.code), ['sales']);
  const bossSession = await signIn(boss.phone, PASSWORD);
  assert.equal((await bossSession.get('/api/v1/me')).json.user.must_change_password, false);
});

test('users: bad input is 422 naming every field; taken phone or e-mail is 409 naming it', async () => {
  const { client, body: owner } = await registerEnterprise(server.baseUrl);
  const bad = await client.post('/api/v1/users', {
    name: '',
    phone: '12345',
    email: 'not-an-email',
    password: 'short',
    department_ids: [99999],
    role_ids: [99999],
    supervisor_id: 99999,
    position: '职'.repeat(51),
  });
  assertError(bad, 422, 'validation_failed');
  assert.deepEqual(detailFields(bad), ['department_ids', 'email', 'main_department_id', 'name', 'password', 'phone', 'position', 'role_ids', 'supervisor_id']);

  const none = await client.post('/api/v1/users', { name: '无联系方式' });
  assertError(none, 422, 'validation_failed');
  assert.deepEqual(detailFields(none), ['main_department_id', 'phone']);

  const types = await client.post('/api/v1/users', { name: 5, department_ids: 'x', role_ids: [1, 'a'] });
  assertError(types, 422, 'validation_failed');
  assert.ok(detailFields(types).includes('name') && detailFields(types).includes('department_ids') && detailFields(types).includes('role_ids'));

  const root = await rootOf(client);
  const weak = await client.post('/api/v1/users', { name: '甲', phone: uniqueIdentity().phone, password: 'abcdefgh', department_ids: [root.id] });
  assertError(weak, 422, 'validation_failed');
  assert.equal(detail(weak, 'password').code, 'too_weak');

  const samePhone = await client.post('/api/v1/users', { name: '乙', phone: owner.phone, department_ids: [root.id] });
  assertError(samePhone, 409, 'conflict');
  assert.deepEqual(detailFields(samePhone), ['phone']);
  const both = await client.post('/api/v1/users', { name: '丙', phone: owner.phone, email: owner.email.toUpperCase(), department_ids: [root.id] });
  assertError(both, 409, 'conflict');
  assert.deepEqual(detailFields(both), ['email', 'phone']);

  const notJson = await client.post('/api/v1/users', 'name=x', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assertError(notJson, 415, 'unsupported_media_type');
  assertError(await client.post('/api/v1/users', '{"name":'), 400, 'bad_request');
});

test('users: search by name, phone or e-mail; department subtree; status; paging', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(client);
  const sales = await makeDepartment(client, '销售部', root.id);
  const east = await makeDepartment(client, '华东大区', sales.id);
  const other = await makeDepartment(client, '财务部', root.id);
  const a = await makeUser(client, { name: '章伟', department_ids: [sales.id] });
  const b = await makeUser(client, { name: '章丽', department_ids: [east.id], password: PASSWORD });
  const c = await makeUser(client, { name: '李明', department_ids: [other.id, east.id], main_department_id: other.id, email: 'liming.finance@example.com' });

  const ids = (res) => res.json.records.map((u) => u.id).sort((x, y) => x - y);
  assert.deepEqual(ids(await client.get('/api/v1/users?q=' + encodeURIComponent('章'))), [a.id, b.id]);
  assert.deepEqual(ids(await client.get('/api/v1/users?q=' + b.phone.slice(2))), [b.id]);
  assert.deepEqual(ids(await client.get('/api/v1/users?q=LIMING.FIN')), [c.id]);
  assert.deepEqual(ids(await client.get(`/api/v1/users?department_id=${sales.id}`)), [a.id, b.id, c.id], 'sub-departments by default, any membership');
  assert.deepEqual(ids(await client.get(`/api/v1/users?department_id=${sales.id}&include_sub=false`)), [a.id]);
  assert.deepEqual(ids(await client.get(`/api/v1/users?department_id=${east.id}&include_sub=true`)), [b.id, c.id]);
  assert.deepEqual(ids(await client.get('/api/v1/users?status=active&q=' + encodeURIComponent('章'))), [b.id]);
  assert.deepEqual(ids(await client.get('/api/v1/users?status=pending')), [a.id, c.id]);

  const page1 = await client.get('/api/v1/users?limit=2');
  assert.equal(page1.status, 200);
  assert.equal(page1.json.total, 4);
  assert.equal(page1.json.records.length, 2);
  assert.equal(typeof page1.json.next_cursor, 'string');
  const page2 = await client.get(`/api/v1/users?limit=2&cursor=${page1.json.next_cursor}`);
  assert.equal(page2.json.records.length, 2);
  assert.equal(page2.json.next_cursor, null);
  assert.equal(new Set([...page1.json.records, ...page2.json.records].map((u) => u.id)).size, 4);
  const byOffset = await client.get('/api/v1/users?limit=2&offset=2');
  assert.deepEqual(byOffset.json.records.map((u) => u.id), page2.json.records.map((u) => u.id));

  assertError(await client.get('/api/v1/users?status=gone'), 400, 'bad_request');
  assertError(await client.get('/api/v1/users?limit=-1'), 400, 'bad_request');
  assertError(await client.get('/api/v1/users?cursor=abc'), 400, 'bad_request');
  assertError(await client.get('/api/v1/users/99999'), 404, 'not_found');
});

test('users: update profile, departments and identities; supervisor chains do not loop', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(client);
  const sales = await makeDepartment(client, '销售部', root.id);
  const top = await makeUser(client, { name: '甲', password: PASSWORD });
  const mid = await makeUser(client, { name: '乙', supervisor_id: top.id });
  const low = await makeUser(client, { name: '丙', supervisor_id: mid.id, password: PASSWORD });

  const loop = await client.patch(`/api/v1/users/${top.id}`, { supervisor_id: low.id });
  assertError(loop, 422, 'validation_failed');
  assert.equal(detail(loop, 'supervisor_id').code, 'cycle');
  const self = await client.patch(`/api/v1/users/${top.id}`, { supervisor_id: top.id });
  assert.equal(detail(self, 'supervisor_id').code, 'cycle');

  const financeRole = await roleIdByCode(client, 'finance');
  const fresh = uniqueIdentity();
  const upd = await client.patch(`/api/v1/users/${low.id}`, {
    name: '丙二',
    phone: fresh.phone,
    position: '主管',
    department_ids: [sales.id],
    supervisor_id: null,
    role_ids: [financeRole],
  });
  assert.equal(upd.status, 200, upd.text);
  assert.equal(upd.json.name, '丙二');
  assert.equal(upd.json.phone, fresh.phone);
  assert.equal(upd.json.position, '主管');
  assert.deepEqual(upd.json.department_ids, [sales.id]);
  assert.equal(upd.json.main_department_id, sales.id, 'the main department follows when the old one is removed');
  assert.equal(upd.json.supervisor_id, null);
  assert.deepEqual(upd.json.roles.map((r) => r.code), ['finance']);

  // The sign-in identity moved with the phone number.
  await signIn(fresh.phone, PASSWORD);
  const old = await new Client(server.baseUrl).post('/api/v1/auth/login', { login: low.phone, password: PASSWORD });
  assert.equal(old.status, 401);

  const taken = await client.patch(`/api/v1/users/${low.id}`, { phone: top.phone });
  assertError(taken, 409, 'conflict');
  assert.deepEqual(detailFields(taken), ['phone']);
  const nothingLeft = await client.patch(`/api/v1/users/${low.id}`, { phone: null, email: '' });
  assertError(nothingLeft, 422, 'validation_failed');
  const pw = await client.patch(`/api/v1/users/${low.id}`, { password: 'Something1' });
  assert.equal(detail(pw, 'password').code, 'not_allowed');
  const noDepts = await client.patch(`/api/v1/users/${low.id}`, { department_ids: [] });
  assert.equal(detail(noDepts, 'department_ids').code, 'required');

  const mainOnly = await client.patch(`/api/v1/users/${low.id}`, { main_department_id: root.id });
  assert.equal(mainOnly.json.main_department_id, root.id);
  assert.deepEqual([...mainOnly.json.department_ids].sort(), [root.id, sales.id].sort(), 'a new main department joins the list');
  assertError(await client.patch('/api/v1/users/99999', { name: 'x' }), 404, 'not_found');
});

test('users: disable ends sessions at once and refuses sign-in; enable restores', async () => {
  const { client, result } = await registerEnterprise(server.baseUrl);
  const u = await makeUser(client, { password: PASSWORD });
  const session = await signIn(u.phone, PASSWORD);
  assert.equal((await session.get('/api/v1/me')).status, 200);

  const off = await client.post(`/api/v1/users/${u.id}/disable`);
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.status, 'disabled');
  assertError(await session.get('/api/v1/me'), 401, 'unauthorized');
  const refused = await new Client(server.baseUrl).post('/api/v1/auth/login', { login: u.phone, password: PASSWORD });
  assertError(refused, 403, 'forbidden');
  assert.equal((await client.get(`/api/v1/users?status=disabled`)).json.total, 1);
  assert.equal((await client.post(`/api/v1/users/${u.id}/disable`)).status, 200, 'disabling twice is harmless');

  const on = await client.post(`/api/v1/users/${u.id}/enable`);
  assert.equal(on.status, 200);
  assert.equal(on.json.status, 'active');
  await signIn(u.phone, PASSWORD);

  const pending = await makeUser(client);
  await client.post(`/api/v1/users/${pending.id}/disable`);
  assert.equal((await client.post(`/api/v1/users/${pending.id}/enable`)).json.status, 'pending', 'enable restores the earlier state');

  const self = await client.post(`/api/v1/users/${result.user.id}/disable`);
  assertError(self, 409, 'conflict');
  assertError(await client.post('/api/v1/users/99999/disable'), 404, 'not_found');
});

test('users: reset password forces a change and ends the sessions', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const u = await makeUser(client, { password: PASSWORD });
  const session = await signIn(u.phone, PASSWORD);

  const generated = await client.post(`/api/v1/users/${u.id}/reset-password`);
  assert.equal(generated.status, 200, generated.text);
  assert.match(generated.json.initial_password, /^[A-Za-z0-9]{12}$/);
  assertError(await session.get('/api/v1/me'), 401, 'unauthorized');
  const fresh = await signIn(u.phone, generated.json.initial_password);
  assert.equal((await fresh.get('/api/v1/me')).json.user.must_change_password, true);

  const chosen = await client.post(`/api/v1/users/${u.id}/reset-password`, { password: 'Another2026y' });
  assert.equal(chosen.status, 200);
  assert.deepEqual(chosen.json, {});
  assertError(await fresh.get('/api/v1/me'), 401, 'unauthorized');
  const again = await signIn(u.phone, 'Another2026y');
  assert.equal((await again.get('/api/v1/me')).json.user.must_change_password, true);

  const weak = await client.post(`/api/v1/users/${u.id}/reset-password`, { password: 'short' });
  assertError(weak, 422, 'validation_failed');
  assert.deepEqual(detailFields(weak), ['password']);
  assertError(await client.post('/api/v1/users/99999/reset-password', {}), 404, 'not_found');
});

test('sub-administrators: areas, what they may do, and the last administrator', async () => {
  const { client: admin, result } = await registerEnterprise(server.baseUrl);
  const helper = await makeUser(admin, { name: '子管理员', password: PASSWORD });
  const helperSession = await signIn(helper.phone, PASSWORD);
  assertError(await helperSession.post('/api/v1/departments', { name: 'x', parent_id: (await rootOf(admin)).id }), 403, 'forbidden');

  const bad = await admin.put(`/api/v1/users/${helper.id}/admin-areas`, { areas: ['system', 'everything'] });
  assertError(bad, 422, 'validation_failed');
  assert.deepEqual(detailFields(bad), ['areas']);
  const set = await admin.put(`/api/v1/users/${helper.id}/admin-areas`, { areas: ['system', 'logs', 'system'] });
  assert.equal(set.status, 200, set.text);
  assert.deepEqual(set.json.admin_areas, ['logs', 'system']);

  const root = await rootOf(admin);
  assert.equal((await helperSession.post('/api/v1/departments', { name: '子管理员建的', parent_id: root.id })).status, 201);
  const colleague = await makeUser(helperSession, { password: PASSWORD });
  assert.equal(colleague.status, 'active');
  assertError(await helperSession.put(`/api/v1/users/${colleague.id}/admin-areas`, { areas: ['crm'] }), 403, 'forbidden');

  // The only full administrator cannot be disabled, by anyone.
  const last = await helperSession.post(`/api/v1/users/${result.user.id}/disable`);
  assertError(last, 409, 'conflict');
  assert.match(last.json.error.message, /管理员/);
  // A sub-administrator does not manage full administrators' accounts.
  assertError(await helperSession.post(`/api/v1/users/${result.user.id}/reset-password`, {}), 403, 'forbidden');
  assertError(await helperSession.patch(`/api/v1/users/${result.user.id}`, { name: '篡改' }), 403, 'forbidden');

  const cleared = await admin.put(`/api/v1/users/${helper.id}/admin-areas`, { areas: [] });
  assert.deepEqual(cleared.json.admin_areas, []);
  assertError(await helperSession.post('/api/v1/departments', { name: 'y', parent_id: root.id }), 403, 'forbidden');
});

// ---- who may do what ----------------------------------------------------------------------------

test('a non-admin reads the directory but gets 403 on every admin endpoint', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(admin);
  const dept = await makeDepartment(admin, '某部', root.id);
  const u = await makeUser(admin, { password: PASSWORD });
  const target = await makeUser(admin);
  const user = await signIn(u.phone, PASSWORD);

  assert.equal((await user.get('/api/v1/departments')).status, 200);
  assert.equal((await user.get('/api/v1/users')).status, 200);
  assert.equal((await user.get(`/api/v1/users/${target.id}`)).status, 200);

  const calls = [
    ['post', '/api/v1/departments', { name: '越权', parent_id: root.id }],
    ['patch', `/api/v1/departments/${dept.id}`, { name: '越权' }],
    ['delete', `/api/v1/departments/${dept.id}`],
    ['post', '/api/v1/users', { name: '越权', phone: uniqueIdentity().phone, department_ids: [root.id] }],
    ['patch', `/api/v1/users/${target.id}`, { name: '越权' }],
    ['post', `/api/v1/users/${target.id}/disable`, {}],
    ['post', `/api/v1/users/${target.id}/enable`, {}],
    ['post', `/api/v1/users/${target.id}/reset-password`, {}],
    ['put', `/api/v1/users/${target.id}/admin-areas`, { areas: ['system'] }],
    ['get', '/api/v1/users/import-template?format=csv'],
    ['post', '/api/v1/invitations', { department_id: root.id }],
    ['get', '/api/v1/invitations'],
    ['delete', '/api/v1/invitations/1'],
    ['get', '/api/v1/join-requests'],
    ['post', '/api/v1/join-requests/1/approve', {}],
    ['post', '/api/v1/join-requests/1/reject', {}],
    ['get', '/api/v1/roles'],
    ['post', '/api/v1/roles', { name: '越权' }],
    ['get', '/api/v1/roles/1'],
    ['patch', '/api/v1/roles/1', { name: '越权' }],
    ['delete', '/api/v1/roles/1'],
    ['get', '/api/v1/roles/1/users'],
    ['put', '/api/v1/roles/1/users', { user_ids: [u.id] }],
  ];
  for (const [method, path, body] of calls) {
    const res = body === undefined ? await user[method](path) : await user[method](path, body);
    assertError(res, 403, 'forbidden');
  }
  const imp = await user.post('/api/v1/users/import', '姓名,手机号\r\n甲,13900000000\r\n', { headers: { 'Content-Type': 'text/csv' } });
  assertError(imp, 403, 'forbidden');
  // Nothing changed.
  assert.equal((await admin.get(`/api/v1/users/${target.id}`)).json.status, 'pending');
  assert.equal((await admin.get('/api/v1/departments')).json.records.length, 2);
});

test('another enterprise cannot see or touch these records; strangers get 401', async () => {
  const { client: a } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(a);
  const depts = [];
  for (const n of ['一', '二', '三', '四']) depts.push(await makeDepartment(a, n + '部', root.id));
  const users = [];
  for (let i = 0; i < 4; i++) users.push(await makeUser(a));
  const roleRes = await a.post('/api/v1/roles', { name: '甲方角色' });
  const inv = await a.post('/api/v1/invitations', { department_id: depts[3].id });

  const { client: b } = await registerEnterprise(server.baseUrl);
  const u = users[3];
  const d = depts[3];
  assertError(await b.get(`/api/v1/users/${u.id}`), 404, 'not_found');
  assertError(await b.patch(`/api/v1/users/${u.id}`, { name: '越界' }), 404, 'not_found');
  assertError(await b.post(`/api/v1/users/${u.id}/disable`), 404, 'not_found');
  assertError(await b.post(`/api/v1/users/${u.id}/reset-password`), 404, 'not_found');
  assertError(await b.patch(`/api/v1/departments/${d.id}`, { name: '越界' }), 404, 'not_found');
  assertError(await b.delete(`/api/v1/departments/${d.id}`), 404, 'not_found');
  assertError(await b.get(`/api/v1/roles/${roleRes.json.id}`), 404, 'not_found');
  assertError(await b.delete(`/api/v1/invitations/${inv.json.id}`), 404, 'not_found');
  const list = await b.get('/api/v1/users?q=' + u.phone);
  assert.equal(list.json.total, 0);
  assert.equal((await b.get('/api/v1/departments')).json.records.length, 1);
  // A's phone numbers are free in B: identities are unique per enterprise.
  const sameb = await b.post('/api/v1/users', { name: '同号', phone: u.phone, department_ids: [(await rootOf(b)).id] });
  assert.equal(sameb.status, 201, sameb.text);
  assert.equal((await a.get(`/api/v1/users/${u.id}`)).json.name, u.name, 'A is untouched');

  const anon = new Client(server.baseUrl);
  assertError(await anon.get('/api/v1/users'), 401, 'unauthorized');
  assertError(await anon.get('/api/v1/departments'), 401, 'unauthorized');
  assertError(await anon.post('/api/v1/users', { name: 'x' }), 401, 'unauthorized');
  assertError(await new Client(server.baseUrl, 'forged-token').get('/api/v1/roles'), 401, 'unauthorized');
});

test('the OpenAPI document lists the organization routes', async () => {
  const res = await new Client(server.baseUrl).get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  for (const p of ['/api/v1/departments', '/api/v1/users/{id}/reset-password', '/api/v1/join/{token}', '/api/v1/roles/{id}/users']) {
    assert.ok(res.json.paths[p], `missing ${p}`);
  }
});
