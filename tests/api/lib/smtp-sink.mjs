// A local SMTP sink for the API tests: Debian's python3-aiosmtpd storing every message it accepts
// in a Maildir, and a "stalling" server that accepts connections and never answers (to catch a
// sender mid-send).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port that was free a moment ago. */
export async function freePort() {
  const srv = net.createServer();
  await new Promise((res) => srv.listen(0, '127.0.0.1', res));
  const { port } = srv.address();
  await new Promise((res) => srv.close(res));
  return port;
}

async function waitForPort(port, timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise((res) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => { s.destroy(); res(true); });
      s.on('error', () => res(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Starts `python3 -m aiosmtpd` on `port` (or a free one). */
export async function startSmtpSink(port) {
  port = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'xieli-smtp-'));
  const mailbox = join(dir, 'mail');
  const proc = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', mailbox], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c) => (output += c));
  proc.stderr.on('data', (c) => (output += c));
  const exited = new Promise((res) => proc.on('exit', res));
  await waitForPort(port).catch((e) => { throw new Error(`${e.message}: aiosmtpd said ${output}`); });
  return {
    port,
    /** every message received so far, as raw text */
    messages() {
      const folder = join(mailbox, 'new');
      if (!existsSync(folder)) return [];
      return readdirSync(folder).sort().map((f) => readFileSync(join(folder, f), 'utf8'));
    },
    /** waits until `count` messages arrived (real time: delivery is real I/O) */
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (this.messages().length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, have ${this.messages().length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return this.messages();
    },
    /** waits until a message that `match` accepts arrived, and returns it */
    async waitForMatch(match, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (true) {
        const found = this.messages().find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no matching message among ${this.messages().length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      proc.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server on `port` that accepts SMTP connections and never greets. */
export async function startStallingServer(port) {
  port = port ?? (await freePort());
  const sockets = new Set();
  const srv = net.createServer((s) => { sockets.add(s); s.on('error', () => {}); s.on('close', () => sockets.delete(s)); });
  await new Promise((res) => srv.listen(port, '127.0.0.1', res));
  return {
    port,
    connections: () => sockets.size,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((res) => srv.close(res));
    },
  };
}

/** The decoded subject of a raw message (RFC 2047 UTF-8 base64 words). */
export function subjectOf(raw) {
  const m = raw.match(/^Subject: (.*)$/m);
  if (!m) return null;
  return m[1].replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** The decoded plain-text body of a raw message sent base64-encoded. */
export function bodyOf(raw) {
  const parts = raw.split(/\r?\n\r?\n/);
  return Buffer.from(parts.slice(1).join('').replace(/\s+/g, ''), 'base64').toString('utf8');
}
