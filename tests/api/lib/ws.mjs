// A tiny WebSocket client for the API tests (Node 20 has no global WebSocket without a flag, and the
// browser API cannot send an Authorization header). RFC 6455 over node:http's upgrade: text, ping,
// pong and close frames; client frames masked.
import http from 'node:http';
import crypto from 'node:crypto';

/**
 * Opens /api/v1/ws. Resolves with a WsClient once the server answered 101, or rejects with
 * {status, body} when it refused the upgrade.
 * @param {string} baseUrl
 * @param {{token?: string, headers?: Record<string,string>, path?: string}} [options]
 */
export function openSocket(baseUrl, { token, headers = {}, path = '/api/v1/ws' } = {}) {
  const url = new URL(path, baseUrl);
  const key = crypto.randomBytes(16).toString('base64');
  const h = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Version': '13',
    ...headers,
  };
  if (token) h.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, headers: h });
    req.on('upgrade', (res, socket, head) => {
      const expected = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      if (res.headers['sec-websocket-accept'] !== expected) {
        socket.destroy();
        reject(new Error('bad Sec-WebSocket-Accept'));
        return;
      }
      resolve(new WsClient(socket, head));
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(body); } catch { /* not JSON */ }
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, body, json }));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export class WsClient {
  constructor(socket, head) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    /** every text message received, parsed as JSON when it is */
    this.messages = [];
    this.waiters = [];
    this.closed = new Promise((res) => socket.on('close', res));
    this.isClosed = false;
    socket.on('close', () => {
      this.isClosed = true;
      for (const w of this.waiters) w.reject(new Error('socket closed'));
      this.waiters = [];
    });
    socket.on('error', () => {});
    socket.on('data', (chunk) => this.#onData(chunk));
    if (head && head.length) this.#onData(head);
  }

  #onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const b0 = this.buffer[0];
      const b1 = this.buffer[1];
      let len = b1 & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + len) return;
      const payload = this.buffer.subarray(offset, offset + len);
      this.buffer = this.buffer.subarray(offset + len);
      const opcode = b0 & 0x0f;
      if (opcode === 0x1) this.#onMessage(payload.toString('utf8'));
      else if (opcode === 0x9) this.#sendFrame(0xa, payload);
      else if (opcode === 0x8) this.socket.end();
    }
  }

  #onMessage(text) {
    let msg = text;
    try { msg = JSON.parse(text); } catch { /* keep text */ }
    this.messages.push(msg);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(msg)) return true;
      w.resolve(msg);
      return false;
    });
  }

  #sendFrame(opcode, payload) {
    const mask = crypto.randomBytes(4);
    const len = payload.length;
    const header = len < 126 ? Buffer.from([0x80 | opcode, 0x80 | len])
      : Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff]);
    const masked = Buffer.from(payload);
    for (let i = 0; i < masked.length; i++) masked[i] ^= mask[i % 4];
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  send(text) { this.#sendFrame(0x1, Buffer.from(text, 'utf8')); }

  /** The first message (already received or still to come) that `match` accepts. */
  next(match, timeoutMs = 2000) {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = { match, resolve, reject };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      w.resolve = (m) => { clearTimeout(timer); resolve(m); };
      w.reject = (e) => { clearTimeout(timer); reject(e); };
      this.waiters.push(w);
    });
  }

  /** Messages of one type received so far. */
  ofType(type) { return this.messages.filter((m) => m && m.type === type); }

  close() {
    if (!this.isClosed) {
      this.#sendFrame(0x8, Buffer.from([0x03, 0xe8]));
      this.socket.end();
    }
    return this.closed;
  }
}
