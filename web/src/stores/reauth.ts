import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * The admin console's "enter your password again" prompt. `ask()` opens the dialog
 * (components/admin/ReauthDialog.vue) and resolves once it is done: true when the server
 * accepted the password, false when the person cancelled.
 */
export const useReauthStore = defineStore('reauth', () => {
  const open = ref(false);
  let resolver: ((ok: boolean) => void) | null = null;

  function ask(): Promise<boolean> {
    // One prompt at a time; a second caller shares the answer of the first.
    if (resolver) {
      const previous = resolver;
      return new Promise<boolean>((resolve) => {
        resolver = (ok) => {
          previous(ok);
          resolve(ok);
        };
      });
    }
    open.value = true;
    return new Promise<boolean>((resolve) => {
      resolver = resolve;
    });
  }

  function finish(ok: boolean): void {
    open.value = false;
    const r = resolver;
    resolver = null;
    r?.(ok);
  }

  return { open, ask, finish };
});
