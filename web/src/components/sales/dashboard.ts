// The sales dashboard's figures as requests (docs/guide: 销售仪表盘). Every number is an aggregate
// (POST /objects/{object}/aggregate) over a filter, and its drill-down is the record list with the
// very same filter — so a figure and the records behind it cannot disagree. Data scopes apply on
// the server: a manager's figures cover everyone below them, a salesperson's their own.
import type { AggregateBody, AggregateResult, FilterNode, Id } from '@/api/records';

export type Period = 'this_month' | 'last_month' | 'this_quarter' | 'this_year' | 'last_year';
export const PERIODS: Period[] = ['this_month', 'last_month', 'this_quarter', 'this_year', 'last_year'];

export interface DashScope {
  ownerId: Id | null;
  /** The chosen department and those below it. */
  departmentIds: Id[];
}

export interface Figure {
  key: 'newCustomers' | 'followups' | 'wonAmount' | 'payments' | 'signed' | 'unpaid';
  object: string;
  filter: FilterNode;
  body: AggregateBody;
  /** Which measure is the figure; money when it is a sum. */
  measure: string;
  money: boolean;
  /** A second figure under the first (the overdue part of unpaid). */
  secondary?: string;
}

function and(...nodes: (FilterNode | null)[]): FilterNode {
  return { and: nodes.filter((n): n is FilterNode => n !== null) };
}

export function scopeFilter(s: DashScope): FilterNode[] {
  const out: FilterNode[] = [];
  if (s.ownerId !== null && s.ownerId !== '') out.push({ field: 'owner_id', op: 'eq', value: Number(s.ownerId) });
  if (s.departmentIds.length > 0) out.push({ field: 'department_id', op: 'in', value: s.departmentIds.map(Number) });
  return out;
}

const during = (field: string, p: Period): FilterNode => ({ field, op: p });

/**
 * Customers someone owns. A pool's customers (公海) belong to no one: a salesperson may read them,
 * but they are not his new customers, nor anyone's — like the 新增客户 of a sales target, which
 * counts by owner. They count once someone claims them.
 */
export const OWNED: FilterNode = { field: 'owner_id', op: 'not_null' };

/** The headline figures of a period. */
export function figures(s: DashScope, p: Period): Figure[] {
  const scope = scopeFilter(s);
  const make = (
    key: Figure['key'],
    object: string,
    filter: FilterNode,
    measure: { op: 'count' } | { op: 'sum'; field: string },
    secondary?: string,
  ): Figure => {
    const measures: AggregateBody['measures'] = [measure];
    if (secondary) measures.push({ op: 'sum', field: secondary });
    return {
      key,
      object,
      filter,
      body: { filter, measures },
      measure: measure.op === 'count' ? 'count' : `sum_${measure.field}`,
      money: measure.op === 'sum',
      secondary: secondary ? `sum_${secondary}` : undefined,
    };
  };
  return [
    make('newCustomers', 'customer', and(...scope, OWNED, during('created_at', p)), { op: 'count' }),
    make('followups', 'followup', and(...scope, during('created_at', p)), { op: 'count' }),
    make(
      'wonAmount',
      'opportunity',
      and(...scope, { field: 'status', op: 'eq', value: 'won' }, during('actual_close_date', p)),
      { op: 'sum', field: 'actual_amount' },
    ),
    make('payments', 'payment', and(...scope, during('paid_date', p)), { op: 'sum', field: 'amount' }),
    make('signed', 'contract', and(...scope, SIGNED, during('sign_date', p)), { op: 'sum', field: 'amount' }),
    // Signed but not yet paid: whatever the period, every contract with money outstanding.
    make('unpaid', 'contract', and(...scope, { field: 'unpaid_amount', op: 'gt', value: 0 }), { op: 'sum', field: 'unpaid_amount' }, 'overdue_amount'),
  ];
}

/** Open deals of a pipeline by stage: count and amount. */
export function funnelBody(s: DashScope, pipeline: string): AggregateBody {
  return {
    filter: funnelFilter(s, pipeline),
    group_by: ['stage'],
    measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
  };
}

