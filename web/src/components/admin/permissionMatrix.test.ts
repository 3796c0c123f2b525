import { describe, expect, it } from 'vitest';

import type { Permissions } from '@/api/auth';

import {
  fromFieldRules,
  fromMatrix,
  MATRIX_ACTIONS,
  permissionsKey,
  rowWarnings,
  setColumn,
  setRowAll,
  STANDARD_OBJECTS,
  toFieldRules,
  toMatrix,
  toPermissions,
} from './permissionMatrix';

// What GET /roles answers for the 销售 role, trimmed, plus a module action and a custom object.
const sales: Permissions = {
  objects: {
    customer: { create: true, read: 'self', update: 'self', delete: 'none', import: false, export: false, transfer: false, claim: true },
    product: { create: false, read: 'all', update: 'none', delete: 'none', import: false, export: false, transfer: false },
    x_visit_plan: { create: true, read: 'department', update: 'self', delete: 'none', import: false, export: true, transfer: false },
  },
  fields: { customer: { phone: 'read_only', id_number: 'hidden' } },
};

describe('toMatrix', () => {
  it('lists every standard object in display order, then objects the role adds', () => {
    const rows = toMatrix(sales);
    expect(rows.map((r) => r.object)).toEqual([...STANDARD_OBJECTS, 'x_visit_plan']);
    expect(rows[0]).toMatchObject({ object: 'customer', standard: true });
    expect(rows.at(-1)).toMatchObject({ object: 'x_visit_plan', standard: false, read: 'department', export: true });
  });

  it('reads scopes and flags, and denies what the role does not mention', () => {
    const rows = toMatrix(sales);
    const customer = rows.find((r) => r.object === 'customer')!;
    expect(customer).toMatchObject({ create: true, read: 'self', update: 'self', delete: 'none', export: false });
    const invoice = rows.find((r) => r.object === 'invoice')!;
    expect(invoice).toMatchObject({ create: false, read: 'none', update: 'none', delete: 'none', import: false, export: false, transfer: false });
  });

  it('adds the custom objects the records engine knows, denied until granted', () => {
    const rows = toMatrix(sales, ['x_visit_plan', 'x_project', 'customer']);
    expect(rows.map((r) => r.object).slice(STANDARD_OBJECTS.length)).toEqual(['x_visit_plan', 'x_project']);
    expect(rows.at(-1)).toMatchObject({ object: 'x_project', standard: false, read: 'none', create: false });
  });

  it('keeps actions it has no column for', () => {
    expect(toMatrix(sales).find((r) => r.object === 'customer')!.extra).toEqual({ claim: true });
  });

  it('copes with nothing, odd values and the older boolean shape', () => {
    expect(toMatrix(null)).toHaveLength(STANDARD_OBJECTS.length);
    const rows = toMatrix({ objects: { lead: { read: true, update: 'everything', export: 'all' } } });
    expect(rows.find((r) => r.object === 'lead')).toMatchObject({ read: 'all', update: 'none', export: true });
  });
});

describe('fromMatrix', () => {
  it('gives back the API shape, every action of every row', () => {
    const objects = fromMatrix(toMatrix(sales));
    expect(objects.customer).toEqual({
      create: true,
      read: 'self',
      update: 'self',
      delete: 'none',
      import: false,
      export: false,
      transfer: false,
      claim: true,
    });
    expect(Object.keys(objects)).toHaveLength(STANDARD_OBJECTS.length + 1);
    for (const grant of Object.values(objects)) {
      for (const a of MATRIX_ACTIONS) expect(grant).toHaveProperty(a);
    }
  });

  it('round-trips: a grid made from permissions converts back to the same grants', () => {
    const once = fromMatrix(toMatrix(sales));
    expect(fromMatrix(toMatrix({ objects: once }))).toEqual(once);
    for (const [object, grant] of Object.entries(sales.objects!)) expect(once[object]).toEqual(grant);
  });

  it('reflects edits made on the grid', () => {
    const rows = toMatrix(sales);
    const contract = rows.find((r) => r.object === 'contract')!;
    contract.read = 'department_tree';
    contract.export = true;
    expect(fromMatrix(rows).contract).toMatchObject({ read: 'department_tree', export: true });
  });
});

describe('field rules', () => {
  it('become editable lists and come back, blank and repeated names cleaned up', () => {
    const rules = toFieldRules(sales);
    expect(rules.customer).toEqual([
      { field: 'phone', access: 'read_only' },
      { field: 'id_number', access: 'hidden' },
    ]);
    rules.customer!.push({ field: '  ', access: 'hidden' }, { field: ' phone ', access: 'hidden' });
    rules.contact = [{ field: '', access: 'read_only' }];
    expect(fromFieldRules(rules)).toEqual({ customer: { phone: 'hidden', id_number: 'hidden' } });
  });

  it('drop values the server would refuse', () => {
    expect(toFieldRules({ fields: { customer: { phone: 'secret', email: 'hidden' } } })).toEqual({
      customer: [{ field: 'email', access: 'hidden' }],
    });
  });
});

describe('editing helpers', () => {
  it('sets or clears a whole row, and a whole column', () => {
    const rows = toMatrix(null);
    setRowAll(rows[0]!, true);
    expect(rows[0]).toMatchObject({ create: true, read: 'all', update: 'all', delete: 'all', import: true, export: true, transfer: true });
    setRowAll(rows[0]!, false);
    expect(rows[0]).toMatchObject({ create: false, read: 'none', transfer: false });
    setColumn(rows, 'read', 'department');
    expect(rows.every((r) => r.read === 'department')).toBe(true);
    setColumn(rows, 'export', true);
    expect(rows.every((r) => r.export)).toBe(true);
    setColumn(rows, 'read', true); // a flag value on a scope column is ignored
    expect(rows.every((r) => r.read === 'department')).toBe(true);
  });

  it('warns when editing or deleting reaches further than reading', () => {
    const [row] = toMatrix(null);
    row!.read = 'self';
    row!.update = 'department';
    expect(rowWarnings(row!)).toEqual(['update']);
  });

  it('tells an unchanged role from an edited one, whatever the key order', () => {
    const rows = toMatrix(sales);
    const rules = toFieldRules(sales);
    const key = permissionsKey(toPermissions(rows, rules));
    const reordered = toMatrix({ objects: Object.fromEntries(Object.entries(sales.objects!).reverse()), fields: sales.fields });
    expect(permissionsKey(toPermissions(reordered, toFieldRules(sales)))).toBe(key);
    rows[1]!.create = true;
    expect(permissionsKey(toPermissions(rows, rules))).not.toBe(key);
  });
});
