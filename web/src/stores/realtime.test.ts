import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { backoffDelay, expandRecordsChanged, parseMessage, RealtimeConnection, type RealtimeMessage, type SocketLike, socketUrl } from './realtime';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closed: number | undefined;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(data);
  }
  close(code?: number): void {
    this.closed = code ?? 1000;
    this.readyState = 3;
  }
  // What the server does:
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: unknown): void {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
}

describe('backoffDelay', () => {
  it('doubles from the minimum up to the maximum, with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, 1000, 30000, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(0, 1000, 30000, () => 0)).toBe(800);
    expect(backoffDelay(0, 1000, 30000, () => 1)).toBe(1200);
    expect(backoffDelay(10, 1000, 30000, () => 1)).toBe(30000);
    expect(backoffDelay(1e9, 1000, 30000, mid)).toBe(30000);
  });
});

describe('parseMessage and socketUrl', () => {
  it('reads {type, data} frames and ignores anything else', () => {
    expect(parseMessage('{"type":"notification","data":{"id":1}}')).toEqual({ type: 'notification', data: { id: 1 } });
    expect(parseMessage('not json')).toBeNull();
    expect(parseMessage('{"data":1}')).toBeNull();
    expect(parseMessage('[1]')).toBeNull();
    expect(parseMessage(new ArrayBuffer(2))).toBeNull();
  });

  it('uses wss on https pages, on the same host', () => {
    expect(socketUrl({ protocol: 'https:', host: 'crm.example.com' })).toBe('wss://crm.example.com/api/v1/ws');
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/ws');
  });
});

describe('RealtimeConnection', () => {
  let sockets: FakeSocket[];
  let messages: RealtimeMessage[];
  let statuses: string[];
  let reconnected: number;
  let conn: RealtimeConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    messages = [];
    statuses = [];
    reconnected = 0;
    conn = new RealtimeConnection({
      url: () => 'ws://x/api/v1/ws',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      onMessage: (m) => messages.push(m),
      onStatus: (s) => statuses.push(s),
      onReconnected: () => (reconnected += 1),
      heartbeatMs: 1000,
      silenceMs: 3500,
      random: () => 0.5,
      now: () => Date.now(),
    });
  });
  afterEach(() => {
    conn.stop();
    vi.useRealTimers();
  });

  it('opens one socket, is open on "ready", and hands every other message on', () => {
    conn.start();
    conn.start();
    expect(sockets).toHaveLength(1);
    expect(conn.status).toBe('connecting');
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'ready' });
    expect(conn.status).toBe('open');
    sockets[0]!.receive({ type: 'notification', data: { id: 7 } });
    sockets[0]!.receive({ type: 'pong' });
    sockets[0]!.receive('garbage');
    expect(messages.map((m) => m.type)).toEqual(['ready', 'notification']);
    expect(reconnected).toBe(0);
  });

  it('reconnects after a drop with growing waits, and says so once ready again', () => {
    conn.start();
    sockets[0]!.open();
    sockets[0]!.receive({ type: 'ready' });
    sockets[0]!.drop();
    expect(conn.status).toBe('waiting');
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    // It fails again: the next wait is twice as long.
    sockets[1]!.drop();
    vi.advanceTimersByTime(1999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    sockets[2]!.receive({ type: 'ready' });
    expect(reconnected).toBe(1);
    expect(conn.status).toBe('open');
    // Back to the shortest wait after a success.
    sockets[2]!.drop();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(4);
  });

  it('pings while open and gives up a socket that stays silent', () => {
    conn.start();
    const s = sockets[0]!;
    s.open();
    s.receive({ type: 'ready' });
    vi.advanceTimersByTime(1000);
    expect(s.sent).toEqual(['{"type":"ping"}']);
    s.receive({ type: 'pong' });
    vi.advanceTimersByTime(3000);
    expect(s.closed).toBeUndefined();
    // Nothing heard for more than 3.5 s: closed and replaced.
    vi.advanceTimersByTime(1000);
    expect(s.closed).toBe(4000);
    expect(conn.status).toBe('waiting');
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
  });

  it('stops for good: closes the socket and reconnects no more', () => {
    conn.start();
    sockets[0]!.open();
    conn.stop();
    expect(sockets[0]!.closed).toBe(1000);
    expect(conn.status).toBe('idle');
    vi.advanceTimersByTime(60000);
    expect(sockets).toHaveLength(1);
    expect(statuses.at(-1)).toBe('idle');
  });

  it('retries at once when asked while waiting', () => {
    conn.start();
    sockets[0]!.drop();
    conn.retryNow();
    expect(sockets).toHaveLength(2);
  });
});

describe('expandRecordsChanged', () => {
  it('turns a summary into one record_changed per record, skipping malformed groups', () => {
    const data = {
      groups: [
        { object: 'customer', operation: 'update', actor_id: 1, ids: [5, 6] },
        { object: 'opportunity', operation: 'create', actor_id: null, ids: [7] },
        { object: 'customer', operation: 'update', actor_id: 1 },
      ],
    };
    expect(expandRecordsChanged(data as never)).toEqual([
      { object: 'customer', id: 5, operation: 'update', actor_id: 1 },
      { object: 'customer', id: 6, operation: 'update', actor_id: 1 },
      { object: 'opportunity', id: 7, operation: 'create', actor_id: null },
    ]);
    expect(expandRecordsChanged(null)).toEqual([]);
    expect(expandRecordsChanged({ groups: 'x' } as never)).toEqual([]);
  });
});
