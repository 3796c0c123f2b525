import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';

import en from '@/locales/files.en';
import zhCN from '@/locales/files.zh-CN';

import { acceptAttribute, guessKind, hasLimits, limitRefusal, limitTip, pickRefusal, type Translate } from './limits';

const translate = (locale: 'zh-CN' | 'en'): Translate => {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': { files: zhCN }, en: { files: en } } });
  return (key, values) => i18n.global.t(key, values ?? {});
};

const MB = 1024 * 1024;

describe('per-field file limits in the form', () => {
  it('tells the kind of a picked file by its type, else its extension', () => {
    expect(guessKind({ name: 'a.png', type: 'image/png' })).toBe('image');
    expect(guessKind({ name: 'scan', type: 'application/pdf' })).toBe('pdf');
    expect(guessKind({ name: '报价.xlsx', type: '' })).toBe('office');
    expect(guessKind({ name: 'w.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe('office');
    expect(guessKind({ name: 'b.zip', type: 'application/x-zip-compressed' })).toBe('archive');
    expect(guessKind({ name: '清单.csv', type: 'text/csv' })).toBe('text');
    expect(guessKind({ name: 'logo.svg', type: 'image/svg+xml' })).toBeNull();
    expect(guessKind({ name: 'blob', type: '' })).toBeNull();
  });

  it('refuses a file over the field’s size before its kind, and lets unknown kinds go to the server', () => {
    const limits = { max_size_mb: 5, accept: ['pdf' as const, 'image' as const] };
    expect(limitRefusal({ name: 'a.pdf', type: 'application/pdf', size: 5 * MB }, limits)).toBeNull();
    expect(limitRefusal({ name: 'a.pdf', type: 'application/pdf', size: 5 * MB + 1 }, limits)).toBe('tooLarge');
    expect(limitRefusal({ name: 'a.zip', type: 'application/zip', size: 10 }, limits)).toBe('typeNotAllowed');
    expect(limitRefusal({ name: 'noext', type: '', size: 10 }, limits)).toBeNull();
    expect(limitRefusal({ name: 'a.zip', type: 'application/zip', size: 99 * MB }, null)).toBeNull();
    expect(limitRefusal({ name: 'a.zip', type: 'application/zip', size: 99 * MB }, { max_size_mb: null, accept: [] })).toBeNull();
  });

  it('offers only the accepted kinds in the picker', () => {
    expect(acceptAttribute([])).toBeUndefined();
    expect(acceptAttribute(['pdf'])).toBe('.pdf');
    expect(acceptAttribute(['image', 'pdf'])).toBe('image/*,.png,.jpg,.jpeg,.gif,.webp,.bmp,.pdf');
    expect(hasLimits({ max_size_mb: null, accept: [] })).toBe(false);
    expect(hasLimits({ max_size_mb: 5, accept: [] })).toBe(true);
    expect(hasLimits(null)).toBe(false);
  });

  it('reads the line under the upload button naturally in zh and en', () => {
    const zh = translate('zh-CN');
    const english = translate('en');
    const kinds = { max_size_mb: null, accept: ['image' as const, 'pdf' as const] };
    expect(limitTip(kinds, false, zh)).toBe('仅限图片、PDF');
    expect(limitTip(kinds, false, english)).toBe('Only images, PDF');
    const both = { max_size_mb: 5, accept: ['image' as const, 'pdf' as const] };
    expect(limitTip(both, false, zh)).toBe('最大 5 MB，仅限图片、PDF');
    expect(limitTip(both, false, english)).toBe('Up to 5 MB; only images, PDF');
    expect(limitTip({ max_size_mb: 5, accept: [] }, true, zh)).toBe('最大 5 MB，只能上传图片');
    expect(limitTip({ max_size_mb: 5, accept: [] }, true, english)).toBe('Up to 5 MB; images only');
    expect(limitTip({ max_size_mb: null, accept: [] }, false, zh)).toBe('每个文件最大 20 MB；图片字段只收图片');
    expect(limitTip(null, true, english)).toBe('Images only (PNG, JPEG, GIF, WebP, BMP)');
    expect(zh('files.typeNotAllowed', { kinds: '图片、PDF' })).toBe('该字段仅限图片、PDF');
  });

  it('says why a picked file is refused before upload, in zh and en, the same wherever the field is', () => {
    const zh = translate('zh-CN');
    const english = translate('en');
    const big = { name: '超大图.png', type: 'image/png', size: 5 * MB + 1 };
    const five = { max_size_mb: 5, accept: [] };
    expect(pickRefusal(big, five, true, zh)).toBe('「超大图.png」上传失败：文件超过该字段允许的 5 MB');
    expect(pickRefusal(big, five, true, english)).toBe('"超大图.png" was not uploaded: the file is larger than the 5 MB this field allows');
    const pdfOnly = { max_size_mb: null, accept: ['pdf' as const, 'office' as const] };
    const zip = { name: 'a.zip', type: 'application/zip', size: 10 };
    expect(pickRefusal(zip, pdfOnly, false, zh)).toBe('「a.zip」上传失败：该字段仅限PDF、Office 文档');
    expect(pickRefusal(zip, pdfOnly, false, english)).toBe('"a.zip" was not uploaded: this field takes PDF, Office documents only');
    // An image field takes images only, with or without limits of its own.
    const doc = { name: 'a.pdf', type: 'application/pdf', size: 10 };
    expect(pickRefusal(doc, null, true, zh)).toBe('「a.pdf」上传失败：只能上传图片（PNG、JPEG、GIF、WebP、BMP）');
    expect(pickRefusal(doc, null, true, english)).toBe('"a.pdf" was not uploaded: Images only (PNG, JPEG, GIF, WebP, BMP)');
    // Within the limits, or without any, the file goes up (and the server checks it again).
    expect(pickRefusal({ ...big, size: 5 * MB }, five, true, zh)).toBeNull();
    expect(pickRefusal(doc, pdfOnly, false, zh)).toBeNull();
    expect(pickRefusal(zip, null, false, english)).toBeNull();
  });
});
