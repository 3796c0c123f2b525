// Security (docs/api/org.md "Security"): change password, sessions, the sign-in log, TOTP two-factor
// sign-in and the admin console's re-authentication, against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertError } from './lib/records.mjs';
import { startServer, Client, registerEnterprise, signIn } from './lib/server.mjs';
import { currentStep, totp } from './lib/totp.mjs';

let server;
before(async () => {
  // The demo enterprise gives colleagues without admin rights.
  server = await startServer({ demo: true });
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

async function login(body) {
  return new Client(server.baseUrl).post('/api/v1/auth/login', body);
}

/** A second signed-in client of the same person. */
const signInAgain = (body) => signIn(server.baseUrl, body.phone, body.password);

test('the TOTP helper (lib/totp.mjs) matches RFC 6238', () => {
  // Appendix B's key "12345678901234567890" at T = 59 s: 94287082, whose last six digits are the 6-digit code.
  assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1), '287082');
});

test('changing the password ends the other sessions; the new password works', async () => {
  const { client: first, body } = await registerEnterprise(server.baseUrl);
  const second = await signInAgain(body);

  assertError(
    await second.post('/api/v1/auth/change-password', { old_password: 'Wrong2026x', new_password: 'NewPassw0rd9' }),
    422,
    'validation_failed',
  );
  const weak = await second.post('/api/v1/auth/change-password', { old_password: body.password, new_password: 'short' });
  assertError(weak, 422, 'validation_failed');
  assert.equal(weak.json.error.details[0].field, 'new_password');
  assert.equal((await first.get('/api/v1/me')).status, 200, 'failed attempts change nothing');

  const ok = await second.post('/api/v1/auth/change-password', { old_password: body.password, new_password: 'NewPassw0rd9' });
  assert.equal(ok.status, 204, ok.text);
  assertError(await first.get('/api/v1/me'), 401, 'unauthorized');
  const me = await second.get('/api/v1/me');
  assert.equal(me.status, 200, 'the session that changed it lives on');
  assert.equal(me.json.user.must_change_password, false);

  assertError(await login({ login: body.phone, password: body.password }), 401, 'unauthorized');
  assert.equal((await login({ login: body.phone, password: 'NewPassw0rd9' })).status, 200);
});

test('I list my sessions and end one of them', async () => {
  const { client: first, body } = await registerEnterprise(server.baseUrl);
  const second = await signInAgain(body);
  const third = await signInAgain(body);

  const list = await third.get('/api/v1/auth/sessions');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.records.length, 3);
  for (const s of list.json.records) {
    for (const key of ['id', 'created_at', 'last_seen_at', 'ip', 'user_agent', 'current']) assert.ok(key in s, key);
  }
  assert.deepEqual(list.json.records.map((s) => s.current), [true, false, false], 'newest (mine) first');
  assert.equal(list.json.records[0].ip, '127.0.0.1');

  const secondId = (await second.get('/api/v1/auth/sessions')).json.records.find((s) => s.current).id;
  assert.equal((await third.delete(`/api/v1/auth/sessions/${secondId}`)).status, 204);
  assertError(await second.get('/api/v1/me'), 401, 'unauthorized');
  assert.equal((await first.get('/api/v1/me')).status, 200);
  assertError(await third.delete(`/api/v1/auth/sessions/${secondId}`), 404, 'not_found');
  assertError(await third.delete('/api/v1/auth/sessions/abc'), 404, 'not_found');

  // Someone else's session is not mine to end.
  const { client: stranger } = await registerEnterprise(server.baseUrl);
  const strangerId = (await stranger.get('/api/v1/auth/sessions')).json.records[0].id;
  assertError(await third.delete(`/api/v1/auth/sessions/${strangerId}`), 404, 'not_found');
  assert.equal((await stranger.get('/api/v1/me')).status, 200);

  // Ending my own session signs me out and clears the cookie.
  const thirdId = list.json.records[0].id;
  const out = await third.delete(`/api/v1/auth/sessions/${thirdId}`);
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /xieli_session=; .*Max-Age=0/);
  assertError(await third.get('/api/v1/me'), 401, 'unauthorized');
});

test('a colleague without admin rights gets 403 on the enterprise views', async () => {
  const res = await login({ login: '13800000003', password: 'Demo@2026' });
  assert.equal(res.status, 200, res.text);
  const sales = new Client(server.baseUrl, res.json.token);
  assertError(await sales.get('/api/v1/security/sessions'), 403, 'forbidden');
  assertError(await sales.get('/api/v1/security/signin-log'), 403, 'forbidden');
  assertError(await sales.delete('/api/v1/security/sessions/1'), 403, 'forbidden');
  // Their own sessions are theirs to see.
  assert.equal((await sales.get('/api/v1/auth/sessions')).status, 200);
});

