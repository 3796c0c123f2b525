// The filter builder's model (rows of field → operator → value) and its translation into the
// JSON query language of API.md, and back (for saved views and links).
import type { FieldDef, FilterCondition, FilterNode } from '@/api/records';

import { arityOf, defaultOperator, filterEditorFor, operatorsFor, type ValueEditor } from './fieldTypes';

export type MatchMode = 'and' | 'or';

/** One condition as the builder holds it; `value` is what its editor produced. */
export interface FilterRow {
  field: string;
  op: string;
  value: unknown;
}

export interface FilterModel {
  match: MatchMode;
  rows: FilterRow[];
}

const MONEY = /^-?\d{1,13}(\.\d{1,2})?$/;

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim().replace(/,/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function toDateText(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return undefined;
}

function toIsoTime(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === 'string' && v.trim() !== '') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof v === 'number') return new Date(v).toISOString();
  return undefined;
}

/** One value as the API wants it for an editor; undefined when it is missing or malformed. */
export function apiValue(editor: ValueEditor, v: unknown): unknown {
  if (isBlank(v)) return undefined;
  switch (editor) {
    case 'number':
    case 'percent':
      return toNumber(v);
    case 'money': {
      const s = String(v).trim().replace(/,/g, '');
      return MONEY.test(s) ? s : undefined;
    }
    case 'days': {
      const n = toNumber(v);
      return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 3650 ? n : undefined;
    }
    case 'date':
      return toDateText(v);
    case 'datetime':
      return toIsoTime(v);
    case 'boolean':
      if (typeof v === 'boolean') return v;
      return v === 'true' ? true : v === 'false' ? false : undefined;
    case 'user':
    case 'department':
    case 'lookup': {
      const n = toNumber(v);
      return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
    }
    case 'picklist':
    case 'text':
      return typeof v === 'string' ? v.trim() || undefined : String(v);
    default:
      return undefined;
  }
}

/**
 * The condition of one row, or null when the row is not complete (no field, an operator the
 * type does not have, a missing or malformed value).
 */
export function rowToCondition(row: FilterRow, field: FieldDef | undefined): FilterCondition | null {
  if (!field || !operatorsFor(field.type).includes(row.op)) return null;
  const arity = arityOf(row.op);
  if (arity === 'none') return { field: field.name, op: row.op };
  const editor = filterEditorFor(field.type, row.op);
  if (arity === 'one') {
    const value = apiValue(editor, row.value);
    return value === undefined ? null : { field: field.name, op: row.op, value };
  }
  if (!Array.isArray(row.value)) return null;
  const values = row.value.map((v) => apiValue(editor, v));
  if (arity === 'range') {
    if (values.length !== 2 || values.some((v) => v === undefined)) return null;
    return { field: field.name, op: row.op, value: values };
  }
  const list = values.filter((v) => v !== undefined);
  if (list.length === 0 || list.length !== values.length) return null;
  return { field: field.name, op: row.op, value: [...new Set(list)] };
}

/** Whether the row would become a condition. */
export function isRowComplete(row: FilterRow, fields: readonly FieldDef[]): boolean {
  return rowToCondition(row, fields.find((f) => f.name === row.field)) !== null;
}

/** The filter JSON for the builder's rows (incomplete rows are left out); null when none remain. */
export function buildFilter(model: FilterModel, fields: readonly FieldDef[]): FilterNode | null {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const conditions = model.rows
    .map((r) => rowToCondition(r, byName.get(r.field)))
    .filter((c): c is FilterCondition => c !== null);
  if (conditions.length === 0) return null;
  return model.match === 'or' ? { or: conditions } : { and: conditions };
}

/** The number of conditions in a filter JSON (for the "3 conditions" badge). */
export function conditionCount(filter: FilterNode | null | undefined): number {
  if (!filter || typeof filter !== 'object') return 0;
  if ('and' in filter && Array.isArray(filter.and)) return filter.and.reduce((n, f) => n + conditionCount(f), 0);
  if ('or' in filter && Array.isArray(filter.or)) return filter.or.reduce((n, f) => n + conditionCount(f), 0);
  return 'field' in filter ? 1 : 0;
}

function isCondition(node: unknown): node is FilterCondition {
  return (
    typeof node === 'object' &&
    node !== null &&
    typeof (node as FilterCondition).field === 'string' &&
    typeof (node as FilterCondition).op === 'string'
  );
}

/** A row's editor value for a condition read back from JSON (dates stay strings). */
function rowValue(field: FieldDef | undefined, cond: FilterCondition): unknown {
  const v = cond.value;
  if (v === undefined) return null;
  if (field?.type === 'datetime') {
    const toDate = (x: unknown) => (typeof x === 'string' ? new Date(x) : x);
    return Array.isArray(v) ? v.map(toDate) : toDate(v);
  }
  return Array.isArray(v) ? [...v] : v;
}

/**
 * The builder's model for a filter JSON, when it is one the builder can show: a single
 * condition, or one and/or group of conditions. Null for anything deeper.
 */
export function parseFilter(filter: unknown, fields: readonly FieldDef[] = []): FilterModel | null {
  if (filter === null || filter === undefined) return { match: 'and', rows: [] };
  if (typeof filter !== 'object') return null;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const toRow = (c: FilterCondition): FilterRow => ({ field: c.field, op: c.op, value: rowValue(byName.get(c.field), c) });
  if (isCondition(filter)) return { match: 'and', rows: [toRow(filter)] };
  for (const match of ['and', 'or'] as const) {
    const items = (filter as Record<string, unknown>)[match];
    if (Array.isArray(items) && Object.keys(filter).length === 1) {
      if (!items.every(isCondition)) return null;
      return { match, rows: items.map(toRow) };
    }
  }
  return null;
}

/** A new, empty row for a field, with the operator that type starts with. */
export function newRow(field: FieldDef, op?: string): FilterRow {
  const chosen = op && operatorsFor(field.type).includes(op) ? op : defaultOperator(field.type);
  return { field: field.name, op: chosen, value: emptyValue(chosen) };
}

/** What a row's value starts as for an operator. */
export function emptyValue(op: string): unknown {
  return arityOf(op) === 'many' ? [] : null;
}

/** Keeps what still fits when the operator of a row changes (`type`: the field's type). */
export function changeOperator(row: FilterRow, op: string, type: string): FilterRow {
  const before = arityOf(row.op);
  const after = arityOf(op);
  const sameEditor = filterEditorFor(type, row.op) === filterEditorFor(type, op);
  if (!sameEditor) return { ...row, op, value: emptyValue(op) };
  if (before === after) return { ...row, op };
  if (before === 'one' && after === 'many' && row.value !== null && row.value !== undefined && row.value !== '') {
    return { ...row, op, value: [row.value] };
  }
  if (before === 'many' && after === 'one' && Array.isArray(row.value) && row.value.length > 0) {
    return { ...row, op, value: row.value[0] };
  }
  return { ...row, op, value: emptyValue(op) };
}
