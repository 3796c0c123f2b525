import { describe, expect, it } from 'vitest';

import { retentionForm, retentionValue, validRetention } from './retention';

describe('validRetention', () => {
  it('takes 0 or whole days from 7 to 3650', () => {
    expect([0, 7, 90, 3650].map(validRetention)).toEqual([true, true, true, true]);
    expect([-1, 1, 6, 3651, 30.5, Number.NaN].map(validRetention)).toEqual([false, false, false, false, false, false]);
  });
});

describe('retentionForm / retentionValue', () => {
  it('shows 0 as automatic purge off, starting the days at 90, and saves back what was chosen', () => {
    expect(retentionForm(0)).toEqual({ auto: false, days: 90 });
    expect(retentionForm(30)).toEqual({ auto: true, days: 30 });
    expect(retentionValue({ auto: false, days: 30 })).toBe(0);
    expect(retentionValue({ auto: true, days: 30 })).toBe(30);
  });
});
