import { describe, expect, it } from 'vitest';

import type { FieldDef } from '@/api/records';

import { arityOf, defaultOperator, editorFor, filterEditorFor, isFilterable, isFormField, isListable, operatorsFor, RELATIVE_DATE_OPS } from './fieldTypes';

const field = (type: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name: `f_${type}`, type, label: type, ...extra });

// What server/src/records/query_compiler.cpp accepts, per kind of type.
const SERVER_ACCEPTS: Record<string, string[]> = {
  text: ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'between', 'contains', 'starts_with', 'is_null', 'not_null'],
  textarea: ['eq', 'ne', 'in', 'nin', 'contains', 'starts_with', 'is_null', 'not_null'],
  url: ['eq', 'ne', 'in', 'nin', 'contains', 'starts_with', 'is_null', 'not_null'],
  number: ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'between', 'is_null', 'not_null'],
  date: ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'between', 'is_null', 'not_null', ...RELATIVE_DATE_OPS],
  multiselect: ['eq', 'contains', 'in', 'nin', 'is_null', 'not_null'],
  lookup: ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'between', 'is_null', 'not_null'],
  boolean: ['eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'between', 'is_null', 'not_null'],
  // A select field of a picklist also takes "under" (its option and those below it).
  select: ['eq', 'under', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'between', 'contains', 'starts_with', 'is_null', 'not_null'],
};

describe('operatorsFor', () => {
  it('offers text operators for text-like fields', () => {
    for (const type of ['text', 'phone', 'email', 'autonumber', 'region']) {
      expect(operatorsFor(type)).toEqual(['contains', 'starts_with', 'eq', 'ne', 'is_null', 'not_null']);
    }
    expect(operatorsFor('textarea')).toEqual(['contains', 'is_null', 'not_null']);
  });

  it('offers comparisons and ranges for numbers and money', () => {
    for (const type of ['number', 'currency', 'percent']) {
      expect(operatorsFor(type)).toContain('between');
      expect(operatorsFor(type)).toContain('gte');
      expect(operatorsFor(type)).not.toContain('contains');
    }
  });

  it('offers the relative ranges for dates and times', () => {
    for (const type of ['date', 'datetime']) {
      for (const op of ['today', 'this_week', 'this_month', 'last_n_days', 'next_n_days', 'this_quarter', 'last_year']) {
        expect(operatorsFor(type)).toContain(op);
      }
      expect(operatorsFor(type)).toContain('between');
    }
    expect(defaultOperator('date')).toBe('this_month');
  });

  it('offers choices for picklists, people, departments and lookups', () => {
    for (const type of ['user', 'department', 'lookup']) {
      expect(operatorsFor(type)).toEqual(['eq', 'ne', 'in', 'nin', 'is_null', 'not_null']);
    }
    expect(operatorsFor('select')).toEqual(['eq', 'ne', 'in', 'nin', 'under', 'is_null', 'not_null']);
    expect(operatorsFor('multiselect')).toEqual(['contains', 'in', 'nin', 'is_null', 'not_null']);
    expect(operatorsFor('boolean')).toEqual(['eq', 'is_null', 'not_null']);
  });

  it('treats formulas as the numbers they are stored as, and offers nothing for unknown types', () => {
    expect(operatorsFor('formula')).toEqual(operatorsFor('number'));
    expect(filterEditorFor('formula', 'between')).toBe('number');
    expect(operatorsFor('hologram')).toEqual([]);
    expect(isFilterable(field('hologram'))).toBe(false);
    expect(isFilterable(field('text'))).toBe(true);
  });

  it('offers only what the server accepts', () => {
    const kind: Record<string, string> = {
      text: 'text', phone: 'text', email: 'text', autonumber: 'text', region: 'text', select: 'select',
      textarea: 'textarea', url: 'url',
      number: 'number', currency: 'number', percent: 'number', formula: 'number',
      date: 'date', datetime: 'date', multiselect: 'multiselect',
      user: 'lookup', department: 'lookup', lookup: 'lookup', boolean: 'boolean',
      location: 'textarea', file: 'textarea', image: 'textarea',
    };
    for (const [type, k] of Object.entries(kind)) {
      for (const op of operatorsFor(type)) expect(SERVER_ACCEPTS[k], `${type} ${op}`).toContain(op);
    }
  });
});

describe('value editors', () => {
  it('follow the field type', () => {
    expect(editorFor('currency')).toBe('money');
    expect(editorFor('multiselect')).toBe('picklist');
    expect(editorFor('lookup')).toBe('lookup');
    expect(editorFor('phone')).toBe('text');
  });

  it('follow the operator: none, days, one, many, range', () => {
    expect(filterEditorFor('date', 'this_month')).toBe('none');
    expect(filterEditorFor('date', 'last_n_days')).toBe('days');
    expect(filterEditorFor('date', 'between')).toBe('date');
    expect(filterEditorFor('text', 'is_null')).toBe('none');
    expect(arityOf('in')).toBe('many');
    expect(arityOf('between')).toBe('range');
    expect(arityOf('next_n_days')).toBe('one');
    expect(arityOf('today')).toBe('none');
    expect(arityOf('eq')).toBe('one');
  });
});

describe('where fields appear', () => {
  it('keeps locations out of columns, and computed fields out of forms', () => {
    expect(isListable(field('location'))).toBe(false);
    expect(isListable(field('file'))).toBe(true);
    expect(isListable(field('image'))).toBe(true);
    expect(isListable(field('formula'))).toBe(true);
    expect(isFormField(field('formula'))).toBe(false);
    expect(isListable(field('text'))).toBe(true);
    expect(isListable(field('number', { name: 'version', system: true }))).toBe(false);
    expect(isFormField(field('user', { name: 'owner_id', system: true }))).toBe(false);
    expect(isFormField(field('currency'))).toBe(true);
  });

  it('enters a location (address and coordinates), files and images (uploaded to the file store) in the form', () => {
    expect(isFormField(field('location'))).toBe(true);
    expect(isFormField(field('file'))).toBe(true);
    expect(isFormField(field('image'))).toBe(true);
  });
});
