import { describe, expect, it } from 'vitest';

import type { FieldDef, ObjectDef } from '@/api/records';

import { detailSections, formSections, relatedLists } from './layout';

const sys = (name: string, type = 'user'): FieldDef => ({ name, type, label: name, system: true });
const fields: FieldDef[] = [
  sys('id', 'number'),
  sys('owner_id'),
  sys('created_at', 'datetime'),
  sys('updated_at', 'datetime'),
  { name: 'name', type: 'text', label: '名称' },
  { name: 'phone', type: 'phone', label: '电话' },
  { name: 'remark', type: 'textarea', label: '备注' },
];

describe('detailSections', () => {
  it('is one section of every business field, then the system information, without a layout', () => {
    const s = detailSections({ fields });
    expect(s.map((x) => [x.key, x.fields.map((f) => f.name)])).toEqual([
      ['main', ['name', 'phone', 'remark']],
      ['system', ['owner_id', 'created_at', 'updated_at']],
    ]);
  });

  it("follows the layout's sections, leaving out hidden fields and adding forgotten ones", () => {
    const s = detailSections({
      fields,
      layouts: { detail: { sections: [{ label: '联系方式', label_en: 'Contact', fields: ['phone', 'secret'] }, { label: '其他', fields: [{ name: 'name' }] }] } },
    });
    expect(s.map((x) => [x.label, x.fields.map((f) => f.name)])).toEqual([
      ['联系方式', ['phone', 'remark']],
      ['其他', ['name']],
      [undefined, ['owner_id', 'created_at', 'updated_at']],
    ]);
  });

  it("reads the server's layout shape, system section and columns included", () => {
    const layouts = {
      form: { object: 'x', kind: 'form', custom: false, sections: [{ title: '基本信息', title_en: 'Details', columns: 2, fields: ['name', 'phone'] }] },
      detail: {
        object: 'x',
        kind: 'detail',
        custom: true,
        sections: [
          { title: '概要', title_en: 'Summary', columns: 3, fields: ['name', 'phone', 'remark'] },
          { title: '系统信息', title_en: 'System', columns: 2, fields: ['owner_id', 'created_at', 'updated_at', 'version'] },
        ],
      },
    };
    const s = detailSections({ fields, layouts });
    expect(s.map((x) => [x.label, x.label_en, x.columns, x.fields.map((f) => f.name)])).toEqual([
      ['概要', 'Summary', 3, ['name', 'phone', 'remark']],
      ['系统信息', 'System', 2, ['owner_id', 'created_at', 'updated_at']],
    ]);
  });
});

describe('formSections', () => {
  const allowed: FieldDef[] = [
    { name: 'name', type: 'text', label: '名称', required: true },
    { name: 'phone', type: 'phone', label: '电话' },
    { name: 'remark', type: 'textarea', label: '备注' },
  ];

  it('is every field the form can show, without a layout', () => {
    expect(formSections({}, allowed).map((s) => s.fields.map((f) => f.name))).toEqual([['name', 'phone', 'remark']]);
  });

  it('follows the form layout, which may leave optional fields out but not required ones', () => {
    const layouts = { form: { sections: [{ title: '联系', fields: ['phone', 'hidden_one'] }, { title: '其他', fields: ['remark'] }] } };
    expect(formSections({ layouts }, allowed).map((s) => [s.label, s.fields.map((f) => f.name)])).toEqual([
      ['联系', ['name', 'phone']],
      ['其他', ['remark']],
    ]);
    const partial = { form: { sections: [{ title: '联系', fields: ['name'] }] } };
    expect(formSections({ layouts: partial }, allowed).flatMap((s) => s.fields.map((f) => f.name))).toEqual(['name']);
  });
});

describe('relatedLists', () => {
  const defs: ObjectDef[] = [
    { name: 'customer', label: '客户', custom: false, name_field: 'name', fields: [{ name: 'parent_id', type: 'lookup', label: '上级客户', lookup_object: 'customer' }] },
    { name: 'contact', label: '联系人', custom: false, name_field: 'name', fields: [{ name: 'customer_id', type: 'lookup', label: '客户', lookup_object: 'customer' }] },
    {
      name: 'followup',
      label: '跟进记录',
      custom: false,
      name_field: 'name',
      fields: [
        { name: 'customer_id', type: 'lookup', label: '客户', lookup_object: 'customer' },
        { name: 'contact_id', type: 'lookup', label: '联系人', lookup_object: 'contact' },
      ],
    },
    {
      name: 'opportunity',
      label: '商机',
      custom: false,
      name_field: 'name',
      permissions: { create: false, read: 'none', update: 'none', delete: 'none' },
      fields: [{ name: 'customer_id', type: 'lookup', label: '客户', lookup_object: 'customer' }],
    },
  ];

  it('lists every readable object with a lookup pointing here', () => {
    expect(relatedLists('customer', defs).map((r) => `${r.object}.${r.field}`)).toEqual(['customer.parent_id', 'contact.customer_id', 'followup.customer_id']);
    expect(relatedLists('contact', defs).map((r) => `${r.object}.${r.field}`)).toEqual(['followup.contact_id']);
    expect(relatedLists('product', defs)).toEqual([]);
  });
});
