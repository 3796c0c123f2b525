import { describe, expect, it } from 'vitest';

import { isTree, offeredTree, optionTree } from './picklistTree';

const CATEGORIES = [
  { value: 'software', label: '软件', label_en: 'Software' },
  { value: 'std', label: '标准版', label_en: 'Standard', parent: 'software' },
  { value: 'pro', label: '专业版', parent: 'software', disabled: true },
  { value: 'hardware', label: '硬件', label_en: 'Hardware', parent: null },
  { value: 'scanner', label: '扫码枪', parent: 'hardware' },
  { value: 'usb', label: 'USB 款', parent: 'scanner' },
  { value: 'orphan', label: '孤儿', parent: 'gone' },
];

describe('picklist trees', () => {
  it('tells a tree from a flat picklist', () => {
    expect(isTree(CATEGORIES)).toBe(true);
    expect(isTree([{ parent: null }, {}])).toBe(false);
  });

  it('nests options under their parents, in order, with missing parents at the top', () => {
    const tree = optionTree(CATEGORIES, 'en');
    expect(tree.map((n) => n.value)).toEqual(['software', 'hardware', 'orphan']);
    expect(tree[0]!.label).toBe('Software');
    expect(tree[0]!.children!.map((n) => [n.value, n.label, n.disabled])).toEqual([
      ['std', 'Standard', false],
      ['pro', '专业版', true],
    ]);
    expect(tree[1]!.children![0]!.children![0]!.value).toBe('usb');
    expect(tree[2]!.children).toBeUndefined();
  });

  it('survives a loop the server would refuse', () => {
    const loop = [
      { value: 'a', label: 'A', parent: 'b' },
      { value: 'b', label: 'B', parent: 'a' },
    ];
    const tree = optionTree(loop, 'zh-CN');
    const count = (nodes: typeof tree): number => nodes.reduce((n, x) => n + 1 + count(x.children ?? []), 0);
    expect(count(tree)).toBe(2);
  });

  it('offers disabled options only when chosen or above something choosable', () => {
    const tree = optionTree(CATEGORIES, 'zh-CN');
    expect(offeredTree(tree, new Set())[0]!.children!.map((n) => n.value)).toEqual(['std']);
    expect(offeredTree(tree, new Set(['pro']))[0]!.children!.map((n) => n.value)).toEqual(['std', 'pro']);
    const parentOff = optionTree(
      [
        { value: 'p', label: 'P', disabled: true },
        { value: 'c', label: 'C', parent: 'p' },
      ],
      'zh-CN',
    );
    expect(offeredTree(parentOff, new Set()).map((n) => [n.value, n.children?.length])).toEqual([['p', 1]]);
  });
});
