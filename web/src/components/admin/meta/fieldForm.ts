// The field dialog of 对象与字段 without the UI: which settings each field type has, what may
// be changed on a standard or custom field (docs/api/records.md "Field settings"), the bodies
// of POST and PATCH …/fields, and the PATCHes that move a field up or down.
import type { FieldCreate, FieldPatch, MetaField, PicklistOptionInput } from '@/api/meta';

/**
 * Every type POST …/fields accepts (server/src/records/field_type.cpp), in the order the
 * dialog offers them. A `formula` (计算字段) comes with its formula (docs/api/records.md
 * "Formula fields"; server/src/records/formula.cpp).
 */
export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'currency',
  'percent',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiselect',
  'user',
  'department',
  'lookup',
  'phone',
  'email',
  'url',
  'region',
  'location',
  'autonumber',
  'formula',
  'file',
  'image',
] as const;
export type CreatableFieldType = (typeof FIELD_TYPES)[number];

/** How a default value is typed in, or null when the type has none. */
export type DefaultEditor = 'text' | 'number' | 'currency' | 'date' | 'boolean' | 'select' | 'multiselect' | null;

export interface TypeCaps {
  maxLength: boolean;
  range: boolean;
  unique: boolean;
  /** May be required (an autonumber is filled in by the engine). */
  required: boolean;
  default: DefaultEditor;
  /** Bound to a picklist of the data dictionary. */
  picklist: boolean;
  lookup: boolean;
  autonumber: boolean;
  /** Computed from a formula over the object's number, amount, percent and date fields. */
  formula: boolean;
}

const TEXTLIKE = ['text', 'textarea', 'phone', 'email', 'url'];
const NUMERIC = ['number', 'currency', 'percent'];
const UNIQUE = ['text', 'phone', 'email', 'url', 'number'];

/** The settings a field type has. Unknown types have none. */
export function typeCaps(type: string): TypeCaps {
  const defaults: Record<string, DefaultEditor> = {
    text: 'text',
    textarea: 'text',
    phone: 'text',
    email: 'text',
    url: 'text',
    number: 'number',
    percent: 'number',
    currency: 'currency',
    date: 'date',
    boolean: 'boolean',
    select: 'select',
    multiselect: 'multiselect',
  };
  return {
    maxLength: TEXTLIKE.includes(type),
    range: NUMERIC.includes(type),
    unique: UNIQUE.includes(type),
    required: type !== 'autonumber' && type !== 'formula',
    default: defaults[type] ?? null,
    picklist: type === 'select' || type === 'multiselect',
    lookup: type === 'lookup',
    autonumber: type === 'autonumber',
    formula: type === 'formula',
  };
}

/** What the edit dialog lets change on an existing field. */
export interface FieldEditability {
  /** Labels, help texts and order: every field but the engine's own. */
  labels: boolean;
  /** The required switch may be moved at all. */
  required: boolean;
  /** Why `required` is locked, as a message key, when it is. */
  requiredLock: 'standardRequired' | 'readOnly' | 'system' | null;
  /** default, min, max, max_length: custom fields only, as far as the type has them. */
  maxLength: boolean;
  range: boolean;
  default: boolean;
}

export function fieldEditability(field: MetaField): FieldEditability {
  if (field.system) {
    return { labels: false, required: false, requiredLock: 'system', maxLength: false, range: false, default: false };
  }
  const caps = typeCaps(field.type);
  const custom = field.custom === true;
  let requiredLock: FieldEditability['requiredLock'] = null;
  // A required standard field stays required; a field nobody types into cannot be required.
  if (!custom && field.required) requiredLock = 'standardRequired';
  else if (field.read_only || !caps.required) requiredLock = field.required ? null : 'readOnly';
  return {
    labels: true,
    required: requiredLock === null,
    requiredLock,
    maxLength: custom && caps.maxLength,
    range: custom && caps.range,
    default: custom && caps.default !== null,
  };
}

/** An inline option of a new select field. */
export interface OptionDraft {
  label: string;
  label_en: string;
}

/** What the dialog edits (add and edit share it; unused members are ignored). */
export interface FieldDraft {
  label: string;
  label_en: string;
  name: string;
  type: string;
  required: boolean;
  unique: boolean;
  help: string;
  help_en: string;
  max_length: number | null;
  min: number | null;
  max: number | null;
  /** Text, number, 'YYYY-MM-DD', boolean, option value, or a list of option values; null = none. */
  default: unknown;
  /** 'picklist': bound to a picklist of the dictionary; 'inline': its own options. */
  optionSource: 'picklist' | 'inline';
  picklist: string;
  options: OptionDraft[];
  lookup_object: string;
  autonumber_format: string;
  /** The formula of a computed field, e.g. "ROUND(c_price * c_qty, 2)". */
  formula: string;
}

