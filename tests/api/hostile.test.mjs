// Hostile clients against the real server, over raw sockets: garbage, huge headers, slow senders,
// thousands of idle connections, clients that vanish mid-answer, oversized bodies. Every test ends
// by checking that the server still answers /healthz.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from './lib/server.mjs';

// Short, so the slow-sender test is quick; the server's default is much longer.
const REQUEST_TIMEOUT_SECONDS = 2;

let server;
before(async () => {
  server = await startServer({ args: ['--request-timeout', String(REQUEST_TIMEOUT_SECONDS)] });
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, `the server exits cleanly on SIGTERM after the abuse:\n${server.output().slice(-2000)}`);
});

/** Asserts the server process is alive and /healthz answers 200 {"status":"ok"} within limitMs. */
async function assertHealthy(limitMs = 2000) {
  assert.equal(server.proc.exitCode, null, `the server process died:\n${server.output().slice(-2000)}`);
  assert.equal(server.proc.signalCode, null, `the server was killed by a signal:\n${server.output().slice(-2000)}`);
  const started = performance.now();
  const res = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(limitMs + 3000) });
  const elapsed = performance.now() - started;
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
  assert.ok(elapsed < limitMs, `/healthz took ${Math.round(elapsed)} ms`);
}

/**
 * Opens a raw connection, lets `feed` write to it, and collects everything the server sends until
 * the server closes the connection or `timeoutMs` passes.
 * @returns {Promise<{data: Buffer, closed: boolean, closedAfterMs: number|null, error: Error|null}>}
 */
function exchange(feed, { timeoutMs = 10000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks = [];
    let error = null;
    let settled = false;
    const started = performance.now();
    const finish = (closed) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        data: Buffer.concat(chunks),
        closed,
        closedAfterMs: closed ? performance.now() - started : null,
        error,
      });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    // EPIPE / ECONNRESET while we are still writing is the server refusing us: expected here.
    socket.on('error', (e) => {
      error = e;
    });
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      Promise.resolve(feed(socket, () => settled)).catch((e) => {
        error = e;
      });
    });
  });
}

/** Writes respecting back-pressure; stops quietly once the connection is gone. */
async function writeAll(socket, data) {
  if (socket.destroyed || !socket.writable) return false;
  if (socket.write(data)) return true;
  await new Promise((res) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      res();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
  return !socket.destroyed;
}

function statusOf(data) {
  const m = /^HTTP\/1\.[01] (\d{3}) /.exec(data.toString('latin1'));
  return m ? Number(m[1]) : null;
}

function jsonBodyOf(data) {
  const text = data.toString('utf8');
  const start = text.indexOf('\r\n\r\n');
  if (start < 0) return null;
  try {
    return JSON.parse(text.slice(start + 4));
  } catch {
    return null;
  }
}

test('garbage bytes get a 400 or a closed connection, never a hang or a crash', { timeout: 60000 }, async () => {
  const payloads = [
    randomBytes(4096),
    Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]), // a TLS ClientHello
    Buffer.from('GET / HTTP/9.9\r\n\r\n'),
    Buffer.from('GET /healthz HTTP/1.1\r\nHost x\r\nNo colon here\r\n\r\n'),
    Buffer.from('GET /\0healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
    Buffer.from('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n'),
    Buffer.from('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello'),
    Buffer.from('POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot hex\r\n0\r\n\r\n'),
    Buffer.from('\r\n\r\n\r\n\r\n'.repeat(1000)),
  ];
  for (const payload of payloads) {
    const result = await exchange(async (socket) => writeAll(socket, payload));
    const label = JSON.stringify(payload.subarray(0, 40).toString('latin1'));
    assert.ok(result.closed, `the server closes the connection after ${label}`);
    const status = statusOf(result.data);
    if (result.data.length > 0) {
      assert.equal(status, 400, `${label} → ${result.data.toString('latin1').slice(0, 200)}`);
      assert.equal(jsonBodyOf(result.data)?.error?.code, 'bad_request');
    }
  }
  await assertHealthy();
});

