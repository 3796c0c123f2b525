// 回收站 (docs/api/records.md "Recycle bin"): what the caller may delete and has been deleted, per
// object; restoring follows the delete scope, purging is for enterprise administrators (and asks
// for the password again like the admin console: adminRequest).
import type { Id, QueryBody, RecordPage } from './records';
import { request } from './request';
import { adminRequest } from './security';

/** One object of GET /recycle-bin: how many of its records are in the bin (up to 1 000). */
export interface BinObject {
  object: string;
  label: string;
  count: number;
  count_capped: boolean;
}

/** What POST …/recycle-bin/empty answers: records purged, and those kept because live ones point at them. */
export interface EmptyResult {
  purged: number;
  kept: number;
  kept_ids: number[];
}

const binPath = (object: string) => `/objects/${encodeURIComponent(object)}/recycle-bin`;

export async function recycleBinSummary(): Promise<BinObject[]> {
  const r = await request<{ objects: BinObject[] }>('/recycle-bin');
  return r.objects ?? [];
}

/** The deleted records of `object` (each with `deleted_at`, `deleted_by`), as POST …/query takes them. */
export function queryRecycleBin(object: string, body: QueryBody, signal?: AbortSignal): Promise<RecordPage> {
  return request<RecordPage>(`${binPath(object)}/query`, { method: 'POST', body, signal });
}

/** Restores every one of `ids` or none. */
export function restoreDeleted(object: string, ids: Id[]): Promise<{ restored: number }> {
  return request<{ restored: number }>(`${binPath(object)}/restore`, { method: 'POST', body: { ids: ids.map(Number) } });
}

/** Purges every one of `ids` for good, or none (administrators). */
export function purgeDeleted(object: string, ids: Id[]): Promise<{ purged: number }> {
  return adminRequest<{ purged: number }>(`${binPath(object)}/purge`, { method: 'POST', body: { ids: ids.map(Number) } });
}

/** 清空回收站 of one object (administrators). */
export function emptyRecycleBin(object: string): Promise<EmptyResult> {
  return adminRequest<EmptyResult>(binPath(object), { method: 'DELETE' });
}

/** 回收站保留天数 (GET|PATCH /settings/recycle-bin): 0 keeps deleted records until purged by hand. */
export interface RecycleBinSettings {
  retention_days: number;
}

export function recycleBinSettings(): Promise<RecycleBinSettings> {
  return request<RecycleBinSettings>('/settings/recycle-bin');
}

/** Changes the retention (full administrators; 0 or 7–3650 days). */
export function saveRecycleBinSettings(retentionDays: number): Promise<RecycleBinSettings> {
  return adminRequest<RecycleBinSettings>('/settings/recycle-bin', { method: 'PATCH', body: { retention_days: retentionDays } });
}
