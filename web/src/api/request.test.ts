import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { tenantChoices } from './auth';
import { ApiError, BAD_RESPONSE, configureRequest, NETWORK_ERROR, parseErrorBody, request, requestRaw } from './request';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const onUnauthorized = vi.fn();

  beforeEach(() => {
    fetchMock.mockReset();
    onUnauthorized.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureRequest({ locale: () => 'en', onUnauthorized });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the API headers, JSON body and same-origin credentials', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { ok: true }));
    const result = await request<{ ok: boolean }>('/auth/register', { method: 'POST', body: { a: 1 } });

    expect(result).toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/auth/register');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"a":1}');
    const headers = init?.headers as Record<string, string>;
    expect(headers['X-Requested-With']).toBe('xieli');
    expect(headers['Accept-Language']).toBe('en');
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('sends X-Requested-With and the current locale on GET too, without a content type', async () => {
    configureRequest({ locale: () => 'zh-CN' });
    fetchMock.mockResolvedValue(jsonResponse(200, {}));
    await request('/me', { query: { limit: 20, q: '张三', cursor: undefined } });

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/me?limit=20&q=%E5%BC%A0%E4%B8%89');
    expect(init?.method).toBe('GET');
    const headers = init?.headers as Record<string, string>;
    expect(headers['X-Requested-With']).toBe('xieli');
    expect(headers['Accept-Language']).toBe('zh-CN');
    expect(headers['Content-Type']).toBeUndefined();
    expect(init?.body).toBeUndefined();
  });

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(request('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('parses a validation error with field details into an ApiError', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, {
        error: {
          code: 'validation_failed',
          message: '输入有误',
          details: [
            { field: 'phone', code: 'invalid', message: '手机号格式不正确' },
            { field: 'phone', code: 'duplicate', message: '手机号已注册' },
            { field: 'company', code: 'too_short', message: '公司名称至少 2 个字' },
          ],
        },
      }),
    );
    const error = await request('/auth/register', { method: 'POST', body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_failed');
    expect(e.message).toBe('输入有误');
    expect(e.details).toHaveLength(3);
    expect(e.fieldErrors()).toEqual({ phone: '手机号格式不正确', company: '公司名称至少 2 个字' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('keeps extra members of the error object, such as the tenants of a 409', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(409, {
        error: {
          code: 'conflict',
          message: '请选择企业',
          tenants: [
            { code: 'acme', name: '甲公司' },
            { code: 'beta', name: '乙公司' },
          ],
        },
      }),
    );
    const error = await request('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);

    expect(tenantChoices(error)).toEqual([
      { code: 'acme', name: '甲公司' },
      { code: 'beta', name: '乙公司' },
    ]);
    expect((error as ApiError).details).toEqual([]);
  });

  it('reads Retry-After of a 429', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(429, { error: { code: 'rate_limited', message: '尝试次数过多' } }, { 'Retry-After': '120' }),
    );
    const error = (await request('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(120);
    expect(error.message).toBe('尝试次数过多');
  });

  it('calls onUnauthorized on 401 unless the call opts out', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(401, { error: { code: 'unauthorized', message: '请先登录' } }));

    await expect(request('/objects/customer/records')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    await expect(request('/auth/login', { method: 'POST', body: {}, redirectOn401: false })).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns a non-JSON error page into an ApiError with a client code', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(request('/me')).rejects.toMatchObject({ status: 502, code: BAD_RESPONSE, message: '' });
  });

  it('turns a failed fetch into a network error with status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(request('/me')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  // Files up and down: the same headers and errors as request().
  describe('requestRaw', () => {
    it('sends a file as it is and hands back the response', async () => {
      fetchMock.mockResolvedValue(new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } }));
      const file = new Blob(['name\n']);
      const response = await requestRaw('/users/import', { method: 'POST', body: file, contentType: 'text/csv' });
      expect(await response.text()).toBe('%PDF-1.7');
      const [url, init] = fetchMock.mock.calls[0]!;
      expect(url).toBe('/api/v1/users/import');
      expect(init?.body).toBe(file);
      const headers = init?.headers as Record<string, string>;
      expect(headers['Content-Type']).toBe('text/csv');
      expect(headers['X-Requested-With']).toBe('xieli');
      expect(headers['Accept-Language']).toBe('en');
    });

    it('turns an error answer into an ApiError with the server message and Retry-After', async () => {
      fetchMock.mockResolvedValue(jsonResponse(503, { error: { code: 'unavailable', message: 'PDF busy' } }, { 'Retry-After': '5' }));
      const e = await requestRaw('/sales/quotes/1/pdf').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).message).toBe('PDF busy');
      expect((e as ApiError).retryAfter).toBe(5);
    });

    it('says the session is gone on 401, and a network failure is a network error', async () => {
      fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'unauthenticated', message: '' } }));
      await expect(requestRaw('/users/import-template?format=csv')).rejects.toBeInstanceOf(ApiError);
      expect(onUnauthorized).toHaveBeenCalledOnce();
      fetchMock.mockRejectedValueOnce(new TypeError('offline'));
      const e = await requestRaw('/x').catch((x: unknown) => x);
      expect((e as ApiError).code).toBe(NETWORK_ERROR);
    });
  });
});

describe('parseErrorBody', () => {
  it('rejects bodies that are not the API error shape', () => {
    expect(parseErrorBody(null)).toBeNull();
    expect(parseErrorBody('oops')).toBeNull();
    expect(parseErrorBody({ message: 'x' })).toBeNull();
    expect(parseErrorBody({ error: { message: 'no code' } })).toBeNull();
  });

  it('drops malformed details and fills missing strings', () => {
    const body = parseErrorBody({
      error: { code: 'validation_failed', details: [{ field: 'name' }, 'junk', { code: 'x' }] },
    });
    expect(body).toEqual({
      code: 'validation_failed',
      message: '',
      details: [{ field: 'name', code: '', message: '' }],
    });
  });
});
