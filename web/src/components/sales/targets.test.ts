import { describe, expect, it } from 'vitest';

import {
  completionChartOption,
  completionLevel,
  completionText,
  emptyGrid,
  fillAll,
  figureText,
  gridDirty,
  gridOf,
  gridTotal,
  invalidMonths,
  isFutureMonth,
  monthsBody,
  splitAnnual,
} from './targets';
import type { TargetsData } from './targetsApi';

const data = (over: Partial<TargetsData> = {}): TargetsData => ({
  year: 2026,
  metric: 'contract_amount',
  scope_type: 'user',
  scope_id: 4,
  scope_name: '刘洋',
  can_edit: true,
  months: Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    target: i < 2 ? '100000.00' : null,
    actual: i === 0 ? '85000.00' : '0.00',
    completion: i === 0 ? 0.85 : i === 1 ? 0 : null,
  })),
  total: { target: '200000.00', actual: '85000.00', completion: 0.425 },
  ...over,
});

describe('target grid', () => {
  it('starts from the server answer', () => {
    const g = gridOf(data());
    expect(g).toHaveLength(12);
    expect(g.slice(0, 3)).toEqual(['100000.00', '100000.00', '']);
    expect(gridOf(null)).toEqual(emptyGrid());
  });

  it('fills every month with one value', () => {
    expect(fillAll(' 50000 ')).toEqual(Array(12).fill('50000'));
  });

  it('splits a year figure evenly, the remainder to the last months', () => {
    const g = splitAnnual('1000000', 'contract_amount')!;
    expect(g[0]).toBe('83333.33');
    expect(g[11]).toBe('83333.34');
    expect(g[7]).toBe('83333.33');
    expect(g[8]).toBe('83333.34');
    expect(gridTotal(g, 'contract_amount')).toBe('1,000,000.00');
    const c = splitAnnual('30', 'new_customers')!;
    expect(c.slice(0, 6)).toEqual(['2', '2', '2', '2', '2', '2']);
    expect(c.slice(6)).toEqual(['3', '3', '3', '3', '3', '3']);
    expect(splitAnnual('12.5', 'new_customers')).toBeNull();
    expect(splitAnnual('', 'contract_amount')).toBeNull();
  });

  it('checks each month for the metric', () => {
    const g = fillAll('10');
    g[2] = '1.234';
    g[5] = '-3';
    expect(invalidMonths(g, 'contract_amount')).toEqual([3, 6]);
    g[2] = '2.5';
    g[5] = '';
    expect(invalidMonths(g, 'contract_amount')).toEqual([]);
    expect(invalidMonths(g, 'new_customers')).toEqual([3]);
  });

  it('builds the PUT months: amounts as strings, counts as numbers, empty as null', () => {
    const g = emptyGrid();
    g[0] = '1,000';
    g[1] = '20.5';
    expect(monthsBody(g, 'payment_amount').slice(0, 3)).toEqual(['1000', '20.5', null]);
    const c = emptyGrid();
    c[11] = '7';
    expect(monthsBody(c, 'new_customers')[11]).toBe(7);
  });

  it('sees equal amounts written differently as unchanged', () => {
    const saved = gridOf(data());
    const g = [...saved];
    g[0] = '100000';
    expect(gridDirty(g, saved, 'contract_amount')).toBe(false);
    g[2] = '5';
    expect(gridDirty(g, saved, 'contract_amount')).toBe(true);
  });
});

describe('completion', () => {
  it('reads as a percentage and a level', () => {
    expect(completionText(0.85)).toBe('85.0%');
    expect(completionText(1.2345)).toBe('123.5%');
    expect(completionText(null)).toBe('—');
    expect(completionLevel(null)).toBe('none');
    expect(completionLevel(0.5)).toBe('behind');
    expect(completionLevel(0.8)).toBe('close');
    expect(completionLevel(1)).toBe('reached');
    expect(figureText('85000.00', 'contract_amount')).toBe('85,000.00');
    expect(figureText(12, 'new_customers')).toBe('12');
    expect(figureText(null, 'new_customers')).toBe('—');
  });

  it('charts target and actual as bars and completion as a line', () => {
    const o = completionChartOption(data(), { month: (n) => `${n}月`, target: '目标', actual: '实际', completion: '完成率' });
    expect(o.xAxis.data[0]).toBe('1月');
    expect(o.series.map((s) => s.type)).toEqual(['bar', 'bar', 'line']);
    expect(o.series[0]!.data.slice(0, 3)).toEqual([100000, 100000, null]);
    expect(o.series[1]!.data[0]).toBe(85000);
    expect(o.series[2]!.data.slice(0, 3)).toEqual([85, 0, null]);
    expect(o.series[2]!.yAxisIndex).toBe(1);
    // Months to come draw no completion.
    const later = completionChartOption(data(), { month: (n) => `${n}月`, target: '目标', actual: '实际', completion: '完成率' }, '2026-01-15');
    expect(later.series[2]!.data.slice(0, 3)).toEqual([85, null, null]);
  });

  it('knows which months are still to come', () => {
    expect(isFutureMonth(2026, 5, '2026-04-30')).toBe(true);
    expect(isFutureMonth(2026, 4, '2026-04-30')).toBe(false);
    expect(isFutureMonth(2025, 12, '2026-01-01')).toBe(false);
    expect(isFutureMonth(2027, 1, '2026-12-31')).toBe(true);
  });
});
