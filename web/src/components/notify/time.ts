// How long ago a notification came, in words ("3 分钟前"), then the date.
import { formatDateTime } from '@/components/records/format';

export interface AgoWords {
  justNow: string;
  minutes: (n: number) => string;
  hours: (n: number) => string;
}

/** "刚刚", "5 分钟前", "3 小时前" within a day, else the date and time. */
export function timeAgo(iso: string | null | undefined, now: number, locale: string, words: AgoWords): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 60) return words.justNow;
  if (seconds < 3600) return words.minutes(Math.floor(seconds / 60));
  if (seconds < 86400) return words.hours(Math.floor(seconds / 3600));
  return formatDateTime(iso, locale);
}

/** The bell's badge: the count, "99+" beyond 99, nothing at 0. */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}
