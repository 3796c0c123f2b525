// @vitest-environment happy-dom
// (the store sets <html lang> and remembers the choice in localStorage: this file needs a DOM; the
// others test plain functions and run in Node, which saves each file a DOM of its own.)
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';

import { i18n } from '@/locales';

import { LOCALE_STORAGE_KEY, useLocaleStore } from './locale';

describe('locale store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('defaults to zh-CN', () => {
    const store = useLocaleStore();
    expect(store.locale).toBe('zh-CN');
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.global.t('nav.workbench')).toBe('工作台');
  });

  it('switches the language, <html lang> and remembers the choice', () => {
    useLocaleStore().setLocale('en');

    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.global.t('nav.workbench')).toBe('Workbench');
  });

  it('starts in the remembered language on the next visit', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    const store = useLocaleStore();
    expect(store.locale).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    store.setLocale('zh-CN');
    setActivePinia(createPinia());
    expect(useLocaleStore().locale).toBe('zh-CN');
  });

  it('ignores a remembered value it does not know', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    expect(useLocaleStore().locale).toBe('zh-CN');
  });
});
