import type { Router } from 'vue-router';

import { useSessionStore } from '@/stores/session';

import { HOME_PATH, safeRedirect } from './redirect';

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    // /me is asked once per page load; sign-in and register load it again themselves.
    if (!session.loaded) {
      try {
        await session.load();
      } catch {
        // Server unreachable: treat as signed out for this navigation; the next one asks again.
      }
    }

    if (to.meta.public) {
      if (to.meta.guestOnly && session.signedIn) return safeRedirect(to.query.redirect) ?? HOME_PATH;
      return true;
    }
    if (!session.signedIn) {
      const query = to.fullPath === '/' || to.fullPath === HOME_PATH ? {} : { redirect: to.fullPath };
      return { name: 'login', query };
    }
    return true;
  });
}
