// The opportunity kanban's model (docs/guide: 商机看板): one column per stage of a pipeline — the
// open stages in order, then 赢单 and 输单 — each with its count and amount from
// POST /objects/opportunity/aggregate over the same filter its cards are listed with, so the
// header always agrees with the cards behind it.
import type { Pipeline, Stage } from '@/api/crm';
import type { AggregateBody, AggregateResult, FilterNode, Id, QueryBody } from '@/api/records';

export interface KanbanFilters {
  pipeline: string;
  ownerId: Id | null;
  /** The chosen department and every department below it. */
  departmentIds: Id[];
  /** Expected close date range, YYYY-MM-DD, both ends included. */
  closeFrom: string | null;
  closeTo: string | null;
  q: string;
}

export interface ColumnTotals {
  count: number;
  amount: string;
}

export const CARDS_PER_PAGE = 20;

/** The columns: open stages in pipeline order, then won, then lost. */
export function kanbanStages(pipeline: Pipeline | null): Stage[] {
  if (!pipeline) return [];
  const rank = (s: Stage) => (s.kind === 'won' ? 1 : s.kind === 'lost' ? 2 : 0);
  return pipeline.stages
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s);
}

/** The filter every column shares: the pipeline and what the toolbar chose. */
export function boardFilter(f: KanbanFilters): FilterNode {
  const and: FilterNode[] = [{ field: 'pipeline', op: 'eq', value: f.pipeline }];
  if (f.ownerId !== null && f.ownerId !== '') and.push({ field: 'owner_id', op: 'eq', value: Number(f.ownerId) });
  if (f.departmentIds.length > 0) and.push({ field: 'department_id', op: 'in', value: f.departmentIds.map(Number) });
  if (f.closeFrom && f.closeTo) and.push({ field: 'expected_close_date', op: 'between', value: [f.closeFrom, f.closeTo] });
  else if (f.closeFrom) and.push({ field: 'expected_close_date', op: 'gte', value: f.closeFrom });
  else if (f.closeTo) and.push({ field: 'expected_close_date', op: 'lte', value: f.closeTo });
  return { and };
}

/** The column totals request: count and amount per stage. */
export function totalsBody(f: KanbanFilters): AggregateBody {
  return {
    filter: boardFilter(f),
    q: f.q.trim() || undefined,
    group_by: ['stage'],
    measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
    limit: 200,
  };
}

/** One column's cards: the board's filter and the stage, newest change first. */
export function columnQuery(f: KanbanFilters, stage: string, cursor: string | null): QueryBody {
  const base = boardFilter(f) as { and: FilterNode[] };
  return {
    filter: { and: [...base.and, { field: 'stage', op: 'eq', value: stage }] },
    q: f.q.trim() || undefined,
    sort: [{ field: 'updated_at', dir: 'desc' }],
    fields: ['name', 'customer_id', 'amount', 'expected_close_date', 'stage', 'pipeline', 'win_probability', 'status'],
    limit: CARDS_PER_PAGE,
    cursor,
    total: false,
  };
}

/** Stage value → totals; stages without records get zero. */
export function totalsByStage(result: AggregateResult | null, stages: readonly Stage[]): Map<string, ColumnTotals> {
  const out = new Map<string, ColumnTotals>(stages.map((s) => [s.value, { count: 0, amount: '0.00' }]));
  for (const g of result?.groups ?? []) {
    const stage = g.key.stage;
    if (typeof stage !== 'string') continue;
    out.set(stage, { count: Number(g.count ?? 0), amount: String(g.sum_amount ?? '0.00') });
  }
  return out;
}

/** Adds two decimal money strings exactly (in cents): "1200.50" + "-200.25" → "1000.25". */
export function addMoney(a: string, b: string): string {
  const cents = (v: string) => {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(v.trim().replace(/,/g, ''));
    if (!m) return 0n;
    const n = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    return m[1] ? -n : n;
  };
  const sum = cents(a) + cents(b);
  const neg = sum < 0n;
  const abs = neg ? -sum : sum;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * The totals after a card moved between columns (shown at once; the server's figures replace
 * them when they arrive).
 */
export function moveTotals(
  totals: Map<string, ColumnTotals>,
  from: string,
  to: string,
  amount: unknown,
): Map<string, ColumnTotals> {
  const out = new Map(totals);
  const a = amount === null || amount === undefined || amount === '' ? '0.00' : String(amount);
  const f = out.get(from);
  const t = out.get(to);
  if (f) out.set(from, { count: Math.max(0, f.count - 1), amount: addMoney(f.amount, a.startsWith('-') ? a.slice(1) : `-${a}`) });
  if (t) out.set(to, { count: t.count + 1, amount: addMoney(t.amount, a) });
  return out;
}
