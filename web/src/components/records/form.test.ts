import { describe, expect, it } from 'vitest';

import type { FieldDef, RecordData } from '@/api/records';

import { formFields, initialValues, requestBody, toApiValue, validateValues } from './form';

const fields: FieldDef[] = [
  { name: 'id', type: 'number', label: '编号', system: true, read_only: true },
  { name: 'code', type: 'autonumber', label: '客户编号', read_only: true },
  { name: 'name', type: 'text', label: '客户名称', required: true },
  { name: 'amount', type: 'currency', label: '金额' },
  { name: 'win_probability', type: 'percent', label: '赢率', read_only: true },
  { name: 'tags', type: 'multiselect', label: '标签' },
  { name: 'next_at', type: 'datetime', label: '下次跟进' },
  { name: 'vip', type: 'boolean', label: 'VIP' },
  { name: 'customer_id', type: 'lookup', label: '客户', lookup_object: 'customer' },
  { name: 'location', type: 'location', label: '定位' },
];

describe('the record form', () => {
  it('shows business fields with an editor (a location too); system fields stay out', () => {
    expect(formFields(fields).map((f) => f.name)).toEqual(['code', 'name', 'amount', 'win_probability', 'tags', 'next_at', 'vip', 'customer_id', 'location']);
  });

  it('sends on create only what has a value, in API form', () => {
    const shown = formFields(fields);
    const values = initialValues(shown, null);
    Object.assign(values, { name: '  华东科技 ', amount: '12,000.5', tags: ['vip'], next_at: new Date('2026-05-01T02:00:00Z'), customer_id: '12' });
    expect(requestBody(shown, values, null)).toEqual({
      name: '华东科技',
      amount: '12000.5',
      tags: ['vip'],
      next_at: '2026-05-01T02:00:00.000Z',
      customer_id: 12,
    });
  });

  it('starts a new record from a preset (a related list fills in its lookup)', () => {
    const shown = formFields(fields);
    expect(initialValues(shown, null, { customer_id: 5 }).customer_id).toBe(5);
  });

  it('sends on update only the changes and the version', () => {
    const shown = formFields(fields);
    const record: RecordData = {
      id: 3,
      version: 4,
      code: 'KH-2026-0001',
      name: '华东科技',
      amount: '100.00',
      win_probability: 20,
      tags: ['vip'],
      next_at: '2026-05-01T02:00:00Z',
      vip: false,
      customer_id: null,
    };
    const values = initialValues(shown, record);
    expect(requestBody(shown, values, record)).toEqual({ version: 4 });
    values.amount = '100';
    values.tags = [];
    values.win_probability = 90; // read-only: never sent
    expect(requestBody(shown, values, record)).toEqual({ amount: '100', tags: null, version: 4 });
  });

  it('checks required fields and amounts before sending', () => {
    const shown = formFields(fields);
    const values = initialValues(shown, null);
    values.amount = '1.234';
    expect(validateValues(shown, values)).toEqual({ name: 'required', amount: 'money' });
    values.name = '甲';
    values.amount = '-1,234.50';
    expect(validateValues(shown, values)).toEqual({});
  });

  it('turns blanks into null', () => {
    expect(toApiValue({ name: 'x', type: 'text', label: '' }, '   ')).toBeNull();
    expect(toApiValue({ name: 'x', type: 'multiselect', label: '' }, [])).toBeNull();
    expect(toApiValue({ name: 'x', type: 'number', label: '' }, null)).toBeNull();
  });
});
