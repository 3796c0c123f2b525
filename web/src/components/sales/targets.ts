// The sales targets page's logic: the twelve-month grid (what the inputs hold, batch fill, an
// annual figure split over the months, checks, the PUT body) and the completion chart's option.
import { formatMoney } from '@/components/records/format';

import type { TargetMetric, TargetsData } from './targetsApi';

export const MONTHS = 12;

/** What the twelve inputs hold ('' = no target for that month). */
export type TargetGrid = string[];

export const isAmountMetric = (metric: TargetMetric): boolean => metric !== 'new_customers';

export function emptyGrid(): TargetGrid {
  return Array.from({ length: MONTHS }, () => '');
}

/** The grid of a server answer. */
export function gridOf(data: Pick<TargetsData, 'months'> | null): TargetGrid {
  const grid = emptyGrid();
  for (const m of data?.months ?? []) {
    if (m.month >= 1 && m.month <= MONTHS && m.target !== null && m.target !== undefined) grid[m.month - 1] = String(m.target);
  }
  return grid;
}

/** Every month set to `value`. */
export function fillAll(value: string): TargetGrid {
  return Array.from({ length: MONTHS }, () => value.trim());
}

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const COUNT = /^\d{1,9}$/;

/** Whether one input is acceptable for the metric ('' is: no target). */
export function validCell(value: string, metric: TargetMetric): boolean {
  const v = value.trim().replace(/,/g, '');
  if (v === '') return true;
  return isAmountMetric(metric) ? AMOUNT.test(v) : COUNT.test(v);
}

/**
 * An annual figure split evenly over the twelve months, the remainder going to the last months
 * (amounts to the cent, counts whole); null when the figure is not valid for the metric.
 */
export function splitAnnual(total: string, metric: TargetMetric): TargetGrid | null {
  const v = total.trim().replace(/,/g, '');
  if (!validCell(v, metric) || v === '') return null;
  const amount = isAmountMetric(metric);
  const [whole, frac = ''] = v.split('.');
  const units = amount ? BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0') || '0') : BigInt(v);
  const base = units / 12n;
  const rest = Number(units % 12n);
  return Array.from({ length: MONTHS }, (_, i) => {
    const n = base + (i >= MONTHS - rest ? 1n : 0n);
    if (!amount) return n.toString();
    return `${n / 100n}.${(n % 100n).toString().padStart(2, '0')}`;
  });
}

/** The months (1–12) whose input is not valid. */
export function invalidMonths(grid: TargetGrid, metric: TargetMetric): number[] {
  return grid.flatMap((v, i) => (validCell(v, metric) ? [] : [i + 1]));
}

/** The `months` of PUT /sales/targets: amounts as decimal strings, counts as integers, null for none. */
export function monthsBody(grid: TargetGrid, metric: TargetMetric): (string | number | null)[] {
  return grid.map((raw) => {
    const v = raw.trim().replace(/,/g, '');
    if (v === '') return null;
    return isAmountMetric(metric) ? v : Number(v);
  });
}

function canonical(v: string, metric: TargetMetric): string {
  const t = v.trim().replace(/,/g, '');
  if (t === '' || !validCell(t, metric)) return t;
  if (!isAmountMetric(metric)) return String(Number(t));
  const [w, f = ''] = t.split('.');
  return `${BigInt(w!)}.${f.padEnd(2, '0')}`;
}

/** Whether the grid differs from what the server holds ("1000" and "1000.00" are the same). */
export function gridDirty(grid: TargetGrid, saved: TargetGrid, metric: TargetMetric): boolean {
  return grid.some((v, i) => canonical(v, metric) !== canonical(saved[i] ?? '', metric));
}

/** The sum of the grid's valid inputs, as display text. */
export function gridTotal(grid: TargetGrid, metric: TargetMetric): string {
  let sum = 0n;
  for (const v of grid) {
    const t = v.trim().replace(/,/g, '');
    if (t === '' || !validCell(t, metric)) continue;
    if (isAmountMetric(metric)) {
      const [w, f = ''] = t.split('.');
      sum += BigInt(w!) * 100n + BigInt(f.padEnd(2, '0') || '0');
    } else sum += BigInt(t);
  }
  if (!isAmountMetric(metric)) return sum.toString();
  return formatMoney(`${sum / 100n}.${(sum % 100n).toString().padStart(2, '0')}`);
}

/** A completion ratio as a percentage ("85.3%"); '—' without a target. */
export function completionText(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

/** How a completion reads: reached (≥ 100 %), close (≥ 80 %), behind, or none. */
export function completionLevel(ratio: number | null | undefined): 'none' | 'behind' | 'close' | 'reached' {
  if (ratio === null || ratio === undefined) return 'none';
  if (ratio >= 1) return 'reached';
  if (ratio >= 0.8) return 'close';
  return 'behind';
}

/** Whether month `month` of `year` is still to come on `today` ("YYYY-MM-DD"): its completion means little yet. */
export function isFutureMonth(year: number, month: number, today: string): boolean {
  const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  return key > today.slice(0, 7);
}

/** A figure of the metric as display text (amounts with separators, counts as they are). */
export function figureText(value: string | number | null | undefined, metric: TargetMetric): string {
  if (value === null || value === undefined || value === '') return '—';
  return isAmountMetric(metric) ? formatMoney(value) : String(value);
}

const num = (v: string | number | null | undefined): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

export interface ChartWords {
  month: (n: number) => string;
  target: string;
  actual: string;
  completion: string;
}

/** The ECharts option of the completion view: target and actual bars per month, completion % as a line. */
export function completionChartOption(data: TargetsData, words: ChartWords, today = '') {
  const amount = isAmountMetric(data.metric);
  const months = [...data.months].sort((a, b) => a.month - b.month);
  return {
    color: ['#c0d4f5', '#2f6fec', '#f08c2e'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [words.target, words.actual, words.completion] },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => words.month(m.month)) },
    yAxis: [
      { type: 'value', minInterval: amount ? undefined : 1, splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false }, min: 0 },
    ],
    series: [
      { name: words.target, type: 'bar', barGap: '10%', data: months.map((m) => num(m.target)) },
      { name: words.actual, type: 'bar', data: months.map((m) => num(m.actual)) },
      {
        name: words.completion,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        // Months still to come have no completion to draw.
        data: months.map((m) =>
          m.completion === null || (today && isFutureMonth(data.year, m.month, today)) ? null : Math.round(m.completion * 1000) / 10,
        ),
      },
    ],
  };
}
