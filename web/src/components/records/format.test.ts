import { describe, expect, it } from 'vitest';

import type { RecordData } from '@/api/records';

import { formatMoney, formatValue, recordTitle, titleField } from './format';

describe('formatMoney', () => {
  it('groups thousands and shows two decimals, without going through a float', () => {
    expect(formatMoney('1234.50')).toBe('1,234.50');
    expect(formatMoney('1234567.5')).toBe('1,234,567.50');
    expect(formatMoney('0.00')).toBe('0.00');
    expect(formatMoney('999')).toBe('999.00');
    expect(formatMoney('-1234567.89')).toBe('-1,234,567.89');
    expect(formatMoney('9999999999999.99')).toBe('9,999,999,999,999.99');
    expect(formatMoney('90071992547409.93')).toBe('90,071,992,547,409.93');
    expect(formatMoney('001000')).toBe('1,000.00');
    expect(formatMoney(12.5)).toBe('12.50');
  });

  it('leaves empty values empty and unreadable ones as they are', () => {
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(undefined)).toBe('');
    expect(formatMoney('')).toBe('');
    expect(formatMoney('about 5')).toBe('about 5');
  });
});

describe('formatValue', () => {
  const record: RecordData = {
    id: 1,
    amount: '250000.00',
    industry: 'it',
    tags: ['vip', 'key_account'],
    owner_id: 3,
    customer_id: 9,
    contact_id: 44,
    done: true,
    birthday: '1990-02-03',
    created_at: '2026-05-01T08:30:00Z',
    rate: 62.5,
    _display: { industry: 'IT/互联网', tags: ['VIP', '重点关注'], owner_id: '刘洋', customer_id: '上海华东科技', contact_id: null },
  };

  it('shows a number by the label the server gave it (a customer\'s pool), else as a number', () => {
    const pooled = { id: 2, pool_id: 3, score: 1200, _display: { pool_id: '华东公海' } };
    expect(formatValue({ name: 'pool_id', type: 'number' }, pooled, 'zh-CN')).toBe('华东公海');
    expect(formatValue({ name: 'score', type: 'number' }, pooled, 'zh-CN')).toBe('1,200');
  });

  it('shows labels from _display for picklists, people and lookups', () => {
    expect(formatValue({ name: 'industry', type: 'select' }, record, 'zh-CN')).toBe('IT/互联网');
    expect(formatValue({ name: 'tags', type: 'multiselect' }, record, 'zh-CN')).toBe('VIP、重点关注');
    expect(formatValue({ name: 'owner_id', type: 'user' }, record, 'zh-CN')).toBe('刘洋');
    expect(formatValue({ name: 'customer_id', type: 'lookup' }, record, 'zh-CN')).toBe('上海华东科技');
    // A lookup to a record the caller may not see has no label: its id is shown.
    expect(formatValue({ name: 'contact_id', type: 'lookup' }, record, 'zh-CN')).toBe('#44');
  });

  it('formats money, percentages, dates, times and yes/no', () => {
    expect(formatValue({ name: 'amount', type: 'currency' }, record, 'zh-CN')).toBe('250,000.00');
    expect(formatValue({ name: 'rate', type: 'percent' }, record, 'en')).toBe('62.5%');
    expect(formatValue({ name: 'weighted', type: 'formula' }, { id: 1, weighted: 771604.69 }, 'en')).toBe('771,604.69');
    expect(formatValue({ name: 'birthday', type: 'date' }, record, 'zh-CN')).toBe('1990-02-03');
    expect(formatValue({ name: 'created_at', type: 'datetime' }, record, 'zh-CN')).toBe(
      new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(
        new Date('2026-05-01T08:30:00Z'),
      ),
    );
    expect(formatValue({ name: 'done', type: 'boolean' }, record, 'zh-CN')).toBe('是');
    expect(formatValue({ name: 'missing', type: 'text' }, record, 'zh-CN')).toBe('');
  });
});

describe('record titles', () => {
  const customer = { name_field: 'name', fields: [{ name: 'code', type: 'autonumber', label: '编号' }, { name: 'name', type: 'text', label: '名称' }] };
  const followup = {
    name_field: 'name',
    fields: [
      { name: 'id', type: 'number', label: '编号', system: true },
      { name: 'customer_id', type: 'lookup', label: '客户' },
      { name: 'content', type: 'textarea', label: '跟进内容' },
    ],
  };

  it('use the name field, else the first text', () => {
    expect(titleField(customer)?.name).toBe('name');
    expect(titleField(followup)?.name).toBe('content');
    expect(recordTitle(customer, { id: 5, name: '上海华东科技有限公司' })).toBe('上海华东科技有限公司');
    expect(recordTitle(followup, { id: 6, content: '电话沟通\n报价细节' })).toBe('电话沟通 报价细节');
    expect(recordTitle(customer, { id: 7, name: null })).toBe('#7');
    expect(recordTitle(customer, { id: 8, name: '一二三四五六七八九十' }, 5)).toBe('一二三四…');
  });
});
