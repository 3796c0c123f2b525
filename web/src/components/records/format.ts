// How record values are shown: money with thousand separators (never through a binary
// float), dates as they are, times in local time, labels from `_display`.
import type { FieldDef, ObjectDef, RecordData } from '@/api/records';

/** "1234567.5" → "1,234,567.50"; '' for nothing; the text itself when it is not an amount. */
export function formatMoney(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(2) : '') : String(value).trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, ''));
  if (!m) return text;
  const [, sign, whole, frac = ''] = m;
  const grouped = whole!.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  text = `${sign}${grouped}.${frac.padEnd(2, '0')}`;
  return text === '-0.00' ? '0.00' : text;
}

/** A number as typed: no grouping beyond what the locale does, up to 6 decimals. */
export function formatNumber(value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(n);
}

/** An ISO time as local date and time ("2026/05/01 16:30" in zh-CN); the text when unreadable. */
export function formatDateTime(value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** A label from metadata (object, field, picklist option) in the UI's language. */
export function labelOf(m: { label: string; label_en?: string | null } | undefined | null, locale: string): string {
  if (!m) return '';
  return locale === 'en' && m.label_en ? m.label_en : m.label;
}

/** Words the formatter needs in the UI's language. */
export interface FormatWords {
  yes: string;
  no: string;
  files: (n: number) => string;
  listSeparator: string;
}

const defaultWords: FormatWords = { yes: '是', no: '否', files: (n) => `${n}`, listSeparator: '、' };

/** One field of a record as display text ('' when empty). */
export function formatValue(
  field: Pick<FieldDef, 'name' | 'type'>,
  record: Pick<RecordData, '_display'> & Record<string, unknown>,
  locale: string,
  words: FormatWords = defaultWords,
): string {
  const v = record[field.name];
  if (v === null || v === undefined || v === '') return '';
  const display = record._display?.[field.name];
  switch (field.type) {
    case 'currency':
      return formatMoney(v);
    case 'number':
      // A module may name what the number points at (a customer's pool): its label, not the id.
      return typeof display === 'string' && display ? display : formatNumber(v, locale);
    case 'formula':
      return formatNumber(v, locale);
    case 'percent':
      return `${formatNumber(v, locale)}%`;
    case 'datetime':
      return formatDateTime(v, locale);
    case 'boolean':
      return v === true ? words.yes : v === false ? words.no : String(v);
    case 'select':
      return typeof display === 'string' ? display : String(v);
    case 'multiselect': {
      const labels = Array.isArray(display) ? display : Array.isArray(v) ? v : [v];
      return labels.filter((x) => x !== null && x !== undefined).join(words.listSeparator);
    }
    case 'user':
    case 'department':
    case 'lookup':
      return typeof display === 'string' && display ? display : `#${String(v)}`;
    case 'location': {
      const loc = v as { address?: string; lat?: number; lng?: number };
      return loc.address || (loc.lat !== undefined ? `${loc.lat}, ${loc.lng}` : '');
    }
    case 'file':
    case 'image': {
      // One file by its name (from _display), several by their count.
      if (!Array.isArray(v) || v.length === 0) return '';
      const first: unknown = Array.isArray(display) ? display[0] : null;
      const name = typeof first === 'object' && first !== null ? (first as { name?: unknown }).name : null;
      return v.length === 1 && typeof name === 'string' ? name : words.files(v.length);
    }
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** The field that names a record: the object's name field, else its first text, else none. */
export function titleField(def: Pick<ObjectDef, 'name_field' | 'fields'>): FieldDef | null {
  const fields = def.fields ?? [];
  const named = fields.find((f) => f.name === def.name_field);
  if (named) return named;
  return (
    fields.find((f) => !f.system && f.type === 'text') ??
    fields.find((f) => !f.system && f.type === 'textarea') ??
    null
  );
}

/** A record's name for titles and links ("#12" when it has none). */
export function recordTitle(def: Pick<ObjectDef, 'name_field' | 'fields'>, record: RecordData, max = 60): string {
  const field = titleField(def);
  const raw = field ? record[field.name] : null;
  const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
  if (!text) return `#${record.id}`;
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