export function emptyDraft(type = 'text'): FieldDraft {
  return {
    label: '',
    label_en: '',
    name: '',
    type,
    required: false,
    unique: false,
    help: '',
    help_en: '',
    max_length: null,
    min: null,
    max: null,
    default: null,
    optionSource: 'picklist',
    picklist: '',
    options: [
      { label: '', label_en: '' },
      { label: '', label_en: '' },
    ],
    lookup_object: '',
    autonumber_format: '{0000}',
    formula: '',
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The default as the dialog shows it (currency comes as text, "100.00"). */
function defaultForEditor(field: MetaField): unknown {
  const d = field.default;
  if (d === undefined || d === null) return null;
  if (field.type === 'currency') {
    const n = typeof d === 'number' ? d : Number(d);
    return Number.isFinite(n) ? n : null;
  }
  return d;
}

/** The dialog's starting point for an existing field. */
export function draftFromField(field: MetaField): FieldDraft {
  return {
    ...emptyDraft(field.type),
    label: field.label ?? '',
    label_en: field.label_en && field.label_en !== field.label ? field.label_en : '',
    name: field.name,
    required: field.required === true,
    unique: field.unique === true,
    help: field.help ?? '',
    help_en: field.help_en ?? '',
    max_length: num(field.max_length),
    min: num(field.min),
    max: num(field.max),
    default: defaultForEditor(field),
    picklist: field.picklist ?? '',
    lookup_object: field.lookup_object ?? '',
    autonumber_format: field.autonumber_format ?? '',
    formula: (field as MetaField & { formula?: string }).formula ?? '',
  };
}

/** A default value as the server takes it, or undefined when there is none to send. */
export function defaultForServer(type: string, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.length ? value : undefined;
  if (type === 'currency' && typeof value === 'number') return value.toFixed(2);
  if (typeof value === 'string') return value.trim() || undefined;
  return value;
}

/** Inline options with a label, with the values the server will keep (o1, o2 …). */
export function inlineOptions(options: readonly OptionDraft[]): PicklistOptionInput[] {
  return options
    .map((o) => ({ label: o.label.trim(), label_en: o.label_en.trim() }))
    .filter((o) => o.label)
    .map((o, i) => ({ value: `o${i + 1}`, label: o.label, ...(o.label_en ? { label_en: o.label_en } : {}) }));
}

/** The body of POST …/fields for a draft: only what its type uses. */
export function createBody(d: FieldDraft): FieldCreate & { formula?: string } {
  const caps = typeCaps(d.type);
  const body: FieldCreate & { formula?: string } = { label: d.label.trim(), type: d.type };
  if (caps.formula) body.formula = d.formula.trim();
  if (d.label_en.trim()) body.label_en = d.label_en.trim();
  if (d.name.trim()) body.name = d.name.trim();
  if (d.required && caps.required) body.required = true;
  if (d.unique && caps.unique) body.unique = true;
  if (d.help.trim()) body.help = d.help.trim();
  if (d.help_en.trim()) body.help_en = d.help_en.trim();
  if (caps.maxLength && d.max_length !== null) body.max_length = d.max_length;
  if (caps.range && d.min !== null) body.min = d.min;
  if (caps.range && d.max !== null) body.max = d.max;
  if (caps.picklist) {
    if (d.optionSource === 'picklist') body.picklist = d.picklist;
    else body.options = inlineOptions(d.options);
  }
  if (caps.lookup) body.lookup_object = d.lookup_object;
  if (caps.autonumber && d.autonumber_format.trim()) body.autonumber_format = d.autonumber_format.trim();
  if (caps.default) {
    const value = defaultForServer(d.type, d.default);
    if (value !== undefined) body.default = value;
  }
  return body;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The body of PATCH …/fields/{field}: what changed and may change on this field (standard
 * fields: labels, help, required on; custom fields also default and range). Empty when
 * nothing changed.
 */
export function patchBody(field: MetaField, d: FieldDraft): FieldPatch {
  const can = fieldEditability(field);
  const before = draftFromField(field);
  const body: FieldPatch = {};
  if (!can.labels) return body;
  if (d.label.trim() !== before.label) body.label = d.label.trim();
  // The server shows the Chinese label in English when the English one is empty.
  if (d.label_en.trim() !== before.label_en) body.label_en = d.label_en.trim() || d.label.trim();
  if (d.help.trim() !== before.help) body.help = d.help.trim() || null;
  if (d.help_en.trim() !== before.help_en) body.help_en = d.help_en.trim() || null;
  if (can.required && d.required !== before.required) body.required = d.required;
  if (can.maxLength && d.max_length !== before.max_length) body.max_length = d.max_length;
  if (can.range && d.min !== before.min) body.min = d.min;
  if (can.range && d.max !== before.max) body.max = d.max;
  if (can.default) {
    const next = defaultForServer(field.type, d.default) ?? null;
    const prev = defaultForServer(field.type, before.default) ?? null;
    if (!same(next, prev)) body.default = next;
  }
  return body;
}

/** Problems the dialog finds before asking the server, as message keys per member. */
export function checkDraft(d: FieldDraft, creating: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.label.trim()) out.label = 'labelRequired';
  if (creating) {
    const caps = typeCaps(d.type);
    if (!(FIELD_TYPES as readonly string[]).includes(d.type)) out.type = 'typeRequired';
    if (d.name.trim() && !/^[a-z][a-z0-9_]*$/.test(d.name.trim())) out.name = 'nameInvalid';
    if (caps.picklist && d.optionSource === 'picklist' && !d.picklist) out.picklist = 'picklistRequired';
    if (caps.picklist && d.optionSource === 'inline') {
      const labels = d.options.map((o) => o.label.trim()).filter(Boolean);
      if (labels.length === 0) out.options = 'optionsRequired';
      else if (new Set(labels).size !== labels.length) out.options = 'optionsDuplicate';
    }
    if (caps.lookup && !d.lookup_object) out.lookup_object = 'lookupRequired';
    if (caps.formula && !d.formula.trim()) out.formula = 'formulaRequired';
  }
  if (d.min !== null && d.max !== null && d.min > d.max) out.min = 'rangeInvalid';
  return out;
}

/** A field that can be moved: every field but the engine's own (those come first, fixed). */
export const movable = (f: MetaField) => !f.system;

/**
 * The PATCHes that move the field `name` by `delta` places among the movable fields. The
 * fields are numbered 10, 20, 30 … in their new order; a field whose known `sort_order`
 * already has its number is left alone (the server does not send `sort_order` yet, so
 * usually every field is sent). Empty when the field cannot move that way.
 */
export function movePatches(fields: readonly MetaField[], name: string, delta: number): { name: string; sort_order: number }[] {
  const list = fields.filter(movable);
  const from = list.findIndex((f) => f.name === name);
  const to = from + delta;
  if (from < 0 || delta === 0 || to < 0 || to >= list.length) return [];
  const moved = [...list];
  const [field] = moved.splice(from, 1);
  moved.splice(to, 0, field!);
  return moved
    .map((f, i) => ({ name: f.name, sort_order: (i + 1) * 10, known: f.sort_order }))
    .filter((p) => p.known !== p.sort_order)
    .map(({ name: n, sort_order }) => ({ name: n, sort_order }));
}

/** Types a formula may use (formula.cpp): numbers, amounts (in yuan), percents, dates. */
export const FORMULA_OPERAND_TYPES = ['number', 'currency', 'percent', 'date', 'datetime'] as const;

/**
 * The fields of the object a formula may use, in the object's order: not other formulas, nor
 * the engine's own numbers (id, version); its dates (created_at …) are fine.
 */
export function formulaOperands(fields: readonly MetaField[]): MetaField[] {
  return fields.filter((f) => (FORMULA_OPERAND_TYPES as readonly string[]).includes(f.type) && !(f.system && f.type === 'number'));
}

/**
 * The formula with `token` inserted at the cursor (or over the selection [start, end)), with a
 * space on each side where it would otherwise run into a name; and where the cursor goes next.
 */
export function insertIntoFormula(text: string, token: string, start = text.length, end = start): { text: string; cursor: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  const before = text.slice(0, a);
  const after = text.slice(b);
  const word = /[A-Za-z0-9_)]$/;
  const pre = before && word.test(before) ? ' ' : '';
  const post = after && /^[A-Za-z0-9_(]/.test(after) ? ' ' : '';
  const inserted = pre + token + post;
  return { text: before + inserted + after, cursor: a + pre.length + token.length };
}
