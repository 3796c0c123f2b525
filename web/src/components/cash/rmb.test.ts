import { describe, expect, it } from 'vitest';

import { rmbUpper } from './rmb';

describe('rmbUpper', () => {
  it('writes amounts in financial capitals', () => {
    expect(rmbUpper('15709.20')).toBe('壹万伍仟柒佰零玖元贰角整');
    expect(rmbUpper('0')).toBe('零元整');
    expect(rmbUpper('0.05')).toBe('伍分');
    expect(rmbUpper('12.05')).toBe('壹拾贰元零伍分');
    expect(rmbUpper('100000')).toBe('壹拾万元整');
    expect(rmbUpper('10100')).toBe('壹万零壹佰元整');
    expect(rmbUpper('100000001')).toBe('壹亿零壹元整');
    expect(rmbUpper('1000000000000')).toBe('壹万亿元整');
    expect(rmbUpper('1200000000000.5')).toBe('壹万贰仟亿元伍角整');
    expect(rmbUpper('1,234.56')).toBe('壹仟贰佰叁拾肆元伍角陆分');
  });

  it('gives nothing for what is not an amount', () => {
    expect(rmbUpper('abc')).toBe('');
    expect(rmbUpper(null)).toBe('');
  });
});
