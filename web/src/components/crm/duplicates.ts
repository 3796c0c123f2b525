// The customer form's duplicate check as one types (docs/api/crm.md "Customer duplicate check").
import type { DuplicateMatch } from '@/api/crm';

export const DUPLICATE_FIELDS = ['name', 'short_name', 'phone'] as const;

export interface DuplicateQuery {
  name?: string;
  short_name?: string;
  phone?: string;
  exclude_id?: number | string;
}

/**
 * The query for the values typed so far: trimmed, empty ones left out, at most 200 characters
 * each; null when there is nothing to check. A record being edited sends only the fields that
 * changed (an update is checked only on those) and leaves itself out.
 */
export function duplicateQuery(
  values: Record<string, unknown>,
  record: Record<string, unknown> | null = null,
): DuplicateQuery | null {
  const q: DuplicateQuery = {};
  for (const f of DUPLICATE_FIELDS) {
    const v = values[f];
    const text = typeof v === 'string' ? v.trim() : '';
    if (!text) continue;
    if (record && String(record[f] ?? '').trim() === text) continue;
    q[f] = text.slice(0, 200);
  }
  if (Object.keys(q).length === 0) return null;
  if (record && record.id !== undefined && record.id !== null) q.exclude_id = record.id as number;
  return q;
}

/** A stable text of a query, to skip asking twice for the same values. */
export const queryKey = (q: DuplicateQuery | null) => (q ? JSON.stringify(q) : '');

/** Where a match links to: its record when the caller may see it (the id is there). */
export const matchLink = (m: DuplicateMatch) => (m.id !== undefined && m.id !== null ? `/o/customer/${String(m.id)}` : null);
