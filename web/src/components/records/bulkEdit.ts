// 批量编辑 (bulk edit): which fields may be set on many records at once, the request, and the
// server's answer when some records are refused (docs/api/records.md "Bulk edit").
import type { FieldDef, Id } from '@/api/records';
import { ApiError, request } from '@/api/request';

import { isLinesField } from '../cash/lines';

import { formFields, isEditable } from './form';

/** The server takes at most this many records in one bulk edit. */
export const BULK_EDIT_MAX = 500;

/**
 * Fields the person may set on many records: editable for them (metadata already applies field
 * security: hidden fields are absent, read-only ones flagged), not unique (one value on many
 * records would collide), and not product lines (each record's own).
 */
export function bulkEditableFields(fields: readonly FieldDef[] | undefined): FieldDef[] {
  // A stored file belongs to one record, so files and images are never set on many at once (the
  // server refuses them too: `file_field`); the dialog names them (fileFieldsLeftOut).
  return formFields(fields).filter((f) => isEditable(f) && !f.unique && !isLinesField(f) && f.type !== 'file' && f.type !== 'image');
}

/**
 * The file and image fields the person could edit but bulk edit leaves out (a stored file belongs
 * to one record), for the dialog to say so instead of leaving them silently missing.
 */
export function fileFieldsLeftOut(fields: readonly FieldDef[] | undefined): FieldDef[] {
  return formFields(fields).filter((f) => isEditable(f) && (f.type === 'file' || f.type === 'image'));
}

export function batchUpdate(object: string, ids: Id[], values: Record<string, unknown>): Promise<{ updated: number }> {
  return request<{ updated: number }>(`/objects/${encodeURIComponent(object)}/batch-update`, {
    method: 'POST',
    body: { ids: ids.map(Number), values },
  });
}

/** One record the server refused, as the 422 of a bulk edit lists it. */
export interface RefusedRecord {
  id: number;
  message: string;
}

/**
 * The refused records of a failed bulk edit, each with its reasons (the details' messages, else
 * the record's message, joined by `separator`); empty when the error is not such a 422.
 */
export function refusedRecords(e: unknown, separator = '；'): RefusedRecord[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.body.records)) return [];
  const out: RefusedRecord[] = [];
  for (const r of e.body.records as unknown[]) {
    if (typeof r !== 'object' || r === null) continue;
    const rec = r as { id?: unknown; message?: unknown; details?: unknown };
    if (typeof rec.id !== 'number') continue;
    const details = Array.isArray(rec.details)
      ? rec.details.map((d) => (typeof d === 'object' && d && typeof d.message === 'string' ? d.message : '')).filter(Boolean)
      : [];
    const reasons = [...new Set(details)];
    out.push({ id: rec.id, message: reasons.length > 0 ? reasons.join(separator) : typeof rec.message === 'string' ? rec.message : '' });
  }
  return out;
}

/** The record a 404 / 403 of a bulk edit names (outside the person's scope), if any. */
export function blockingRecord(e: unknown): number | null {
  return e instanceof ApiError && typeof e.body.record_id === 'number' ? e.body.record_id : null;
}
