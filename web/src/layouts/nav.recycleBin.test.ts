import { describe, expect, it } from 'vitest';

import { type NavContext, navSections, resolveNav } from './nav';

const keys = (ctx: NavContext) => resolveNav(navSections, ctx).map((e) => e.key);

describe('回收站 in the navigation', () => {
  it('is there for administrators and for people who may delete something, before 管理后台', () => {
    expect(keys({ isAdmin: true, can: () => true }).slice(-2)).toEqual(['recycle-bin', 'admin']);
    const member: NavContext = { isAdmin: false, can: (o) => o === 'customer', canDeleteAny: true };
    expect(keys(member)).toContain('recycle-bin');
    expect(resolveNav(navSections, member).find((e) => e.key === 'recycle-bin')?.path).toBe('/recycle-bin');
  });

  it('is not there for people who may delete nothing', () => {
    expect(keys({ isAdmin: false, can: () => true, canDeleteAny: false })).not.toContain('recycle-bin');
    expect(keys({ isAdmin: false, can: () => true })).not.toContain('recycle-bin');
  });
});
