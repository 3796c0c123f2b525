import { describe, expect, it } from 'vitest';

import { poolCustomerParams, type Pool } from '@/api/pool';
import type { FieldDef } from '@/api/records';
import { ApiError } from '@/api/request';

import { choosePool, claimProblem, defaultRuleDays, emptyPoolForm, holdingOf, needsReload, poolBody, poolColumns, poolFilterFields } from './pool';

const f = (name: string, type = 'text'): FieldDef => ({ name, type, label: name });
const pool = (id: number, extra: Partial<Pool> = {}): Pool => ({ ...emptyPoolForm(), id, name: `p${id}`, ...extra });

describe('pool list columns and filters', () => {
  const fields = ['name', 'industry', 'region', 'return_reason', 'returned_at', 'previous_owner_id', 'pool_id', 'owner_id'].map((n) => f(n));

  it('shows the name first and the previous owner to administrators only', () => {
    expect(poolColumns(fields, 'name', false)).toEqual(['name', 'industry', 'region', 'return_reason', 'returned_at']);
    expect(poolColumns(fields, 'name', true)).toEqual(['name', 'industry', 'region', 'return_reason', 'returned_at', 'previous_owner_id']);
    // Hidden by field security: simply absent.
    expect(poolColumns([f('name'), f('region')], 'name', true)).toEqual(['name', 'region']);
  });

  it('leaves the pool bookkeeping out of the filter', () => {
    expect(poolFilterFields(fields, false).map((x) => x.name)).toEqual(['name', 'industry', 'region', 'return_reason', 'returned_at']);
    expect(poolFilterFields(fields, true).map((x) => x.name)).toContain('previous_owner_id');
  });

  it('sends the records list parameters', () => {
    expect(
      poolCustomerParams({ limit: 20, q: ' 常州 ', filter: { field: 'industry', op: 'eq', value: 'it' }, sort: { field: 'returned_at', dir: 'desc' }, fields: ['name', 'region'], total: true }),
    ).toEqual({
      limit: 20,
      cursor: undefined,
      q: '常州',
      filter: '{"field":"industry","op":"eq","value":"it"}',
      sort: '-returned_at',
      fields: 'name,region',
      total: true,
    });
    expect(poolCustomerParams({ q: '  ' }).q).toBeUndefined();
  });
});

describe('choosing a pool and the holding', () => {
  it('opens the pool of the address, else the first enabled one with customers', () => {
    const pools = [pool(1, { customer_count: 0 }), pool(2, { customer_count: 3, enabled: false }), pool(3, { customer_count: 2 })];
    expect(choosePool(pools, '2')?.id).toBe(2);
    expect(choosePool(pools, '9')?.id).toBe(3);
    expect(choosePool(pools, null)?.id).toBe(3);
    expect(choosePool([pool(1)], null)?.id).toBe(1);
    expect(choosePool([], null)).toBeNull();
  });

  it('says how many are held of the limit', () => {
    const holdings = [{ pool_id: 1, name: '公海', held: 3, claim_limit: 5, remaining: 2 }];
    expect(holdingOf(holdings, pool(1, { claim_limit: 5 }))).toEqual({ held: 3, limit: 5, remaining: 2, full: false });
    expect(holdingOf([{ pool_id: 1, name: '公海', held: 5, claim_limit: 5, remaining: 0 }], pool(1))).toMatchObject({ full: true });
    expect(holdingOf([], pool(2, { claim_limit: 0 }))).toEqual({ held: 0, limit: null, remaining: null, full: false });
    expect(holdingOf([], pool(2, { claim_limit: 10 }))).toEqual({ held: 0, limit: 10, remaining: 10, full: false });
    expect(holdingOf(holdings, null)).toBeNull();
  });
});

describe('claim problems', () => {
  const err = (status: number, code: string, message = '', details: { field: string; code: string; message: string }[] = []) =>
    new ApiError(status, { code, message, details });

  it('tells the limit, the cooldown, a lost race and a vanished customer apart', () => {
    expect(claimProblem(err(422, 'validation_failed', '已达领取上限', [{ field: 'ids', code: 'claim_limit', message: '' }]))).toBe('limit');
    expect(claimProblem(err(422, 'validation_failed', '', [{ field: 'ids', code: 'cooldown', message: '' }]))).toBe('cooldown');
    expect(claimProblem(err(409, 'conflict', '客户「x」已被他人领取'))).toBe('taken');
    expect(claimProblem(err(409, 'conflict', '该公海已停用'))).toBe('disabled');
    expect(claimProblem(err(404, 'not_found'))).toBe('gone');
    expect(claimProblem(new Error('x'))).toBe('other');
    expect(needsReload('taken')).toBe(true);
    expect(needsReload('limit')).toBe(false);
  });
});

describe('pool and rule forms', () => {
  it('sends whole, non-negative numbers and departments only when chosen', () => {
    const form = { ...emptyPoolForm(), name: '  华东公海 ', claim_limit: 20.7, cooldown_days: -3, department_ids: [4], all_departments: true };
    expect(poolBody(form)).toMatchObject({ name: '华东公海', claim_limit: 20, cooldown_days: 0, department_ids: [] });
    expect(poolBody({ ...form, all_departments: false }).department_ids).toEqual([4]);
  });

  it('suggests days per reminder kind', () => {
    expect(defaultRuleDays('customer_no_followup')).toBe(7);
    expect(defaultRuleDays('payment_overdue')).toBe(0);
    expect(defaultRuleDays('unknown')).toBe(7);
  });
});
