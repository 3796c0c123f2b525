// Small money helpers of the contract's payments overview, exact on decimal strings.
import { centsText, toHundredths } from './lines';

/** a − b of two decimal amounts, never below 0, as "1234.50"; '0.00' when unreadable. */
export function leftOf(a: unknown, b: unknown): string {
  const x = toHundredths(a) ?? 0n;
  const y = toHundredths(b) ?? 0n;
  return centsText(x > y ? x - y : 0n);
}

/** The sum of decimal amounts as "1234.50". */
export function sumOf(values: readonly unknown[]): string {
  return centsText(values.reduce<bigint>((s, v) => s + (toHundredths(v) ?? 0n), 0n));
}

/** part / whole as a percentage 0–100 (one decimal); 0 when the whole is 0. */
export function percentOf(part: unknown, whole: unknown): number {
  const p = toHundredths(part) ?? 0n;
  const w = toHundredths(whole) ?? 0n;
  if (w === 0n) return 0;
  const pct = Number((p * 1000n) / w) / 10;
  return Math.min(100, Math.max(0, pct));
}

/** Whether a decimal amount is above zero. */
export function positive(v: unknown): boolean {
  return (toHundredths(v) ?? 0n) > 0n;
}

/** What a payment, invoice or payment plan form may still take from its contract. */
export interface ContractLeft {
  /** The most this record may be. */
  left: string;
  /** The contract's amount, and how much of it the other records of the kind already take. */
  amount: string;
  done: string;
}

/**
 * What is left on a contract for a `kind` record (from the payment summary), the record being
 * edited given back what it already takes when it belongs to the same contract.
 */
export function contractLeft(
  kind: 'payment' | 'invoice' | 'payment_plan',
  summary: { amount: string; paid_amount: string; invoiced_amount: string; plans: { id: number; amount: string }[] },
  editing: { contract_id?: unknown; amount?: unknown; status?: unknown; id?: unknown } | null,
  contractId: unknown,
): ContractLeft {
  const mine = editing && String(editing.contract_id) === String(contractId) ? editing : null;
  let done: string;
  if (kind === 'payment') done = summary.paid_amount;
  else if (kind === 'invoice') done = summary.invoiced_amount;
  else done = sumOf(summary.plans.map((p) => p.amount));
  // The record's own share does not count against it.
  const own = mine && !(kind === 'invoice' && mine.status === 'voided') ? mine.amount : 0;
  const others = leftOf(done, own);
  return { left: leftOf(summary.amount, others), amount: summary.amount, done: others };
}
