import { describe, expect, it } from 'vitest';

import type { Pipeline, TimelineItem } from '@/api/crm';
import { uploadContentType } from '@/api/crm';
import type { FieldDef } from '@/api/records';

import { buildConvertBody, type ConvertState, leadDefaults, missingRequired, partFields, partValues, splitErrors } from './convert';
import { duplicateQuery, matchLink } from './duplicates';
import { defaultMatchField, hasProblems, importCounts, initialMapping, jobPercent, mappingProblems, matchFields } from './importMapping';
import { moveKind, pipelineOf, stageBar, stageBody, today } from './stages';
import { appendPage, changeValue, timelineLink } from './timeline';

const f = (name: string, type = 'text', extra: Partial<FieldDef> = {}): FieldDef => ({ name, type, label: name, ...extra });

describe('lead conversion', () => {
  const lead = { id: 7, version: 3, name: '韩雪', company: '青岛海润', mobile: '13905320106', phone: null, email: 'a@b.cn', title: '经理', industry: null };
  const customerFields = [f('name', 'text', { required: true }), f('phone', 'phone'), f('email', 'email'), f('code', 'autonumber', { read_only: true })];
  const contactFields = [f('name', 'text', { required: true }), f('title'), f('mobile', 'phone'), f('email', 'email')];
  const oppFields = [f('name', 'text', { required: true }), f('amount', 'currency'), f('expected_close_date', 'date')];

  function state(over: Partial<ConvertState> = {}): ConvertState {
    const d = leadDefaults(lead);
    const cust = partValues(customerFields, d.customer);
    const cont = partValues(contactFields, d.contact);
    return {
      customerMode: 'new',
      customerId: null,
      customer: { fields: customerFields, values: { ...cust }, initial: cust },
      contactEnabled: true,
      contact: { fields: contactFields, values: { ...cont }, initial: cont },
      opportunityEnabled: false,
      opportunity: { fields: oppFields, values: {} },
      version: 3,
      ...over,
    };
  }

  it('prefills the customer from the company and the phone from the mobile', () => {
    const d = leadDefaults(lead);
    expect(d.customer).toMatchObject({ name: '青岛海润', phone: '13905320106', email: 'a@b.cn' });
    expect(d.contact).toMatchObject({ name: '韩雪', title: '经理', mobile: '13905320106' });
    expect(leadDefaults({ id: 1, name: '张三', company: '', mobile: null, phone: '0571-1' }).customer.name).toBe('张三');
  });

  it('offers only editable fields of a part', () => {
    expect(partFields('customer', customerFields).map((x) => x.name)).toEqual(['name', 'phone', 'email']);
  });

  it('sends only what was changed, a cleared value as null, no contact when skipped', () => {
    const s = state();
    s.customer.values.name = '青岛海润水产有限公司';
    s.contact.values.email = '';
    s.contactEnabled = true;
    expect(buildConvertBody(s)).toEqual({
      customer: { name: '青岛海润水产有限公司' },
      contact: { email: null },
      opportunity: null,
      version: 3,
    });
    s.contactEnabled = false;
    expect(buildConvertBody(s).contact).toBeNull();
  });

  it('converts into an existing customer and sends the opportunity as typed', () => {
    const s = state({ customerMode: 'existing', customerId: '12', opportunityEnabled: true });
    s.opportunity.values = { name: '海润 CRM', amount: '50,000', expected_close_date: '2026-12-31' };
    const body = buildConvertBody(s);
    expect(body.customer_id).toBe(12);
    expect(body.customer).toBeUndefined();
    expect(body.opportunity).toEqual({ name: '海润 CRM', amount: '50000', expected_close_date: '2026-12-31' });
  });

  it('finds required parts left empty', () => {
    const s = state({ customerMode: 'existing', opportunityEnabled: true });
    s.contact.values.name = ' ';
    expect(missingRequired(s)).toEqual(['customer_id', 'contact.name', 'opportunity.name']);
  });

  it('puts server errors under the fields they name', () => {
    const split = splitErrors(
      [
        { field: 'opportunity.amount', code: 'invalid', message: '金额格式不对' },
        { field: 'customer.name', code: 'duplicate', message: '客户已存在' },
        { field: 'lead', code: 'x', message: '其他' },
      ],
      new Set(['opportunity.amount', 'customer.name']),
    );
    expect(split.fields).toEqual({ 'opportunity.amount': '金额格式不对', 'customer.name': '客户已存在' });
    expect(split.other).toEqual(['其他']);
  });
});

describe('duplicate check', () => {
  it('asks for typed values only, trimmed', () => {
    expect(duplicateQuery({ name: ' 杭州云帆 ', short_name: '', phone: null })).toEqual({ name: '杭州云帆' });
    expect(duplicateQuery({ name: '  ' })).toBeNull();
  });

  it('leaves out the record being edited and its unchanged values', () => {
    const rec = { id: 5, name: '云帆', phone: '0571-1234567' };
    expect(duplicateQuery({ name: '云帆', phone: '0571-7654321' }, rec)).toEqual({ phone: '0571-7654321', exclude_id: 5 });
    expect(duplicateQuery({ name: '云帆' }, rec)).toBeNull();
  });

  it('links a match only when its id is known', () => {
    expect(matchLink({ id: 3, name: 'x', match: 'name' })).toBe('/o/customer/3');
    expect(matchLink({ name: 'x', match: 'name', owner_name: '王芳' })).toBeNull();
  });
});

