import { describe, expect, it } from 'vitest';

import type { FieldDef } from '@/api/records';

import { columnsKey, defaultColumns, listableFields, loadColumnPrefs, moveColumn, sanitizeColumns, saveColumnPrefs } from './columns';

const system = (name: string, type: string): FieldDef => ({ name, type, label: name, system: true });
const customer = {
  name_field: 'name',
  fields: [
    system('id', 'number'),
    system('owner_id', 'user'),
    system('created_at', 'datetime'),
    system('updated_at', 'datetime'),
    system('version', 'number'),
    { name: 'code', type: 'autonumber', label: '客户编号' },
    { name: 'name', type: 'text', label: '客户名称' },
    { name: 'short_name', type: 'text', label: '简称' },
    { name: 'phone', type: 'phone', label: '电话' },
    { name: 'remark', type: 'textarea', label: '备注' },
    { name: 'location', type: 'location', label: '定位' },
    { name: 'industry', type: 'select', label: '行业' },
    { name: 'level', type: 'select', label: '级别' },
    { name: 'status', type: 'select', label: '状态' },
    { name: 'tags', type: 'multiselect', label: '标签' },
  ],
};

describe('defaultColumns', () => {
  it('puts the name first, then structured business fields before free text, then owner and last change', () => {
    expect(defaultColumns(customer)).toEqual(['name', 'code', 'short_name', 'phone', 'industry', 'level', 'status', 'owner_id', 'updated_at']);
  });

  it('fills up with free text when there are few structured fields, never long text', () => {
    const competitor = {
      name_field: 'name',
      fields: [
        system('owner_id', 'user'),
        { name: 'name', type: 'text', label: '名称' },
        { name: 'website', type: 'url', label: '网址' },
        { name: 'strengths', type: 'textarea', label: '优势' },
      ],
    };
    expect(defaultColumns(competitor)).toEqual(['name', 'owner_id']);
  });

  it('leaves out what cannot be a column', () => {
    const names = listableFields(customer).map((f) => f.name);
    expect(names).not.toContain('location');
    expect(names).not.toContain('version');
    expect(names).toContain('remark');
  });
});

describe('sanitizeColumns', () => {
  const available = listableFields(customer).map((f) => f.name);
  const fallback = defaultColumns(customer);

  it('drops unknown, hidden and repeated columns and keeps the name first', () => {
    expect(sanitizeColumns(['phone', 'secret', 'name', 'phone', 3, 'level'], available, fallback, 'name')).toEqual(['name', 'phone', 'level']);
    expect(sanitizeColumns(['phone'], available, fallback, 'name')).toEqual(['name', 'phone']);
  });

  it('falls back to the defaults when nothing usable is left', () => {
    expect(sanitizeColumns(['gone'], available, fallback, 'name')).toEqual(fallback);
    expect(sanitizeColumns(null, available, fallback, 'name')).toEqual(fallback);
  });
});

describe('column preferences', () => {
  function memory() {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
  }

  it('are remembered per person and per object', () => {
    const s = memory();
    saveColumnPrefs('1:7', 'customer', ['name', 'phone'], s);
    saveColumnPrefs('1:7', 'contact', ['name', 'mobile'], s);
    expect(loadColumnPrefs('1:7', 'customer', s)).toEqual(['name', 'phone']);
    expect(loadColumnPrefs('1:7', 'contact', s)).toEqual(['name', 'mobile']);
    expect(loadColumnPrefs('1:8', 'customer', s)).toBeNull();
    expect([...s.data.keys()]).toContain(columnsKey('1:7', 'customer'));
  });

  it('are forgotten on reset, and ignored when damaged', () => {
    const s = memory();
    saveColumnPrefs('u', 'lead', ['name'], s);
    saveColumnPrefs('u', 'lead', null, s);
    expect(loadColumnPrefs('u', 'lead', s)).toBeNull();
    s.data.set(columnsKey('u', 'lead'), '{broken');
    expect(loadColumnPrefs('u', 'lead', s)).toBeNull();
    s.data.set(columnsKey('u', 'lead'), '[1,2]');
    expect(loadColumnPrefs('u', 'lead', s)).toBeNull();
  });

  it('are reordered one step at a time', () => {
    expect(moveColumn(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
  });
});
