// What each field type offers in the record pages: the filter operators that make sense for it
// (a subset of what server/src/records/query_compiler.cpp accepts), the editor a filter value
// or a form input uses, and whether it can be a list column.
import type { FieldDef } from '@/api/records';

/** Relative date ranges of the query language, in the order the filter builder offers them. */
export const RELATIVE_DATE_OPS = [
  'today',
  'yesterday',
  'tomorrow',
  'this_week',
  'last_week',
  'next_week',
  'this_month',
  'last_month',
  'next_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'last_n_days',
  'next_n_days',
] as const;

/** Relative ranges that need a number of days as their value. */
export const DAY_COUNT_OPS = ['last_n_days', 'next_n_days'] as const;

/** Operators that take no value at all. */
export const VALUELESS_OPS = ['is_null', 'not_null'] as const;

/** How a value is entered: in the filter builder, and (mostly the same) in the form. */
export type ValueEditor =
  | 'text'
  | 'number'
  | 'money'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'picklist'
  | 'user'
  | 'department'
  | 'lookup'
  | 'days'
  | 'none';

const TEXT_OPS = ['contains', 'starts_with', 'eq', 'ne', 'is_null', 'not_null'];
const NUMBER_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'is_null', 'not_null'];
const DATE_OPS = ['eq', 'lt', 'gt', 'between', ...RELATIVE_DATE_OPS, 'is_null', 'not_null'];
const DATETIME_OPS = ['between', 'gte', 'lt', ...RELATIVE_DATE_OPS, 'is_null', 'not_null'];
const CHOICE_OPS = ['eq', 'ne', 'in', 'nin', 'is_null', 'not_null'];

/** The operators the filter builder offers for a field type; empty when it cannot be filtered. */
export function operatorsFor(type: string): string[] {
  switch (type) {
    case 'text':
    case 'phone':
    case 'email':
    case 'autonumber':
    case 'region':
      return TEXT_OPS;
    case 'url':
      return ['contains', 'starts_with', 'is_null', 'not_null'];
    case 'textarea':
      return ['contains', 'is_null', 'not_null'];
    case 'number':
    case 'currency':
    case 'percent':
    case 'formula': // computed on write and stored as a number (server/src/records/formula.h)
      return NUMBER_OPS;
    case 'date':
      return DATE_OPS;
    case 'datetime':
      return DATETIME_OPS;
    case 'boolean':
      return ['eq', 'is_null', 'not_null'];
    case 'select':
      // "under": the option or any below it, for tree picklists (产品分类 软件 → 标准版); after
      // 属于 (in), which most filters want and whose label it starts with.
      return ['eq', 'ne', 'in', 'nin', 'under', 'is_null', 'not_null'];
    case 'user':
    case 'department':
    case 'lookup':
      return CHOICE_OPS;
    case 'multiselect':
      return ['contains', 'in', 'nin', 'is_null', 'not_null'];
    case 'location':
    case 'file':
    case 'image':
      return ['is_null', 'not_null'];
    default:
      // Types this build does not know: not filterable.
      return [];
  }
}

/** The operator a new filter row starts with. */
export function defaultOperator(type: string): string {
  const ops = operatorsFor(type);
  if (['date', 'datetime'].includes(type)) return 'this_month';
  return ops[0] ?? 'eq';
}

/** The editor of a field's value, as in a form (one value). */
export function editorFor(type: string): ValueEditor {
  switch (type) {
    case 'number':
    case 'formula':
      return 'number';
    case 'currency':
      return 'money';
    case 'percent':
      return 'percent';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'boolean':
      return 'boolean';
    case 'select':
    case 'multiselect':
      return 'picklist';
    case 'user':
      return 'user';
    case 'department':
      return 'department';
    case 'lookup':
      return 'lookup';
    default:
      return 'text';
  }
}

/** How many values an operator takes: none, one, a list, or two (a range). */
export type ValueArity = 'none' | 'one' | 'many' | 'range';

export function arityOf(op: string): ValueArity {
  if ((VALUELESS_OPS as readonly string[]).includes(op)) return 'none';
  if ((RELATIVE_DATE_OPS as readonly string[]).includes(op)) {
    return (DAY_COUNT_OPS as readonly string[]).includes(op) ? 'one' : 'none';
  }
  if (op === 'in' || op === 'nin') return 'many';
  if (op === 'between') return 'range';
  return 'one';
}

/** The editor of a filter value for a field and operator ('none' when no value is asked). */
export function filterEditorFor(type: string, op: string): ValueEditor {
  if ((DAY_COUNT_OPS as readonly string[]).includes(op)) return 'days';
  if (arityOf(op) === 'none') return 'none';
  return editorFor(type);
}

/** Whether a field can be filtered on at all. */
export function isFilterable(field: FieldDef): boolean {
  return operatorsFor(field.type).length > 0;
}

/** Whether a field can be shown as a list column. */
export function isListable(field: FieldDef): boolean {
  // Files show as the first file's name or a count (format.ts).
  return field.type !== 'location' && field.name !== 'version';
}

/**
 * Whether a field's value is entered in the record form. A location is (an address and, if
 * known, its coordinates: LocationInput), and so are files and images (uploaded to the file
 * store as they are picked: FileInput); a formula is computed by the server.
 */
export function isFormField(field: FieldDef): boolean {
  return !field.system && field.type !== 'formula';
}

/** Numeric types, shown right-aligned in tables. */
export function isNumeric(type: string): boolean {
  return ['number', 'currency', 'percent', 'formula'].includes(type);
}
