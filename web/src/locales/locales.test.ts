import { describe, expect, it } from 'vitest';

import en from './en';
import zhCN from './zh-CN';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

describe('locale messages', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('every message is non-empty and uses the same placeholders in both languages', () => {
    const lookup = (obj: object, path: string): string =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(zhCN)) {
      const zh = lookup(zhCN, key);
      const english = lookup(en, key);
      expect(zh, key).not.toBe('');
      expect(english, key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(zh));
    }
  });
});
