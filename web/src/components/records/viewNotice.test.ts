import { describe, expect, it } from 'vitest';

import { quotedList, viewNotice } from './viewNotice';

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
    expect(viewNotice(view, 'zh-CN')).toEqual({ deleted: ['旧区域', '旧级别'], unseen: 1 });
    // No English label: the Chinese one rather than nothing.
    expect(viewNotice(view, 'en')).toEqual({ deleted: ['Old area', '旧级别'], unseen: 1 });
  });

  it('never shows the API name of a field it has no label for', () => {
    const notice = viewNotice({ missing_fields: ['secret', 'phone'] }, 'zh-CN');
    expect(notice).toEqual({ deleted: [], unseen: 2 });
    expect(JSON.stringify(notice)).not.toContain('secret');
  });
});

describe('quotedList', () => {
  it('quotes labels as running text does in each language', () => {
    expect(quotedList(['旧区域', '旧级别'], 'zh-CN')).toBe('「旧区域」、「旧级别」');
    expect(quotedList(['Old area', 'Old level'], 'en')).toBe('"Old area", "Old level"');
    expect(quotedList([], 'en')).toBe('');
  });
});
