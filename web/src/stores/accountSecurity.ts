import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The self-service security dialogs reachable from the user menu. */
export type AccountDialog = 'password' | 'sessions' | 'totp';

/**
 * Which of the user menu's security dialogs is open. The menu items set it; the dialogs
 * (components/admin/account/AccountSecurity.vue) show themselves from it.
 */
export const useAccountSecurityStore = defineStore('accountSecurity', () => {
  const dialog = ref<AccountDialog | null>(null);

  function show(which: AccountDialog): void {
    dialog.value = which;
  }

  function close(): void {
    dialog.value = null;
  }

  return { dialog, show, close };
});
