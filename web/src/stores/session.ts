import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import * as authApi from '@/api/auth';
import type { Me } from '@/api/auth';
import { isApiError } from '@/api/request';

/**
 * Who is signed in, as told by GET /api/v1/me. The session itself lives in the server's
 * HttpOnly cookie; this store only mirrors what the server says about it.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  /** Whether /me has been asked (successfully or with 401) since the app started. */
  const loaded = ref(false);

  const user = computed(() => me.value?.user ?? null);
  const tenant = computed(() => me.value?.tenant ?? null);
  const roles = computed(() => me.value?.roles ?? []);
  const permissions = computed(() => me.value?.permissions ?? {});
  const signedIn = computed(() => me.value !== null);
  const isAdmin = computed(() => me.value?.user.is_admin === true);

  /** Asks the server who is signed in. False when nobody is; other failures throw. */
  async function load(): Promise<boolean> {
    try {
      me.value = await authApi.me();
    } catch (e) {
      if (!isApiError(e) || e.status !== 401) throw e;
      me.value = null;
    }
    loaded.value = true;
    return me.value !== null;
  }

  function clear(): void {
    me.value = null;
    loaded.value = true;
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.logout();
    } catch {
      // The cookie may already be gone; the local state is cleared either way.
    }
    clear();
  }

  /**
   * Whether the user may do `action` on `object`: `true`, or a data scope other than
   * "none" (e.g. "self", "department_tree", "all").
   */
  function can(object: string, action: string): boolean {
    const value = permissions.value.objects?.[object]?.[action];
    return value === true || (typeof value === 'string' && value !== 'none');
  }

  return { me, loaded, user, tenant, roles, permissions, signedIn, isAdmin, load, clear, signOut, can };
});
