// Product lines of quotes, contracts and opportunities (报价/合同/商机产品明细, docs/decisions/0007-line-items.md): the
// `lines` field holds a JSON list; the server validates it, fills in what a line takes from its
// product and computes every amount. The form shows a preview computed here the same way
// (half up to the cent at each step, on exact integers); what is saved and shown afterwards is
// always what the server computed.
import type { FieldDef } from '@/api/records';

/** A line as the server stores and returns it (amounts are decimal strings). */
export interface StoredLine {
  product_id?: number | null;
  name?: string;
  unit?: string;
  spec?: string;
  quantity?: string | number;
  unit_price?: string | number;
  discount?: string | number;
  tax_rate?: string | number;
  discount_amount?: string;
  amount?: string;
  tax_amount?: string;
  total?: string;
  remark?: string;
}

/** A line as the editor holds it: every input a string ('' when empty). */
export interface EditLine {
  /** A local key for the table rows. */
  key: number;
  product_id: number | null;
  /** The product's name as the picker shows it. */
  product_label: string;
  name: string;
  unit: string;
  spec: string;
  quantity: string;
  unit_price: string;
  discount: string;
  tax_rate: string;
  remark: string;
}

/** The preview of one line, in cents; null members when the line cannot be computed yet. */
export interface LinePreview {
  gross: bigint | null;
  discount: bigint | null;
  amount: bigint | null;
  tax: bigint | null;
  total: bigint | null;
}

export interface Totals {
  subtotal: bigint;
  discount: bigint;
  tax: bigint;
  total: bigint;
  /** Lines that could not be computed (missing quantity or price). */
  incomplete: number;
}

/** Whether a field is the product lines of a standard object (quote, contract, opportunity). */
export function isLinesField(field: Pick<FieldDef, 'name' | 'type' | 'custom'>): boolean {
  return field.name === 'lines' && field.type === 'textarea' && !field.custom;
}

/** "12.5" → 1250n (hundredths); null when empty, negative, or with more than two decimals. */
export function toHundredths(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  const text = (typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value)).trim().replace(/,/g, '');
  const m = /^(\d{1,16})(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
}

/** value × numerator / denominator, half up (all non-negative), as the server's MulDivRound. */
export function mulDivRound(value: bigint, numerator: bigint, denominator: bigint): bigint {
  return (value * numerator + denominator / 2n) / denominator;
}

