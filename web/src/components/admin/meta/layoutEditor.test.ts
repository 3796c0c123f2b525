import { describe, expect, it } from 'vitest';

import type { MetaField } from '@/api/meta';

import {
  addSection,
  checkDraft,
  draftKey,
  findField,
  type LayoutDraft,
  layoutErrors,
  MAX_SECTIONS,
  missingRequired,
  moveField,
  moveSection,
  placeable,
  removeField,
  removeSection,
  toDraft,
  toPutBody,
  unusedFields,
  updateSection,
} from './layoutEditor';

const field = (name: string, extra: Partial<MetaField> = {}): MetaField => ({ name, type: 'text', label: name, ...extra });

const FIELDS: MetaField[] = [
  field('id', { system: true, read_only: true, type: 'number' }),
  field('owner_id', { system: true, read_only: true, type: 'user' }),
  field('created_at', { system: true, read_only: true, type: 'datetime' }),
  field('version', { system: true, read_only: true, type: 'number' }),
  field('name', { required: true }),
  field('code', { type: 'autonumber', read_only: true }),
  field('phone', { type: 'phone' }),
  field('level', { type: 'select' }),
  field('remark', { type: 'textarea' }),
  field('c_budget', { type: 'currency', custom: true, required: true, default: '100.00' }),
  field('c_grade', { type: 'select', custom: true, required: true }),
];

const names = (d: LayoutDraft) => d.sections.map((s) => s.fields);

function sample(): LayoutDraft {
  return toDraft({
    sections: [
      { title: '基本信息', title_en: 'Basics', columns: 2, fields: ['name', 'phone'] },
      { title: '其他', title_en: '其他', columns: 1, fields: ['level'] },
    ],
  });
}

describe('toDraft / toPutBody', () => {
  it('keeps titles, columns and fields; an English title that only repeats the Chinese one is dropped', () => {
    const d = sample();
    expect(d.sections.map((s) => [s.title, s.title_en, s.columns])).toEqual([
      ['基本信息', 'Basics', 2],
      ['其他', '', 1],
    ]);
    expect(new Set(d.sections.map((s) => s.key)).size).toBe(2);
    expect(toPutBody(d)).toEqual({
      sections: [
        { title: '基本信息', title_en: 'Basics', columns: 2, fields: ['name', 'phone'] },
        { title: '其他', columns: 1, fields: ['level'] },
      ],
    });
  });

  it('clamps columns to 1–3 and tolerates missing parts', () => {
    const d = toDraft({ sections: [{ title: 'A', columns: 7, fields: ['name'] }, { title: 'B', fields: [] } as never] });
    expect(d.sections.map((s) => s.columns)).toEqual([3, 2]);
    expect(toDraft(null).sections).toEqual([]);
  });
});

describe('moveField', () => {
  it('moves a field to another section, at a position or at the end', () => {
    const d = sample();
    expect(names(moveField(d, 'phone', 1))).toEqual([['name'], ['level', 'phone']]);
    expect(names(moveField(d, 'phone', 1, 0))).toEqual([['name'], ['phone', 'level']]);
    expect(names(d)).toEqual([['name', 'phone'], ['level']]); // the original is untouched
  });

  it('reorders within a section; dropping a field on its own place changes nothing', () => {
    const d = sample();
    expect(names(moveField(d, 'phone', 0, 0))).toEqual([['phone', 'name'], ['level']]);
    expect(names(moveField(d, 'name', 0, 2))).toEqual([['phone', 'name'], ['level']]);
    expect(names(moveField(d, 'name', 0, 0))).toEqual([['name', 'phone'], ['level']]);
    expect(names(moveField(d, 'name', 0, 1))).toEqual([['name', 'phone'], ['level']]);
  });

  it('places an unused field from the palette; an unknown section changes nothing', () => {
    const d = sample();
    expect(names(moveField(d, 'remark', 0, 1))).toEqual([['name', 'remark', 'phone'], ['level']]);
    expect(moveField(d, 'remark', 5)).toBe(d);
  });

  it('findField and removeField', () => {
    const d = sample();
    expect(findField(d, 'level')).toEqual({ section: 1, index: 0 });
    expect(findField(d, 'remark')).toBeNull();
    expect(names(removeField(d, 'phone'))).toEqual([['name'], ['level']]);
  });
});

