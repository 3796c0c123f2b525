import { describe, expect, it } from 'vitest';

import type { Permissions } from '@/api/auth';
import { STANDARD_OBJECTS, toFieldRules, toMatrix, toPermissions } from '@/components/admin/permissionMatrix';

import { splitDeletedObjects } from './rolesGrid';

// A role with grants on a live custom object and on one that was deleted (c_old_visit).
const role: Permissions = {
  objects: {
    customer: { create: true, read: 'self', update: 'self', delete: 'none', import: false, export: false, transfer: false },
    c_visit: { create: true, read: 'all', update: 'self', delete: 'none', import: false, export: true, transfer: false },
    c_old_visit: { create: true, read: 'department', update: 'self', delete: 'self', import: true, export: false, transfer: false },
  },
  fields: { c_old_visit: { c_secret: 'hidden' }, customer: { phone: 'read_only' } },
};
const live = ['customer', 'lead', 'c_visit'];

describe('splitDeletedObjects', () => {
  it('shows standard and live objects and hides the others', () => {
    const { shown, hidden } = splitDeletedObjects(toMatrix(role, ['c_visit']), live);
    expect(shown.map((r) => r.object)).toEqual([...STANDARD_OBJECTS, 'c_visit']);
    expect(hidden.map((r) => r.object)).toEqual(['c_old_visit']);
    expect(hidden[0]).toMatchObject({ read: 'department', delete: 'self', import: true });
  });

  it('hides nothing while the live objects are unknown', () => {
    const { shown, hidden } = splitDeletedObjects(toMatrix(role), null);
    expect(shown.map((r) => r.object)).toContain('c_old_visit');
    expect(hidden).toEqual([]);
  });

  it('keeps the hidden grants in what is saved, unchanged', () => {
    const { shown, hidden } = splitDeletedObjects(toMatrix(role, ['c_visit']), live);
    shown.find((r) => r.object === 'customer')!.read = 'all';
    const saved = toPermissions([...shown, ...hidden], toFieldRules(role));
    expect(saved.objects?.c_old_visit).toEqual(role.objects?.c_old_visit);
    expect(saved.objects?.customer?.read).toBe('all');
    expect(saved.fields).toEqual(role.fields);
  });
});
