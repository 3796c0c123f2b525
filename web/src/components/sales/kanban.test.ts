import { describe, expect, it } from 'vitest';

import type { Pipeline } from '@/api/crm';

import { addMoney, boardFilter, columnQuery, kanbanStages, type KanbanFilters, moveTotals, totalsBody, totalsByStage } from './kanban';

const pipeline: Pipeline = {
  value: 'new',
  label: '新客户',
  stages: [
    { value: 'won', label: '赢单', probability: 100, kind: 'won' },
    { value: 'initial', label: '初步接洽', probability: 10, kind: 'open' },
    { value: 'lost', label: '输单', probability: 0, kind: 'lost' },
    { value: 'proposal', label: '方案报价', probability: 50, kind: 'open' },
  ],
};

const none: KanbanFilters = { pipeline: 'new', ownerId: null, departmentIds: [], closeFrom: null, closeTo: null, q: '' };

describe('kanban columns', () => {
  it('puts open stages first in their order, then won, then lost', () => {
    expect(kanbanStages(pipeline).map((s) => s.value)).toEqual(['initial', 'proposal', 'won', 'lost']);
    expect(kanbanStages(null)).toEqual([]);
  });
});

describe('kanban filters', () => {
  it('always filters by the pipeline', () => {
    expect(boardFilter(none)).toEqual({ and: [{ field: 'pipeline', op: 'eq', value: 'new' }] });
  });

  it('adds owner, department subtree and the close date range', () => {
    const f = boardFilter({ ...none, ownerId: '7', departmentIds: ['2', '5'], closeFrom: '2026-11-01', closeTo: '2026-11-30' });
    expect(f).toEqual({
      and: [
        { field: 'pipeline', op: 'eq', value: 'new' },
        { field: 'owner_id', op: 'eq', value: 7 },
        { field: 'department_id', op: 'in', value: [2, 5] },
        { field: 'expected_close_date', op: 'between', value: ['2026-11-01', '2026-11-30'] },
      ],
    });
    expect(boardFilter({ ...none, closeTo: '2026-12-31' })).toEqual({
      and: [
        { field: 'pipeline', op: 'eq', value: 'new' },
        { field: 'expected_close_date', op: 'lte', value: '2026-12-31' },
      ],
    });
  });

  it('lists a column with the board filter plus its stage, and totals with the same filter', () => {
    const q = columnQuery({ ...none, q: ' 华为 ' }, 'proposal', 'c1');
    expect(q.filter).toEqual({ and: [{ field: 'pipeline', op: 'eq', value: 'new' }, { field: 'stage', op: 'eq', value: 'proposal' }] });
    expect(q.q).toBe('华为');
    expect(q.cursor).toBe('c1');
    const body = totalsBody({ ...none, q: ' 华为 ' });
    expect(body.filter).toEqual(boardFilter(none));
    expect(body.q).toBe('华为');
    expect(body.group_by).toEqual(['stage']);
  });
});

describe('kanban totals', () => {
  const stages = kanbanStages(pipeline);

  it('reads the aggregate groups and gives empty stages zero', () => {
    const m = totalsByStage({ groups: [{ key: { stage: 'proposal' }, count: 2, sum_amount: '3000.50' }], totals: {}, truncated: false }, stages);
    expect(m.get('proposal')).toEqual({ count: 2, amount: '3000.50' });
    expect(m.get('initial')).toEqual({ count: 0, amount: '0.00' });
  });

  it('adds money in cents, negatives included', () => {
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(addMoney('1200.50', '-200.25')).toBe('1000.25');
    expect(addMoney('100', '-200.01')).toBe('-100.01');
    expect(addMoney('1,000.5', '0')).toBe('1000.50');
  });

  it('moves a card between columns', () => {
    const before = totalsByStage({ groups: [{ key: { stage: 'initial' }, count: 1, sum_amount: '500.00' }], totals: {}, truncated: false }, stages);
    const after = moveTotals(before, 'initial', 'proposal', '500.00');
    expect(after.get('initial')).toEqual({ count: 0, amount: '0.00' });
    expect(after.get('proposal')).toEqual({ count: 1, amount: '500.00' });
    expect(before.get('initial')).toEqual({ count: 1, amount: '500.00' });
  });
});
