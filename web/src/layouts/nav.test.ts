import { describe, expect, it } from 'vitest';

import { activeNavKey, NAV_ORDER, type NavContext, type NavEntry, navSections, resolveNav } from './nav';

const member: NavContext = { isAdmin: false, can: (object) => object === 'customer' };
const admin: NavContext = { isAdmin: true, can: () => true };

describe('navSections', () => {
  it('holds only the sections that exist: 工作台 and 管理后台 for now', () => {
    expect(navSections.map((e) => e.key)).toEqual(['workbench', 'admin']);
    expect(navSections[0]).toMatchObject({ titleKey: 'nav.workbench', path: '/workbench' });
  });

  it('shows 管理后台 to administrators only, and to sub-administrators the pages of their areas', () => {
    expect(resolveNav(navSections, member).map((e) => e.key)).toEqual(['workbench']);
    const adminSection = resolveNav(navSections, admin).find((e) => e.key === 'admin');
    expect(adminSection?.children?.map((e) => e.key)).toEqual([
      'admin-org',
      'admin-employees',
      'admin-roles',
      'admin-handover',
      'admin-security',
    ]);
    const logs = resolveNav(navSections, { ...member, adminAreas: ['logs'] }).find((e) => e.key === 'admin');
    expect(logs?.children?.map((e) => e.key)).toEqual(['admin-security']);
  });

  it('has unique keys', () => {
    const keys = navSections.flatMap((e) => [e.key, ...(e.children ?? []).map((c) => c.key)]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('resolveNav', () => {
  // What the list will look like once later modules add their entries.
  // (管理后台 comes from navSections itself.)
  const future: NavEntry[] = [
    {
      key: 'sales',
      titleKey: 'nav.sales',
      order: NAV_ORDER.sales,
      children: [
        { key: 'contracts', titleKey: 'nav.contracts', path: '/sales/contracts', order: 2, visible: (c) => c.can('contract', 'read') },
        { key: 'opportunities', titleKey: 'nav.opportunities', path: '/sales/opportunities', order: 1, visible: (c) => c.can('opportunity', 'read') },
      ],
    },
    ...navSections,
    { key: 'customers', titleKey: 'nav.customers', path: '/customers', order: NAV_ORDER.customers },
  ];

  it('sorts sections by their order whatever order they were added in', () => {
    expect(resolveNav(future, admin).map((e) => e.key)).toEqual(['workbench', 'customers', 'sales', 'admin']);
    expect(resolveNav(future, admin)[2]!.children!.map((e) => e.key)).toEqual(['opportunities', 'contracts']);
  });

  it('hides entries the user may not see and drops groups left empty', () => {
    expect(resolveNav(future, member).map((e) => e.key)).toEqual(['workbench', 'customers']);
  });

  it('does not change the source list', () => {
    resolveNav(future, member);
    expect(future.find((e) => e.key === 'sales')!.children).toHaveLength(2);
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

  it('does not match a mere name prefix or an unknown page', () => {
    expect(activeNavKey(entries, '/customers-archive')).toBeNull();
    expect(activeNavKey(entries, '/nowhere')).toBeNull();
  });
});
