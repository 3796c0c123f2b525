// Sales targets (销售目标, server/src/modules/sales/targets.h): twelve monthly targets of a person or
// a department by contract amount, payment amount or new customers, with actuals and completion.
import { request } from '@/api/request';

export type TargetMetric = 'contract_amount' | 'payment_amount' | 'new_customers';
export type TargetScope = 'user' | 'department';

/** Amounts are decimal strings, counts integers; completion a ratio (null without a target). */
export interface TargetMonth {
  month: number;
  target: string | number | null;
  actual: string | number;
  completion: number | null;
}

export interface TargetsData {
  year: number;
  metric: TargetMetric;
  scope_type: TargetScope;
  scope_id: number;
  scope_name: string;
  can_edit: boolean;
  months: TargetMonth[];
  total: { target: string | number | null; actual: string | number; completion: number | null };
}

export interface TargetsQuery {
  year: number;
  metric: TargetMetric;
  scope_type: TargetScope;
  /** Omitted: the caller. */
  scope_id?: number | string | null;
}

export function getTargets(q: TargetsQuery): Promise<TargetsData> {
  return request<TargetsData>('/sales/targets', {
    query: { year: q.year, metric: q.metric, scope_type: q.scope_type, scope_id: q.scope_id ?? undefined },
  });
}

export function putTargets(q: TargetsQuery & { scope_id: number | string; months: (string | number | null)[] }): Promise<TargetsData> {
  return request<TargetsData>('/sales/targets', {
    method: 'PUT',
    body: { year: q.year, metric: q.metric, scope_type: q.scope_type, scope_id: Number(q.scope_id), months: q.months },
  });
}
