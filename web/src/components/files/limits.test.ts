import { describe, expect, it } from 'vitest';

import { acceptAttribute, guessKind, hasLimits, limitRefusal } from './limits';

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
});