describe('stage bar', () => {
  const pipeline: Pipeline = {
    value: 'new',
    label: '新客户销售',
    default: true,
    stages: [
      { value: 'initial', label: '初步接洽', probability: 10, kind: 'open' },
      { value: 'needs', label: '需求确认', probability: 30, kind: 'open' },
      { value: 'won', label: '赢单', probability: 100, kind: 'won' },
      { value: 'lost', label: '输单', probability: 0, kind: 'lost' },
    ],
  };

  it('marks stages done, current and to do', () => {
    const bar = stageBar(pipeline, 'needs');
    expect(bar.steps.map((s) => `${s.stage.value}:${s.state}`)).toEqual(['initial:done', 'needs:current', 'won:todo']);
    expect(bar.closed).toBe(false);
    expect(bar.lost?.value).toBe('lost');
  });

  it('shows a won deal done and a lost one with 输单 at the end', () => {
    expect(stageBar(pipeline, 'won').steps.map((s) => s.state)).toEqual(['done', 'done', 'won']);
    const lost = stageBar(pipeline, 'lost');
    expect(lost.steps.map((s) => `${s.stage.value}:${s.state}`)).toEqual(['initial:todo', 'needs:todo', 'lost:lost']);
    expect(lost.closed).toBe(true);
  });

  it('finds the pipeline and what a move needs', () => {
    expect(pipelineOf([pipeline], 'new')).toBe(pipeline);
    expect(pipelineOf([pipeline], null)).toBe(pipeline);
    expect(pipelineOf([pipeline], 'gone')).toBeNull();
    expect(moveKind(pipeline.stages[2]!)).toBe('won');
    expect(moveKind(pipeline.stages[0]!)).toBe('plain');
  });

  it('builds the PATCH bodies', () => {
    expect(stageBody(pipeline.stages[1]!, 4)).toEqual({ stage: 'needs', version: 4 });
    expect(stageBody(pipeline.stages[2]!, 4, { actual_amount: '1,200.50', actual_close_date: '2026-11-24' })).toEqual({
      stage: 'won',
      actual_amount: '1200.50',
      actual_close_date: '2026-11-24',
      version: 4,
    });
    expect(stageBody(pipeline.stages[3]!, 4, { lost_reason: 'price', lost_competitor_id: '9' })).toEqual({
      stage: 'lost',
      lost_reason: 'price',
      lost_competitor_id: 9,
      version: 4,
    });
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('import mapping', () => {
  const fields = [
    { name: 'name', label: '客户名称', type: 'text', required: true, match_only: false },
    { name: 'phone', label: '电话', type: 'phone', required: false, match_only: false },
    { name: 'level', label: '客户级别', type: 'select', required: false, match_only: false },
    { name: 'code', label: '客户编号', type: 'autonumber', required: false, match_only: true },
  ];

  it('starts from the suggestion, each field once, unknown fields dropped', () => {
    const m = initialMapping({ columns: ['客户名称', '名称', '电话', '备注'], mapping: { 客户名称: 'name', 名称: 'name', 电话: 'phone', 备注: 'ghost' }, fields });
    expect(m).toEqual({ 客户名称: 'name', 名称: null, 电话: 'phone', 备注: null });
  });

  it('reports missing required fields, double mappings and an empty mapping', () => {
    const p = mappingProblems({ a: 'phone', b: 'phone' }, fields, 'skip');
    expect(p).toEqual({ empty: false, missingRequired: ['客户名称'], duplicateFields: ['电话'] });
    expect(hasProblems(p)).toBe(true);
    expect(mappingProblems({ a: 'phone' }, fields, 'update').missingRequired).toEqual([]);
    expect(mappingProblems({ a: null }, fields, 'skip').empty).toBe(true);
    expect(hasProblems(mappingProblems({ a: 'name' }, fields, 'skip'))).toBe(false);
  });

  it('offers mapped text-like fields to match on, name first', () => {
    const opts = matchFields({ a: 'phone', b: 'name', c: 'level', d: 'code' }, fields);
    expect(opts.map((x) => x.name)).toEqual(['name', 'phone', 'code']);
    expect(defaultMatchField(opts)).toBe('name');
    expect(defaultMatchField(opts, 'phone')).toBe('phone');
    expect(defaultMatchField([])).toBe('');
  });

  it('reads counts and progress', () => {
    expect(importCounts({ total: 3, created: 2, failed: 1 })).toEqual({ total: 3, created: 2, updated: 0, skipped: 0, failed: 1 });
    expect(jobPercent({ done: 1, total: 4 })).toBe(25);
    expect(jobPercent({ done: 0, total: 0 })).toBe(0);
    expect(jobPercent(undefined, true)).toBe(100);
  });

  it('sends a content type the server takes', () => {
    expect(uploadContentType({ name: 'a.csv', type: '' })).toBe('text/csv');
    expect(uploadContentType({ name: 'a.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toContain('spreadsheetml');
    expect(uploadContentType({ name: 'a.bin', type: 'application/zip' })).toBe('application/octet-stream');
  });
});

describe('timeline', () => {
  const item = (type: string, object: string, id: number, at: string): TimelineItem => ({ type, at, actor: null, object, record_id: id, title: 'x', data: {} });

  it('appends a page without repeating items', () => {
    const a = item('created', 'customer', 1, '2026-11-01T00:00:00Z');
    const b = item('related', 'contact', 2, '2026-11-02T00:00:00Z');
    expect(appendPage([b], [b, a])).toEqual([b, a]);
  });

  it('links other records, not the record itself', () => {
    expect(timelineLink(item('related', 'contact', 2, ''), { object: 'customer', id: '1' })).toBe('/o/contact/2');
    expect(timelineLink(item('change', 'customer', 1, ''), { object: 'customer', id: '1' })).toBeNull();
  });

  it('shows change values as text', () => {
    expect(changeValue(null)).toBeNull();
    expect(changeValue(['a', 'b'])).toBe('a、b');
    expect(changeValue(12)).toBe('12');
  });
});
