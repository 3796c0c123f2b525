import { defineStore } from 'pinia';
import { ref } from 'vue';

import { type AppLocale, DEFAULT_LOCALE, i18n, isAppLocale } from '@/locales';

/** localStorage key under which the chosen language is remembered. */
export const LOCALE_STORAGE_KEY = 'xieli.locale';

function readStoredLocale(): AppLocale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isAppLocale(stored)) return stored;
  } catch {
    // Storage can be unavailable (private mode, disabled cookies): use the default.
  }
  return DEFAULT_LOCALE;
}

function apply(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
}

/** The UI language: zh-CN unless the user chose another, remembered across visits. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<AppLocale>(readStoredLocale());
  apply(locale.value);

  function setLocale(next: AppLocale): void {
    locale.value = next;
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered, but the switch still applies to this visit.
    }
    apply(next);
  }

  return { locale, setLocale };
});
