import { describe, expect, it } from 'vitest';

import type { FieldDef } from '@/api/records';

import { dialogFields, extraDefaults, requiredExtras } from './convertFields';

const f = (name: string, type = 'text', extra: Partial<FieldDef> = {}): FieldDef => ({ name, type, label: name, ...extra });

describe('lead conversion: required fields from the metadata', () => {
  const customer = [
    f('name', 'text', { required: true }),
    f('phone', 'phone'),
    f('c_grade', 'text', { required: true, custom: true }),
    f('c_note', 'text', { custom: true }),
    f('source', 'select', { required: true, picklist: 'customer_source' }),
    f('code', 'autonumber', { required: true, read_only: true }),
    f('c_calc', 'formula', { required: true, read_only: true }),
    f('c_file', 'file', { required: true }),
    f('owner_id', 'user', { required: true, system: true }),
    f('c_where', 'location', { required: true }),
  ];

  it('adds the required writable fields the dialog does not have, after the fixed ones', () => {
    // A required file field is uploaded in the dialog like in the record form (FileInput).
    expect(requiredExtras('customer', customer).map((x) => x.name)).toEqual(['c_grade', 'source', 'c_file', 'c_where']);
    expect(dialogFields('customer', customer).map((x) => x.name)).toEqual(['name', 'phone', 'c_grade', 'source', 'c_file', 'c_where']);
  });

  it('leaves out the links the conversion fills in itself', () => {
    const contact = [f('name', 'text', { required: true }), f('customer_id', 'lookup', { required: true, lookup_object: 'customer' }), f('c_role', 'select', { required: true })];
    expect(requiredExtras('contact', contact).map((x) => x.name)).toEqual(['c_role']);
    const opp = [f('name', 'text', { required: true }), f('customer_id', 'lookup', { required: true }), f('contact_id', 'lookup', { required: true }), f('c_budget', 'currency', { required: true })];
    expect(requiredExtras('opportunity', opp).map((x) => x.name)).toEqual(['c_budget']);
  });

  it('starts the extras with what the server would copy from the lead, else their default', () => {
    const extras = [f('source', 'select', { required: true }), f('c_grade', 'text', { required: true, default: 'B' }), f('c_x', 'text', { required: true })];
    expect(extraDefaults('customer', extras, { id: 1, source: 'web' })).toEqual({ source: 'web', c_grade: 'B' });
    expect(extraDefaults('opportunity', extras, { id: 1, source: 'web' })).toEqual({ c_grade: 'B' });
  });

  it('shows nothing more without metadata', () => {
    expect(dialogFields('customer', undefined)).toEqual([]);
  });
});
