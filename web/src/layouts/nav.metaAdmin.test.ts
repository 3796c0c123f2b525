// The admin console's metadata pages (对象与字段, 布局设计, 数据字典) in the navigation and
// behind the admin guard: full administrators and sub-administrators of the CRM area.
import { describe, expect, it } from 'vitest';

import { canOpenAdminPage, firstAdminPage } from '@/stores/adminAccess';

import { type NavContext, navSections, resolveNav } from './nav';

const META_PAGES = ['admin-objects', 'admin-layouts', 'admin-dictionary'];
const user = (extra: Record<string, unknown>) => ({ user: { id: 1, name: '张三', phone: null, email: null, ...extra } });

const adminChildren = (ctx: NavContext) => resolveNav(navSections, ctx).find((e) => e.key === 'admin')?.children?.map((e) => e.key) ?? [];

describe('metadata pages of the admin console', () => {
  it('are in the admin group for full administrators and CRM sub-administrators only', () => {
    expect(adminChildren({ isAdmin: true, can: () => true })).toEqual(expect.arrayContaining(META_PAGES));
    expect(adminChildren({ isAdmin: false, can: () => true, adminAreas: ['crm'] })).toEqual(['admin-handover', ...META_PAGES, 'admin-customer-settings', 'admin-pools', 'admin-pipelines', 'admin-reminders']);
    expect(adminChildren({ isAdmin: false, can: () => true, adminAreas: ['system'] })).not.toEqual(expect.arrayContaining(['admin-objects']));
    expect(adminChildren({ isAdmin: false, can: () => true })).toEqual([]);
  });

  it('open for the same people', () => {
    const crm = user({ is_admin: false, admin_areas: ['crm'] });
    for (const page of ['objects', 'layouts', 'dictionary'] as const) {
      expect(canOpenAdminPage(crm, page)).toBe(true);
      expect(canOpenAdminPage(user({ is_admin: true }), page)).toBe(true);
      expect(canOpenAdminPage(user({ is_admin: false, admin_areas: ['logs'] }), page)).toBe(false);
    }
    expect(firstAdminPage(crm)).toBe('handover');
  });
});
