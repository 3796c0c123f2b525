import { describe, expect, it } from 'vitest';

import type { PicklistDef } from '@/api/meta';

import {
  addOption,
  checkDraft,
  discardOption,
  isDirty,
  moveOption,
  optionErrors,
  optionLines,
  parentChoices,
  patchBody,
  toDraft,
  updateOption,
} from './picklistEditor';

const LEVEL: PicklistDef = {
  name: 'customer_level',
  label: '客户等级',
  label_en: 'Customer level',
  system: true,
  options: [
    { value: 'a', label: '重点客户', label_en: 'Key', sort_order: 10, disabled: false, color: '#f56c6c' },
    { value: 'b', label: '普通客户', label_en: 'Regular', sort_order: 20, disabled: false, color: null },
    { value: 'c', label: '非优先', label_en: '非优先', sort_order: 30, disabled: true, color: null },
  ],
};

describe('picklist drafts', () => {
  it('starts from the server copy; English labels that only repeat the Chinese are blank', () => {
    const d = toDraft(LEVEL);
    expect(d.label_en).toBe('Customer level');
    expect(d.options.map((o) => [o.value, o.label, o.label_en, o.color, o.disabled])).toEqual([
      ['a', '重点客户', 'Key', '#f56c6c', false],
      ['b', '普通客户', 'Regular', '', false],
      ['c', '非优先', '', '', true],
    ]);
    expect(isDirty(LEVEL, d)).toBe(false);
    expect(patchBody(LEVEL, d)).toEqual({});
  });

  it('sends the whole option list in its new order: new ones without a value, disabled ones flagged', () => {
    let d = toDraft(LEVEL);
    d = addOption(d, '战略客户', 'Strategic');
    d = updateOption(d, 3, { color: '#409eff' });
    d = moveOption(d, 3, 0);
    d = updateOption(d, 2, { disabled: true, label: '一般客户' });
    expect(patchBody(LEVEL, d)).toEqual({
      options: [
        { label: '战略客户', label_en: 'Strategic', color: '#409EFF' },
        { value: 'a', label: '重点客户', label_en: 'Key', color: '#F56C6C' },
        { value: 'b', label: '一般客户', label_en: 'Regular', disabled: true },
        { value: 'c', label: '非优先', disabled: true },
      ],
    });
  });

  it('re-enabling an option and renaming the list', () => {
    let d = updateOption(toDraft(LEVEL), 2, { disabled: false });
    d = { ...d, label: ' 客户级别 ', label_en: '' };
    const body = patchBody(LEVEL, d);
    expect(body.label).toBe('客户级别');
    expect(body.label_en).toBe('客户级别');
    expect(body.options?.[2]).toEqual({ value: 'c', label: '非优先' });
  });

  it('never deletes a saved option: discarding disables it; a new one simply goes', () => {
    let d = addOption(toDraft(LEVEL), '临时');
    d = discardOption(d, 3);
    expect(d.options).toHaveLength(3);
    d = discardOption(d, 0);
    expect(d.options).toHaveLength(3);
    expect(d.options[0]).toMatchObject({ value: 'a', disabled: true });
  });

  it('moveOption ignores moves out of range', () => {
    const d = toDraft(LEVEL);
    expect(moveOption(d, 0, 3)).toBe(d);
    expect(moveOption(d, 1, 1)).toBe(d);
    expect(moveOption(d, 2, 0).options.map((o) => o.value)).toEqual(['c', 'a', 'b']);
  });
});

describe('checks', () => {
  it('wants labels, distinct enabled labels and one enabled option', () => {
    let d = addOption(toDraft(LEVEL), '重点客户');
    d = addOption(d, '  ');
    expect(checkDraft(d)).toEqual({ options: { 3: 'optionDuplicate', 4: 'optionLabelRequired' } });
    // A disabled option may share its label with an enabled one.
    expect(checkDraft(updateOption(d, 3, { disabled: true, label: '重点客户' })).options[3]).toBeUndefined();
    const off = { ...toDraft(LEVEL), options: toDraft(LEVEL).options.map((o) => ({ ...o, disabled: true })) };
    expect(checkDraft(off).list).toBe('oneEnabled');
    expect(checkDraft({ ...toDraft(LEVEL), label: '' }).label).toBe('labelRequired');
  });

  it('sorts 422 details by option', () => {
    expect(
      optionErrors([
        { field: 'options[2].label', code: 'duplicate', message: '选项「A」重复' },
        { field: 'options', code: 'required', message: '至少保留一个启用的选项' },
      ]),
    ).toEqual({ options: { 2: '选项「A」重复' }, general: ['至少保留一个启用的选项'] });
  });

  it('reads the options of a new picklist one a line', () => {
    expect(optionLines('直销\n\n 代理 \r\n直销\n')).toEqual(['直销', '代理']);
  });
});

describe('picklist trees in the editor', () => {
  const TREE: PicklistDef = {
    name: 'product_category',
    label: '产品分类',
    options: [
      { value: 'software', label: '软件' },
      { value: 'std', label: '标准版', parent: 'software' },
      { value: 'cloud', label: '云', parent: 'std' },
      { value: 'hardware', label: '硬件', parent: null },
    ],
  };

  it('keeps parents, sends them, and moves an option to the top by clearing its parent', () => {
    const d = toDraft(TREE);
    expect(d.options.map((o) => o.parent)).toEqual(['', 'software', 'std', '']);
    expect(patchBody(TREE, d)).toEqual({});
    const moved = updateOption(d, 2, { parent: 'hardware' });
    expect(patchBody(TREE, moved).options?.[2]).toEqual({ value: 'cloud', label: '云', parent: 'hardware' });
    const top = updateOption(d, 1, { parent: '' });
    expect(patchBody(TREE, top).options?.[1]).toEqual({ value: 'std', label: '标准版' });
    expect(addOption(d, '新').options.at(-1)!.parent).toBe('');
  });

  it('offers saved options as parents, never the option itself or one below it', () => {
    const d = addOption(toDraft(TREE), '未保存');
    expect(parentChoices(d, 0).map((p) => p.value)).toEqual(['hardware']);
    expect(parentChoices(d, 1).map((p) => p.value)).toEqual(['software', 'hardware']);
    expect(parentChoices(d, 4).map((p) => [p.value, p.depth])).toEqual([
      ['software', 0],
      ['std', 1],
      ['cloud', 2],
      ['hardware', 0],
    ]);
  });
});
