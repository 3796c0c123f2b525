// The lead conversion dialog's model (docs/api/crm.md "Lead conversion"): what the parts start
// with, the body of POST …/convert, and the server's errors per part and field.
import type { ConvertBody } from '@/api/crm';
import type { FieldDef, RecordData } from '@/api/records';
import type { FieldError } from '@/api/request';

import { type FormValues, isEditable, toApiValue, toFormValue } from '../records/form';

export type Part = 'customer' | 'contact' | 'opportunity';

/** The fields each part of the dialog offers (those the object has and the caller may edit). */
export const PART_FIELDS: Record<Part, string[]> = {
  customer: ['name', 'short_name', 'phone', 'email', 'industry', 'level'],
  contact: ['name', 'title', 'mobile', 'phone', 'email'],
  opportunity: ['name', 'amount', 'expected_close_date'],
};

/** The part's fields out of its object's metadata, in PART_FIELDS order. */
export function partFields(part: Part, fields: readonly FieldDef[] | undefined): FieldDef[] {
  const byName = new Map((fields ?? []).map((f) => [f.name, f]));
  return PART_FIELDS[part].map((n) => byName.get(n)).filter((f): f is FieldDef => !!f && isEditable(f));
}

const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : v);

/** What the server would take from the lead, as the dialog shows it before anything is typed. */
export function leadDefaults(lead: RecordData): { customer: FormValues; contact: FormValues; opportunity: FormValues } {
  return {
    customer: {
      name: str(lead.company) ?? str(lead.name),
      phone: str(lead.phone) ?? str(lead.mobile),
      email: str(lead.email),
      industry: str(lead.industry),
    },
    contact: {
      name: str(lead.name),
      title: str(lead.title),
      mobile: str(lead.mobile),
      phone: str(lead.phone),
      email: str(lead.email),
    },
    opportunity: {},
  };
}

/** The form values of a part: the defaults, in the inputs' shapes. */
export function partValues(fields: readonly FieldDef[], defaults: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of fields) out[f.name] = toFormValue(f, defaults[f.name] ?? null);
  return out;
}

/**
 * The members of a part to send: only what differs from what the dialog started with (the
 * server fills the rest from the lead, and skips what the caller may not see or edit); a
 * cleared value is sent as null.
 */
export function changedValues(fields: readonly FieldDef[], values: FormValues, initial: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const now = toApiValue(f, values[f.name]);
    const was = toApiValue(f, initial[f.name]);
    if (JSON.stringify(now ?? null) !== JSON.stringify(was ?? null)) out[f.name] = now;
  }
  return out;
}

/** Every member with a value (for the opportunity, which takes no defaults). */
export function filledValues(fields: readonly FieldDef[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = toApiValue(f, values[f.name]);
    if (v !== null) out[f.name] = v;
  }
  return out;
}

export interface ConvertState {
  customerMode: 'new' | 'existing';
  customerId: number | string | null;
  customer: { fields: readonly FieldDef[]; values: FormValues; initial: FormValues };
  contactEnabled: boolean;
  contact: { fields: readonly FieldDef[]; values: FormValues; initial: FormValues };
  opportunityEnabled: boolean;
  opportunity: { fields: readonly FieldDef[]; values: FormValues };
  version?: number;
}

export function buildConvertBody(s: ConvertState): ConvertBody {
  const body: ConvertBody = {};
  if (s.customerMode === 'existing') body.customer_id = Number(s.customerId);
  else body.customer = changedValues(s.customer.fields, s.customer.values, s.customer.initial);
  body.contact = s.contactEnabled ? changedValues(s.contact.fields, s.contact.values, s.contact.initial) : null;
  body.opportunity = s.opportunityEnabled ? filledValues(s.opportunity.fields, s.opportunity.values) : null;
  if (s.version !== undefined) body.version = s.version;
  return body;
}

/** Required fields left empty, as "part.field" keys. */
export function missingRequired(s: ConvertState): string[] {
  const out: string[] = [];
  const check = (part: Part, fields: readonly FieldDef[], values: FormValues, always: string[] = []) => {
    for (const f of fields) {
      if ((f.required || always.includes(f.name)) && toApiValue(f, values[f.name]) === null) out.push(`${part}.${f.name}`);
    }
  };
  if (s.customerMode === 'existing') {
    if (s.customerId === null || s.customerId === '') out.push('customer_id');
  } else check('customer', s.customer.fields, s.customer.values, ['name']);
  if (s.contactEnabled) check('contact', s.contact.fields, s.contact.values, ['name']);
  if (s.opportunityEnabled) check('opportunity', s.opportunity.fields, s.opportunity.values, ['name']);
  return out;
}

/**
 * The server's field errors split into those the dialog shows under an input ("customer.name",
 * "customer_id" …) and the rest (shown above the buttons).
 */
export function splitErrors(details: readonly FieldError[], shown: ReadonlySet<string>): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const d of details) {
    if (shown.has(d.field)) {
      if (!(d.field in fields)) fields[d.field] = d.message;
    } else if (d.message) other.push(d.message);
  }
  return { fields, other };
}
