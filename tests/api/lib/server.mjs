// Starts the real xieli-server on a free port with a temporary data directory, and stops it.
// Every API test file uses this; nothing here fakes the server. Also: clients, sign-in, and moving
// the clock of a server started with --test-clock.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');

export function serverBinary() {
  const fromEnv = process.env.XIELI_SERVER_BIN;
  if (fromEnv) return resolve(fromEnv);
  for (const dir of ['build/asan', 'build/release', 'build/dev']) {
    const p = join(repoRoot, dir, 'server/xieli-server');
    if (existsSync(p)) return p;
  }
  throw new Error('xieli-server not built: run ./xieli build');
}

/**
 * `dataDir`: start on the data of an earlier server (an upgrade); the directory is then the caller's
 * and stays after stop(). Without it the server gets a fresh temporary one, removed on stop().
 * @param {{args?: string[], env?: Record<string,string>, demo?: boolean, sampleData?: boolean, dataDir?: string}} [options]
 * @returns {Promise<{baseUrl: string, port: number, dataDir: string, output: () => string, stop: () => Promise<number|null>}>}
 */
export async function startServer(options = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'xieli-test-'));
  const args = ['--port', '0', '--listen', '127.0.0.1', '--data-dir', dataDir];
  if (!options.demo) args.push('--no-demo');
  // Tests count records: the demo people come without the sample customers unless asked for.
  else if (!options.sampleData) args.push('--no-sample-data');
  args.push(...(options.args ?? []));
  const webDist = process.env.XIELI_WEB_DIR || join(repoRoot, 'web/dist');
  if (existsSync(webDist) && !args.includes('--web-dir')) args.push('--web-dir', webDist);
  const proc = spawn(serverBinary(), args, {
    env: { ...process.env, ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stopping = false;
  const exited = new Promise((res) =>
    proc.on('exit', (code, signal) => {
      // A server that dies under a test takes its reason with it unless it is shown here.
      if (!stopping) process.stderr.write(`xieli-server exited unexpectedly (${code ?? signal}):\n${output.slice(-20000)}\n`);
      res(code ?? (signal ? -1 : null));
    }),
  );
  const port = await new Promise((res, rej) => {
    // Generous: a sanitizer build seeding the sample data on a loaded machine is slow. A server that
    // does not come up is killed, so a failed start never leaves a process that keeps the run alive.
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      rej(new Error(`server did not start in 60 s:\n${output}`));
    }, 60000);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(/listening on http:\/\/[^:\s]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    proc,
    output: () => output,
    async stop() {
      stopping = true;
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15000);
      const code = await exited;
      clearTimeout(killer);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** A small JSON client bound to one server, holding a bearer token once signed in. */
export class Client {
  constructor(baseUrl, token = null) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.lang = 'zh-CN';
  }
  async request(method, path, { body, headers = {}, raw = false } = {}) {
    const h = { 'Accept-Language': this.lang, ...headers };
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' });
    if (raw) return res;
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json, text };
  }
  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.request('PATCH', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.request('PUT', path, { ...opts, body }); }
  delete(path, opts) { return this.request('DELETE', path, opts); }
}

let counter = 0;
/** A unique mainland mobile number and e-mail for a test registration. */
export function uniqueIdentity() {
  counter += 1;
  const n = (Date.now() % 1e6) * 100 + (process.pid % 50) * 2 + counter;
  const phone = '139' + String(n).padStart(8, '0').slice(-8);
  return { phone, email: `user${phone}@example.com` };
}

/** Registers a new enterprise and returns the signed-in client and the response body. */
export async function registerEnterprise(baseUrl, overrides = {}) {
  const id = uniqueIdentity();
  const body = {
    company: overrides.company ?? `测试企业${id.phone.slice(-4)}`,
    name: overrides.name ?? '张三',
    phone: overrides.phone ?? id.phone,
    email: overrides.email ?? id.email,
    password: overrides.password ?? 'Passw0rd!2026',
  };
  const client = new Client(baseUrl);
  const res = await client.post('/api/v1/auth/register', body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  client.token = res.json.token;
  return { client, body, result: res.json };
}

/** The demo enterprise's password (every demo person has it). */
export const DEMO_PASSWORD = 'Demo@2026';

/**
 * Signs in several people at once.
 * @param {string} baseUrl
 * @param {Record<string, string>} people key → mobile number (or e-mail)
 * @returns {Promise<Record<string, Client & {userId: number}>>} key → a Client holding the token
 */
export async function signInAll(baseUrl, people, password = DEMO_PASSWORD) {
  const out = {};
  for (const [key, login] of Object.entries(people)) out[key] = await signIn(baseUrl, login, password);
  return out;
}

/**
 * Signs one person in.
 * @param {object} [extra] more of the sign-in body, e.g. `{ tenant: 'demo' }`
 * @returns {Promise<Client & {userId: number}>} a Client holding the token, and the person's id
 */
export async function signIn(baseUrl, login, password = DEMO_PASSWORD, extra = {}) {
  const c = new Client(baseUrl);
  const res = await c.post('/api/v1/auth/login', { login, password, ...extra });
  if (res.status !== 200) throw new Error(`sign-in of ${login} failed: ${res.status} ${res.text}`);
  c.token = res.json.token;
  c.userId = res.json.user.id;
  return c;
}

/**
 * Moves the clock of a server started with --test-clock by `seconds` and returns its new time (ISO text).
 * The admin console then asks for the password again, so `admin` re-authenticates with it.
 */
export async function advanceClock(admin, seconds, password) {
  const res = await admin.post('/api/v1/admin/test-clock', { advance_seconds: seconds });
  assert.equal(res.status, 200, res.text);
  assert.equal((await admin.post('/api/v1/auth/reauth', { password })).status, 204);
  return res.json.now;
}
