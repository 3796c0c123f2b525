// The demo enterprise a first start creates, and the sign-in it prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer({ demo: true });
});
after(async () => {
  await server.stop();
});

test('a first start creates 示例科技有限公司 and prints a working sign-in', async () => {
  // The printed hint names the administrator's phone and password; use exactly what it says.
  await new Promise((r) => setTimeout(r, 200));
  const out = server.output();
  assert.match(out, /示例科技有限公司/);
  const m = out.match(/管理员 Administrator\s+\S+\s+手机 (\d{11})\s+密码 (\S+)/);
  assert.ok(m, `no sign-in hint in:\n${out}`);
  const login = await new Client(server.baseUrl).post('/api/v1/auth/login', { login: m[1], password: m[2] });
  assert.equal(login.status, 200, login.text);
  assert.equal(login.json.tenant.name, '示例科技有限公司');
  assert.equal(login.json.user.is_admin, true);
});

test('the demo colleagues sign in with their own roles', async () => {
  const login = await new Client(server.baseUrl).post('/api/v1/auth/login', { login: '13800000003', password: 'Demo@2026' });
  assert.equal(login.status, 200, login.text);
  const me = await new Client(server.baseUrl, login.json.token).get('/api/v1/me');
  assert.equal(me.json.user.name, '刘洋');
  assert.deepEqual(me.json.roles.map((r) => r.code), ['sales']);
  assert.equal(me.json.permissions.objects.customer.read, 'self');
  assert.equal(me.json.permissions.objects.customer.delete, 'none');
  assert.equal(me.json.user.is_admin, false);
});
