import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';

import en from '@/locales/records.en';
import zhCN from '@/locales/records.zh-CN';

import { quotedList, type Translate, viewNotice, viewNoticeText } from './viewNotice';

const translate = (locale: 'zh-CN' | 'en'): Translate => {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': { records: zhCN }, en: { records: en } } });
  return (key, values) => i18n.global.t(key, values ?? {});
};

describe('viewNotice', () => {
  it('is null for a view that leaves nothing out', () => {
    expect(viewNotice(null, 'zh-CN')).toBeNull();
    expect(viewNotice({ missing_fields: [], missing_field_labels: {} }, 'zh-CN')).toBeNull();
    expect(viewNotice({}, 'en')).toBeNull();
  });

  it('names deleted fields by their label in the UI language and only counts the others', () => {
    const view = {
      missing_fields: ['c_area81499', 'secret', 'c_level'],
      missing_field_labels: {
        c_area81499: { label: '旧区域', label_en: 'Old area' },
        c_level: { label: '旧级别', label_en: '' },
      },
    };
    expect(viewNotice(view, 'zh-CN')).toEqual({ deleted: ['旧区域', '旧级别'], unseen: 1, purged: 0 });
    // No English label: the Chinese one rather than nothing.
    expect(viewNotice(view, 'en')).toEqual({ deleted: ['Old area', '旧级别'], unseen: 1, purged: 0 });
  });

  it('never shows the API name of a field it has no label for', () => {
    const notice = viewNotice({ missing_fields: ['secret', 'phone'] }, 'zh-CN');
    expect(notice).toEqual({ deleted: [], unseen: 2, purged: 0 });
    expect(JSON.stringify(notice)).not.toContain('secret');
  });

  it('counts the conditions on purged fields apart from the fields hidden from the user', () => {
    const view = {
      missing_fields: ['c_gone', 'secret', 'c_area81499'],
      missing_field_labels: { c_area81499: { label: '旧区域', label_en: 'Old area' } },
      purged_fields: ['c_gone'],
      purged_conditions: 2,
    };
    expect(viewNotice(view, 'zh-CN')).toEqual({ deleted: ['旧区域'], unseen: 1, purged: 2 });
    expect(viewNotice({ missing_fields: ['c_gone'], purged_fields: ['c_gone'], purged_conditions: 1 }, 'en')).toEqual({
      deleted: [],
      unseen: 0,
      purged: 1,
    });
    expect(viewNotice({ missing_fields: [], purged_fields: [], purged_conditions: 0 }, 'en')).toBeNull();
  });
});

describe('viewNoticeText', () => {
  const zh = translate('zh-CN');
  const english = translate('en');

  it('says conditions on deleted and hidden fields are kept', () => {
    expect(viewNoticeText({ deleted: ['旧区域'], unseen: 2, purged: 0 }, zh, 'zh-CN')).toEqual({
      title:
        '此视图的筛选用到了已删除的字段「旧区域」，相关条件暂不生效，列表可能比原来多。筛选中有条件用到了 2 个您无权查看的字段，这些条件对您不生效。',
      description: '这些条件仍保存在视图中：恢复字段后即重新生效，保存视图也会保留它们。',
    });
    expect(viewNoticeText({ deleted: [], unseen: 1, purged: 0 }, english, 'en')).toEqual({
      title: 'Some conditions use a field you may not see: they are not applied for you.',
      description: 'The conditions stay stored in the view, and saving the view keeps them.',
    });
  });

  it('says conditions on purged fields go when the view is saved', () => {
    expect(viewNoticeText({ deleted: [], unseen: 0, purged: 3 }, zh, 'zh-CN')).toEqual({
      title: '3 个条件所用的字段已被彻底删除，这些条件不再生效，保存视图时将移除它们。',
      description: '',
    });
    expect(viewNoticeText({ deleted: [], unseen: 0, purged: 1 }, zh, 'zh-CN').title).toBe(
      '1 个条件所用的字段已被彻底删除，该条件不再生效，保存视图时将移除它。',
    );
    expect(viewNoticeText({ deleted: [], unseen: 0, purged: 3 }, english, 'en')).toEqual({
      title: '3 conditions use fields that were permanently deleted: they are not applied, and saving the view removes them.',
      description: '',
    });
    expect(viewNoticeText({ deleted: [], unseen: 0, purged: 1 }, english, 'en').title).toBe(
      'One condition uses a field that was permanently deleted: it is not applied, and saving the view removes it.',
    );
  });

  it('keeps the purged ones apart when deleted fields are named too', () => {
    expect(viewNoticeText({ deleted: ['Old area', 'Old level'], unseen: 0, purged: 2 }, english, 'en')).toEqual({
      title:
        'This view filters on the deleted fields "Old area", "Old level": their conditions are not applied for now, so the list may show more.',
      description:
        'The conditions stay stored in the view: restoring the field brings them back, and saving the view keeps them. ' +
        '2 conditions use fields that were permanently deleted: they are not applied, and saving the view removes them.',
    });
    expect(viewNoticeText({ deleted: ['旧区域'], unseen: 0, purged: 1 }, zh, 'zh-CN').description).toBe(
      '这些条件仍保存在视图中：恢复字段后即重新生效，保存视图也会保留它们。1 个条件所用的字段已被彻底删除，该条件不再生效，保存视图时将移除它。',
    );
  });
});

describe('quotedList', () => {
  it('quotes labels as running text does in each language', () => {
    expect(quotedList(['旧区域', '旧级别'], 'zh-CN')).toBe('「旧区域」、「旧级别」');
    expect(quotedList(['Old area', 'Old level'], 'en')).toBe('"Old area", "Old level"');
    expect(quotedList([], 'en')).toBe('');
  });
});
