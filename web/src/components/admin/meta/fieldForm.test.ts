import { describe, expect, it } from 'vitest';

import type { MetaField } from '@/api/meta';

import {
  checkDraft,
  createBody,
  draftFromField,
  emptyDraft,
  FIELD_TYPES,
  fieldEditability,
  formulaOperands,
  insertIntoFormula,
  movePatches,
  patchBody,
  typeCaps,
} from './fieldForm';

const field = (name: string, extra: Partial<MetaField> = {}): MetaField => ({ name, type: 'text', label: name, ...extra });

describe('field types', () => {
  it('offers every type the server accepts, formula included', () => {
    expect(FIELD_TYPES).toHaveLength(22);
    expect(FIELD_TYPES).toContain('formula');
    expect(FIELD_TYPES).toContain('autonumber');
  });

  it('gives each type its settings', () => {
    expect(typeCaps('text')).toMatchObject({ maxLength: true, range: false, unique: true, default: 'text' });
    expect(typeCaps('currency')).toMatchObject({ maxLength: false, range: true, default: 'currency' });
    expect(typeCaps('multiselect')).toMatchObject({ picklist: true, default: 'multiselect', unique: false });
    expect(typeCaps('lookup')).toMatchObject({ lookup: true, default: null });
    expect(typeCaps('autonumber')).toMatchObject({ autonumber: true, required: false });
  });
});

describe('createBody', () => {
  it('sends only what the type uses', () => {
    const d = { ...emptyDraft('text'), label: ' 客户来源说明 ', label_en: 'Source note', max_length: 200, min: 1, required: true };
    expect(createBody(d)).toEqual({ label: '客户来源说明', label_en: 'Source note', type: 'text', max_length: 200, required: true });
  });

  it('binds a select to a picklist, or gives it its own options with fixed values', () => {
    const d = { ...emptyDraft('select'), label: '合作模式', picklist: 'coop_mode' };
    expect(createBody(d)).toEqual({ label: '合作模式', type: 'select', picklist: 'coop_mode' });
    const inline = {
      ...d,
      optionSource: 'inline' as const,
      options: [
        { label: '直销', label_en: '' },
        { label: ' ', label_en: '' },
        { label: '代理', label_en: 'Agent' },
      ],
      default: 'o2',
    };
    expect(createBody(inline)).toEqual({
      label: '合作模式',
      type: 'select',
      options: [
        { value: 'o1', label: '直销' },
        { value: 'o2', label: '代理', label_en: 'Agent' },
      ],
      default: 'o2',
    });
  });

  it('writes a currency default with two decimals; lookups name their object; autonumbers their format', () => {
    expect(createBody({ ...emptyDraft('currency'), label: '预算', default: 100, min: 0 })).toEqual({
      label: '预算',
      type: 'currency',
      min: 0,
      default: '100.00',
    });
    expect(createBody({ ...emptyDraft('lookup'), label: '上级客户', lookup_object: 'customer' })).toMatchObject({ lookup_object: 'customer' });
    expect(createBody({ ...emptyDraft('autonumber'), label: '编号', autonumber_format: 'KH-{0000}', required: true })).toEqual({
      label: '编号',
      type: 'autonumber',
      autonumber_format: 'KH-{0000}',
    });
  });

  it('checks the draft first', () => {
    expect(checkDraft({ ...emptyDraft('select'), name: 'Bad Name' }, true)).toEqual({
      label: 'labelRequired',
      name: 'nameInvalid',
      picklist: 'picklistRequired',
    });
    const inline = { ...emptyDraft('select'), label: 'x', optionSource: 'inline' as const };
    expect(checkDraft(inline, true)).toEqual({ options: 'optionsRequired' });
    expect(checkDraft({ ...inline, options: [{ label: 'A', label_en: '' }, { label: 'A', label_en: '' }] }, true)).toEqual({
      options: 'optionsDuplicate',
    });
    expect(checkDraft({ ...emptyDraft('number'), label: 'x', min: 5, max: 1 }, false)).toEqual({ min: 'rangeInvalid' });
  });
});

