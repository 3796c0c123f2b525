// The signed-in person's notifications as the top bar shows them: the unread count and the
// latest few, kept current by the realtime socket (pushes carry the new unread count) and
// refetched when the socket comes back after a drop. A burst arrives as one `notifications`
// summary ({count, unread_count, latest}) instead of one push each.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

import * as notifyApi from '@/api/notify';
import type { AppNotification, PushedNotification } from '@/api/notify';
import { i18n } from '@/locales';

import { useRealtimeStore } from './realtime';
import { useSessionStore } from './session';

/** How many the bell's dropdown shows. */
export const LATEST_SIZE = 8;

/** A pushed notification in the UI's language (the socket sends both). */
export function localizePush(data: PushedNotification, locale: string): AppNotification {
  const en = locale === 'en';
  return {
    id: data.id,
    kind: data.kind,
    title: (en && data.title_en) || data.title || '',
    body: (en && data.body_en) || data.body || '',
    link: data.link ?? null,
    read: data.read === true,
    read_at: data.read_at ?? null,
    created_at: data.created_at,
  };
}

/** `list` with `n` in front (replacing an older copy of it), at most `max` long. */
export function prepend(list: readonly AppNotification[], n: AppNotification, max = LATEST_SIZE): AppNotification[] {
  return [n, ...list.filter((x) => x.id !== n.id)].slice(0, max);
}

/** `list` with notification `id` marked read at `at`. */
export function markReadIn(list: readonly AppNotification[], id: number, at: string): AppNotification[] {
  return list.map((x) => (x.id === id && !x.read ? { ...x, read: true, read_at: at } : x));
}

/** Where a notification leads: its record's detail page, or nowhere. */
export function notificationPath(n: Pick<AppNotification, 'link'>): string | null {
  const l = n.link;
  if (!l || !l.object || l.record_id === undefined || l.record_id === null) return null;
  if (!/^[a-z][a-z0-9_]*$/.test(l.object)) return null;
  return `/o/${l.object}/${encodeURIComponent(String(l.record_id))}`;
}

/** `data` of a `notifications` summary: how many arrived in one server pass, the newest few. */
export interface PushedSummary {
  count?: number;
  unread_count?: number;
  latest?: PushedNotification[];
}

export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0);
  const latest = ref<AppNotification[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref('');
  /** Increases with every push, for pages that show a longer list. */
  const pushes = ref(0);
  /** The newest push (already in the UI's language). */
  const lastPush = ref<AppNotification | null>(null);
  /** Bursts received as one summary ("notifications" message), and how many the last one held. */
  const summaries = ref(0);
  const lastSummaryCount = ref(0);
  let seq = 0;
  let started = false;

  async function refresh(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    try {
      const [count, page] = await Promise.all([notifyApi.unreadCount(), notifyApi.listNotifications({ limit: LATEST_SIZE })]);
      if (mine !== seq) return;
      unread.value = count;
      latest.value = page.records ?? [];
      loaded.value = true;
      error.value = '';
    } catch (e) {
      if (mine === seq) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  async function refreshCount(): Promise<void> {
    try {
      unread.value = await notifyApi.unreadCount();
    } catch {
      // The bell keeps its number.
    }
  }

  function receive(data: PushedNotification): void {
    if (!data || typeof data.id !== 'number') return;
    const n = localizePush(data, String(i18n.global.locale.value));
    latest.value = prepend(latest.value, n);
    if (typeof data.unread_count === 'number') unread.value = data.unread_count;
    else if (!n.read) unread.value += 1;
    lastPush.value = n;
    pushes.value += 1;
  }

  function receiveSummary(data: PushedSummary): void {
    if (!data || !Array.isArray(data.latest)) return;
    const locale = String(i18n.global.locale.value);
    // Newest first in the summary: prepend oldest first so the newest ends on top.
    const fresh = data.latest.filter((d) => d && typeof d.id === 'number').map((d) => localizePush(d, locale));
    for (const n of [...fresh].reverse()) latest.value = prepend(latest.value, n);
    if (typeof data.unread_count === 'number') unread.value = data.unread_count;
    else unread.value += typeof data.count === 'number' ? data.count : fresh.filter((n) => !n.read).length;
    // A burst is told as a whole: lists showing notifications reload instead of adding one.
    lastSummaryCount.value = typeof data.count === 'number' ? data.count : fresh.length;
    summaries.value += 1;
  }

  async function markRead(n: AppNotification): Promise<void> {
    if (n.read) return;
    const done = await notifyApi.markRead(n.id);
    const at = done?.read_at ?? new Date().toISOString();
    latest.value = markReadIn(latest.value, n.id, at);
    unread.value = Math.max(0, unread.value - 1);
  }

  async function markAllRead(): Promise<number> {
    const r = await notifyApi.markAllRead();
    const at = new Date().toISOString();
    latest.value = latest.value.map((x) => (x.read ? x : { ...x, read: true, read_at: at }));
    unread.value = 0;
    return r?.updated ?? 0;
  }

  function reset(): void {
    seq += 1;
    unread.value = 0;
    latest.value = [];
    loaded.value = false;
    loading.value = false;
    error.value = '';
    lastPush.value = null;
  }

  /** Follows the session and the socket; called once by the top bar. */
  function start(): void {
    if (started) return;
    started = true;
    const realtime = useRealtimeStore();
    const session = useSessionStore();
    realtime.on('notification', (data) => receive(data as PushedNotification));
    realtime.on('notifications', (data) => receiveSummary(data as PushedSummary));
    realtime.on('reconnected', () => void refresh());
    watch(
      () => (session.user ? `${session.tenant?.id ?? ''}:${session.user.id}` : ''),
      (who) => {
        reset();
        if (who) void refresh();
      },
      { immediate: true },
    );
  }

  return { unread, latest, loaded, loading, error, pushes, lastPush, summaries, lastSummaryCount, refresh, refreshCount, receive, receiveSummary, markRead, markAllRead, reset, start };
});
