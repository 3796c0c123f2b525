// Which fields the lead conversion dialog asks for beyond its fixed ones: every field an
// administrator made required on the customer, contact or opportunity that the caller can type
// into (from GET /meta/objects/{o}), so that a required custom field does not make conversion
// impossible. What the server fills in itself (the new customer's id, the new contact's id) is
// not asked for.
import type { FieldDef, RecordData } from '@/api/records';

import { isFormField } from '../records/fieldTypes';
import { type FormValues, isEditable } from '../records/form';
import { PART_FIELDS, type Part, partFields } from './convert';

/** Fields the conversion sets on each record by itself (lead_conversion.cpp). */
export const SERVER_FILLED: Record<Part, readonly string[]> = {
  customer: [],
  contact: ['customer_id'],
  opportunity: ['customer_id', 'contact_id'],
};

/** The required fields a part must also show: writable, with a form editor, not already fixed. */
export function requiredExtras(part: Part, fields: readonly FieldDef[] | undefined): FieldDef[] {
  return (fields ?? []).filter(
    (f) =>
      f.required === true &&
      isEditable(f) &&
      isFormField(f) &&
      !PART_FIELDS[part].includes(f.name) &&
      !SERVER_FILLED[part].includes(f.name),
  );
}

/** The fields a part of the dialog shows: its fixed ones, then the required extras. */
export function dialogFields(part: Part, fields: readonly FieldDef[] | undefined): FieldDef[] {
  return [...partFields(part, fields), ...requiredExtras(part, fields)];
}

const filled = (v: unknown) => v !== null && v !== undefined && v !== '';

/**
 * What the extras start with: the lead's value where the server would copy it to the customer
 * (source, region, address), else the field's default. Values the dialog leaves unchanged are
 * not sent, so the server still copies or defaults them itself.
 */
export function extraDefaults(part: Part, extras: readonly FieldDef[], lead: RecordData): FormValues {
  const fromLead = part === 'customer' ? ['source', 'region', 'address', 'email', 'industry'] : [];
  const out: FormValues = {};
  for (const f of extras) {
    if (fromLead.includes(f.name) && filled(lead[f.name])) out[f.name] = lead[f.name];
    else if (filled(f.default)) out[f.name] = f.default;
  }
  return out;
}
