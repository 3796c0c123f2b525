import { describe, expect, it } from 'vitest';

import type { BinObject } from '@/api/recycleBin';

import { afterRemoval, binCount, chooseBinObject, sortBinObjects } from './recycleBin';

const bin = (object: string, label: string, count: number, capped = false): BinObject => ({
  object,
  label,
  count,
  count_capped: capped,
});

describe('sortBinObjects', () => {
  it('puts objects with deleted records first, most first, then the others by label', () => {
    const sorted = sortBinObjects([bin('product', '产品', 0), bin('contact', '联系人', 2), bin('customer', '客户', 5), bin('lead', '线索', 0), bin('quote', '报价单', 2)]);
    expect(sorted.map((o) => o.object)).toEqual(['customer', 'quote', 'contact', 'product', 'lead']);
  });
});

describe('chooseBinObject', () => {
  const objects = [bin('customer', '客户', 0), bin('contact', '联系人', 3)];
  it('takes the object asked for when the caller has it', () => {
    expect(chooseBinObject(objects, 'customer')?.object).toBe('customer');
  });
  it('otherwise the first with deleted records, else the first, else none', () => {
    expect(chooseBinObject(objects, 'no_such')?.object).toBe('contact');
    expect(chooseBinObject(objects, null)?.object).toBe('contact');
    expect(chooseBinObject([bin('lead', '线索', 0)], undefined)?.object).toBe('lead');
    expect(chooseBinObject([], 'customer')).toBeNull();
  });
});

describe('binCount', () => {
  it('says when the server stopped counting', () => {
    expect(binCount(bin('a', 'a', 12))).toBe('12');
    expect(binCount(bin('a', 'a', 1000, true))).toBe('1000+');
  });
});

describe('afterRemoval', () => {
  it('lowers the count of that object only, never below zero, and leaves a capped count alone', () => {
    const objects = [bin('customer', '客户', 3), bin('contact', '联系人', 1000, true)];
    expect(afterRemoval(objects, 'customer', 2).map((o) => o.count)).toEqual([1, 1000]);
    expect(afterRemoval(objects, 'customer', 5)[0]?.count).toBe(0);
    expect(afterRemoval(objects, 'contact', 5)[1]?.count).toBe(1000);
  });
});
