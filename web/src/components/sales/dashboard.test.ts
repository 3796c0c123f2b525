import { describe, expect, it } from 'vitest';

import type { FilterNode } from '@/api/records';

import type { Department } from '@/api/org';

import {
  byMonth,
  chinaYearMonth,
  chosenTargetSubject,
  closedFilter,
  drillPath,
  figures,
  forecastBody,
  forecastMonths,
  funnelFilter,
  funnelPipelines,
  MAX_TARGET_CANDIDATES,
  missingTargetHint,
  monthKey,
  monthRange,
  targetActualDrill,
  targetDashScope,
  teamTargetCandidates,
  trendFilter,
  trendBody,
  trendMonths,
  wonLostBody,
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
  const now = new Date('2026-11-24T04:00:00Z');

  it('takes the month from China time, whatever the browser\'s zone: 30 Nov 16:30 UTC is already December', () => {
    const lastSecond = new Date('2026-11-30T15:59:59Z');
    const justAfter = new Date('2026-11-30T16:00:00Z');
    expect(chinaYearMonth(lastSecond)).toEqual({ year: 2026, month: 11 });
    expect(chinaYearMonth(justAfter)).toEqual({ year: 2026, month: 12 });
    expect(monthKey(justAfter, 0)).toBe('2026-12');
    expect(forecastMonths(justAfter)[0]).toBe('2026-12');
    expect(trendMonths(justAfter)[11]).toBe('2026-12');
    expect(trendMonths(lastSecond)[11]).toBe('2026-11');
    // New Year's Eve in New York is already 1 January in Beijing.
    const newYear = new Date('2026-12-31T16:30:00Z');
    expect(chinaYearMonth(newYear)).toEqual({ year: 2027, month: 1 });
    expect(forecastMonths(newYear, 2)).toEqual(['2027-01', '2027-02']);
    expect(monthKey(newYear, -1)).toBe('2026-12');
    expect(monthKey(newYear, -13)).toBe('2025-12');
  });

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

  it('offers the pipelines that have open stages, the default first', () => {
    const stage = (value: string, kind: 'open' | 'won' | 'lost') => ({ value, label: value, probability: 0, kind });
    const pipelines = [
      { value: 'repeat', label: '老客户复购', stages: [stage('needs', 'open'), stage('won', 'won'), stage('lost', 'lost')] },
      { value: 'empty', label: '空流程', stages: [stage('won', 'won'), stage('lost', 'lost')] },
      { value: 'new', label: '新客户销售', default: true, stages: [stage('initial', 'open'), stage('won', 'won')] },
    ];
    expect(funnelPipelines(pipelines).map((p) => p.value)).toEqual(['new', 'repeat']);
    expect(funnelFilter(everyone, 'repeat', 'needs')).toEqual({
      and: [
        { field: 'pipeline', op: 'eq', value: 'repeat' },
        { field: 'status', op: 'eq', value: 'open' },
        { field: 'stage', op: 'eq', value: 'needs' },
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

  it('asks for won and lost deals apart, each by its own date', () => {
    const won = wonLostBody(everyone, 'this_year', 'won');
    expect(won.filter).toEqual(closedFilter(everyone, 'this_year', 'won'));
    expect(JSON.stringify(won.filter)).not.toContain('"or"');
    expect(JSON.stringify(wonLostBody(everyone, 'this_year', 'lost').filter)).toContain('stage_changed_at');
    expect(won.group_by).toEqual(['status']);
    expect(won.measures).toContainEqual({ op: 'sum', field: 'actual_amount' });
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

// The demo enterprise's organisation: 李明 (1) heads the company, 王芳 (2) 销售部, 张伟 (3) 华东大区,
// 孙丽 (5) 华南大区, 陈静 (6) 客服部; 刘洋 (4) heads nothing.
const dept = (id: number, name: string, parent: number | null, head: number | null, sort: number): Department => ({
  id,
  name,
  parent_id: parent,
  head_user_id: head,
  head_name: null,
  sort_order: sort,
  member_count: 1,
});
const org: Department[] = [
  dept(5, '客服部', 1, 6, 2),
  dept(3, '华东大区', 2, 3, 1),
  dept(1, '示例科技', null, 1, 0),
  dept(4, '华南大区', 2, 5, 2),
  dept(2, '销售部', 1, 2, 1),
  dept(6, '财务部', 1, 7, 3),
];

describe('whose target the dashboard shows', () => {
  it('follows the person, else the department chosen in the filters', () => {
    expect(chosenTargetSubject({ ownerId: '4', departmentId: '3' })).toEqual({ scope_type: 'user', scope_id: '4' });
    expect(chosenTargetSubject({ ownerId: null, departmentId: 3 })).toEqual({ scope_type: 'department', scope_id: 3 });
    expect(chosenTargetSubject({ ownerId: '', departmentId: null })).toBeNull();
  });

  it("shows a manager his team, a director the sales department and below, a salesperson his own", () => {
    expect(teamTargetCandidates(org, 3, false)).toEqual([3]);
    expect(teamTargetCandidates(org, '2', false)).toEqual([2, 3, 4]);
    expect(teamTargetCandidates(org, 4, false)).toEqual([]);
    expect(teamTargetCandidates(org, null, false)).toEqual([]);
  });

  it('shows an administrator the top of the organisation, then level by level in the order of the org chart', () => {
    expect(teamTargetCandidates(org, 1, true)).toEqual([1, 2, 5, 6, 3, 4]);
    // An administrator who heads no department still answers for the whole enterprise.
    expect(teamTargetCandidates(org, 99, true)).toEqual([1, 2, 5, 6, 3, 4]);
  });

  it('takes only the highest of the departments one heads, and stops after a few', () => {
    const twice = org.map((d) => (d.id === 3 ? { ...d, head_user_id: 2 } : d));
    expect(teamTargetCandidates(twice, 2, false)).toEqual([2, 3, 4]);
    const wide = [dept(1, 'top', null, 9, 0), ...Array.from({ length: 20 }, (_, i) => dept(10 + i, `d${i}`, 1, null, i))];
    expect(teamTargetCandidates(wide, 9, false)).toHaveLength(MAX_TARGET_CANDIDATES);
  });

  it('says why there is no target, for each case', () => {
    const none = Array.from({ length: 12 }, () => ({ target: null }));
    const some = none.map((m, i) => (i === 10 ? { target: '100000.00' } : m));
    expect(missingTargetHint({ scope_type: 'user', months: none }, false)).toBe('noOwnTargets');
    expect(missingTargetHint({ scope_type: 'user', months: none }, true)).toBe('noTargetsOf');
    expect(missingTargetHint({ scope_type: 'department', months: none }, false)).toBe('noTargetsOf');
    expect(missingTargetHint({ scope_type: 'department', months: some }, false)).toBeNull();
    expect(missingTargetHint(null, false)).toBeNull();
  });

  it("counts a person's records by owner and a department's by its subtree", () => {
    const subtree = (id: unknown) => (String(id) === '2' ? ['2', '3', '4'] : [String(id)]);
    expect(targetDashScope({ scope_type: 'user', scope_id: 4 }, subtree)).toEqual({ ownerId: 4, departmentIds: [] });
    expect(targetDashScope({ scope_type: 'department', scope_id: 2 }, subtree)).toEqual({ ownerId: null, departmentIds: ['2', '3', '4'] });
  });
});

describe('a target bar drills to the records behind its actual', () => {
  const team = { ownerId: null, departmentIds: ['3'] };

  it('contracts signed in the month, neither drafts nor terminated (as targets.cpp counts them)', () => {
    expect(targetActualDrill('contract_amount', team, 2026, 11)).toEqual({
      object: 'contract',
      filter: {
        and: [
          { field: 'department_id', op: 'in', value: [3] },
          { field: 'status', op: 'nin', value: ['draft', 'terminated'] },
          { field: 'sign_date', op: 'between', value: ['2026-11-01', '2026-11-30'] },
        ],
      },
    });
  });

  it("payments paid in the month, a person's by owner", () => {
    expect(targetActualDrill('payment_amount', { ownerId: 4, departmentIds: [] }, 2028, 2)).toEqual({
      object: 'payment',
      filter: {
        and: [
          { field: 'owner_id', op: 'eq', value: 4 },
          { field: 'paid_date', op: 'between', value: ['2028-02-01', '2028-02-29'] },
        ],
      },
    });
  });

  it('owned customers created in the month in China time, December running into the next year', () => {
    expect(targetActualDrill('new_customers', team, 2026, 12)).toEqual({
      object: 'customer',
      filter: {
        and: [
          { field: 'department_id', op: 'in', value: [3] },
          { field: 'owner_id', op: 'not_null' },
          { field: 'created_at', op: 'gte', value: '2026-12-01T00:00:00+08:00' },
          { field: 'created_at', op: 'lt', value: '2027-01-01T00:00:00+08:00' },
        ],
      },
    });
  });
});
