import { describe, expect, it } from 'vitest';

import { cashDefaultColumns, chinaToday, daysUntil, expiryOf } from './expiry';
import { contractLeft, leftOf, percentOf, positive, sumOf } from './money';

describe('contract expiry', () => {
  it('counts days in China time', () => {
    expect(chinaToday(new Date('2026-05-01T17:00:00Z'))).toBe('2026-05-02');
    expect(daysUntil('2026-05-31', '2026-05-01')).toBe(30);
    expect(daysUntil('bad', '2026-05-01')).toBeNull();
  });

  it('marks past and near end dates, not finished contracts', () => {
    expect(expiryOf('2026-04-30', '2026-05-01')).toBe('expired');
    expect(expiryOf('2026-05-01', '2026-05-01')).toBe('soon');
    expect(expiryOf('2026-05-31', '2026-05-01')).toBe('soon');
    expect(expiryOf('2026-06-01', '2026-05-01')).toBeNull();
    expect(expiryOf('2026-04-30', '2026-05-01', 'terminated')).toBeNull();
    expect(expiryOf(null, '2026-05-01')).toBeNull();
  });

  it('shows the end date among the contract list defaults, limited to visible fields', () => {
    const fields = ['name', 'code', 'customer_id', 'amount', 'end_date', 'status'].map((name) => ({ name, type: 'text', label: name }));
    expect(cashDefaultColumns({ name: 'contract', fields })).toEqual(['name', 'code', 'customer_id', 'amount', 'end_date', 'status']);
    expect(cashDefaultColumns({ name: 'customer', fields })).toBeNull();
  });
});

describe('money helpers', () => {
  it('works exactly on decimal strings', () => {
    expect(leftOf('100.10', '30.05')).toBe('70.05');
    expect(leftOf('10', '30')).toBe('0.00');
    expect(sumOf(['0.10', '0.20', null])).toBe('0.30');
    expect(percentOf('25', '100')).toBe(25);
    expect(percentOf('1', '3')).toBe(33.3);
    expect(percentOf('5', '0')).toBe(0);
    expect(positive('0.01')).toBe(true);
    expect(positive('0.00')).toBe(false);
  });

  it('says what a contract has left for a payment, an invoice or a plan', () => {
    const summary = {
      amount: '100000.00',
      paid_amount: '30000.00',
      invoiced_amount: '50000.00',
      plans: [
        { id: 1, amount: '60000.00' },
        { id: 2, amount: '40000.00' },
      ],
    };
    expect(contractLeft('invoice', summary, null, 7)).toEqual({ left: '50000.00', amount: '100000.00', done: '50000.00' });
    expect(contractLeft('payment', summary, null, 7).left).toBe('70000.00');
    expect(contractLeft('payment_plan', summary, null, 7).left).toBe('0.00');
    // Editing: the record's own amount is given back when it is on the same contract.
    expect(contractLeft('invoice', summary, { contract_id: 7, amount: '20000.00', status: 'pending' }, 7).left).toBe('70000.00');
    expect(contractLeft('invoice', summary, { contract_id: 7, amount: '20000.00', status: 'voided' }, 7).left).toBe('50000.00');
    expect(contractLeft('payment_plan', summary, { contract_id: 7, amount: '40000.00' }, '7').left).toBe('40000.00');
    expect(contractLeft('payment', summary, { contract_id: 8, amount: '10000.00' }, 7).left).toBe('70000.00');
  });
});
