// The timeline's model: pages appended without repeating an item, and where an item links to.
import type { TimelineItem } from '@/api/crm';

/** A stable key of an item (the API has no ids for them). */
export function timelineKey(item: TimelineItem): string {
  return `${item.type}:${item.object}:${String(item.record_id)}:${item.at}:${String(item.data?.field ?? '')}`;
}

/** The items so far followed by a new page, leaving out any item already shown. */
export function appendPage(shown: readonly TimelineItem[], page: readonly TimelineItem[]): TimelineItem[] {
  const seen = new Set(shown.map(timelineKey));
  const out = [...shown];
  for (const item of page) {
    const k = timelineKey(item);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}

/**
 * The page an item opens: follow-ups and related records open themselves; changes of the
 * record itself link nowhere (the reader is on it).
 */
export function timelineLink(item: TimelineItem, current: { object: string; id: string | number }): string | null {
  if (item.record_id === null || item.record_id === undefined) return null;
  if (item.object === current.object && String(item.record_id) === String(current.id)) return null;
  return `/o/${encodeURIComponent(item.object)}/${encodeURIComponent(String(item.record_id))}`;
}

/** A value of a change as text: arrays joined, nothing as null. */
export function changeValue(value: unknown, separator = '、'): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(separator);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
