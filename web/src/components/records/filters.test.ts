import { describe, expect, it } from 'vitest';

import type { FieldDef } from '@/api/records';

import {
  apiValue,
  buildFilter,
  changeOperator,
  conditionCount,
  type FilterRow,
  isRowComplete,
  newRow,
  parseFilter,
  rowToCondition,
} from './filters';

const fields: FieldDef[] = [
  { name: 'name', type: 'text', label: '客户名称' },
  { name: 'amount', type: 'currency', label: '金额' },
  { name: 'win_probability', type: 'percent', label: '赢率' },
  { name: 'industry', type: 'select', label: '行业', picklist: 'industry' },
  { name: 'tags', type: 'multiselect', label: '标签', picklist: 'customer_tag' },
  { name: 'expected_close_date', type: 'date', label: '预计成交日期' },
  { name: 'created_at', type: 'datetime', label: '创建时间', system: true },
  { name: 'owner_id', type: 'user', label: '负责人', system: true },
  { name: 'customer_id', type: 'lookup', label: '客户', lookup_object: 'customer' },
  { name: 'is_decision_maker', type: 'boolean', label: '关键决策人' },
  { name: 'formula', type: 'formula', label: '计算' },
  { name: 'weird', type: 'hologram', label: '未知' },
];
const f = (name: string) => fields.find((x) => x.name === name)!;

describe('buildFilter', () => {
  it('turns rows into an and-group of conditions in the query language', () => {
    const filter = buildFilter(
      {
        match: 'and',
        rows: [
          { field: 'name', op: 'contains', value: ' 华东 ' },
          { field: 'amount', op: 'gte', value: '10,000.5' },
          { field: 'industry', op: 'in', value: ['it', 'finance'] },
          { field: 'expected_close_date', op: 'this_month', value: null },
          { field: 'owner_id', op: 'eq', value: 7 },
        ],
      },
      fields,
    );
    expect(filter).toEqual({
      and: [
        { field: 'name', op: 'contains', value: '华东' },
        { field: 'amount', op: 'gte', value: '10000.5' },
        { field: 'industry', op: 'in', value: ['it', 'finance'] },
        { field: 'expected_close_date', op: 'this_month' },
        { field: 'owner_id', op: 'eq', value: 7 },
      ],
    });
  });

  it('makes an or-group when any condition may match', () => {
    expect(
      buildFilter({ match: 'or', rows: [{ field: 'tags', op: 'contains', value: 'vip' }, { field: 'name', op: 'not_null', value: null }] }, fields),
    ).toEqual({ or: [{ field: 'tags', op: 'contains', value: 'vip' }, { field: 'name', op: 'not_null' }] });
  });

  it('leaves out incomplete rows, and answers null when none remain', () => {
    const rows = [
      { field: 'name', op: 'contains', value: '' },
      { field: 'amount', op: 'between', value: ['100', null] },
      { field: 'industry', op: 'in', value: [] },
      { field: 'weird', op: 'eq', value: 1 },
      { field: 'formula', op: 'gt', value: 'x' },
      { field: 'nope', op: 'eq', value: 1 },
      { field: 'name', op: 'gt', value: 'x' },
    ];
    expect(buildFilter({ match: 'and', rows }, fields)).toBeNull();
    expect(rows.filter((r) => isRowComplete(r, fields))).toEqual([]);
  });

  it('writes ranges, day counts, times and yes/no as the server reads them', () => {
    expect(rowToCondition({ field: 'amount', op: 'between', value: ['1000', '2,500.75'] }, f('amount'))).toEqual({
      field: 'amount',
      op: 'between',
      value: ['1000', '2500.75'],
    });
    expect(rowToCondition({ field: 'expected_close_date', op: 'between', value: ['2026-01-01', '2026-03-31'] }, f('expected_close_date'))).toEqual({
      field: 'expected_close_date',
      op: 'between',
      value: ['2026-01-01', '2026-03-31'],
    });
    expect(rowToCondition({ field: 'created_at', op: 'last_n_days', value: 30 }, f('created_at'))).toEqual({
      field: 'created_at',
      op: 'last_n_days',
      value: 30,
    });
    expect(rowToCondition({ field: 'created_at', op: 'last_n_days', value: 0 }, f('created_at'))).toBeNull();
    expect(rowToCondition({ field: 'created_at', op: 'gte', value: new Date('2026-05-01T00:00:00+08:00') }, f('created_at'))).toEqual({
      field: 'created_at',
      op: 'gte',
      value: '2026-04-30T16:00:00.000Z',
    });
    expect(rowToCondition({ field: 'is_decision_maker', op: 'eq', value: false }, f('is_decision_maker'))).toEqual({
      field: 'is_decision_maker',
      op: 'eq',
      value: false,
    });
    expect(rowToCondition({ field: 'win_probability', op: 'gt', value: '50' }, f('win_probability'))).toEqual({
      field: 'win_probability',
      op: 'gt',
      value: 50,
    });
    expect(rowToCondition({ field: 'customer_id', op: 'in', value: ['12', 12, 13] }, f('customer_id'))).toEqual({
      field: 'customer_id',
      op: 'in',
      value: [12, 13],
    });
  });

  it('compares formula fields as numbers', () => {
    expect(rowToCondition({ field: 'formula', op: 'gte', value: '12.5' }, f('formula'))).toEqual({ field: 'formula', op: 'gte', value: 12.5 });
  });

  it('rejects malformed amounts and ids', () => {
    expect(apiValue('money', '12.345')).toBeUndefined();
    expect(apiValue('money', 'abc')).toBeUndefined();
    expect(apiValue('money', '-3')).toBe('-3');
    expect(apiValue('lookup', 'x')).toBeUndefined();
    expect(apiValue('lookup', -1)).toBeUndefined();
    expect(apiValue('date', '2026/01/01')).toBeUndefined();
  });
});

