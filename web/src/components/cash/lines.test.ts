import { describe, expect, it } from 'vitest';

import {
  centsText,
  emptyLine,
  isLinesField,
  lineErrorAt,
  lineErrorText,
  linesFieldValue,
  parseStoredLines,
  previewLine,
  previewTotals,
  toEditLines,
  toHundredths,
  toWireLines,
} from './lines';

const line = (quantity: string, unit_price: string, discount = '', tax_rate = '') => ({ quantity, unit_price, discount, tax_rate });

describe('line math preview', () => {
  it('reads decimals exactly in hundredths', () => {
    expect(toHundredths('12.5')).toBe(1250n);
    expect(toHundredths('0.05')).toBe(5n);
    expect(toHundredths(3)).toBe(300n);
    expect(toHundredths('1,234.56')).toBe(123456n);
    expect(toHundredths('1.234')).toBeNull();
    expect(toHundredths('-1')).toBeNull();
    expect(toHundredths('')).toBeNull();
    expect(toHundredths('abc')).toBeNull();
  });

  it('computes a line the way the server does (the API test figures)', () => {
    // 10 × 980 = 9800, 10 % off → 8820, 6 % tax → 529.20
    expect(previewLine(line('10', '980', '10', '6'))).toEqual({ gross: 980000n, discount: 98000n, amount: 882000n, tax: 52920n, total: 934920n });
    // 2.5 × 2400 = 6000, 6 % → 360
    expect(previewLine(line('2.5', '2400.00', '', '6')).total).toBe(636000n);
    const totals = previewTotals([line('10', '980', '10', '6'), line('2.5', '2400.00', '', '6')]);
    expect(centsText(totals.subtotal)).toBe('15800.00');
    expect(centsText(totals.discount)).toBe('980.00');
    expect(centsText(totals.tax)).toBe('889.20');
    expect(centsText(totals.total)).toBe('15709.20');
    expect(totals.incomplete).toBe(0);
  });

  it('rounds half up to the cent at each step', () => {
    // 0.33 × 0.5 = 0.165 → 0.17; 3 % tax of 0.17 = 0.0051 → 0.01
    const p = previewLine(line('0.33', '0.50', '', '3'));
    expect(p.gross).toBe(17n);
    expect(p.tax).toBe(1n);
    // 33.33 % off 100.00 = 33.33; tax 13 % of 66.67 = 8.6671 → 8.67
    const q = previewLine(line('1', '100', '33.33', '13'));
    expect(q.discount).toBe(3333n);
    expect(q.tax).toBe(867n);
    expect(q.total).toBe(7534n);
  });

  it('leaves out lines without quantity or price, or with a rate above 100 %', () => {
    expect(previewLine(line('', '10')).total).toBeNull();
    expect(previewLine(line('0', '10')).total).toBeNull();
    expect(previewLine(line('1', '')).total).toBeNull();
    expect(previewLine(line('1', '10', '101')).total).toBeNull();
    const totals = previewTotals([line('1', '10'), line('', '5')]);
    expect(totals.incomplete).toBe(1);
    expect(centsText(totals.total)).toBe('10.00');
  });

  it('handles amounts far beyond a float exactly', () => {
    expect(centsText(previewLine(line('1000000000', '9999999999.99')).total!)).toBe('9999999999990000000.00');
  });
});

describe('lines field value', () => {
  it('sends only what a person decides, and drops empty rows', () => {
    const a = { ...emptyLine('13'), product_id: 7, name: ' 软件 ', quantity: '2', unit_price: '1,000.00' };
    const b = emptyLine('13');
    expect(toWireLines([a, b])).toEqual([{ product_id: 7, name: '软件', quantity: '2', unit_price: '1000.00', tax_rate: '13' }]);
    expect(linesFieldValue([b])).toBe('');
  });

  it('reads stored lines back into the editor and sends them unchanged in meaning', () => {
    const stored = JSON.stringify([
      { product_id: 3, name: '服务器', unit: '台', quantity: '2.00', unit_price: '5000.00', discount: '0', tax_rate: '13', amount: '10000.00', total: '11300.00' },
    ]);
    const edit = toEditLines(stored);
    expect(edit).toHaveLength(1);
    expect(edit[0]).toMatchObject({ product_id: 3, product_label: '服务器', name: '服务器', unit: '台', quantity: '2.00', discount: '', tax_rate: '13' });
    expect(JSON.parse(linesFieldValue(edit))).toEqual([{ product_id: 3, name: '服务器', unit: '台', quantity: '2.00', unit_price: '5000.00', tax_rate: '13' }]);
  });

  it('parses stored values defensively', () => {
    expect(parseStoredLines(null)).toEqual([]);
    expect(parseStoredLines('not json')).toEqual([]);
    expect(parseStoredLines('{"a":1}')).toEqual([]);
    expect(parseStoredLines([{ name: 'x' }, 3])).toEqual([{ name: 'x' }]);
  });

  it('knows the lines field of the standard objects only', () => {
    expect(isLinesField({ name: 'lines', type: 'textarea' })).toBe(true);
    expect(isLinesField({ name: 'lines', type: 'textarea', custom: true })).toBe(false);
    expect(isLinesField({ name: 'remark', type: 'textarea' })).toBe(false);
  });

  it('names the line of a server error', () => {
    expect(lineErrorAt('lines[2].quantity')).toEqual({ index: 2, member: 'quantity' });
    expect(lineErrorAt('lines[0]')).toEqual({ index: 0, member: null });
    expect(lineErrorAt('lines')).toBeNull();
    const words = { line: (n: number) => `第 ${n} 行`, member: (m: string) => ({ quantity: '数量' })[m] ?? m };
    expect(lineErrorText({ field: 'lines[1].quantity', message: '数量应大于 0' }, words)).toBe('第 2 行 数量: 数量应大于 0');
    expect(lineErrorText({ field: 'amount', message: 'x' }, words)).toBeNull();
    expect(lineErrorText({ field: 'lines[0].unit_price', message: '请填写单价' }, { ...words, colon: '：' })).toBe('第 1 行 unit_price：请填写单价');
  });
});
