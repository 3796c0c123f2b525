import { describe, expect, it } from 'vitest';

import type { FilterNode } from '@/api/records';

import {
  byMonth,
  closedFilter,
  drillPath,
  figures,
  forecastBody,
  forecastMonths,
  funnelFilter,
  monthRange,
  trendFilter,
  trendBody,
  trendMonths,
} from './dashboard';

const everyone = { ownerId: null, departmentIds: [] };

describe('dashboard figures', () => {
  it('asks for the period on each object with its own date field, and the figure drills to the same filter', () => {
    const f = figures({ ownerId: '3', departmentIds: [] }, 'this_month');
    const won = f.find((x) => x.key === 'wonAmount')!;
    expect(won.object).toBe('opportunity');
    expect(won.filter).toEqual({
      and: [
        { field: 'owner_id', op: 'eq', value: 3 },
        { field: 'status', op: 'eq', value: 'won' },
        { field: 'actual_close_date', op: 'this_month' },
      ],
    });
    expect(won.body.filter).toBe(won.filter);
    expect(won.measure).toBe('sum_actual_amount');
    expect(won.money).toBe(true);
    const unpaid = f.find((x) => x.key === 'unpaid')!;
    expect(unpaid.secondary).toBe('sum_overdue_amount');
    expect(f.find((x) => x.key === 'newCustomers')!.measure).toBe('count');
  });

  it('keeps the department subtree as an in filter', () => {
    const f = figures({ ownerId: null, departmentIds: ['4', '9'] }, 'last_month');
    expect(f[0]!.filter).toEqual({
      and: [
        { field: 'department_id', op: 'in', value: [4, 9] },
        { field: 'owner_id', op: 'not_null' },
        { field: 'created_at', op: 'last_month' },
      ],
    });
  });
});

describe('dashboard months', () => {
  const now = new Date(2026, 10, 24);

  it('counts six months ahead and twelve back, across years', () => {
    expect(forecastMonths(now)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04']);
    const back = trendMonths(now);
    expect(back[0]).toBe('2025-12');
    expect(back[11]).toBe('2026-11');
  });

  it('knows the last day of a month', () => {
    expect(monthRange('2026-02')).toEqual(['2026-02-01', '2026-02-28']);
    expect(monthRange('2028-02')).toEqual(['2028-02-01', '2028-02-29']);
    expect(monthRange('2026-12')).toEqual(['2026-12-01', '2026-12-31']);
  });

  it('forecasts open deals over the months and drills into one month', () => {
    const months = forecastMonths(now);
    expect(forecastBody(everyone, months).filter).toEqual({
      and: [
        { field: 'status', op: 'eq', value: 'open' },
        { field: 'expected_close_date', op: 'between', value: ['2026-11-01', '2027-04-30'] },
      ],
    });
    expect(forecastBody(everyone, months).group_by).toEqual([{ field: 'expected_close_date', bucket: 'month' }]);
  });

  it('bounds a month of created_at in China time', () => {
    expect(trendFilter(everyone, 'contact', ['2026-11'], '2026-11')).toEqual({
      and: [{ field: 'created_at', op: 'between', value: ['2026-11-01T00:00:00+08:00', '2026-11-30T23:59:59+08:00'] }],
    });
  });

  it("counts owned customers only: a pool's customers are nobody's new customers", () => {
    const months = ['2026-10', '2026-11'];
    expect(trendFilter(everyone, 'customer', months, '2026-11')).toEqual({
      and: [
        { field: 'owner_id', op: 'not_null' },
        { field: 'created_at', op: 'between', value: ['2026-11-01T00:00:00+08:00', '2026-11-30T23:59:59+08:00'] },
      ],
    });
    expect(trendBody(everyone, 'customer', months).filter).toEqual(trendFilter(everyone, 'customer', months));
    const newCustomers = figures(everyone, 'this_month').find((x) => x.key === 'newCustomers')!;
    expect(newCustomers.filter).toEqual({ and: [{ field: 'owner_id', op: 'not_null' }, { field: 'created_at', op: 'this_month' }] });
  });

  it('lines groups up with months, zero where there is none', () => {
    const r = { groups: [{ key: { created_at: '2026-10' }, count: 4 }], totals: {}, truncated: false };
    expect(byMonth(r, 'created_at', ['2026-09', '2026-10'], 'count')).toEqual([0, 4]);
    expect(byMonth(null, 'created_at', ['2026-09'], 'count')).toEqual([0]);
  });
});

describe('dashboard drill-downs', () => {
  it('filters the funnel stage and the lost reason (none included)', () => {
    expect(funnelFilter(everyone, 'new', 'proposal')).toEqual({
      and: [
        { field: 'pipeline', op: 'eq', value: 'new' },
        { field: 'status', op: 'eq', value: 'open' },
        { field: 'stage', op: 'eq', value: 'proposal' },
      ],
    });
    expect(closedFilter(everyone, 'this_year', 'lost', null)).toEqual({
      and: [
        {
          and: [
            { field: 'status', op: 'eq', value: 'lost' },
            { field: 'stage_changed_at', op: 'this_year' },
            { field: 'lost_reason', op: 'is_null' },
          ],
        },
      ],
    });
  });

  it('counts won deals by their close date, as the headline won amount does', () => {
    const won = { and: [{ field: 'status', op: 'eq', value: 'won' }, { field: 'actual_close_date', op: 'this_month' }] };
    expect(closedFilter(everyone, 'this_month', 'won')).toEqual({ and: [won] });
    const both = closedFilter(everyone, 'this_month') as { and: [{ or: FilterNode[] }] };
    expect(both.and[0].or[0]).toEqual(won);
    const headline = figures(everyone, 'this_month').find((x) => x.key === 'wonAmount')!;
    expect(headline.filter).toEqual(won);
  });

  it('counts signed contracts without drafts and terminated ones', () => {
    const signed = figures(everyone, 'this_month').find((x) => x.key === 'signed')!;
    expect((signed.filter as { and: FilterNode[] }).and).toContainEqual({ field: 'status', op: 'nin', value: ['draft', 'terminated'] });
  });

  it('opens the list with the filter in the address', () => {
    const path = drillPath('customer', { field: 'name', op: 'eq', value: '华为' });
    expect(path.startsWith('/o/customer?filter=')).toBe(true);
    expect(JSON.parse(decodeURIComponent(path.split('filter=')[1]!))).toEqual({ field: 'name', op: 'eq', value: '华为' });
  });
});
