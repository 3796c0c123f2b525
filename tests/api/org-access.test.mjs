// Invitations, join requests and roles (docs/api/org.md), against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { roleIdByCode, rootOf } from './lib/org.mjs';
import { startServer, Client, registerEnterprise, uniqueIdentity } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

const PASSWORD = 'Welcome2026x';

function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.error?.code, code, res.text);
}

function detailFields(res) {
  return (res.json?.error?.details ?? []).map((d) => d.field).sort();
}

// ---- invitations and join requests ---------------------------------------------------------------

test('invitation → public join page → join request → approve creates an active user', async () => {
  const { client: admin, result } = await registerEnterprise(server.baseUrl, { company: '邀请测试有限公司' });
  const root = await rootOf(admin);
  const dept = (await admin.post('/api/v1/departments', { name: '华南大区', parent_id: root.id })).json;
  const salesRole = await roleIdByCode(admin, 'sales');

  const inv = await admin.post('/api/v1/invitations', { department_id: dept.id, role_ids: [salesRole], expires_in_days: 3 });
  assert.equal(inv.status, 201, inv.text);
  assert.equal(inv.json.url, `/join/${inv.json.token}`);
  assert.ok(inv.json.token.startsWith(result.tenant.code + '.'));
  const days = (Date.parse(inv.json.expires_at) - Date.now()) / 86400000;
  assert.ok(days > 2.9 && days < 3.1, `expires in ${days} days`);

  const list = await admin.get('/api/v1/invitations');
  assert.equal(list.status, 200);
  assert.equal(list.json.records.length, 1);
  assert.equal(list.json.records[0].department_name, '华南大区');
  assert.deepEqual(list.json.records[0].role_ids, [salesRole]);
  assert.equal(list.json.records[0].token, undefined, 'only a hash of the token is kept');
  assert.equal(list.json.records[0].expired, false);

  const anon = new Client(server.baseUrl);
  const peek = await anon.get(`/api/v1/join/${inv.json.token}`);
  assert.equal(peek.status, 200, peek.text);
  assert.deepEqual(peek.json, { tenant: { name: '邀请测试有限公司' }, department: { name: '华南大区' } });
  assertError(await anon.get(`/api/v1/join/${inv.json.token}x`), 404, 'not_found');
  assertError(await anon.get('/api/v1/join/nosuchcode.abc'), 404, 'not_found');
  assertError(await anon.get('/api/v1/join/garbage'), 404, 'not_found');

  const bad = await anon.post(`/api/v1/join/${inv.json.token}`, { name: '', phone: '123', email: 'x', password: 'short' });
  assertError(bad, 422, 'validation_failed');
  assert.deepEqual(detailFields(bad), ['email', 'name', 'password', 'phone']);

  const who = uniqueIdentity();
  const join = await anon.post(`/api/v1/join/${inv.json.token}`, { name: '新同事', phone: who.phone, email: who.email, password: PASSWORD });
  assert.equal(join.status, 201, join.text);
  assert.deepEqual(join.json, { status: 'pending' });
  const twice = await anon.post(`/api/v1/join/${inv.json.token}`, { name: '新同事', phone: who.phone, password: PASSWORD });
  assertError(twice, 409, 'conflict');
  assert.deepEqual(detailFields(twice), ['phone']);
  // Not a user yet: cannot sign in.
  assert.equal((await anon.post('/api/v1/auth/login', { login: who.phone, password: PASSWORD })).status, 401);

  const pending = await admin.get('/api/v1/join-requests?status=pending');
  assert.equal(pending.status, 200);
  assert.equal(pending.json.records.length, 1);
  const req = pending.json.records[0];
  assert.equal(req.name, '新同事');
  assert.equal(req.phone, who.phone);
  assert.equal(req.status, 'pending');
  assert.equal(req.department_name, '华南大区');
  assert.equal(req.password_hash, undefined);

  const ok = await admin.post(`/api/v1/join-requests/${req.id}/approve`);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'approved');
  assert.equal(ok.json.user.status, 'active');
  assert.equal(ok.json.user.main_department_id, dept.id);
  assert.deepEqual(ok.json.user.role_ids, [salesRole]);
  assert.equal(ok.json.user_id, ok.json.user.id);
  assertError(await admin.post(`/api/v1/join-requests/${req.id}/approve`), 409, 'conflict');
  assertError(await admin.post(`/api/v1/join-requests/${req.id}/reject`), 409, 'conflict');

  const login = await anon.post('/api/v1/auth/login', { login: who.phone, password: PASSWORD });
  assert.equal(login.status, 200, 'the password chosen when joining signs in');
  const me = await new Client(server.baseUrl, login.json.token).get('/api/v1/me');
  assert.equal(me.json.user.must_change_password, false);
  assert.deepEqual(me.json.roles.map((r) => r.code), ['sales']);

  // Once a member, the same phone cannot ask again.
  const member = await anon.post(`/api/v1/join/${inv.json.token}`, { name: '新同事', phone: who.phone, password: PASSWORD });
  assertError(member, 409, 'conflict');
  assert.equal((await admin.get('/api/v1/join-requests?status=approved')).json.records.length, 1);
  assertError(await admin.get('/api/v1/join-requests?status=weird'), 400, 'bad_request');
  assertError(await admin.post('/api/v1/join-requests/99999/approve'), 404, 'not_found');
});

