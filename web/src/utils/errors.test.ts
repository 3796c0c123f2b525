import { afterEach, describe, expect, it } from 'vitest';

import { ApiError } from '@/api/request';
import { i18n } from '@/locales';

import { errorText } from './errors';

describe('errorText', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  it("shows the server's message", () => {
    expect(errorText(new ApiError(401, { code: 'unauthorized', message: '手机号或密码错误' }))).toBe('手机号或密码错误');
  });

  it('adds the wait of a 429', () => {
    const e = new ApiError(429, { code: 'rate_limited', message: '登录失败次数过多。' }, 900);
    expect(errorText(e)).toBe('登录失败次数过多，请在 15 分钟后重试');
    i18n.global.locale.value = 'en';
    expect(errorText(new ApiError(429, { code: 'rate_limited', message: 'Too many attempts' }, 30))).toBe(
      'Too many attempts. Try again in 30 s',
    );
  });

  it('falls back to generic texts', () => {
    expect(errorText(new ApiError(0, { code: 'network_error', message: '' }))).toBe('无法连接服务器，请检查网络后重试');
    expect(errorText(new ApiError(502, { code: 'bad_response', message: '' }))).toBe('服务器出错（502），请稍后重试');
    expect(errorText(new Error('boom'))).toBe('操作失败，请稍后重试');
  });
});
