// Public pools (公海) and reminder rules (提醒规则): docs/api/pool.md, server/src/modules/pool/.
import type { FilterNode, Id, RecordPage, SortSpec } from './records';
import { request } from './request';

export interface PoolSettings {
  name: string;
  description: string;
  /** Open to everyone; otherwise to `department_ids` and the departments below them. */
  all_departments: boolean;
  department_ids: Id[];
  /** Customers of this pool one person may hold at a time; 0 = no limit. */
  claim_limit: number;
  /** Return after this many days without a follow-up; 0 = off. */
  no_followup_days: number;
  /** Return after this many days without a deal; 0 = off. */
  no_deal_days: number;
  /** Days the former owner must wait before claiming a customer again. */
  cooldown_days: number;
  /** Tell the owner this many days before an automatic return; 0 = no notice. */
  notice_days: number;
  enabled: boolean;
}

export interface Pool extends PoolSettings {
  id: number;
  created_at?: string;
  updated_at?: string;
  /** Customers waiting in it. */
  customer_count?: number;
  /** Whether the caller may claim from it. */
  can_claim?: boolean;
}

export interface Holding {
  pool_id: number;
  name: string;
  held: number;
  claim_limit: number;
  /** null without a limit. */
  remaining: number | null;
}

export interface ClaimResult {
  claimed: number[];
  held: number;
  claim_limit: number;
}

export interface AssignResult {
  assigned: number[];
  owner_id: number;
}

export interface ReturnResult {
  id: number;
  pool_id: number;
  reason: string;
  returned_at: string;
}

/** The parameters of GET /pools/{id}/customers (those of the records list). */
export interface PoolCustomerQuery {
  limit?: number;
  cursor?: string | null;
  q?: string;
  filter?: FilterNode | null;
  sort?: SortSpec | null;
  fields?: string[];
  total?: boolean;
}

const seg = (v: Id) => encodeURIComponent(String(v));

export async function listPools(): Promise<Pool[]> {
  const r = await request<{ records: Pool[] }>('/pools');
  return r.records ?? [];
}

export function getPool(id: Id): Promise<Pool> {
  return request<Pool>(`/pools/${seg(id)}`);
}

export function createPool(input: Partial<PoolSettings>): Promise<Pool> {
  return request<Pool>('/pools', { method: 'POST', body: input });
}

export function updatePool(id: Id, input: Partial<PoolSettings>): Promise<Pool> {
  return request<Pool>(`/pools/${seg(id)}`, { method: 'PATCH', body: input });
}

export function deletePool(id: Id): Promise<void> {
  return request<void>(`/pools/${seg(id)}`, { method: 'DELETE' });
}

export async function myHoldings(): Promise<Holding[]> {
  const r = await request<{ records: Holding[] }>('/pools/mine');
  return r.records ?? [];
}

/** The query string of the pool's customer list, as the records list takes it. */
export function poolCustomerParams(query: PoolCustomerQuery): Record<string, string | number | boolean | undefined> {
  return {
    limit: query.limit,
    cursor: query.cursor ?? undefined,
    q: query.q?.trim() || undefined,
    filter: query.filter ? JSON.stringify(query.filter) : undefined,
    sort: query.sort ? `${query.sort.dir === 'desc' ? '-' : ''}${query.sort.field}` : undefined,
    fields: query.fields?.length ? query.fields.join(',') : undefined,
    total: query.total ? true : undefined,
  };
}

export function poolCustomers(id: Id, query: PoolCustomerQuery = {}): Promise<RecordPage> {
  return request<RecordPage>(`/pools/${seg(id)}/customers`, { query: poolCustomerParams(query) });
}

export function claimCustomers(poolId: Id, ids: Id[]): Promise<ClaimResult> {
  return request<ClaimResult>(`/pools/${seg(poolId)}/claim`, { method: 'POST', body: { ids } });
}

export function assignCustomers(poolId: Id, ids: Id[], ownerId: Id): Promise<AssignResult> {
  return request<AssignResult>(`/pools/${seg(poolId)}/assign`, { method: 'POST', body: { ids, owner_id: ownerId } });
}

/** Returns a customer to a pool (its own pool, else the first open to the caller, without `poolId`). */
export function returnToPool(customerId: Id, reason: string, poolId?: Id | null): Promise<ReturnResult> {
  const body: { reason: string; pool_id?: Id } = { reason };
  if (poolId !== undefined && poolId !== null) body.pool_id = poolId;
  return request<ReturnResult>(`/objects/customer/records/${seg(customerId)}/return`, { method: 'POST', body });
}

/** 立即执行 of the automatic return. */
export function runAutoReturn(): Promise<{ returned: number; notices: number }> {
  return request<{ returned: number; notices: number }>('/pools/auto-return/run', { method: 'POST' });
}

// ---- reminder rules ---------------------------------------------------------------------------

export const REMINDER_KINDS = [
  'customer_no_followup',
  'customer_no_deal',
  'followup_due',
  'contract_expiring',
  'payment_due',
  'payment_overdue',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderRuleInput {
  name: string;
  kind: ReminderKind | string;
  days: number;
  notify_supervisor?: boolean;
  enabled?: boolean;
}

export interface ReminderRule extends Required<ReminderRuleInput> {
  id: number;
  created_at: string;
  updated_at: string;
  last_run_at: string | null;
}

export interface ReminderDelivery {
  object: string;
  record_id: number;
  event_key: string;
  owner_id: number | null;
  supervisor_id: number | null;
  fired_at: string;
}

export async function listReminderRules(): Promise<ReminderRule[]> {
  const r = await request<{ records: ReminderRule[] }>('/reminder-rules');
  return r.records ?? [];
}

export function createReminderRule(input: ReminderRuleInput): Promise<ReminderRule> {
  return request<ReminderRule>('/reminder-rules', { method: 'POST', body: input });
}

export function updateReminderRule(id: Id, input: Partial<ReminderRuleInput>): Promise<ReminderRule> {
  return request<ReminderRule>(`/reminder-rules/${seg(id)}`, { method: 'PATCH', body: input });
}

export function deleteReminderRule(id: Id): Promise<void> {
  return request<void>(`/reminder-rules/${seg(id)}`, { method: 'DELETE' });
}

export function runReminderRule(id: Id): Promise<{ fired: number }> {
  return request<{ fired: number }>(`/reminder-rules/${seg(id)}/run`, { method: 'POST' });
}

export async function reminderDeliveries(id: Id): Promise<ReminderDelivery[]> {
  const r = await request<{ records: ReminderDelivery[] }>(`/reminder-rules/${seg(id)}/deliveries`);
  return r.records ?? [];
}