test('join requests can be rejected; withdrawn invitations stop working; targeted invitations', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(admin);
  const inv = (await admin.post('/api/v1/invitations', { department_id: root.id })).json;
  const anon = new Client(server.baseUrl);
  const who = uniqueIdentity();
  assert.equal((await anon.post(`/api/v1/join/${inv.token}`, { name: '路人', phone: who.phone, password: PASSWORD })).status, 201);
  const req = (await admin.get('/api/v1/join-requests')).json.records[0];
  const no = await admin.post(`/api/v1/join-requests/${req.id}/reject`);
  assert.equal(no.status, 200);
  assert.equal(no.json.status, 'rejected');
  assert.equal((await admin.get('/api/v1/users?q=' + who.phone)).json.total, 0);

  assert.equal((await admin.delete(`/api/v1/invitations/${inv.id}`)).status, 204);
  assertError(await anon.get(`/api/v1/join/${inv.token}`), 404, 'not_found');
  assertError(await anon.post(`/api/v1/join/${inv.token}`, { name: '路人', phone: who.phone, password: PASSWORD }), 404, 'not_found');
  assertError(await admin.delete(`/api/v1/invitations/${inv.id}`), 404, 'not_found');

  const target = uniqueIdentity();
  const personal = await admin.post('/api/v1/invitations', { department_id: root.id, phone: target.phone });
  assert.equal(personal.status, 201);
  const wrong = await anon.post(`/api/v1/join/${personal.json.token}`, { name: '冒名', phone: uniqueIdentity().phone, password: PASSWORD });
  assertError(wrong, 422, 'validation_failed');
  assert.equal(wrong.json.error.details[0].code, 'mismatch');
  assert.equal((await anon.post(`/api/v1/join/${personal.json.token}`, { name: '本人', phone: target.phone, password: PASSWORD })).status, 201);

  const bad = await admin.post('/api/v1/invitations', { expires_in_days: 31, role_ids: [99999], phone: '1' });
  assertError(bad, 422, 'validation_failed');
  assert.deepEqual(detailFields(bad), ['department_id', 'expires_in_days', 'phone', 'role_ids']);
  const badRefs = await admin.post('/api/v1/invitations', { department_id: 99999, role_ids: [99999] });
  assert.deepEqual(detailFields(badRefs), ['department_id', 'role_ids']);
  assertError(await admin.post('/api/v1/invitations', { department_id: root.id, expires_in_days: 0 }), 422, 'validation_failed');
});

// ---- roles ---------------------------------------------------------------------------------------

