import { describe, expect, it } from 'vitest';

import { handoverCounts, importContentType, invitationLink } from '@/api/org';

import { deviceLabel, formatDateTime } from './format';

describe('deviceLabel', () => {
  it('names common browsers and systems', () => {
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36')).toBe('Chrome 126 · Windows');
    expect(
      deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003130) NetType/WIFI Language/zh_CN'),
    ).toBe('WeChat 8 · iOS');
    expect(deviceLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15')).toBe('Safari 17 · macOS');
    expect(deviceLabel('curl/8.5.0')).toBe('curl 8');
    expect(deviceLabel(null)).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('shows local time, and leaves junk as it is', () => {
    expect(formatDateTime('2026-11-22T09:30:00+08:00', 'zh-CN')).toMatch(/2026.*11.*22.*\d{2}:30/);
    expect(formatDateTime('yesterday', 'zh-CN')).toBe('yesterday');
    expect(formatDateTime(null, 'en')).toBe('');
  });
});

describe('org helpers', () => {
  it('picks the content type of an import file', () => {
    expect(importContentType('员工.CSV')).toBe('text/csv');
    expect(importContentType('staff.xlsx')).toContain('spreadsheetml');
    expect(importContentType('staff.xls')).toBeNull();
  });

  it('makes invitation links absolute', () => {
    expect(invitationLink('/join/abc', 'https://crm.example.cn')).toBe('https://crm.example.cn/join/abc');
    expect(invitationLink('https://x.cn/join/abc', 'https://crm.example.cn')).toBe('https://x.cn/join/abc');
  });

  it('reads handover counts in the shapes a server might send', () => {
    expect(handoverCounts({ counts: { customer: 3, lead: 0 } })).toEqual({ customer: 3, lead: 0 });
    expect(handoverCounts({ moved: [{ object: 'contract', count: 2 }] })).toEqual({ contract: 2 });
    expect(handoverCounts({ customer: 5, to_user_id: '9' })).toEqual({ customer: 5 });
    expect(handoverCounts(null)).toEqual({});
  });
});
