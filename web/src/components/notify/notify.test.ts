import { describe, expect, it } from 'vitest';

import { isForeignChange } from './recordLive';
import { badgeText, timeAgo } from './time';

const words = { justNow: '刚刚', minutes: (n: number) => `${n} 分钟前`, hours: (n: number) => `${n} 小时前` };

describe('timeAgo and badgeText', () => {
  const now = Date.parse('2026-05-01T08:00:00Z');
  it('says how long ago within a day, else the date', () => {
    expect(timeAgo('2026-05-01T07:59:30Z', now, 'zh-CN', words)).toBe('刚刚');
    expect(timeAgo('2026-05-01T07:55:00Z', now, 'zh-CN', words)).toBe('5 分钟前');
    expect(timeAgo('2026-05-01T05:00:00Z', now, 'zh-CN', words)).toBe('3 小时前');
    expect(timeAgo('2026-04-20T05:00:00Z', now, 'zh-CN', words)).toMatch(/2026/);
    expect(timeAgo('', now, 'zh-CN', words)).toBe('');
    expect(timeAgo('nonsense', now, 'zh-CN', words)).toBe('');
  });

  it('caps the badge at 99+ and hides it at 0', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-1)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('isForeignChange', () => {
  const change = { object: 'customer', id: 12, operation: 'update', actor_id: 5 };
  it('is about this record and somebody else', () => {
    expect(isForeignChange(change, 'customer', '12', 3)).toBe(true);
    expect(isForeignChange(change, 'customer', 12, 5)).toBe(false);
    expect(isForeignChange(change, 'customer', '13', 3)).toBe(false);
    expect(isForeignChange(change, 'contact', '12', 3)).toBe(false);
    // The system's own changes (jobs) count as someone else's.
    expect(isForeignChange({ ...change, actor_id: null }, 'customer', '12', 3)).toBe(true);
    expect(isForeignChange(null, 'customer', '12', 3)).toBe(false);
  });
});
