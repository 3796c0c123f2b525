import { describe, expect, it } from 'vitest';

import {
  activeNavKey,
  customObjectNav,
  NAV_ORDER,
  type NavContext,
  type NavEntry,
  navLabel,
  navSections,
  resolveNav,
} from './nav';

const member: NavContext = { isAdmin: false, can: (object) => object === 'customer' };
const admin: NavContext = { isAdmin: true, can: () => true };

describe('navSections', () => {
  it('holds 工作台, 客户, 销售, 回收站 and 管理后台', () => {
    expect(navSections.map((e) => e.key)).toEqual(['workbench', 'customers', 'sales', 'recycle-bin', 'admin']);
    expect(navSections[0]).toMatchObject({ titleKey: 'nav.workbench', path: '/workbench' });
  });

  it('lists the CRM objects under 客户 and 销售, each on its record list page', () => {
    const nav = resolveNav(navSections, admin);
    const customers = nav.find((e) => e.key === 'customers');
    expect(customers?.children?.map((e) => [e.key, e.path])).toEqual([
      ['lead', '/o/lead'],
      ['customer', '/o/customer'],
      ['pool', '/pool'],
      ['contact', '/o/contact'],
      ['followup', '/o/followup'],
    ]);
    const sales = nav.find((e) => e.key === 'sales');
    expect(sales?.children?.map((e) => e.key)).toEqual([
      'sales-dashboard',
      'opportunity',
      'opportunity-kanban',
      'quote',
      'contract',
      'payment_plan',
      'payment',
      'invoice',
      'sales-targets',
      'product',
      'competitor',
    ]);
  });

  it('shows an object only to people whose role may read it', () => {
    const nav = resolveNav(navSections, member);
    expect(nav.map((e) => e.key)).toEqual(['workbench', 'customers']);
    expect(nav[1]!.children!.map((e) => e.key)).toEqual(['customer', 'pool']);
    const nobody: NavContext = { isAdmin: false, can: () => false };
    expect(resolveNav(navSections, nobody).map((e) => e.key)).toEqual(['workbench']);
  });

  it('shows 公海 to people who may claim from a pool or assign its customers', () => {
    const customers = (ctx: NavContext) => resolveNav(navSections, ctx).find((e) => e.key === 'customers')?.children?.map((e) => e.key) ?? [];
    const reader: NavContext = { isAdmin: false, can: (o, a) => o === 'customer' && a === 'read' };
    expect(customers(reader)).toEqual(['customer']);
    expect(customers({ isAdmin: false, can: (o, a) => o === 'customer' && ['read', 'claim'].includes(a) })).toEqual(['customer', 'pool']);
    expect(customers({ isAdmin: false, can: (o, a) => o === 'customer' && ['read', 'assign'].includes(a) })).toEqual(['customer', 'pool']);
  });

  it('shows 管理后台 to administrators only, and to sub-administrators the pages of their areas', () => {
    expect(resolveNav(navSections, member).some((e) => e.key === 'admin')).toBe(false);
    const adminSection = resolveNav(navSections, admin).find((e) => e.key === 'admin');
    expect(adminSection?.children?.map((e) => e.key)).toEqual(
      expect.arrayContaining(['admin-org', 'admin-employees', 'admin-roles', 'admin-handover', 'admin-security']),
    );
    const logs = resolveNav(navSections, { ...member, adminAreas: ['logs'] }).find((e) => e.key === 'admin');
    expect(logs?.children?.map((e) => e.key)).toEqual(['admin-security']);
  });

  it('shows 客户设置 to administrators of the CRM area, after 数据字典', () => {
    const crm = resolveNav(navSections, { ...member, adminAreas: ['crm'] }).find((e) => e.key === 'admin');
    const keys = crm?.children?.map((e) => e.key) ?? [];
    expect(keys).toContain('admin-customer-settings');
    expect(keys.indexOf('admin-customer-settings')).toBe(keys.indexOf('admin-dictionary') + 1);
    const system = resolveNav(navSections, { ...member, adminAreas: ['system'] }).find((e) => e.key === 'admin');
    expect(system?.children?.map((e) => e.key)).not.toContain('admin-customer-settings');
  });

  it('has unique keys', () => {
    const keys = navSections.flatMap((e) => [e.key, ...(e.children ?? []).map((c) => c.key)]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('customObjectNav', () => {
  const objects = [
    { name: 'customer', label: '客户', label_en: 'Customer', custom: false, permissions: { read: 'all' } },
    { name: 'c_project', label: '项目', label_en: 'Project', custom: true, permissions: { read: 'self' } },
    { name: 'c_secret', label: '机密', label_en: 'Secret', custom: true, permissions: { read: 'none' } },
    { name: 'c_asset', label: '资产', label_en: null, custom: true, permissions: { read: 'all' } },
  ];

  it('groups the readable custom objects under 应用, with their own labels', () => {
    const [apps] = customObjectNav(objects);
    expect(apps).toMatchObject({ key: 'apps', titleKey: 'nav.apps', order: NAV_ORDER.apps });
    expect(apps!.children!.map((e) => [e.key, e.path])).toEqual([
      ['c_project', '/o/c_project'],
      ['c_asset', '/o/c_asset'],
    ]);
    const t = (k: string) => `t:${k}`;
    expect(navLabel(apps!.children![0]!, 'zh-CN', t)).toBe('项目');
    expect(navLabel(apps!.children![0]!, 'en', t)).toBe('Project');
    expect(navLabel(apps!.children![1]!, 'en', t)).toBe('资产');
    expect(navLabel(apps!, 'en', t)).toBe('t:nav.apps');
  });

  it('is empty without custom objects (or before the objects are known)', () => {
    expect(customObjectNav(objects.slice(0, 1))).toEqual([]);
    expect(customObjectNav(null)).toEqual([]);
  });

  it('sits between 销售 and 管理后台', () => {
    const nav = resolveNav([...navSections, ...customObjectNav(objects)], admin);
    expect(nav.map((e) => e.key)).toEqual(['workbench', 'customers', 'sales', 'apps', 'recycle-bin', 'admin']);
  });
});

describe('resolveNav', () => {
  // What the list will look like once later modules add their entries.
  // (管理后台 comes from navSections itself.)
  const future: NavEntry[] = [
    {
      key: 'deals',
      titleKey: 'nav.sales',
      order: NAV_ORDER.sales,
      children: [
        { key: 'contracts', titleKey: 'nav.contracts', path: '/sales/contracts', order: 2, visible: (c) => c.can('contract', 'read') },
        { key: 'opportunities', titleKey: 'nav.opportunities', path: '/sales/opportunities', order: 1, visible: (c) => c.can('opportunity', 'read') },
      ],
    },
    navSections[0]!,
    navSections[navSections.length - 1]!,
    { key: 'pool', titleKey: 'nav.pool', path: '/pool', order: NAV_ORDER.customers },
  ];

  it('sorts sections by their order whatever order they were added in', () => {
    expect(resolveNav(future, admin).map((e) => e.key)).toEqual(['workbench', 'pool', 'deals', 'admin']);
    expect(resolveNav(future, admin)[2]!.children!.map((e) => e.key)).toEqual(['opportunities', 'contracts']);
  });

  it('hides entries the user may not see and drops groups left empty', () => {
    expect(resolveNav(future, member).map((e) => e.key)).toEqual(['workbench', 'pool']);
  });

  it('does not change the source list', () => {
    resolveNav(future, member);
    expect(future.find((e) => e.key === 'deals')!.children).toHaveLength(2);
  });
});

describe('activeNavKey', () => {
  const entries: NavEntry[] = [
    ...navSections,
    { key: 'customers', titleKey: 'x', path: '/customers', order: 20 },
    {
      key: 'sales',
      titleKey: 'x',
      order: 30,
      children: [{ key: 'opportunities', titleKey: 'x', path: '/sales/opportunities', order: 1 }],
    },
  ];

  it('matches the page and the pages below it', () => {
    expect(activeNavKey(entries, '/workbench')).toBe('workbench');
    expect(activeNavKey(entries, '/customers/42')).toBe('customers');
    expect(activeNavKey(entries, '/sales/opportunities/7/edit')).toBe('opportunities');
  });

  it('keeps a record object selected on its list and detail pages', () => {
    expect(activeNavKey(navSections, '/o/customer')).toBe('customer');
    expect(activeNavKey(navSections, '/o/customer/42')).toBe('customer');
    expect(activeNavKey(navSections, '/o/contact/7')).toBe('contact');
  });

  it('does not match a mere name prefix or an unknown page', () => {
    expect(activeNavKey(navSections, '/o/customers')).toBeNull();
    expect(activeNavKey(entries, '/customers-archive')).toBeNull();
    expect(activeNavKey(entries, '/nowhere')).toBeNull();
  });
});
