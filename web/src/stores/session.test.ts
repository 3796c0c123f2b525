import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSessionStore } from './session';

const me = {
  user: { id: 1, name: '张三', phone: '13900000000', email: null, is_admin: true, must_change_password: false },
  tenant: { id: 1, name: '测试企业', code: 'ce8k2q' },
  roles: [{ id: 1, name: '系统管理员', code: 'admin' }],
  permissions: { objects: { customer: { create: true, read: 'all', delete: 'none', export: false } } },
};

describe('session store', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setActivePinia(createPinia());
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads the user, enterprise and permissions from /me', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify(me), { status: 200 }));
    const session = useSessionStore();

    await expect(session.load()).resolves.toBe(true);
    expect(session.loaded).toBe(true);
    expect(session.signedIn).toBe(true);
    expect(session.user?.name).toBe('张三');
    expect(session.tenant?.name).toBe('测试企业');
    expect(session.isAdmin).toBe(true);
    expect(session.can('customer', 'create')).toBe(true);
    expect(session.can('customer', 'read')).toBe(true);
    expect(session.can('customer', 'delete')).toBe(false);
    expect(session.can('customer', 'export')).toBe(false);
    expect(session.can('contract', 'read')).toBe(false);
  });

  it('treats 401 as signed out', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'unauthorized', message: '请先登录' } }), { status: 401 }),
    );
    const session = useSessionStore();
    await expect(session.load()).resolves.toBe(false);
    expect(session.loaded).toBe(true);
    expect(session.signedIn).toBe(false);
  });

  it('rethrows other failures and stays unloaded so the next navigation asks again', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const session = useSessionStore();
    await expect(session.load()).rejects.toMatchObject({ status: 0 });
    expect(session.loaded).toBe(false);
  });

  it('signs out even when the server call fails', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(me), { status: 200 }));
    const session = useSessionStore();
    await session.load();
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await session.signOut();
    expect(session.signedIn).toBe(false);
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/v1/auth/logout');
  });
});
