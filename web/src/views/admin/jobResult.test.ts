import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';

import en from '@/locales/notify.en';
import zhCN from '@/locales/notify.zh-CN';

import { jobResultText, KNOWN_COUNTS, type Translate } from './jobResult';

const translate = (locale: 'zh-CN' | 'en'): Translate => {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': { notify: zhCN }, en: { notify: en } } });
  return (key, values, plural) => i18n.global.t(key, values, plural);
};
const zh = translate('zh-CN');
const english = translate('en');

describe('a scheduled job run’s result as a sentence', () => {
  it('reads the recycle bin purge in both languages', () => {
    const result = { purged: 12, kept_referenced: 1 };
    expect(jobResultText(result, zh)).toBe('彻底删除 12 条记录，1 条因被引用而保留');
    expect(jobResultText(result, english)).toBe('Purged 12 records; 1 kept (still referenced)');
    expect(jobResultText({ purged: 1, kept_referenced: 0 }, english)).toBe('Purged one record');
  });

  it('leaves counts of 0 out, and says so when every count is 0', () => {
    expect(jobResultText({ uploads_deleted: 0, blobs_removed: 2 }, zh)).toBe('清理 2 个无引用的存储文件');
    expect(jobResultText({ uploads_deleted: 0, blobs_removed: 2 }, english)).toBe('Removed 2 unreferenced stored files');
    expect(jobResultText({ expired: 0 }, zh)).toBe('没有需要处理的内容');
    expect(jobResultText({ returned: 0, notices: 0 }, english)).toBe('Nothing to do');
    expect(jobResultText({ returned: 7, notices: 3 }, zh)).toBe('7 个客户收回公海，发出 3 条收回预告');
  });

  it('tells whether a notification e-mail went out', () => {
    expect(jobResultText({ mailed: 1 }, zh)).toBe('通知邮件已发送');
    expect(jobResultText({ mailed: 0 }, english)).toBe(
      'No e-mail sent: no mail server is set up, or the person has no e-mail address',
    );
  });

  it('lists what it does not know as key: value, after the known phrases', () => {
    expect(jobResultText({ expired: 4, batches: 2 }, english)).toBe('Expired 4 quotes; batches: 2');
    expect(jobResultText({ object: 'customer', rows: 3, skipped: null }, zh)).toBe('object: customer, rows: 3, skipped: —');
    expect(jobResultText({ purged: -1, detail: { a: 1 } }, english)).toBe('purged: -1, detail: {"a":1}');
  });

  it('shows — when there is no result', () => {
    for (const none of [null, undefined, {}]) expect(jobResultText(none, zh)).toBe('—');
  });

  it('has a phrase for every known count in both languages', () => {
    for (const key of KNOWN_COUNTS) {
      const zhText = jobResultText({ [key]: 5 }, zh);
      const enText = jobResultText({ [key]: 5 }, english);
      expect(zhText, key).toContain('5');
      expect(enText, key).toContain('5');
      expect(zhText, key).not.toContain(key);
      expect(enText, key).not.toContain(':');
    }
  });
});