describe('sections', () => {
  it('adds, renames, sets columns, reorders and removes sections', () => {
    let d = addSection(sample(), '自定义信息', 'Custom', 3);
    expect(d.sections.map((s) => s.title)).toEqual(['基本信息', '其他', '自定义信息']);
    expect(d.sections[2]).toMatchObject({ title_en: 'Custom', columns: 3, fields: [] });
    d = updateSection(d, 2, { title: '扩展信息', columns: 9 });
    expect(d.sections[2]).toMatchObject({ title: '扩展信息', columns: 3 });
    d = moveSection(d, 2, 0);
    expect(d.sections.map((s) => s.title)).toEqual(['扩展信息', '基本信息', '其他']);
    expect(moveSection(d, 0, 5)).toBe(d);
    d = removeSection(d, 1);
    expect(names(d)).toEqual([[], ['level']]);
    expect(removeSection(d, 9)).toBe(d);
  });

  it('stops at 30 sections', () => {
    let d: LayoutDraft = { sections: [] };
    for (let i = 0; i < MAX_SECTIONS + 2; i++) d = addSection(d, `S${i}`);
    expect(d.sections).toHaveLength(MAX_SECTIONS);
  });

  it('a removed section gives its fields back to the unused ones', () => {
    const d = removeSection(sample(), 0);
    expect(unusedFields(d, FIELDS, 'form').map((f) => f.name)).toEqual(['name', 'phone', 'remark', 'c_budget', 'c_grade']);
  });

  it('knows when the draft changed', () => {
    const d = sample();
    expect(draftKey(d)).toBe(draftKey(sample()));
    expect(draftKey(updateSection(d, 0, { columns: 3 }))).not.toBe(draftKey(d));
  });
});

describe('unused and required fields', () => {
  it('offers on a form only what people type in; on the detail page everything but id and version', () => {
    expect(FIELDS.filter((f) => placeable(f, 'form')).map((f) => f.name)).toEqual([
      'name',
      'phone',
      'level',
      'remark',
      'c_budget',
      'c_grade',
    ]);
    const detail = toDraft({ sections: [{ title: 'A', fields: ['name'] }] });
    expect(unusedFields(detail, FIELDS, 'detail').map((f) => f.name)).toEqual([
      'owner_id',
      'created_at',
      'code',
      'phone',
      'level',
      'remark',
      'c_budget',
      'c_grade',
    ]);
  });

  it('lists required form fields that are missing, except those with a default', () => {
    expect(missingRequired(sample(), FIELDS, 'form').map((f) => f.name)).toEqual(['c_grade']);
    expect(missingRequired(moveField(sample(), 'c_grade', 1), FIELDS, 'form')).toEqual([]);
    expect(missingRequired(toDraft({ sections: [] }), FIELDS, 'detail')).toEqual([]);
  });
});

describe('checks and server errors', () => {
  it('wants at least one section and a title of 1–30 characters for each', () => {
    expect(checkDraft({ sections: [] })).toEqual([{ key: 'noSections' }]);
    const d = updateSection(updateSection(sample(), 0, { title: ' ' }), 1, { title: '长'.repeat(31) });
    expect(checkDraft(d)).toEqual([
      { key: 'titleRequired', section: 0 },
      { key: 'titleTooLong', section: 1 },
    ]);
    expect(checkDraft(sample())).toEqual([]);
  });

  it('sorts 422 details by section, by field and the rest', () => {
    const e = layoutErrors([
      { field: 'sections[1].fields', code: 'duplicate', message: '「电话」出现了两次' },
      { field: 'sections[1].title', code: 'invalid', message: '分组名称应为 1–30 个字符' },
      { field: 'name', code: 'required', message: '必填字段「名称」必须放在表单中' },
      { field: 'sections', code: 'invalid', message: '布局应有 1–30 个分组' },
    ]);
    expect(e.sections).toEqual({ 1: ['「电话」出现了两次', '分组名称应为 1–30 个字符'] });
    expect(e.fields).toEqual({ name: ['必填字段「名称」必须放在表单中'] });
    expect(e.general).toEqual(['布局应有 1–30 个分组']);
  });
});
