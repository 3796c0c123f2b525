import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from './request';
import { adminRequest, configureReauth, REAUTH_REQUIRED, withReauth } from './security';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const reauthRequired = () => json(403, { error: { code: REAUTH_REQUIRED, message: '请重新输入密码' } });

describe('adminRequest: re-authentication', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    configureReauth(null);
  });

  it('asks for the password once and repeats the call', async () => {
    fetchMock.mockResolvedValueOnce(reauthRequired()).mockResolvedValueOnce(json(200, { records: [{ id: 1 }] }));
    const prompt = vi.fn(() => Promise.resolve(true));
    configureReauth(prompt);

    await expect(adminRequest('/roles')).resolves.toEqual({ records: [{ id: 1 }] });
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    for (const [url, init] of fetchMock.mock.calls) {
      expect(url).toBe('/api/v1/roles');
      expect((init?.headers as Record<string, string>)['X-Requested-With']).toBe('xieli');
    }
  });

  it('repeats writes with the same body', async () => {
    fetchMock.mockResolvedValueOnce(reauthRequired()).mockResolvedValueOnce(new Response(null, { status: 204 }));
    configureReauth(() => Promise.resolve(true));
    await adminRequest('/departments/7', { method: 'PATCH', body: { parent_id: 3 } });
    expect(fetchMock.mock.calls.map(([, init]) => [init?.method, init?.body])).toEqual([
      ['PATCH', '{"parent_id":3}'],
      ['PATCH', '{"parent_id":3}'],
    ]);
  });

  it('gives up with the original error when the person cancels', async () => {
    fetchMock.mockResolvedValueOnce(reauthRequired());
    configureReauth(() => Promise.resolve(false));
    const error = await adminRequest('/users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: REAUTH_REQUIRED });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('gives up when no prompt is installed', async () => {
    fetchMock.mockResolvedValueOnce(reauthRequired());
    await expect(adminRequest('/users')).rejects.toMatchObject({ code: REAUTH_REQUIRED });
  });

  it('retries only once: a second reauth_required is the caller’s problem', async () => {
    fetchMock.mockResolvedValueOnce(reauthRequired()).mockResolvedValueOnce(reauthRequired());
    const prompt = vi.fn(() => Promise.resolve(true));
    configureReauth(prompt);
    await expect(adminRequest('/users')).rejects.toMatchObject({ code: REAUTH_REQUIRED });
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('leaves other errors alone, including a plain 403', async () => {
    fetchMock.mockResolvedValueOnce(json(403, { error: { code: 'forbidden', message: '无权访问' } }));
    const prompt = vi.fn(() => Promise.resolve(true));
    configureReauth(prompt);
    await expect(adminRequest('/users')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(prompt).not.toHaveBeenCalled();
  });

  it('shows one prompt for calls that ran into it together', async () => {
    let answer!: (ok: boolean) => void;
    const prompt = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    configureReauth(prompt);
    const first = vi.fn().mockRejectedValueOnce(new ApiError(403, { code: REAUTH_REQUIRED, message: '' })).mockResolvedValueOnce('a');
    const second = vi.fn().mockRejectedValueOnce(new ApiError(403, { code: REAUTH_REQUIRED, message: '' })).mockResolvedValueOnce('b');
    const both = Promise.all([withReauth(first), withReauth(second)]);
    await vi.waitFor(() => expect(prompt).toHaveBeenCalled());
    answer(true);
    await expect(both).resolves.toEqual(['a', 'b']);
    expect(prompt).toHaveBeenCalledTimes(1);
  });
});
