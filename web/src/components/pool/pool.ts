// The logic of the 公海 pages, kept apart from the components so that it can be tested.
import type { Holding, Pool, PoolSettings } from '@/api/pool';
import type { FieldDef } from '@/api/records';
import { ApiError } from '@/api/request';

/** Columns of the pool's customer list after the name, when the caller may see them. */
export const POOL_COLUMNS = ['industry', 'level', 'region', 'return_reason', 'returned_at', 'previous_owner_id', 'last_followup_at'];

/** The columns to show: the title field first, then those of POOL_COLUMNS the caller has. */
export function poolColumns(fields: readonly FieldDef[], titleName: string | null, isAdmin: boolean): string[] {
  const have = new Set(fields.map((f) => f.name));
  const out = titleName && have.has(titleName) ? [titleName] : [];
  for (const c of POOL_COLUMNS) {
    if (c === 'previous_owner_id' && !isAdmin) continue;
    if (have.has(c) && !out.includes(c)) out.push(c);
  }
  return out;
}

/** Fields offered in the pool's filter builder (the pool's own bookkeeping left out). */
export function poolFilterFields(fields: readonly FieldDef[], isAdmin: boolean): FieldDef[] {
  const skip = new Set(['owner_id', 'pool_id', 'claimed_at', ...(isAdmin ? [] : ['previous_owner_id'])]);
  return fields.filter((f) => !skip.has(f.name));
}

/** The pool to open: the one in the address when usable, else the first that has customers, else the first. */
export function choosePool(pools: readonly Pool[], wanted: string | null | undefined): Pool | null {
  if (wanted) {
    const p = pools.find((x) => String(x.id) === wanted);
    if (p) return p;
  }
  return pools.find((p) => p.enabled && (p.customer_count ?? 0) > 0) ?? pools.find((p) => p.enabled) ?? pools[0] ?? null;
}

/** What "my holding" says about one pool. */
export interface HoldingState {
  held: number;
  /** null: no limit. */
  limit: number | null;
  remaining: number | null;
  full: boolean;
}

export function holdingOf(holdings: readonly Holding[], pool: Pick<Pool, 'id' | 'claim_limit'> | null): HoldingState | null {
  if (!pool) return null;
  const h = holdings.find((x) => String(x.pool_id) === String(pool.id));
  const held = h?.held ?? 0;
  const limit = (h?.claim_limit ?? pool.claim_limit) > 0 ? (h?.claim_limit ?? pool.claim_limit) : null;
  const remaining = limit === null ? null : (h?.remaining ?? Math.max(0, limit - held));
  return { held, limit, remaining, full: remaining !== null && remaining <= 0 };
}

/** Why a claim failed, for the message shown above the list. */
export type ClaimProblem = 'limit' | 'cooldown' | 'taken' | 'gone' | 'disabled' | 'other';

export function claimProblem(e: unknown): ClaimProblem {
  if (!(e instanceof ApiError)) return 'other';
  const codes = e.details.map((d) => d.code);
  if (e.status === 422 && codes.includes('claim_limit')) return 'limit';
  if (e.status === 422 && codes.includes('cooldown')) return 'cooldown';
  if (e.status === 409 && /停用|disabled/i.test(e.message)) return 'disabled';
  if (e.status === 409) return 'taken';
  if (e.status === 404) return 'gone';
  return 'other';
}

/** After these the list is out of date and is reloaded. */
export function needsReload(problem: ClaimProblem): boolean {
  return problem === 'taken' || problem === 'gone';
}

// ---- administration --------------------------------------------------------------------------------

/** A new pool's form: open to all, 50 per person, no automatic return. */
export function emptyPoolForm(): PoolSettings {
  return {
    name: '',
    description: '',
    all_departments: true,
    department_ids: [],
    claim_limit: 50,
    no_followup_days: 0,
    no_deal_days: 0,
    cooldown_days: 0,
    notice_days: 0,
    enabled: true,
  };
}

/** The body of POST / PATCH /pools from the form (departments only when chosen). */
export function poolBody(form: PoolSettings): PoolSettings {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    all_departments: form.all_departments,
    department_ids: form.all_departments ? [] : [...form.department_ids],
    claim_limit: n(form.claim_limit),
    no_followup_days: n(form.no_followup_days),
    no_deal_days: n(form.no_deal_days),
    cooldown_days: n(form.cooldown_days),
    notice_days: n(form.notice_days),
    enabled: form.enabled,
  };
}

/** A sensible number of days for a new rule of `kind`. */
export function defaultRuleDays(kind: string): number {
  switch (kind) {
    case 'customer_no_followup':
      return 7;
    case 'customer_no_deal':
      return 30;
    case 'followup_due':
      return 1;
    case 'contract_expiring':
      return 30;
    case 'payment_due':
      return 3;
    case 'payment_overdue':
      return 0;
    default:
      return 7;
  }
}
