// The realtime socket (GET /api/v1/ws, docs/api/notifications.md "Realtime"): one per tab,
// opened once someone is signed in and closed when they sign out. It sends a heartbeat
// ({"type":"ping"}) and reconnects with growing, jittered delays when the socket drops or
// falls silent; every message is handed to whoever subscribed to its `type`. Pushes are best
// effort: after a reconnect, subscribers of `reconnected` refetch what they show.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

import { API_BASE } from '@/api/request';

import { useSessionStore } from './session';

/** One message from the server: `{"type": …, "data": {…}}`. */
export interface RealtimeMessage<T = unknown> {
  type: string;
  data?: T;
}

/** `data` of a `record_changed` message. */
export interface RecordChanged {
  object: string;
  id: number;
  operation: 'create' | 'update' | 'delete' | 'restore' | string;
  changed_fields?: string[];
  actor_id: number | null;
  at?: string;
}

/** `data` of a `records_changed` summary: the records changed in one server pass, grouped. */
export interface RecordsChanged {
  groups?: { object: string; operation: string; actor_id: number | null; ids: number[] }[];
}

/** The `record_changed` events a `records_changed` summary stands for (malformed groups skipped). */
export function expandRecordsChanged(data: RecordsChanged | null | undefined): RecordChanged[] {
  const out: RecordChanged[] = [];
  for (const g of Array.isArray(data?.groups) ? data.groups : []) {
    if (!g || typeof g.object !== 'string' || !Array.isArray(g.ids)) continue;
    for (const id of g.ids) out.push({ object: g.object, id, operation: g.operation, actor_id: g.actor_id ?? null });
  }
  return out;
}

/** What the connection needs of a WebSocket (the browser's, or a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'waiting';

export interface ConnectionOptions {
  url: () => string;
  createSocket: (url: string) => SocketLike;
  onMessage: (message: RealtimeMessage) => void;
  onStatus?: (status: RealtimeStatus) => void;
  /** Called when a socket is ready again after having been lost (not on the first one). */
  onReconnected?: () => void;
  /** How often a ping goes out (25 s). */
  heartbeatMs?: number;
  /** How long a socket may stay silent before it is given up (60 s; the server answers pings). */
  silenceMs?: number;
  /** First and longest wait before reconnecting (1 s, 30 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  now?: () => number;
}

const OPEN = 1;

/**
 * The wait before reconnect attempt `attempt` (0 = first): doubling from `min` up to `max`,
 * with ±20 % jitter so that tabs dropped together do not come back together.
 */
export function backoffDelay(attempt: number, min = 1000, max = 30000, random: () => number = Math.random): number {
  const base = Math.min(max, min * 2 ** Math.max(0, Math.min(attempt, 20)));
  const jitter = 0.8 + 0.4 * random();
  return Math.round(Math.min(max, base * jitter));
}

/** Parses one frame; null for anything that is not a `{type}` object. */
export function parseMessage(raw: unknown): RealtimeMessage | null {
  if (typeof raw !== 'string') return null;
  try {
    const v = JSON.parse(raw) as unknown;
    if (typeof v !== 'object' || v === null || typeof (v as { type?: unknown }).type !== 'string') return null;
    return v as RealtimeMessage;
  } catch {
    return null;
  }
}