describe('parseFilter', () => {
  it('reads back what buildFilter wrote', () => {
    const model = {
      match: 'or' as const,
      rows: [
        { field: 'name', op: 'contains', value: '科技' },
        { field: 'industry', op: 'in', value: ['it'] },
        { field: 'expected_close_date', op: 'this_month', value: null },
      ],
    };
    expect(parseFilter(buildFilter(model, fields), fields)).toEqual(model);
  });

  it('turns times back into dates for the pickers', () => {
    const model = parseFilter({ field: 'created_at', op: 'between', value: ['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'] }, fields);
    expect((model?.rows[0] as FilterRow | undefined)?.value).toEqual([new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z')]);
  });

  it('answers an empty model for no filter and null for what the builder cannot show', () => {
    expect(parseFilter(null)).toEqual({ match: 'and', rows: [] });
    expect(parseFilter({ and: [{ or: [{ field: 'name', op: 'eq', value: 'a' }, 7] }] })).toBeNull();
    expect(parseFilter('name = 1')).toBeNull();
    expect(parseFilter({ and: [], or: [] })).toBeNull();
  });

  it('counts conditions at any depth', () => {
    expect(conditionCount({ and: [{ field: 'a', op: 'eq', value: 1 }, { or: [{ field: 'b', op: 'is_null' }, { field: 'c', op: 'today' }] }] })).toBe(3);
    expect(conditionCount(null)).toBe(0);
  });
});

describe('rows', () => {
  it('start with the operator of their type', () => {
    expect(newRow(f('name'))).toEqual({ field: 'name', op: 'contains', value: null });
    expect(newRow(f('expected_close_date'))).toEqual({ field: 'expected_close_date', op: 'this_month', value: null });
    expect(newRow(f('industry'), 'in')).toEqual({ field: 'industry', op: 'in', value: [] });
  });

  it('keep their value when the operator changes if it still fits', () => {
    expect(changeOperator({ field: 'industry', op: 'eq', value: 'it' }, 'in', 'select')).toEqual({ field: 'industry', op: 'in', value: ['it'] });
    expect(changeOperator({ field: 'industry', op: 'in', value: ['it', 'x'] }, 'ne', 'select')).toEqual({ field: 'industry', op: 'ne', value: 'it' });
    expect(changeOperator({ field: 'name', op: 'contains', value: 'abc' }, 'starts_with', 'text')).toEqual({
      field: 'name',
      op: 'starts_with',
      value: 'abc',
    });
    expect(changeOperator({ field: 'amount', op: 'gt', value: '5' }, 'between', 'currency')).toEqual({ field: 'amount', op: 'between', value: null });
    expect(changeOperator({ field: 'expected_close_date', op: 'eq', value: '2026-01-01' }, 'last_n_days', 'date')).toEqual({
      field: 'expected_close_date',
      op: 'last_n_days',
      value: null,
    });
  });
});