/** Cents → "1234.50" (no grouping; format with formatMoney to show). */
export function centsText(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/**
 * One line computed like the server: gross = quantity × unit price rounded to the cent; the
 * discount (percent of gross), the amount after discount, the tax (percent of the amount) and
 * the total, each rounded half up to the cent.
 */
export function previewLine(line: Pick<EditLine, 'quantity' | 'unit_price' | 'discount' | 'tax_rate'>): LinePreview {
  const quantity = toHundredths(line.quantity);
  const price = toHundredths(line.unit_price);
  const discountRate = line.discount.trim() === '' ? 0n : toHundredths(line.discount);
  const taxRate = line.tax_rate.trim() === '' ? 0n : toHundredths(line.tax_rate);
  if (quantity === null || quantity === 0n || price === null || discountRate === null || taxRate === null || discountRate > 10000n || taxRate > 10000n) {
    return { gross: null, discount: null, amount: null, tax: null, total: null };
  }
  const gross = (quantity * price + 50n) / 100n;
  const discount = mulDivRound(gross, discountRate, 10000n);
  const amount = gross - discount;
  const tax = mulDivRound(amount, taxRate, 10000n);
  return { gross, discount, amount, tax, total: amount + tax };
}

/** The totals of the lines that can be computed, and how many cannot. */
export function previewTotals(lines: readonly Pick<EditLine, 'quantity' | 'unit_price' | 'discount' | 'tax_rate'>[]): Totals {
  const out: Totals = { subtotal: 0n, discount: 0n, tax: 0n, total: 0n, incomplete: 0 };
  for (const line of lines) {
    const p = previewLine(line);
    if (p.gross === null) {
      out.incomplete += 1;
      continue;
    }
    out.subtotal += p.gross;
    out.discount += p.discount!;
    out.tax += p.tax!;
    out.total += p.total!;
  }
  return out;
}

/** The stored lines of a record's `lines` value (a JSON string, or already a list); [] when none or unreadable. */
export function parseStoredLines(value: unknown): StoredLine[] {
  if (Array.isArray(value)) return value.filter((l): l is StoredLine => typeof l === 'object' && l !== null);
  if (typeof value !== 'string' || value.trim() === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((l): l is StoredLine => typeof l === 'object' && l !== null) : [];
  } catch {
    return [];
  }
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

let nextKey = 1;

/** An empty line for the editor (tax rate preset, e.g. 13 % VAT, when given). */
export function emptyLine(taxRate = ''): EditLine {
  return {
    key: nextKey++,
    product_id: null,
    product_label: '',
    name: '',
    unit: '',
    spec: '',
    quantity: '1',
    unit_price: '',
    discount: '',
    tax_rate: taxRate,
    remark: '',
  };
}

/** What the editor starts from: the stored lines of the record. */
export function toEditLines(value: unknown): EditLine[] {
  return parseStoredLines(value).map((l) => ({
    key: nextKey++,
    product_id: typeof l.product_id === 'number' ? l.product_id : null,
    product_label: typeof l.product_id === 'number' ? str(l.name) : '',
    name: str(l.name),
    unit: str(l.unit),
    spec: str(l.spec),
    quantity: str(l.quantity),
    unit_price: str(l.unit_price),
    discount: str(l.discount) === '0' ? '' : str(l.discount),
    tax_rate: str(l.tax_rate) === '0' ? '' : str(l.tax_rate),
    remark: str(l.remark),
  }));
}

/**
 * The lines as the API takes them: only what a person decides (the server computes the amounts),
 * empty inputs left out. Rows with nothing in them at all are dropped.
 */
export function toWireLines(lines: readonly EditLine[]): Record<string, string | number>[] {
  const out: Record<string, string | number>[] = [];
  for (const l of lines) {
    const o: Record<string, string | number> = {};
    if (l.product_id !== null) o.product_id = l.product_id;
    for (const k of ['name', 'unit', 'spec', 'remark'] as const) {
      const v = l[k].trim();
      if (v !== '') o[k] = v;
    }
    for (const k of ['quantity', 'unit_price', 'discount', 'tax_rate'] as const) {
      const v = l[k].trim().replace(/,/g, '');
      if (v !== '') o[k] = v;
    }
    const meaningful = Object.keys(o).some((k) => k !== 'quantity' && k !== 'tax_rate');
    if (meaningful) out.push(o);
  }
  return out;
}

/** The value of the `lines` field for the form: a JSON list, or '' (no lines). */
export function linesFieldValue(lines: readonly EditLine[]): string {
  const wire = toWireLines(lines);
  return wire.length === 0 ? '' : JSON.stringify(wire);
}

/** Which line and member a server error names ("lines[2].quantity" → {index: 2, member: 'quantity'}). */
export function lineErrorAt(field: string): { index: number; member: string | null } | null {
  const m = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(field);
  return m ? { index: Number(m[1]), member: m[2] ?? null } : null;
}

/**
 * A server error about one line, shown under the lines field: "第 2 行 数量：数量应大于 0".
 * `words` names the line and its members in the UI's language. Null for other fields.
 */
export function lineErrorText(
  detail: { field: string; message: string },
  words: { line: (n: number) => string; member: (m: string) => string; colon?: string },
): string | null {
  const at = lineErrorAt(detail.field);
  if (!at) return null;
  const member = at.member ? words.member(at.member) : '';
  return `${words.line(at.index + 1)}${member ? ` ${member}` : ''}${words.colon ?? ': '}${detail.message}`;
}
