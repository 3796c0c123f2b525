import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/request';

import { contractLabel, contractOfDealQuery, dealContractState, existingFromError } from './dealContract';

const won = { status: 'won' };
const open = { status: 'open' };
const lost = { status: 'lost' };
const contract = { id: 7, code: 'HT-2026-0004', name: '云帆网络 CRM 年度订阅' };

describe('dealContractState', () => {
  it('offers 生成合同 on a won deal without a contract, to those who may create contracts', () => {
    expect(dealContractState(won, null, true)).toEqual({ kind: 'create' });
    expect(dealContractState(won, null, false)).toEqual({ kind: 'none' });
  });

  it('links to the contract a won deal has, whoever may create', () => {
    expect(dealContractState(won, contract, true)).toEqual({ kind: 'link', contract });
    expect(dealContractState(won, contract, false)).toEqual({ kind: 'link', contract });
  });

  it('shows nothing while the lookup has not answered', () => {
    expect(dealContractState(won, undefined, true)).toEqual({ kind: 'none' });
  });

  it('shows nothing on an open or lost deal', () => {
    for (const deal of [open, lost, {}]) {
      expect(dealContractState(deal, null, true)).toEqual({ kind: 'none' });
      expect(dealContractState(deal, contract, true)).toEqual({ kind: 'none' });
    }
  });
});

describe('contractOfDealQuery', () => {
  it('asks for one contract of the deal', () => {
    expect(contractOfDealQuery('14')).toEqual({
      filter: { and: [{ field: 'opportunity_id', op: 'eq', value: 14 }] },
      fields: ['code', 'name'],
      limit: 1,
    });
  });
});

describe('existingFromError', () => {
  const conflict = (extra: Record<string, unknown>) =>
    new ApiError(409, { code: 'conflict', message: '该商机已有合同「HT-2026-0004 云帆网络 CRM 年度订阅」', ...extra });

  it('reads the contract a 409 names', () => {
    expect(existingFromError(conflict({ existing_contract: { id: 7, code: 'HT-2026-0004', name: '云帆网络 CRM 年度订阅' } }))).toEqual(contract);
    expect(existingFromError(conflict({ existing_contract: { id: '7' } }))).toEqual({ id: 7, code: null, name: null });
  });

  it('is null for other errors and for a 409 without a usable contract', () => {
    expect(existingFromError(conflict({}))).toBeNull();
    expect(existingFromError(conflict({ existing_contract: { id: 0 } }))).toBeNull();
    expect(existingFromError(conflict({ existing_contract: 'HT-2026-0004' }))).toBeNull();
    expect(existingFromError(new ApiError(422, { code: 'validation_failed', message: '只有赢单的商机才能生成合同', existing_contract: contract }))).toBeNull();
    expect(existingFromError(new Error('x'))).toBeNull();
  });
});

describe('contractLabel', () => {
  it('names a contract by its code, else its name, else its number', () => {
    expect(contractLabel(contract)).toBe('HT-2026-0004');
    expect(contractLabel({ id: 7, code: null, name: '年度订阅' })).toBe('年度订阅');
    expect(contractLabel({ id: 7, code: null, name: null })).toBe('#7');
  });
});
