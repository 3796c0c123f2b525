import { describe, expect, it } from 'vitest';

import { ADMIN_PAGE_ORDER, adminAreasOf, canOpenAdminPage, firstAdminPage } from './adminAccess';

const user = (extra: Record<string, unknown>) => ({ user: { id: 1, name: '张三', phone: null, email: null, ...extra } });

describe('admin console access', () => {
  it('opens everything to full administrators', () => {
    const me = user({ is_admin: true });
    expect(canOpenAdminPage(me, 'roles')).toBe(true);
    expect(canOpenAdminPage(me, 'security')).toBe(true);
    expect(firstAdminPage(me)).toBe('org');
  });

  it('opens only their areas to sub-administrators', () => {
    const me = user({ is_admin: false, admin_areas: ['logs'] });
    expect(adminAreasOf(me)).toEqual(['logs']);
    expect(canOpenAdminPage(me, 'employees')).toBe(false);
    expect(canOpenAdminPage(me, 'security')).toBe(true);
    expect(firstAdminPage(me)).toBe('security');
  });

  it('opens 销售流程 with the other CRM settings, after 公海设置', () => {
    const me = user({ is_admin: false, admin_areas: ['crm'] });
    expect(canOpenAdminPage(me, 'pipelines')).toBe(true);
    expect(canOpenAdminPage(user({ is_admin: false, admin_areas: ['system'] }), 'pipelines')).toBe(false);
    expect(ADMIN_PAGE_ORDER.indexOf('pipelines')).toBe(ADMIN_PAGE_ORDER.indexOf('pools') + 1);
  });

  it('opens nothing to everybody else', () => {
    expect(firstAdminPage(user({ is_admin: false }))).toBeNull();
    expect(firstAdminPage(user({ admin_areas: 'system' }))).toBeNull();
    expect(canOpenAdminPage(null, 'org')).toBe(false);
  });
});
