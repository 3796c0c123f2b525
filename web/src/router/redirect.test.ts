import { describe, expect, it } from 'vitest';

import { safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('accepts paths inside the app', () => {
    expect(safeRedirect('/workbench')).toBe('/workbench');
    expect(safeRedirect('/customers/1?tab=timeline#x')).toBe('/customers/1?tab=timeline#x');
    expect(safeRedirect(['/workbench', '/other'])).toBe('/workbench');
  });

  it('refuses other sites and junk', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'workbench', '', null, undefined, 42, '/a\nb']) {
      expect(safeRedirect(bad), String(bad)).toBeNull();
    }
  });
});
