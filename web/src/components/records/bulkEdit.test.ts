import { describe, expect, it } from 'vitest';

import type { FieldDef } from '@/api/records';
import { ApiError } from '@/api/request';

import { blockingRecord, bulkEditableFields, fileFieldsLeftOut, refusedRecords } from './bulkEdit';

const f = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'text', label: name, ...extra });

describe('bulkEditableFields', () => {
  it('keeps fields the person may edit and that may hold one value on many records', () => {
    const fields = [
      f('id', { system: true, read_only: true }),
      f('owner_id', { type: 'user', system: true }),
      f('name', { required: true }),
      f('level', { type: 'select', picklist: 'customer_level' }),
      f('code', { type: 'autonumber', read_only: true }),
      f('score', { type: 'formula', read_only: true }),
      f('grade', { read_only: true }), // read-only for this person (field security)
      f('tax_no', { unique: true }),
      f('logo', { type: 'image' }),
      f('lines', { type: 'textarea' }), // product lines: each record's own
      f('remark', { type: 'textarea' }),
    ];
    expect(bulkEditableFields(fields).map((x) => x.name)).toEqual(['name', 'level', 'remark']);
    expect(bulkEditableFields(undefined)).toEqual([]);
  });

  it('names the file and image fields it leaves out, unless the person could not edit them anyway', () => {
    const fields = [
      f('name'),
      f('logo', { type: 'image', label: '标志' }),
      f('c_contract', { type: 'file', label: '合同' }),
      f('c_scan', { type: 'file', read_only: true }), // read-only for this person
      f('c_old', { type: 'file', system: true, read_only: true }),
    ];
    expect(bulkEditableFields(fields).map((x) => x.name)).toEqual(['name']);
    expect(fileFieldsLeftOut(fields).map((x) => x.name)).toEqual(['logo', 'c_contract']);
    expect(fileFieldsLeftOut([f('name')])).toEqual([]);
    expect(fileFieldsLeftOut(undefined)).toEqual([]);
  });
});

describe('refusedRecords', () => {
  const refusal = new ApiError(422, {
    code: 'validation_failed',
    message: '2 条记录未能修改，所有记录均未修改',
    details: [{ field: 'phone', code: 'duplicate', message: '电话重复' }],
    records: [
      { id: 7, code: 'conflict', message: '已有相同客户', details: [{ field: 'phone', code: 'duplicate', message: '电话重复' }, { field: 'name', code: 'duplicate', message: '电话重复' }] },
      { id: 9, code: 'validation_failed', message: '客户级别不正确', details: [] },
      { id: 'x', message: 'ignored' },
      null,
    ],
  });

  it('lists each refused record once with its distinct reasons', () => {
    expect(refusedRecords(refusal)).toEqual([
      { id: 7, message: '电话重复' },
      { id: 9, message: '客户级别不正确' },
    ]);
  });

  it('joins several reasons with the separator given', () => {
    const e = new ApiError(422, {
      code: 'validation_failed',
      message: 'x',
      records: [{ id: 1, message: 'x', details: [{ message: 'A is bad' }, { message: 'B is bad' }] }],
    });
    expect(refusedRecords(e, '; ')).toEqual([{ id: 1, message: 'A is bad; B is bad' }]);
  });

  it('is empty for other errors', () => {
    expect(refusedRecords(new ApiError(422, { code: 'validation_failed', message: 'ids', details: [] }))).toEqual([]);
    expect(refusedRecords(new Error('x'))).toEqual([]);
  });
});

describe('blockingRecord', () => {
  it('names the record outside the scope', () => {
    expect(blockingRecord(new ApiError(404, { code: 'not_found', message: '记录不存在或无权查看', record_id: 12 }))).toBe(12);
    expect(blockingRecord(new ApiError(404, { code: 'not_found', message: 'x' }))).toBeNull();
    expect(blockingRecord('x')).toBeNull();
  });
});