test('roles: the defaults, create with validated permissions, update, members, delete rules', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  const list = await admin.get('/api/v1/roles');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.records.map((r) => r.code), ['admin', 'sales_manager', 'sales', 'service', 'finance']);
  const adminRole = list.json.records[0];
  assert.equal(adminRole.is_system, true);
  assert.equal(adminRole.user_count, 1);
  assert.equal(adminRole.permissions.objects.customer.read, 'all');
  assert.deepEqual(Object.keys(adminRole).sort(), ['code', 'description', 'id', 'is_system', 'name', 'permissions', 'user_count']);

  const created = await admin.post('/api/v1/roles', {
    name: '大客户经理',
    description: '负责重点客户',
    permissions: {
      objects: { customer: { read: 'department_tree', create: true, claim: true }, c_vehicle: { read: 'all' } },
      fields: { customer: { phone: 'read_only' } },
    },
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.headers.get('location'), `/api/v1/roles/${created.json.id}`);
  const role = created.json;
  assert.equal(role.is_system, false);
  assert.equal(role.user_count, 0);
  assert.equal(role.code, `custom_${role.id}`);
  assert.deepEqual(role.permissions.objects.customer, {
    create: true, import: false, export: false, transfer: false, read: 'department_tree', update: 'none', delete: 'none', claim: true,
  });
  assert.equal(role.permissions.objects.c_vehicle.read, 'all', 'custom object names are accepted');
  assert.deepEqual(role.permissions.fields, { customer: { phone: 'read_only' } });

  const bad = await admin.post('/api/v1/roles', {
    name: '',
    permissions: {
      objects: { customer: { read: 'everyone', fly: true, create: 'yes' }, 'Bad Name': {} },
      fields: { customer: { phone: 'secret' } },
      extra: 1,
    },
  });
  assertError(bad, 422, 'validation_failed');
  assert.deepEqual(detailFields(bad), [
    'name',
    'permissions.extra',
    'permissions.fields.customer.phone',
    'permissions.objects.Bad Name',
    'permissions.objects.customer.create',
    'permissions.objects.customer.fly',
    'permissions.objects.customer.read',
  ]);
  assertError(await admin.post('/api/v1/roles', { name: 'x', permissions: [] }), 422, 'validation_failed');
  const dup = await admin.post('/api/v1/roles', { name: '销售' });
  assertError(dup, 409, 'conflict');
  assert.deepEqual(detailFields(dup), ['name']);

  const upd = await admin.patch(`/api/v1/roles/${role.id}`, { name: '重点客户经理', permissions: { objects: { lead: { read: 'self' } } } });
  assert.equal(upd.status, 200, upd.text);
  assert.equal(upd.json.name, '重点客户经理');
  assert.equal(upd.json.description, '负责重点客户');
  assert.deepEqual(Object.keys(upd.json.permissions.objects), ['lead'], 'permissions are replaced as a whole');
  assert.equal((await admin.get(`/api/v1/roles/${role.id}`)).json.name, '重点客户经理');
  assertError(await admin.patch(`/api/v1/roles/${role.id}`, { permissions: { objects: { lead: { read: 1 } } } }), 422, 'validation_failed');
  // The default roles can be tuned but not deleted.
  assert.equal((await admin.patch(`/api/v1/roles/${adminRole.id}`, { description: '全部权限' })).status, 200);
  assertError(await admin.delete(`/api/v1/roles/${adminRole.id}`), 409, 'conflict');

  // Members
  const root = await rootOf(admin);
  const who = uniqueIdentity();
  const user = (await admin.post('/api/v1/users', { name: '成员', phone: who.phone, password: PASSWORD, department_ids: [root.id] })).json;
  const put = await admin.put(`/api/v1/roles/${role.id}/users`, { user_ids: [user.id] });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.records.map((u) => u.id), [user.id]);
  assert.deepEqual((await admin.get(`/api/v1/roles/${role.id}/users`)).json.records.map((u) => u.name), ['成员']);
  assert.equal((await admin.get(`/api/v1/roles/${role.id}`)).json.user_count, 1);
  const session = new Client(server.baseUrl, (await new Client(server.baseUrl).post('/api/v1/auth/login', { login: who.phone, password: PASSWORD })).json.token);
  const me = await session.get('/api/v1/me');
  assert.equal(me.json.permissions.objects.lead.read, 'self', '/me reflects the role');

  const held = await admin.delete(`/api/v1/roles/${role.id}`);
  assertError(held, 409, 'conflict');
  assert.match(held.json.error.message, /1/);
  assertError(await admin.put(`/api/v1/roles/${role.id}/users`, { user_ids: [99999] }), 422, 'validation_failed');
  assertError(await admin.put(`/api/v1/roles/${role.id}/users`, {}), 422, 'validation_failed');
  assert.deepEqual((await admin.put(`/api/v1/roles/${role.id}/users`, { user_ids: [] })).json.records, []);
  assert.equal((await admin.delete(`/api/v1/roles/${role.id}`)).status, 204);
  assertError(await admin.get(`/api/v1/roles/${role.id}`), 404, 'not_found');
  assertError(await admin.delete(`/api/v1/roles/${role.id}`), 404, 'not_found');
});

test('English callers get English messages', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl);
  admin.lang = 'en';
  const res = await admin.post('/api/v1/roles', { name: '', permissions: { objects: { customer: { read: 'x' } } } });
  assertError(res, 422, 'validation_failed');
  assert.match(res.json.error.details.find((d) => d.field === 'name').message, /required/);
});
