// The sales dashboard's figures as requests (docs/guide: 销售仪表盘). Every number is an aggregate
// (POST /objects/{object}/aggregate) over a filter, and its drill-down is the record list with the
// very same filter — so a figure and the records behind it cannot disagree. Data scopes apply on
// the server: a manager's figures cover everyone below them, a salesperson's their own.
import type { Pipeline } from '@/api/crm';
import type { Department } from '@/api/org';
import type { AggregateBody, AggregateResult, FilterNode, Id } from '@/api/records';

import type { TargetMetric, TargetScope } from './targetsApi';

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
    make('unpaid', 'contract', and(...scope, SIGNED, { field: 'unpaid_amount', op: 'gt', value: 0 }), { op: 'sum', field: 'unpaid_amount' }, 'overdue_amount'),
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

/**
 * The pipelines the funnel can show (新客户销售, 老客户复购 …): those with open stages, the default
 * first. The dashboard offers a choice only when there is more than one.
 */
export function funnelPipelines(pipelines: readonly Pipeline[]): Pipeline[] {
  const withStages = pipelines.filter((p) => p.stages.some((s) => s.kind === 'open'));
  return [...withStages.filter((p) => p.default), ...withStages.filter((p) => !p.default)];
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

/**
 * The server counts days and months in China Standard Time (the period filters, the month buckets
 * of an aggregate, a target's actuals), so the dashboard's months are China's too: a browser in
 * Berlin on 30 Nov 20:00 (already 1 Dec in Beijing) must ask for December like the server does.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const chinaMonthFormat = new Intl.DateTimeFormat('en-US', { timeZone: CHINA_TIME_ZONE, year: 'numeric', month: 'numeric' });

/** The year and month (1–12) it is in China at `at`. */
export function chinaYearMonth(at: Date): { year: number; month: number } {
  const parts = chinaMonthFormat.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}

/** YYYY-MM of `month` months after the month it is in China at `from`. */
export function monthKey(from: Date, month: number): string {
  const { year, month: m } = chinaYearMonth(from);
  const index = year * 12 + (m - 1) + month;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** First and last day of a YYYY-MM month. */
export function monthRange(key: string): [string, string] {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
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

/**
 * One side of 赢单/输单: won deals count what was actually signed, lost ones what was at stake. Two
 * questions, not one with both ORed: each then reads its own covering index on the server (won by
 * close date, lost by the day it was lost), where the ORed one scanned every deal (0.4 s cold on
 * 500k deals, docs/performance.md).
 */
export function wonLostBody(s: DashScope, p: Period, status: 'won' | 'lost'): AggregateBody {
  return {
    filter: closedFilter(s, p, status),
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

// ---- sales targets ----------------------------------------------------------------------------

/** Whose targets the chart shows: a person, or a department with everyone below it. */
export interface TargetSubject {
  scope_type: TargetScope;
  scope_id: Id;
}

/** The person or department chosen in the filters (the person first), or null when none is. */
export function chosenTargetSubject(f: { ownerId: Id | null; departmentId: Id | null }): TargetSubject | null {
  if (f.ownerId !== null && f.ownerId !== '') return { scope_type: 'user', scope_id: f.ownerId };
  if (f.departmentId !== null && f.departmentId !== '') return { scope_type: 'department', scope_id: f.departmentId };
  return null;
}

/** At most this many departments are asked for targets before settling on the first. */
export const MAX_TARGET_CANDIDATES = 8;

/**
 * The departments whose targets the chart may show when no person or department is chosen, in the
 * order to try them; empty when the viewer's own target is the one to show.
 *
 * The rule, as a sales director expects it: you see the targets of the team you answer for.
 * - Someone who heads a department (销售经理 of 华东大区, 销售总监 of 销售部) sees the highest
 *   department they head, with everyone below it — the team's target, not their personal one.
 * - An administrator answers for the whole enterprise: the top of the organisation.
 * - If that department has no targets this year, the first department below it (level by level, in
 *   the order of the org chart) that has some is shown instead: the enterprise seldom sets a
 *   company-wide target, so the boss sees 销售部's. The caller tries the list in order and, when
 *   none has targets, shows the first (its actuals, and a hint to set targets).
 * - Everyone else (a salesperson) sees their own target.
 */
export function teamTargetCandidates(departments: readonly Department[], userId: Id | null | undefined, isAdmin: boolean): Id[] {
  if (userId === null || userId === undefined) return [];
  const byId = new Map(departments.map((d) => [String(d.id), d]));
  const headed = new Set(departments.filter((d) => d.head_user_id !== null && String(d.head_user_id) === String(userId)).map((d) => String(d.id)));
  const aboveIsHeaded = (d: Department): boolean => {
    const seen = new Set<string>();
    for (let p = d.parent_id; p !== null && !seen.has(String(p)); p = byId.get(String(p))?.parent_id ?? null) {
      seen.add(String(p));
      if (headed.has(String(p))) return true;
    }
    return false;
  };
  const order = (a: Department, b: Department) => a.sort_order - b.sort_order || Number(a.id) - Number(b.id);
  let level = isAdmin
    ? departments.filter((d) => d.parent_id === null || !byId.has(String(d.parent_id)))
    : departments.filter((d) => headed.has(String(d.id)) && !aboveIsHeaded(d));
  level = [...level].sort(order);
  const out: Id[] = [];
  const seen = new Set<string>();
  while (level.length > 0 && out.length < MAX_TARGET_CANDIDATES) {
    const next: Department[] = [];
    for (const d of level) {
      if (seen.has(String(d.id)) || out.length >= MAX_TARGET_CANDIDATES) continue;
      seen.add(String(d.id));
      out.push(d.id);
      next.push(...departments.filter((c) => c.parent_id !== null && String(c.parent_id) === String(d.id)).sort(order));
    }
    level = next;
  }
  return out;
}

/**
 * Why there is no target to compare with (null: there are targets): a viewer shown their own targets
 * is told to pick a team or person; a team or a chosen person or department is named.
 */
export function missingTargetHint(
  data: { scope_type: TargetScope; months: { target: unknown }[] } | null,
  chosen: boolean,
): 'noOwnTargets' | 'noTargetsOf' | null {
  if (!data || data.months.some((m) => m.target !== null && m.target !== undefined)) return null;
  return !chosen && data.scope_type === 'user' ? 'noOwnTargets' : 'noTargetsOf';
}

/** The records a target's actuals count: a person's by owner, a department's by its subtree. */
export function targetDashScope(subject: TargetSubject, subtreeIds: (id: Id) => Iterable<Id>): DashScope {
  return subject.scope_type === 'user'
    ? { ownerId: subject.scope_id, departmentIds: [] }
    : { ownerId: null, departmentIds: [...subtreeIds(subject.scope_id)] };
}

/** YYYY-MM of a year and a month (1–12). */
const keyOf = (year: number, month: number) => `${year}-${pad(month)}`;

/**
 * The records behind one month's actual of a target, as the server counts them
 * (server/src/modules/sales/targets.cpp): contracts signed in the month that are neither drafts nor
 * terminated; payments paid in the month; customers created in the month (China time) that someone
 * owns. The scope is the target's: the person as owner, or the department and those below it.
 */
export function targetActualDrill(metric: TargetMetric, scope: DashScope, year: number, month: number): { object: string; filter: FilterNode } {
  const [from, to] = monthRange(keyOf(year, month));
  const within = (field: string): FilterNode => ({ field, op: 'between', value: [from, to] });
  if (metric === 'contract_amount') return { object: 'contract', filter: and(...scopeFilter(scope), SIGNED, within('sign_date')) };
  if (metric === 'payment_amount') return { object: 'payment', filter: and(...scopeFilter(scope), within('paid_date')) };
  // created_at is a time: from China midnight on the 1st up to (not including) the next month's.
  const next = month === 12 ? keyOf(year + 1, 1) : keyOf(year, month + 1);
  return {
    object: 'customer',
    filter: and(
      ...scopeFilter(scope),
      OWNED,
      { field: 'created_at', op: 'gte', value: `${from}T00:00:00+08:00` },
      { field: 'created_at', op: 'lt', value: `${next}-01T00:00:00+08:00` },
    ),
  };
}

/** The list page that shows the records behind a figure. */
export function drillPath(object: string, filter: FilterNode): string {
  return `/o/${object}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}
