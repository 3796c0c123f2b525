// Contract expiry on the contract list (合同到期): which end dates are past or coming soon, and
// the default columns of the cash objects' lists (the contract's end date among them).
import type { ObjectDef } from '@/api/records';

/** An end date within this many days counts as expiring soon. */
export const EXPIRING_DAYS = 30;

/** Today in China Standard Time, "YYYY-MM-DD". */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600e3).toISOString().slice(0, 10);
}

/** Whole days from `today` to `date` (both "YYYY-MM-DD"); null when unreadable. */
export function daysUntil(date: unknown, today: string): number | null {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const a = Date.parse(`${date}T00:00:00Z`);
  const b = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.round((a - b) / 86400e3);
}

export type Expiry = 'expired' | 'soon' | null;

/** How a contract's end date reads today: already past, within EXPIRING_DAYS, or neither. */
export function expiryOf(endDate: unknown, today: string, status?: unknown): Expiry {
  // A contract that ended its life another way no longer "expires".
  if (status === 'terminated' || status === 'completed') return null;
  const days = daysUntil(endDate, today);
  if (days === null) return null;
  if (days < 0) return 'expired';
  if (days <= EXPIRING_DAYS) return 'soon';
  return null;
}

/** Default list columns of the cash objects, when they differ from the generic choice. */
const DEFAULT_COLUMNS: Record<string, string[]> = {
  quote: ['name', 'code', 'customer_id', 'total_amount', 'quote_date', 'valid_until', 'status', 'owner_id', 'updated_at'],
  contract: ['name', 'code', 'customer_id', 'amount', 'unpaid_amount', 'sign_date', 'end_date', 'status', 'owner_id'],
  payment_plan: ['name', 'contract_id', 'due_date', 'amount', 'received_amount', 'status', 'owner_id'],
  payment: ['code', 'contract_id', 'customer_id', 'amount', 'paid_date', 'method', 'owner_id'],
  invoice: ['code', 'contract_id', 'title', 'amount', 'type', 'status', 'invoice_date', 'owner_id'],
};

/** The default columns for `def` (only the fields the caller sees), or null to use the generic ones. */
export function cashDefaultColumns(def: Pick<ObjectDef, 'name' | 'fields'>): string[] | null {
  const wanted = DEFAULT_COLUMNS[def.name];
  if (!wanted) return null;
  const visible = new Set((def.fields ?? []).map((f) => f.name));
  const out = wanted.filter((n) => visible.has(n));
  return out.length > 1 ? out : null;
}