describe('editing a field', () => {
  const phone = field('phone', { type: 'phone', label: '电话', label_en: 'Phone', max_length: 30 });
  const name = field('name', { label: '名称', label_en: 'Name', required: true });
  const budget = field('c_budget', { type: 'currency', label: '预算', label_en: '预算', custom: true, default: '100.00', min: 0 });

  it('lets standard fields change labels, help and required-on only', () => {
    expect(fieldEditability(phone)).toEqual({
      labels: true,
      required: true,
      requiredLock: null,
      maxLength: false,
      range: false,
      default: false,
    });
    expect(fieldEditability(name)).toMatchObject({ required: false, requiredLock: 'standardRequired' });
    expect(fieldEditability(field('code', { type: 'autonumber', read_only: true }))).toMatchObject({ required: false, requiredLock: 'readOnly' });
    expect(fieldEditability(field('id', { system: true }))).toMatchObject({ labels: false, requiredLock: 'system' });
    expect(fieldEditability(budget)).toMatchObject({ required: true, range: true, default: true, maxLength: false });
  });

  it('sends only what changed and may change', () => {
    const d = { ...draftFromField(phone), label: '联系电话', help: '座机或手机', max_length: 10, required: true };
    expect(patchBody(phone, d)).toEqual({ label: '联系电话', help: '座机或手机', required: true });
    expect(patchBody(phone, draftFromField(phone))).toEqual({});
  });

  it('custom fields: default, range and clearing', () => {
    const start = draftFromField(budget);
    expect(start).toMatchObject({ default: 100, min: 0, max: null, label_en: '' });
    expect(patchBody(budget, { ...start, default: 250.5, max: 1000 })).toEqual({ default: '250.50', max: 1000 });
    expect(patchBody(budget, { ...start, default: null, min: null, help: '' })).toEqual({ default: null, min: null });
    expect(patchBody(budget, { ...start, label_en: 'Budget' })).toEqual({ label_en: 'Budget' });
  });
});

describe('movePatches', () => {
  const fields = [
    field('id', { system: true }),
    field('owner_id', { system: true }),
    field('name'),
    field('phone'),
    field('c_a', { custom: true }),
  ];

  it('renumbers the movable fields in their new order', () => {
    expect(movePatches(fields, 'c_a', -1)).toEqual([
      { name: 'name', sort_order: 10 },
      { name: 'c_a', sort_order: 20 },
      { name: 'phone', sort_order: 30 },
    ]);
  });

  it('skips fields whose known number is already right, and refuses impossible moves', () => {
    const known = fields.map((f, i) => ({ ...f, sort_order: i * 10 - 10 }));
    expect(movePatches(known, 'phone', 1)).toEqual([
      { name: 'c_a', sort_order: 20 },
      { name: 'phone', sort_order: 30 },
    ]);
    expect(movePatches(fields, 'name', -1)).toEqual([]);
    expect(movePatches(fields, 'id', 1)).toEqual([]);
    expect(movePatches(fields, 'c_a', 1)).toEqual([]);
  });
});

describe('formula fields', () => {
  it('sends the formula, is never required and asks for a formula', () => {
    expect(typeCaps('formula')).toMatchObject({ formula: true, required: false, default: null, range: false });
    const d = { ...emptyDraft('formula'), label: '毛利', formula: ' c_price - c_cost ', required: true };
    expect(createBody(d)).toEqual({ label: '毛利', type: 'formula', formula: 'c_price - c_cost' });
    expect(createBody({ ...emptyDraft('text'), label: 'x', formula: 'a' })).not.toHaveProperty('formula');
    expect(checkDraft({ ...emptyDraft('formula'), label: '毛利' }, true)).toEqual({ formula: 'formulaRequired' });
    expect(checkDraft({ ...emptyDraft('formula'), label: '毛利', formula: 'a' }, true)).toEqual({});
  });

  it('shows the formula of an existing field', () => {
    expect(draftFromField({ ...field('c_margin'), type: 'formula', formula: 'c_a - c_b' } as MetaField).formula).toBe('c_a - c_b');
  });

  it('offers the number, amount, percent and date fields, not text or other formulas', () => {
    const fields = [
      field('name'),
      field('amount', { type: 'currency' }),
      field('rate', { type: 'percent' }),
      field('qty', { type: 'number' }),
      field('signed', { type: 'date' }),
      field('at', { type: 'datetime' }),
      field('c_f', { type: 'formula' }),
      field('version', { type: 'number', system: true }),
      field('id', { type: 'number', system: true }),
      field('created_at', { type: 'datetime', system: true }),
    ];
    expect(formulaOperands(fields).map((f) => f.name)).toEqual(['amount', 'rate', 'qty', 'signed', 'at', 'created_at']);
  });

  it('inserts a name at the cursor, spaced from the names around it', () => {
    expect(insertIntoFormula('', 'amount')).toEqual({ text: 'amount', cursor: 6 });
    expect(insertIntoFormula('amount', 'qty')).toEqual({ text: 'amount qty', cursor: 10 });
    expect(insertIntoFormula('amount * ', 'qty')).toEqual({ text: 'amount * qty', cursor: 12 });
    expect(insertIntoFormula('DAYS(, b)', 'a', 5)).toEqual({ text: 'DAYS(a, b)', cursor: 6 });
    expect(insertIntoFormula('x + y', 'z', 4, 5)).toEqual({ text: 'x + z', cursor: 5 });
  });
});
