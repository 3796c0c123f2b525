// Enterprises and sign-in (API.md), against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, registerEnterprise, uniqueIdentity } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.error?.code, code, res.text);
  assert.equal(typeof res.json.error.message, 'string');
  assert.ok(res.headers.get('x-request-id'), 'every response has a request id');
}

test('register → login → /me → logout', async () => {
  const { client, body, result } = await registerEnterprise(server.baseUrl, { company: '杭州云帆科技有限公司' });
  assert.equal(result.tenant.name, '杭州云帆科技有限公司');
  assert.match(result.tenant.code, /^[a-z0-9]{6}$/);
  assert.equal(result.user.name, '张三');
  assert.equal(result.user.is_admin, true);
  assert.ok(result.token.length >= 40);

  const anon = new Client(server.baseUrl);
  const login = await anon.post('/api/v1/auth/login', { login: body.phone, password: body.password });
  assert.equal(login.status, 200, login.text);
  assert.equal(login.json.tenant.code, result.tenant.code);
  const cookie = login.headers.get('set-cookie');
  assert.match(cookie, /xieli_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);

  const byEmail = await anon.post('/api/v1/auth/login', { login: body.email.toUpperCase(), password: body.password });
  assert.equal(byEmail.status, 200, 'e-mail sign-in ignores case');

  const me = await new Client(server.baseUrl, login.json.token).get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.user.phone, body.phone);
  assert.equal(me.json.tenant.name, '杭州云帆科技有限公司');
  assert.deepEqual(me.json.roles.map((r) => r.code), ['admin']);
  assert.equal(me.json.permissions.objects.customer.read, 'all');
  assert.equal(me.json.permissions.objects.customer.create, true);

  const user = new Client(server.baseUrl, login.json.token);
  const out = await user.post('/api/v1/auth/logout');
  assert.equal(out.status, 204);
  assertError(await user.get('/api/v1/me'), 401, 'unauthorized');
  assert.equal((await client.get('/api/v1/me')).status, 200, 'other sessions live on');
});

test('the session cookie works and cookie writes need the CSRF header', async () => {
  const { body } = await registerEnterprise(server.baseUrl);
  const login = await new Client(server.baseUrl).post('/api/v1/auth/login', { login: body.phone, password: body.password });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const me = await fetch(server.baseUrl + '/api/v1/me', { headers: { Cookie: cookie } });
  assert.equal(me.status, 200);
  const noHeader = await fetch(server.baseUrl + '/api/v1/auth/logout', { method: 'POST', headers: { Cookie: cookie } });
  assert.equal(noHeader.status, 403);
  assert.equal((await noHeader.json()).error.code, 'csrf_failed');
  const withHeader = await fetch(server.baseUrl + '/api/v1/auth/logout', {
    method: 'POST',
    headers: { Cookie: cookie, 'X-Requested-With': 'xieli' },
  });
  assert.equal(withHeader.status, 204);
  assert.match(withHeader.headers.get('set-cookie'), /xieli_session=; .*Max-Age=0/);
  assert.equal((await fetch(server.baseUrl + '/api/v1/me', { headers: { Cookie: cookie } })).status, 401);
});

test('registration validates every field and answers in the caller’s language', async () => {
  const anon = new Client(server.baseUrl);
  const res = await anon.post('/api/v1/auth/register', { company: 'A', name: '', phone: '123', email: 'x@', password: 'short' });
  assertError(res, 422, 'validation_failed');
  const fields = res.json.error.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['company', 'email', 'name', 'password', 'phone']);
  assert.match(res.json.error.details.find((d) => d.field === 'phone').message, /手机号/);

  anon.lang = 'en-US,en;q=0.9';
  const en = await anon.post('/api/v1/auth/register', { company: '某公司', name: '李四', phone: '13912345678', password: 'abcdefgh' });
  assertError(en, 422, 'validation_failed');
  assert.equal(en.json.error.details[0].field, 'password');
  assert.match(en.json.error.message, /letters and digits/);

  const wrongType = await anon.post('/api/v1/auth/register', { company: 123, name: '李四', phone: '13912345678', password: 'abcd1234' });
  assertError(wrongType, 422, 'validation_failed');
  assert.equal(wrongType.json.error.details[0].field, 'company');
});

test('wrong password and unknown account give the same 401', async () => {
  const { body } = await registerEnterprise(server.baseUrl);
  const anon = new Client(server.baseUrl);
  const wrong = await anon.post('/api/v1/auth/login', { login: body.phone, password: 'Wrong12345' });
  assertError(wrong, 401, 'unauthorized');
  const unknown = await anon.post('/api/v1/auth/login', { login: '13000000001', password: 'Wrong12345' });
  assertError(unknown, 401, 'unauthorized');
  assert.equal(wrong.json.error.message, unknown.json.error.message, 'no hint whether the account exists');
  assertError(await anon.post('/api/v1/auth/login', { login: '', password: '' }), 422, 'validation_failed');
});

