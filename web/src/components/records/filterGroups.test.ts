import { describe, expect, it } from 'vitest';

import type { FieldDef, FilterNode } from '@/api/records';

import { buildFilter, describeFilter, entryAt, type FilterModel, incompleteCount, parseFilter, removeAt, updateAt } from './filters';

const fields: FieldDef[] = [
  { name: 'name', type: 'text', label: '客户名称' },
  { name: 'level', type: 'select', label: '客户级别', picklist: 'customer_level' },
  { name: 'industry', type: 'select', label: '行业', picklist: 'industry' },
  { name: 'city', type: 'text', label: '城市' },
  { name: 'amount', type: 'currency', label: '金额' },
];

// 等级 = A or (行业 = it and 城市 contains 杭州)
const grouped: FilterModel = {
  match: 'or',
  rows: [
    { field: 'level', op: 'eq', value: 'a' },
    {
      match: 'and',
      rows: [
        { field: 'industry', op: 'eq', value: 'it' },
        { field: 'city', op: 'contains', value: '杭州' },
      ],
    },
  ],
};

describe('filter groups', () => {
  it('build a nested and/or in the query language and parse back to the same model', () => {
    const json = buildFilter(grouped, fields);
    expect(json).toEqual({
      or: [
        { field: 'level', op: 'eq', value: 'a' },
        {
          and: [
            { field: 'industry', op: 'eq', value: 'it' },
            { field: 'city', op: 'contains', value: '杭州' },
          ],
        },
      ],
    });
    expect(parseFilter(JSON.parse(JSON.stringify(json)), fields)).toEqual(grouped);
  });

  it('keeps levels deeper than the builder edits exactly as they came, and sends them back', () => {
    const deep: FilterNode = {
      and: [
        { field: 'name', op: 'contains', value: '华' },
        {
          or: [
            { field: 'level', op: 'eq', value: 'b' },
            { and: [{ field: 'amount', op: 'gte', value: '100' }, { or: [{ field: 'no_longer_known', op: 'is_null' }] }] },
          ],
        },
      ],
    };
    const model = parseFilter(deep, fields)!;
    expect(model.rows[1]).toEqual({
      match: 'or',
      rows: [
        { field: 'level', op: 'eq', value: 'b' },
        { raw: { and: [{ field: 'amount', op: 'gte', value: '100' }, { or: [{ field: 'no_longer_known', op: 'is_null' }] }] } },
      ],
    });
    expect(buildFilter(model, fields)).toEqual(deep);
    expect(parseFilter(buildFilter(model, fields), fields)).toEqual(model);
  });

  it('removing the last condition of a group removes the group', () => {
    const one = removeAt(grouped, [1, 0]);
    expect(one.rows[1]).toEqual({ match: 'and', rows: [{ field: 'city', op: 'contains', value: '杭州' }] });
    const none = removeAt(one, [1, 0]);
    expect(none).toEqual({ match: 'or', rows: [{ field: 'level', op: 'eq', value: 'a' }] });
    expect(removeAt(none, [0])).toEqual({ match: 'or', rows: [] });
    expect(grouped.rows).toHaveLength(2);
  });

  it('never sends an empty group, nor one whose conditions are all incomplete', () => {
    const model: FilterModel = {
      match: 'and',
      rows: [
        { field: 'level', op: 'eq', value: 'a' },
        { match: 'or', rows: [] },
        { match: 'or', rows: [{ field: 'city', op: 'contains', value: '  ' }, { field: 'amount', op: 'gte', value: 'abc' }] },
      ],
    };
    expect(buildFilter(model, fields)).toEqual({ and: [{ field: 'level', op: 'eq', value: 'a' }] });
    expect(incompleteCount(model, fields)).toBe(2);
    expect(buildFilter({ match: 'and', rows: [{ match: 'and', rows: [] }] }, fields)).toBeNull();
  });

  it('updates one entry by its path and leaves the rest alone', () => {
    const changed = updateAt(grouped, [1], (g) => ({ ...g, match: 'or' }) as FilterModel);
    expect((entryAt(changed, [1]) as FilterModel).match).toBe('or');
    expect(entryAt(changed, [1, 1])).toEqual({ field: 'city', op: 'contains', value: '杭州' });
    expect((entryAt(grouped, [1]) as FilterModel).match).toBe('and');
    expect(entryAt(grouped, [0, 3])).toBeUndefined();
  });

  it('describes conditions it cannot edit as one line', () => {
    const words = { field: (n: string) => fields.find((f) => f.name === n)?.label.toString() ?? n, op: (o: string) => o, and: '且', or: '或' };
    expect(describeFilter({ or: [{ field: 'level', op: 'in', value: ['a', 'b'] }, { and: [{ field: 'gone', op: 'is_null' }] }] }, words)).toBe(
      '(客户级别 in a, b 或 (gone is_null))',
    );
  });
});
