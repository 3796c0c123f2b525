// The CRM actions on top of the records engine (docs/api/crm.md, sales.md, import-export.md):
// timelines, lead conversion, the customer duplicate check, pipelines and stage history,
// export / import jobs.
import { i18n } from '@/locales';

import { type Id, type QueryBody, type RecordData } from './records';
import { API_BASE, ApiError, BAD_RESPONSE, NETWORK_ERROR, parseErrorBody, request } from './request';

const seg = (v: Id) => encodeURIComponent(String(v));
const objectPath = (object: string) => `/objects/${seg(object)}`;

// ---- timeline -------------------------------------------------------------------------------

export type TimelineType = 'followup' | 'change' | 'transfer' | 'created' | 'deleted' | 'restored' | 'related' | string;

export interface TimelineItem {
  type: TimelineType;
  at: string;
  actor: { id: Id; name: string } | null;
  object: string;
  record_id: Id;
  title: string | null;
  data: Record<string, unknown>;
}

export interface TimelinePage {
  records: TimelineItem[];
  next_before: string | null;
}

export function recordTimeline(object: string, id: Id, before: string | null, limit = 20): Promise<TimelinePage> {
  return request<TimelinePage>(`${objectPath(object)}/records/${seg(id)}/timeline`, {
    query: { limit, before: before ?? undefined },
  });
}

// ---- lead conversion ------------------------------------------------------------------------

export interface ConvertBody {
  customer?: Record<string, unknown>;
  customer_id?: number;
  contact?: Record<string, unknown> | null;
  opportunity?: Record<string, unknown> | null;
  version?: number;
}

export interface ConvertResult {
  lead: RecordData;
  customer: RecordData;
  contact: RecordData | null;
  opportunity: RecordData | null;
}

export function convertLead(id: Id, body: ConvertBody): Promise<ConvertResult> {
  return request<ConvertResult>(`/objects/lead/records/${seg(id)}/convert`, { method: 'POST', body });
}

// ---- customer duplicates --------------------------------------------------------------------

export interface DuplicateMatch {
  id?: Id;
  name: string;
  short_name?: string;
  phone?: string;
  owner_id?: Id;
  owner_name?: string;
  /** The 公海 pool the existing customer is in (then it has no owner and can be claimed). */
  pool_name?: string;
  match: 'name' | 'short_name' | 'phone' | string;
}

export async function customerDuplicates(
  params: { name?: string; short_name?: string; phone?: string; exclude_id?: Id | null },
  signal?: AbortSignal,
): Promise<DuplicateMatch[]> {
  const r = await request<{ records: DuplicateMatch[] }>('/objects/customer/duplicates', {
    query: { ...params, exclude_id: params.exclude_id ?? undefined },
    signal,
  });
  return r.records ?? [];
}

// ---- pipelines and stages -------------------------------------------------------------------

export interface Stage {
  value: string;
  label: string;
  label_en?: string | null;
  probability: number;
  kind: 'open' | 'won' | 'lost' | string;
}

export interface Pipeline {
  value: string;
  label: string;
  label_en?: string | null;
  disabled?: boolean;
  default?: boolean;
  stages: Stage[];
}

export interface StageHistoryEntry {
  from_stage: string | null;
  from_label: string | null;
  to_stage: string;
  to_label: string | null;
  pipeline: string;
  actor_id: Id | null;
  actor_name: string | null;
  at: string;
  days_in_stage: number | null;
}

export async function listPipelines(): Promise<Pipeline[]> {
  const r = await request<{ records: Pipeline[] }>('/sales/pipelines');
  return r.records ?? [];
}

/** One open stage as PUT / POST send it: `value` keeps (and may rename) a stage, none adds one. */
export interface StageInput {
  value?: string;
  label: string;
  label_en?: string;
  probability: number;
}

/** Replaces the open stages of a pipeline (won and lost stay last); answers the whole pipeline. */
export function putPipelineStages(pipeline: string, stages: StageInput[]): Promise<Pipeline> {
  return request<Pipeline>(`/sales/pipelines/${seg(pipeline)}/stages`, { method: 'PUT', body: { stages } });
}

export interface NewPipeline {
  label: string;
  label_en?: string;
  stages: StageInput[];
}

/** Creates a pipeline with its open stages; 409 when the name is taken. */
export function createPipeline(input: NewPipeline): Promise<Pipeline> {
  return request<Pipeline>('/sales/pipelines', { method: 'POST', body: input });
}

export async function stageHistory(id: Id): Promise<StageHistoryEntry[]> {
  const r = await request<{ records: StageHistoryEntry[] }>(`/sales/opportunities/${seg(id)}/stage-history`);
  return r.records ?? [];
}

// ---- jobs, export, import -------------------------------------------------------------------

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: Id;
  kind: 'export' | 'import';
  object: string;
  status: JobStatus;
  progress: { done: number; total: number };
  created_at?: string;
  started_at?: string | null;
  finished_at?: string | null;
  result: Record<string, unknown>;
  error?: { code: string; message: string };
}

export function getJob(id: Id, signal?: AbortSignal): Promise<Job> {
  return request<Job>(`/jobs/${seg(id)}`, { signal });
}

/** Where the browser downloads an export's file (the session cookie authenticates it). */
export const jobFileUrl = (id: Id) => `${API_BASE}/jobs/${seg(id)}/file`;
/** Where the browser downloads an import's error report. */
export const jobErrorsUrl = (id: Id, format?: 'csv' | 'xlsx') =>
  `${API_BASE}/jobs/${seg(id)}/errors${format ? `?format=${format}` : ''}`;
export const importTemplateUrl = (object: string, format: 'csv' | 'xlsx') =>
  `${API_BASE}${objectPath(object)}/import/template?format=${format}`;

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportBody extends Pick<QueryBody, 'filter' | 'q' | 'sort' | 'fields'> {
  format: ExportFormat;
}

export function startExport(object: string, body: ExportBody): Promise<Job> {
  return request<Job>(`${objectPath(object)}/export`, { method: 'POST', body });
}

export interface ImportField {
  name: string;
  label: string;
  type: string;
  required: boolean;
  match_only: boolean;
}

export interface ImportUpload {
  upload_id: string;
  format: 'csv' | 'xlsx';
  columns: string[];
  rows: number;
  sample: string[][];
  mapping: Record<string, string | null>;
  fields: ImportField[];
}

export type DuplicateMode = 'skip' | 'update' | 'create';

export interface ImportBody {
  upload_id: string;
  mapping: Record<string, string | null>;
  duplicate: DuplicateMode;
  match_field: string;
}

/** The content type to send a file with: what the browser says, when the server takes it. */
export function uploadContentType(file: { name: string; type: string }): string {
  const known = [
    'text/csv',
    'text/plain',
    'application/csv',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ];
  if (known.includes(file.type)) return file.type;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return 'application/octet-stream';
}

/** POST …/import/upload with the file itself as the body (not JSON, so not `request()`). */
export async function uploadImport(object: string, file: File): Promise<ImportUpload> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${objectPath(object)}/import/upload`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': String(i18n.global.locale.value),
        'X-Requested-With': 'xieli',
        'Content-Type': uploadContentType(file),
      },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: NETWORK_ERROR, message: '' });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) throw new ApiError(response.status, parseErrorBody(json) ?? { code: BAD_RESPONSE, message: '' });
  return json as ImportUpload;
}

export function startImport(object: string, body: ImportBody): Promise<Job> {
  return request<Job>(`${objectPath(object)}/import`, { method: 'POST', body });
}