test('five wrong passwords lock the account: 429 with Retry-After, even for the right password', async () => {
  const { body } = await registerEnterprise(server.baseUrl);
  const anon = new Client(server.baseUrl);
  for (let i = 0; i < 5; i++) {
    assertError(await anon.post('/api/v1/auth/login', { login: body.phone, password: `Wrong${i}xyz1` }), 401, 'unauthorized');
  }
  const locked = await anon.post('/api/v1/auth/login', { login: body.phone, password: body.password });
  assertError(locked, 429, 'rate_limited');
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(retry > 60 && retry <= 15 * 60 + 1, `Retry-After ${retry}`);
});

test('a person in two enterprises chooses one', async () => {
  const id = uniqueIdentity();
  const password = 'Shared2026pw';
  const first = await registerEnterprise(server.baseUrl, { ...id, password, company: '第一家公司' });
  const second = await registerEnterprise(server.baseUrl, { ...id, password, company: '第二家公司' });
  const anon = new Client(server.baseUrl);
  const choose = await anon.post('/api/v1/auth/login', { login: id.phone, password });
  assertError(choose, 409, 'conflict');
  const codes = choose.json.error.tenants.map((t) => t.code).sort();
  assert.deepEqual(codes, [first.result.tenant.code, second.result.tenant.code].sort());
  assert.deepEqual(choose.json.error.tenants.map((t) => t.name).sort(), ['第一家公司', '第二家公司'].sort());

  const chosen = await anon.post('/api/v1/auth/login', { login: id.phone, password, tenant: second.result.tenant.code });
  assert.equal(chosen.status, 200);
  assert.equal(chosen.json.tenant.name, '第二家公司');
  const me = await new Client(server.baseUrl, chosen.json.token).get('/api/v1/me');
  assert.equal(me.json.tenant.code, second.result.tenant.code, 'the session belongs to the chosen enterprise');
});

test('malformed JSON is 400, wrong content type 415, oversized body 413', async () => {
  const anon = new Client(server.baseUrl);
  assertError(await anon.post('/api/v1/auth/login', '{"login": "x",'), 400, 'bad_request');
  assertError(await anon.post('/api/v1/auth/login', '[1,2,3]'), 400, 'bad_request');
  assertError(
    await anon.post('/api/v1/auth/login', 'login=a&password=b', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
    415,
    'unsupported_media_type',
  );
  const big = JSON.stringify({ login: 'x', password: 'y', pad: 'x'.repeat(11 * 1024 * 1024) });
  const res = await fetch(server.baseUrl + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: big,
  }).catch((e) => e);
  if (res instanceof Error) {
    assert.fail(`the server should answer 413, not drop the connection: ${res.message}`);
  }
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, 'payload_too_large');
});

test('unknown routes are JSON 404 and wrong methods 405 with Allow', async () => {
  const anon = new Client(server.baseUrl);
  assertError(await anon.get('/api/v1/no-such-thing'), 404, 'not_found');
  const res = await anon.request('DELETE', '/api/v1/auth/login');
  assertError(res, 405, 'method_not_allowed');
  assert.equal(res.headers.get('allow'), 'POST');
});

test('a protected endpoint without a session is 401, with a bad token too', async () => {
  assertError(await new Client(server.baseUrl).get('/api/v1/me'), 401, 'unauthorized');
  assertError(await new Client(server.baseUrl, 'not-a-real-token').get('/api/v1/me'), 401, 'unauthorized');
  assertError(await new Client(server.baseUrl).post('/api/v1/auth/logout'), 401, 'unauthorized');
});

test('healthz answers and metrics count requests', async () => {
  const health = await new Client(server.baseUrl).get('/healthz');
  assert.equal(health.status, 200);
  assert.equal(health.json.status, 'ok');
  const metrics = await fetch(server.baseUrl + '/metrics');
  assert.equal(metrics.status, 200);
  const text = await metrics.text();
  assert.match(text, /xieli_http_requests_total\{[^}]*route="\/api\/v1\/auth\/login"[^}]*\} \d+/);
  assert.match(text, /xieli_http_request_duration_seconds_bucket/);
  assert.match(text, /xieli_db_readers_total \d+/);
});

test('the OpenAPI document lists every route and marks the public ones', async () => {
  const res = await new Client(server.baseUrl).get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.equal(res.json.openapi, '3.1.0');
  assert.ok(res.json.paths['/api/v1/auth/login'].post);
  assert.deepEqual(res.json.paths['/api/v1/auth/login'].post.security, []);
  assert.ok(res.json.paths['/api/v1/me'].get.responses['401']);
  const docs = await fetch(server.baseUrl + '/api/docs');
  assert.equal(docs.status, 200);
  assert.match(docs.headers.get('content-type'), /text\/html/);
});