test('an administrator sees and ends the enterprise’s sessions, paged', async () => {
  const { client: admin, body, result } = await registerEnterprise(server.baseUrl);
  await signInAgain(body);
  const other = await signInAgain(body);
  const { client: stranger } = await registerEnterprise(server.baseUrl);

  const all = await admin.get('/api/v1/security/sessions');
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json.total, 3);
  assert.equal(all.json.next_cursor, null);
  assert.equal(all.json.records.length, 3);
  for (const s of all.json.records) {
    assert.equal(s.user_id, result.user.id);
    assert.equal(s.user_name, '张三');
  }

  const page1 = await admin.get('/api/v1/security/sessions?limit=2');
  assert.equal(page1.json.records.length, 2);
  assert.equal(typeof page1.json.next_cursor, 'string');
  const page2 = await admin.get(`/api/v1/security/sessions?limit=2&cursor=${encodeURIComponent(page1.json.next_cursor)}`);
  assert.equal(page2.json.records.length, 1);
  assert.equal(page2.json.next_cursor, null);
  const ids = [...page1.json.records, ...page2.json.records].map((s) => s.id);
  assert.deepEqual(ids, all.json.records.map((s) => s.id));

  const byUser = await admin.get(`/api/v1/security/sessions?user_id=${result.user.id + 1000}`);
  assert.equal(byUser.json.total, 0);
  assertError(await admin.get('/api/v1/security/sessions?limit=abc'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/security/sessions?cursor=-1'), 400, 'bad_request');

  const otherId = (await other.get('/api/v1/auth/sessions')).json.records[0].id;
  assert.equal((await admin.delete(`/api/v1/security/sessions/${otherId}`)).status, 204);
  assertError(await other.get('/api/v1/me'), 401, 'unauthorized');
  const strangerId = (await stranger.get('/api/v1/auth/sessions')).json.records[0].id;
  assertError(await admin.delete(`/api/v1/security/sessions/${strangerId}`), 404, 'not_found');
  assert.equal((await stranger.get('/api/v1/me')).status, 200, 'another enterprise is out of reach');
});

test('an administrator reads the sign-in log with filters and paging', async () => {
  const { client: admin, body, result } = await registerEnterprise(server.baseUrl);
  assertError(await login({ login: body.phone, password: 'Wrong2026x' }), 401, 'unauthorized');
  await signInAgain(body);

  const log = await admin.get('/api/v1/security/signin-log');
  assert.equal(log.status, 200, log.text);
  assert.equal(log.json.total, 3);
  assert.deepEqual(log.json.records.map((e) => e.reason), ['ok', 'wrong_password', 'registered']);
  const entry = log.json.records[0];
  for (const key of ['id', 'at', 'login', 'user_id', 'user_name', 'ip', 'user_agent', 'success', 'reason']) {
    assert.ok(key in entry, key);
  }
  assert.equal(entry.success, true);
  assert.equal(entry.user_id, result.user.id);
  assert.equal(entry.user_name, '张三');
  assert.equal(entry.login, body.phone);

  const failures = await admin.get('/api/v1/security/signin-log?success=false');
  assert.deepEqual(failures.json.records.map((e) => e.reason), ['wrong_password']);
  const mine = await admin.get(`/api/v1/security/signin-log?user_id=${result.user.id}&success=true`);
  assert.equal(mine.json.total, 2);

  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);  // China's date
  assert.equal((await admin.get(`/api/v1/security/signin-log?from=${today}&to=${today}`)).json.total, 3);
  assert.equal((await admin.get('/api/v1/security/signin-log?to=2020-01-01')).json.total, 0);
  const since = encodeURIComponent(new Date(Date.now() - 3600 * 1000).toISOString());
  assert.equal((await admin.get(`/api/v1/security/signin-log?from=${since}`)).json.total, 3);

  const page1 = await admin.get('/api/v1/security/signin-log?limit=2');
  assert.equal(page1.json.records.length, 2);
  const page2 = await admin.get(`/api/v1/security/signin-log?limit=2&cursor=${page1.json.next_cursor}`);
  assert.deepEqual(page2.json.records.map((e) => e.reason), ['registered']);
  assert.equal(page2.json.next_cursor, null);

  assertError(await admin.get('/api/v1/security/signin-log?success=maybe'), 400, 'bad_request');
  assertError(await admin.get('/api/v1/security/signin-log?from=yesterday'), 400, 'bad_request');
});

