import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { AppNotification } from '@/api/notify';

vi.mock('@/api/notify', () => ({
  unreadCount: vi.fn(async () => 3),
  listNotifications: vi.fn(async () => ({ records: [note(2, false), note(1, true)], next_cursor: null })),
  markRead: vi.fn(async (id: number) => ({ ...note(id, true), read_at: '2026-05-01T08:00:00Z' })),
  markAllRead: vi.fn(async () => ({ updated: 3 })),
}));

import { i18n } from '@/locales';

import { localizePush, markReadIn, notificationPath, prepend, useNotificationsStore } from './notifications';

function note(id: number, read: boolean, extra: Partial<AppNotification> = {}): AppNotification {
  return { id, kind: 'pool.assigned', title: `t${id}`, body: '', link: null, read, read_at: null, created_at: '2026-05-01T08:00:00Z', ...extra };
}

describe('notification helpers', () => {
  it('picks the language of a push', () => {
    const data = { ...note(5, false), title: '公海客户分配给您', body: '常州瑞丰', title_en: 'Assigned to you', body_en: 'Changzhou' };
    expect(localizePush(data, 'zh-CN')).toMatchObject({ title: '公海客户分配给您', body: '常州瑞丰' });
    expect(localizePush(data, 'en')).toMatchObject({ title: 'Assigned to you', body: 'Changzhou' });
    expect(localizePush({ ...data, title_en: '' }, 'en').title).toBe('公海客户分配给您');
  });

  it('puts a new one first, without duplicates, and keeps the list short', () => {
    const list = [note(3, false), note(2, false), note(1, false)];
    expect(prepend(list, note(4, false), 3).map((n) => n.id)).toEqual([4, 3, 2]);
    expect(prepend(list, note(2, true)).map((n) => [n.id, n.read])).toEqual([
      [2, true],
      [3, false],
      [1, false],
    ]);
    expect(markReadIn(list, 2, 'at').find((n) => n.id === 2)).toMatchObject({ read: true, read_at: 'at' });
  });

  it('links to the record, and only to a well-formed one', () => {
    expect(notificationPath({ link: { object: 'customer', record_id: 12 } })).toBe('/o/customer/12');
    expect(notificationPath({ link: null })).toBeNull();
    expect(notificationPath({ link: { object: '../admin', record_id: 1 } })).toBeNull();
  });
});

describe('useNotificationsStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    i18n.global.locale.value = 'zh-CN';
  });

  it('loads the count and the latest, takes pushes and marks read', async () => {
    const store = useNotificationsStore();
    await store.refresh();
    expect(store.unread).toBe(3);
    expect(store.latest.map((n) => n.id)).toEqual([2, 1]);

    store.receive({ ...note(9, false), title: '新通知', title_en: 'New', unread_count: 4 });
    expect(store.unread).toBe(4);
    expect(store.latest[0]).toMatchObject({ id: 9, title: '新通知' });
    expect(store.pushes).toBe(1);
    // Without a count in the push, one more.
    store.receive({ ...note(10, false) });
    expect(store.unread).toBe(5);

    await store.markRead(store.latest[0]!);
    expect(store.unread).toBe(4);
    expect(store.latest[0]!.read).toBe(true);
    // Already read: nothing happens.
    await store.markRead(store.latest[0]!);
    expect(store.unread).toBe(4);

    expect(await store.markAllRead()).toBe(3);
    expect(store.unread).toBe(0);
    expect(store.latest.every((n) => n.read)).toBe(true);
  });

  it('ignores malformed pushes and forgets everything on reset', () => {
    const store = useNotificationsStore();
    store.receive(null as never);
    store.receive({ title: 'x' } as never);
    expect(store.pushes).toBe(0);
    store.receive({ ...note(1, false), unread_count: 1 });
    store.reset();
    expect(store.unread).toBe(0);
    expect(store.latest).toEqual([]);
  });

  it('takes a burst summary: the newest on top, the count from the server', async () => {
    const store = useNotificationsStore();
    await store.refresh();
    store.receiveSummary({ count: 250, unread_count: 253, latest: [note(300, false), note(299, false), note(298, false)] });
    expect(store.unread).toBe(253);
    expect(store.latest.map((n) => n.id).slice(0, 4)).toEqual([300, 299, 298, 2]);
    // Told as a burst, not as one push: lists reload rather than add the newest.
    expect(store.summaries).toBe(1);
    expect(store.lastSummaryCount).toBe(250);
    expect(store.pushes).toBe(0);
    // Without the server's count: the summary's count is added.
    store.receiveSummary({ count: 20, latest: [note(320, false)] });
    expect(store.unread).toBe(273);
    store.receiveSummary(null as never);
    store.receiveSummary({ count: 3 } as never);
    expect(store.summaries).toBe(2);
    expect(store.lastSummaryCount).toBe(20);
  });
});
