// The record form's model: record values → what the inputs hold, and back to the body of
// POST / PATCH (only what changed on PATCH, with the version the form was opened on).
import type { FieldDef, RecordData } from '@/api/records';

import { isFormField } from './fieldTypes';

export type FormValues = Record<string, unknown>;

/** The fields the form shows: every business field the caller sees, except types without an editor. */
export function formFields(fields: readonly FieldDef[] | undefined): FieldDef[] {
  return (fields ?? []).filter(isFormField);
}

/** Whether the person can change the field in the form. */
export function isEditable(field: FieldDef): boolean {
  return !field.read_only && !field.system && field.type !== 'autonumber' && field.type !== 'formula';
}

/** What an input holds for a stored value. */
export function toFormValue(field: FieldDef, value: unknown): unknown {
  if (value === undefined) value = null;
  switch (field.type) {
    case 'datetime':
      if (typeof value === 'string' && value) {
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? null : d;
      }
      return null;
    case 'multiselect':
      return Array.isArray(value) ? [...value] : [];
    case 'file':
    case 'image':
      return Array.isArray(value) ? [...value] : null;
    case 'boolean':
      return value === true;
    case 'currency':
    case 'number':
    case 'percent':
      return value === null ? null : value;
    default:
      return value;
  }
}

/** The starting values of the form: the record's, or the fields' defaults for a new one. */
export function initialValues(fields: readonly FieldDef[], record: RecordData | null, preset: FormValues = {}): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = record ? record[f.name] : f.name in preset ? preset[f.name] : (f.default ?? null);
    out[f.name] = toFormValue(f, v);
  }
  return out;
}

const MONEY = /^-?\d{1,13}(\.\d{1,2})?$/;

/** The API value of an input ('' and empty lists become null). */
export function toApiValue(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '' && field.type !== 'boolean') return null;
  switch (field.type) {
    case 'datetime':
      return value instanceof Date ? value.toISOString() : String(value);
    case 'currency':
      return String(value).trim().replace(/,/g, '');
    case 'number':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      return Number.isFinite(n) ? n : value;
    }
    case 'multiselect':
    case 'file':
    case 'image':
      return Array.isArray(value) && value.length > 0 ? value : null;
    case 'boolean':
      return value === true;
    case 'user':
    case 'department':
    case 'lookup':
      return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    case 'text':
    case 'textarea':
    case 'phone':
    case 'email':
    case 'url':
    case 'region':
      return String(value).trim() || null;
    default:
      return value;
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The body to send: on create every editable field that has a value; on update only the
 * editable fields whose value differs from the record's, plus `version`.
 */
export function requestBody(fields: readonly FieldDef[], values: FormValues, record: RecordData | null): FormValues {
  const body: FormValues = {};
  for (const f of fields) {
    if (!isEditable(f)) continue;
    const v = toApiValue(f, values[f.name]);
    if (!record) {
      if (v !== null && !(f.type === 'boolean' && v === false && f.default === undefined)) body[f.name] = v;
    } else if (!same(v, toApiValue(f, toFormValue(f, record[f.name])))) {
      body[f.name] = v;
    }
  }
  if (record && record.version !== undefined) body.version = record.version;
  return body;
}

/** Client-side checks before sending: required fields and amounts. Field name → message key. */
export function validateValues(fields: readonly FieldDef[], values: FormValues): Record<string, 'required' | 'money' | 'number'> {
  const errors: Record<string, 'required' | 'money' | 'number'> = {};
  for (const f of fields) {
    if (!isEditable(f)) continue;
    const v = toApiValue(f, values[f.name]);
    if (f.required && (v === null || (f.type === 'boolean' ? false : v === ''))) {
      errors[f.name] = 'required';
      continue;
    }
    if (v === null) continue;
    if (f.type === 'currency' && !MONEY.test(String(v))) errors[f.name] = 'money';
    if ((f.type === 'number' || f.type === 'percent') && typeof v !== 'number') errors[f.name] = 'number';
  }
  return errors;
}