test('TOTP: set up, enable with a code, sign in with it, refuse reuse, disable with the password', async () => {
  const { client, body } = await registerEnterprise(server.baseUrl);
  const setup = await client.post('/api/v1/auth/totp/setup');
  assert.equal(setup.status, 200, setup.text);
  const { secret, otpauth_url: url } = setup.json;
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.equal(url, `otpauth://totp/%E5%8D%8F%E5%8A%9B:${body.phone}?secret=${secret}&issuer=%E5%8D%8F%E5%8A%9B`);
  const parsed = new URL(url);
  assert.equal(parsed.host, 'totp');
  assert.equal(decodeURIComponent(parsed.pathname), `/协力:${body.phone}`);
  assert.equal(parsed.searchParams.get('issuer'), '协力');
  assert.equal(parsed.searchParams.get('secret'), secret);

  // Not on before a code proves the app has the secret.
  assert.equal((await login({ login: body.phone, password: body.password })).status, 200);
  const step = currentStep();
  const wrong = totp(secret, step + 5);
  assertError(await client.post('/api/v1/auth/totp/enable', { code: wrong }), 422, 'validation_failed');
  assert.equal((await client.post('/api/v1/auth/totp/enable', { code: totp(secret, step) })).status, 204);
  assert.equal((await client.get('/api/v1/me')).json.user.totp_enabled, true);
  assertError(await client.post('/api/v1/auth/totp/setup'), 409, 'conflict');

  assertError(await login({ login: body.phone, password: body.password }), 401, 'totp_required');
  assertError(await login({ login: body.phone, password: body.password, totp: wrong }), 401, 'totp_invalid');
  assertError(
    await login({ login: body.phone, password: 'Wrong2026x', totp: totp(secret, step + 1) }),
    401,
    'unauthorized',
  );
  // The enabling code's step is spent; the next step (inside the ±1 window) works once.
  assertError(await login({ login: body.phone, password: body.password, totp: totp(secret, step) }), 401, 'totp_invalid');
  const next = totp(secret, step + 1);
  const ok = await login({ login: body.phone, password: body.password, totp: next });
  assert.equal(ok.status, 200, ok.text);
  assertError(await login({ login: body.phone, password: body.password, totp: next }), 401, 'totp_invalid');

  const log = await client.get('/api/v1/security/signin-log?limit=200');
  const reasons = log.json.records.map((e) => e.reason);
  assert.ok(reasons.includes('totp_required') && reasons.includes('totp_invalid'), reasons.join());

  assertError(await client.post('/api/v1/auth/totp/disable', { password: 'Wrong2026x' }), 422, 'validation_failed');
  assert.equal((await client.post('/api/v1/auth/totp/disable', { password: body.password })).status, 204);
  assert.equal((await client.get('/api/v1/me')).json.user.totp_enabled, false);
  assert.equal((await login({ login: body.phone, password: body.password })).status, 200);
});

test('wrong TOTP codes lock the account like wrong passwords', async () => {
  const { client, body } = await registerEnterprise(server.baseUrl);
  const { secret } = (await client.post('/api/v1/auth/totp/setup')).json;
  const step = currentStep();
  assert.equal((await client.post('/api/v1/auth/totp/enable', { code: totp(secret, step) })).status, 204);
  const bad = totp(secret, step + 7);
  for (let i = 0; i < 5; i += 1) {
    assertError(await login({ login: body.phone, password: body.password, totp: bad }), 401, 'totp_invalid');
  }
  const locked = await login({ login: body.phone, password: body.password, totp: totp(secret, step + 1) });
  assertError(locked, 429, 'rate_limited');
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
});

test('re-authentication: the password refreshes the admin window; wrong ones count toward the lockout', async () => {
  const { client } = await registerEnterprise(server.baseUrl, { password: 'Reauth2026x' });
  assert.equal((await client.post('/api/v1/auth/reauth', { password: 'Reauth2026x' })).status, 204);
  assertError(await client.post('/api/v1/auth/reauth', {}), 422, 'validation_failed');
  for (let i = 0; i < 5; i += 1) {
    assertError(await client.post('/api/v1/auth/reauth', { password: 'Wrong2026x' }), 401, 'unauthorized');
  }
  assert.equal((await client.get('/api/v1/me')).status, 200, 'a wrong password does not end the session');
  const locked = await client.post('/api/v1/auth/reauth', { password: 'Reauth2026x' });
  assertError(locked, 429, 'rate_limited');
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  assertError(await new Client(server.baseUrl).post('/api/v1/auth/reauth', { password: 'x' }), 401, 'unauthorized');
});

test('cookie sessions need the CSRF header on the security writes too', async () => {
  const { body } = await registerEnterprise(server.baseUrl);
  const res = await login({ login: body.phone, password: body.password });
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const post = (path, headers = {}) =>
    fetch(server.baseUrl + path, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ password: body.password }),
    });
  assert.equal((await post('/api/v1/auth/reauth')).status, 403);
  assert.equal((await post('/api/v1/auth/reauth', { 'X-Requested-With': 'xieli' })).status, 204);
});

test('the OpenAPI document lists the security routes', async () => {
  const doc = (await new Client(server.baseUrl).get('/api/v1/openapi.json')).json;
  for (const [path, method] of [
    ['/api/v1/auth/change-password', 'post'],
    ['/api/v1/auth/sessions', 'get'],
    ['/api/v1/auth/sessions/{id}', 'delete'],
    ['/api/v1/auth/totp/setup', 'post'],
    ['/api/v1/auth/totp/enable', 'post'],
    ['/api/v1/auth/totp/disable', 'post'],
    ['/api/v1/auth/reauth', 'post'],
    ['/api/v1/security/sessions', 'get'],
    ['/api/v1/security/sessions/{id}', 'delete'],
    ['/api/v1/security/signin-log', 'get'],
  ]) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
  }
});