/** The WebSocket address of the API on this page's origin. */
export function socketUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${API_BASE}/ws`;
}

/** One logical connection: a socket at a time, replaced when it drops, until `stop()`. */
export class RealtimeConnection {
  private socket: SocketLike | null = null;
  private running = false;
  private attempt = 0;
  private everReady = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private beatTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  status: RealtimeStatus = 'idle';

  constructor(private readonly opts: ConnectionOptions) {}

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private setStatus(s: RealtimeStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.opts.onStatus?.(s);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.everReady = false;
    this.open();
  }

  stop(): void {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopBeat();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try {
        s.close(1000, 'bye');
      } catch {
        // Already closed.
      }
    }
    this.setStatus('idle');
  }

  /** Reconnects now (e.g. the tab came back online), skipping the wait. */
  retryNow(): void {
    if (!this.running || this.status !== 'waiting') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  private open(): void {
    if (!this.running) return;
    this.setStatus('connecting');
    let s: SocketLike;
    try {
      s = this.opts.createSocket(this.opts.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = s;
    this.lastHeard = this.now;
    s.onopen = () => {
      this.lastHeard = this.now;
      this.startBeat();
    };
    s.onmessage = (ev) => {
      if (this.socket !== s) return;
      this.lastHeard = this.now;
      const msg = parseMessage(ev.data);
      if (!msg) return;
      if (msg.type === 'ready') {
        const again = this.everReady;
        this.everReady = true;
        this.attempt = 0;
        this.setStatus('open');
        if (again) this.opts.onReconnected?.();
      }
      if (msg.type === 'pong') return;
      this.opts.onMessage(msg);
    };
    s.onerror = () => {
      // A close event follows; that is where the retry is scheduled.
    };
    s.onclose = () => {
      if (this.socket !== s) return;
      this.socket = null;
      this.stopBeat();
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (!this.running) return;
    this.setStatus('waiting');
    const wait = backoffDelay(this.attempt, this.opts.minDelayMs ?? 1000, this.opts.maxDelayMs ?? 30000, this.opts.random);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, wait);
  }

  private startBeat(): void {
    this.stopBeat();
    const every = this.opts.heartbeatMs ?? 25000;
    const silence = this.opts.silenceMs ?? 60000;
    this.beatTimer = setInterval(() => {
      const s = this.socket;
      if (!s) return;
      if (this.now - this.lastHeard > silence) {
        // Silent too long: treat as lost (a half-open connection never says so itself).
        this.socket = null;
        s.onopen = s.onmessage = s.onclose = s.onerror = null;
        try {
          s.close(4000, 'silent');
        } catch {
          // Ignore.
        }
        this.stopBeat();
        this.scheduleRetry();
        return;
      }
      if (s.readyState === OPEN) {
        try {
          s.send('{"type":"ping"}');
        } catch {
          // The close event will follow.
        }
      }
    }, every);
  }

  private stopBeat(): void {
    if (this.beatTimer) clearInterval(this.beatTimer);
    this.beatTimer = null;
  }
}

type Handler = (data: unknown, message: RealtimeMessage) => void;

/**
 * The app's socket. `start()` (called once by the top bar) follows the session: it connects
 * while someone is signed in, and closes when they sign out or another person signs in.
 */
export const useRealtimeStore = defineStore('realtime', () => {
  const status = ref<RealtimeStatus>('idle');
  const handlers = new Map<string, Set<Handler>>();
  let connection: RealtimeConnection | null = null;
  let watching = false;

  function emit(type: string, message: RealtimeMessage): void {
    for (const h of [...(handlers.get(type) ?? [])]) {
      try {
        h(message.data, message);
      } catch (e) {
        console.error(e);
      }
    }
  }

  /** Subscribes to messages of `type` (and `reconnected`); returns the unsubscribe function. */
  function on(type: string, handler: Handler): () => void {
    let set = handlers.get(type);
    if (!set) handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => set!.delete(handler);
  }

  function connect(): void {
    disconnect();
    if (typeof WebSocket === 'undefined') return;
    connection = new RealtimeConnection({
      url: () => socketUrl(window.location),
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      onMessage: (m) => {
        if (m.type === 'records_changed') {
          for (const c of expandRecordsChanged(m.data as RecordsChanged)) emit('record_changed', { type: 'record_changed', data: c });
          return;
        }
        emit(m.type, m);
      },
      onStatus: (s) => (status.value = s),
      onReconnected: () => emit('reconnected', { type: 'reconnected' }),
    });
    connection.start();
  }

  function disconnect(): void {
    connection?.stop();
    connection = null;
    status.value = 'idle';
  }

  function start(): void {
    if (watching) return;
    watching = true;
    const session = useSessionStore();
    watch(
      () => (session.user ? `${session.tenant?.id ?? ''}:${session.user.id}` : ''),
      (who) => {
        if (who) connect();
        else disconnect();
      },
      { immediate: true },
    );
    if (typeof window !== 'undefined') window.addEventListener('online', () => connection?.retryNow());
  }

  return { status, on, start, connect, disconnect };
});
