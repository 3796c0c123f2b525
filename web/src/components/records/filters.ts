// The filter builder's model (rows of field → operator → value, and groups of rows with their own
// and/or) and its translation into the JSON query language of API.md, and back (for saved views
// and links). The builder edits one level of groups; anything nested deeper (a view saved through
// the API) is kept as it came, shown as text, and sent back unchanged.
import type { FieldDef, FilterCondition, FilterNode } from '@/api/records';

import { arityOf, defaultOperator, filterEditorFor, operatorsFor, type ValueEditor } from './fieldTypes';

export type MatchMode = 'and' | 'or';

/** One condition as the builder holds it; `value` is what its editor produced. */
export interface FilterRow {
  field: string;
  op: string;
  value: unknown;
}

/** Conditions nested deeper than the builder edits, kept exactly as the API gave them. */
export interface FilterRaw {
  raw: FilterNode;
}

/** A group of conditions: all of them (and) or any (or). */
export interface FilterGroup {
  match: MatchMode;
  rows: FilterEntry[];
}

export type FilterEntry = FilterRow | FilterGroup | FilterRaw;

/** The whole filter: the top-level group. */
export type FilterModel = FilterGroup;

export const isGroup = (e: FilterEntry): e is FilterGroup => 'rows' in e && Array.isArray(e.rows);
export const isRaw = (e: FilterEntry): e is FilterRaw => 'raw' in e;
export const isRow = (e: FilterEntry): e is FilterRow => !isGroup(e) && !isRaw(e);

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

/** The rows of a model, at any depth of its groups, that would not become conditions. */
export function incompleteCount(group: FilterGroup, fields: readonly FieldDef[]): number {
  return group.rows.reduce(
    (n, e) => n + (isGroup(e) ? incompleteCount(e, fields) : isRow(e) && !isRowComplete(e, fields) ? 1 : 0),
    0,
  );
}

function buildGroup(group: FilterGroup, byName: Map<string, FieldDef>): FilterNode | null {
  const items = group.rows
    .map((e) => (isRaw(e) ? e.raw : isGroup(e) ? buildGroup(e, byName) : rowToCondition(e, byName.get(e.field))))
    .filter((c): c is FilterNode => c !== null);
  if (items.length === 0) return null;
  return group.match === 'or' ? { or: items } : { and: items };
}

/**
 * The filter JSON for the builder's model: incomplete rows are left out, and so are groups left
 * with nothing (an empty group is never sent); null when nothing remains.
 */
export function buildFilter(model: FilterModel, fields: readonly FieldDef[]): FilterNode | null {
  return buildGroup(model, new Map(fields.map((f) => [f.name, f])));
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

function groupItems(node: unknown): { match: MatchMode; items: unknown[] } | null {
  if (typeof node !== 'object' || node === null || Object.keys(node).length !== 1) return null;
  for (const match of ['and', 'or'] as const) {
    const items = (node as Record<string, unknown>)[match];
    if (Array.isArray(items)) return { match, items };
  }
  return null;
}

/** Whether `node` is a filter of the query language: conditions in and/or groups, any depth. */
function isFilterNode(node: unknown, depth = 0): node is FilterNode {
  if (depth > 32) return false;
  if (isCondition(node)) return true;
  const g = groupItems(node);
  return g !== null && g.items.every((i) => isFilterNode(i, depth + 1));
}

/**
 * The builder's model for a filter JSON: a single condition, or an and/or group of conditions and
 * groups. Groups inside groups are kept whole as raw entries (the builder shows them as text).
 * Null for what is not a filter of the query language.
 */
export function parseFilter(filter: unknown, fields: readonly FieldDef[] = []): FilterModel | null {
  if (filter === null || filter === undefined) return { match: 'and', rows: [] };
  if (!isFilterNode(filter)) return null;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const toRow = (c: FilterCondition): FilterRow => ({ field: c.field, op: c.op, value: rowValue(byName.get(c.field), c) });
  if (isCondition(filter)) return { match: 'and', rows: [toRow(filter)] };
  const toGroup = (node: unknown, depth: number): FilterGroup => {
    const g = groupItems(node)!;
    return {
      match: g.match,
      rows: g.items.map((i): FilterEntry => {
        if (isCondition(i)) return toRow(i);
        return depth === 0 ? toGroup(i, 1) : { raw: JSON.parse(JSON.stringify(i)) as FilterNode };
      }),
    };
  };
  return toGroup(filter, 0);
}

/** The entry at `path` (indexes from the top-level group down), if there is one. */
export function entryAt(model: FilterModel, path: readonly number[]): FilterEntry | undefined {
  let e: FilterEntry | undefined = model;
  for (const i of path) e = e && isGroup(e) ? e.rows[i] : undefined;
  return e;
}

/** The model with the entry at `path` replaced by `fn` of it (the rest shared, not copied). */
export function updateAt(model: FilterModel, path: readonly number[], fn: (e: FilterEntry) => FilterEntry): FilterModel {
  if (path.length === 0) return fn(model) as FilterModel;
  const [i, ...rest] = path;
  return {
    ...model,
    rows: model.rows.map((e, j) => (j !== i ? e : rest.length === 0 ? fn(e) : isGroup(e) ? updateAt(e, rest, fn) : e)),
  };
}

/** The model without the entry at `path`; a group left with no entries goes with it. */
export function removeAt(model: FilterModel, path: readonly number[]): FilterModel {
  if (path.length === 0) return model;
  const [i, ...rest] = path;
  const rows: FilterEntry[] = [];
  model.rows.forEach((e, j) => {
    if (j !== i) rows.push(e);
    else if (rest.length > 0 && isGroup(e)) {
      const inner = removeAt(e, rest);
      if (inner.rows.length > 0) rows.push(inner);
    }
  });
  return { ...model, rows };
}

/** What the builder needs to describe conditions it cannot edit. */
export interface DescribeWords {
  field: (name: string) => string;
  op: (op: string) => string;
  and: string;
  or: string;
}

/** A filter JSON as one line of text, e.g. `(行业 等于 it 或 城市 包含 杭州)`. */
export function describeFilter(node: FilterNode, words: DescribeWords): string {
  if (isCondition(node)) {
    const v = node.value;
    const value = v === undefined || v === null ? '' : Array.isArray(v) ? v.map(String).join(', ') : String(v);
    return [words.field(node.field), words.op(node.op), value].filter((x) => x !== '').join(' ');
  }
  const g = groupItems(node);
  if (!g) return '';
  const joiner = ` ${g.match === 'or' ? words.or : words.and} `;
  return `(${g.items.map((i) => describeFilter(i as FilterNode, words)).join(joiner)})`;
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