test('a 10 MB header gets 431 or a closed connection, and nothing else', { timeout: 60000 }, async () => {
  const result = await exchange(async (socket) => {
    await writeAll(socket, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ');
    const chunk = 'a'.repeat(64 * 1024);
    for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
      if (!(await writeAll(socket, chunk))) return;
    }
    await writeAll(socket, '\r\n\r\n');
  });
  assert.ok(result.closed, 'the server closes the connection');
  const status = statusOf(result.data);
  assert.ok(
    status === null || status === 431,
    `expected 431 or nothing, got ${result.data.toString('latin1').slice(0, 200)}`,
  );
  if (status === 431) assert.equal(jsonBodyOf(result.data)?.error?.code, 'header_too_large');
  await assertHealthy();
});

test('a request sent one byte a second is cut off', { timeout: 60000 }, async () => {
  const request = `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${'a'.repeat(40)}\r\n\r\n`;
  const result = await exchange(
    async (socket, done) => {
      for (const byte of request) {
        if (done() || !(await writeAll(socket, byte))) return;
        await sleep(1000);
      }
    },
    { timeoutMs: (REQUEST_TIMEOUT_SECONDS + 8) * 1000 },
  );
  assert.ok(result.closed, 'the server drops the slow sender');
  assert.ok(
    result.closedAfterMs < (REQUEST_TIMEOUT_SECONDS + 3) * 1000,
    `dropped after ${Math.round(result.closedAfterMs)} ms, expected about ${REQUEST_TIMEOUT_SECONDS} s`,
  );
  assert.notEqual(statusOf(result.data), 200, 'the trickled request was never served');
  await assertHealthy();
});

test('2000 idle connections do not stop /healthz from answering quickly', { timeout: 120000 }, async () => {
  const sockets = [];
  let closedByServer = 0;
  try {
    // In batches, so the listen backlog is never the thing being tested.
    for (let batch = 0; batch < 20; batch++) {
      const opened = [];
      for (let i = 0; i < 100; i++) {
        const socket = net.connect(server.port, '127.0.0.1');
        socket.on('error', () => {});
        socket.on('close', () => {
          if (!socket.closingOnPurpose) closedByServer++;
        });
        sockets.push(socket);
        opened.push(new Promise((res, rej) => {
          socket.once('connect', res);
          socket.once('error', rej);
        }));
      }
      await Promise.all(opened);
    }
    assert.equal(sockets.length, 2000);
    await sleep(200); // let the server accept them all
    await assertHealthy(1000);
    assert.equal(closedByServer, 0, 'idle connections stay open (well within the idle timeout)');
  } finally {
    for (const socket of sockets) {
      socket.closingOnPurpose = true;
      socket.destroy();
    }
  }
  await assertHealthy();
});

test('clients that vanish in the middle of an answer do not hurt the server', { timeout: 60000 }, async () => {
  // Hundreds of pipelined requests keep the server writing; the client reads a little and then
  // resets the connection while answers are still going out.
  const pipelined = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(500);
  for (let round = 0; round < 20; round++) {
    const first = await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write(pipelined));
      socket.on('error', () => {});
      socket.once('data', (chunk) => {
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
        else socket.destroy();
        resolve(chunk);
      });
      setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref();
    });
    assert.equal(statusOf(first), 200, 'the server had started answering');
  }
  // A request whose client is gone before the answer is ready.
  for (let round = 0; round < 20; round++) {
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((res) => socket.once('connect', res));
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.destroy();
  }
  await assertHealthy();
});

test('a 20 MB body is refused with 413 before it is read', { timeout: 60000 }, async () => {
  const size = 20 * 1024 * 1024;
  const started = performance.now();
  const result = await exchange(async (socket, done) => {
    await writeAll(
      socket,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${size}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < size && !done(); sent += chunk.length) {
      if (!(await writeAll(socket, chunk))) return;
    }
  });
  const elapsed = performance.now() - started;
  assert.equal(statusOf(result.data), 413, result.data.toString('latin1').slice(0, 300));
  assert.equal(jsonBodyOf(result.data)?.error?.code, 'payload_too_large');
  assert.ok(result.closed, 'the connection is closed after the refusal');
  assert.ok(elapsed < 8000, `refused after ${Math.round(elapsed)} ms`);
  await assertHealthy();
});