export function funnelFilter(s: DashScope, pipeline: string, stage?: string): FilterNode {
  return and(
    ...scopeFilter(s),
    { field: 'pipeline', op: 'eq', value: pipeline },
    { field: 'status', op: 'eq', value: 'open' },
    stage ? { field: 'stage', op: 'eq', value: stage } : null,
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM of `month` months after the month of `from` (local time). */
export function monthKey(from: Date, month: number): string {
  const d = new Date(from.getFullYear(), from.getMonth() + month, 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** First and last day of a YYYY-MM month. */
export function monthRange(key: string): [string, string] {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const last = new Date(y, m, 0).getDate();
  return [`${key}-01`, `${key}-${pad(last)}`];
}

/** The next `months` months from this one. */
export function forecastMonths(now: Date, months = 6): string[] {
  return Array.from({ length: months }, (_, i) => monthKey(now, i));
}

/** Weighted forecast: open deals by expected close month, Σ amount and Σ amount × win probability. */
export function forecastFilter(s: DashScope, months: string[], month?: string): FilterNode {
  const [from] = monthRange(month ?? months[0]!);
  const [, to] = monthRange(month ?? months[months.length - 1]!);
  return and(...scopeFilter(s), { field: 'status', op: 'eq', value: 'open' }, { field: 'expected_close_date', op: 'between', value: [from, to] });
}

export function forecastBody(s: DashScope, months: string[]): AggregateBody {
  return {
    filter: forecastFilter(s, months),
    group_by: [{ field: 'expected_close_date', bucket: 'month' }],
    measures: [
      { op: 'sum', field: 'amount' },
      { op: 'weighted_sum', field: 'amount', weight: 'win_probability' },
      { op: 'count' },
    ],
  };
}

/**
 * Deals closed in the period: won ones by their close date (as the headline 赢单金额 counts them, so
 * the two agree), lost ones by the day they were lost.
 */
export function closedFilter(s: DashScope, p: Period, status?: 'won' | 'lost', reason?: string | null): FilterNode {
  const won: FilterNode = and({ field: 'status', op: 'eq', value: 'won' }, during('actual_close_date', p));
  const lost: FilterNode = and(
    { field: 'status', op: 'eq', value: 'lost' },
    during('stage_changed_at', p),
    reason === undefined ? null : reason === null ? { field: 'lost_reason', op: 'is_null' } : { field: 'lost_reason', op: 'eq', value: reason },
  );
  const closed = status === 'won' ? won : status === 'lost' ? lost : { or: [won, lost] };
  return and(...scopeFilter(s), closed);
}

/** Contracts that count as signed: not drafts, not terminated (as a sales target's actuals). */
const SIGNED: FilterNode = { field: 'status', op: 'nin', value: ['draft', 'terminated'] };

export function wonLostBody(s: DashScope, p: Period): AggregateBody {
  // Won deals count what was actually signed; lost ones what was at stake.
  return {
    filter: closedFilter(s, p),
    group_by: ['status'],
    measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }, { op: 'sum', field: 'actual_amount' }],
  };
}

export function lostReasonsBody(s: DashScope, p: Period): AggregateBody {
  return { filter: closedFilter(s, p, 'lost'), group_by: ['lost_reason'], measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }] };
}

/** New records per month over the last twelve months (customers, contacts). */
export function trendMonths(now: Date): string[] {
  return Array.from({ length: 12 }, (_, i) => monthKey(now, i - 11));
}

export type TrendObject = 'customer' | 'contact';

export function trendFilter(s: DashScope, object: TrendObject, months: string[], month?: string): FilterNode {
  const [from] = monthRange(month ?? months[0]!);
  const [, to] = monthRange(month ?? months[months.length - 1]!);
  // created_at is a time: the month runs from local midnight to the last second of its last day.
  return and(
    ...scopeFilter(s),
    object === 'customer' ? OWNED : null,
    { field: 'created_at', op: 'between', value: [`${from}T00:00:00+08:00`, `${to}T23:59:59+08:00`] },
  );
}

export function trendBody(s: DashScope, object: TrendObject, months: string[]): AggregateBody {
  return { filter: trendFilter(s, object, months), group_by: [{ field: 'created_at', bucket: 'month' }], measures: [{ op: 'count' }] };
}

/** The measure of each month in `months`, zero where the aggregate has no group. */
export function byMonth(result: AggregateResult | null, field: string, months: string[], measure: string): number[] {
  const m = new Map<string, unknown>();
  for (const g of result?.groups ?? []) m.set(String(g.key[field]), g[measure]);
  return months.map((k) => Number(m.get(k) ?? 0));
}

/** The list page that shows the records behind a figure. */
export function drillPath(object: string, filter: FilterNode): string {
  return `/o/${object}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}
