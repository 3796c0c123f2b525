import { describe, expect, it } from 'vitest';

import { fileNameFromDisposition } from './download';

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="quote-BJ-2026-0001.pdf"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95-BJ-2026-0001.pdf`,
        'x.pdf',
      ),
    ).toBe('报价单-BJ-2026-0001.pdf');
  });

  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameFromDisposition('attachment; filename="quote-7.pdf"', 'x.pdf')).toBe('quote-7.pdf');
    expect(fileNameFromDisposition('attachment; filename=quote-8.pdf', 'x.pdf')).toBe('quote-8.pdf');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A`, 'x.pdf')).toBe('x.pdf');
    expect(fileNameFromDisposition('attachment', 'x.pdf')).toBe('x.pdf');
    expect(fileNameFromDisposition(null, 'x.pdf')).toBe('x.pdf');
  });

  it('keeps the name a name, not a path', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`, 'x.pdf')).toBe('.._.._etc_passwd');
  });
});
