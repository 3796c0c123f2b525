import type { NavigationGuardWithThis, RouteLocationNormalized, RouteLocationRaw } from 'vue-router';

import { type AdminPage, canOpenAdminPage, firstAdminPage } from '@/stores/adminAccess';
import { useSessionStore } from '@/stores/session';

/**
 * Where someone who may not see an admin page ends up: the 404 page, at the same address
 * (the console does not reveal what exists to people who cannot use it).
 */
export function notFoundFor(to: RouteLocationNormalized): RouteLocationRaw {
  return {
    name: 'not-found',
    params: { pathMatch: to.path.split('/').filter(Boolean) },
    query: to.query,
    hash: to.hash,
    replace: true,
  };
}

/** `beforeEnter` of an admin page: only administrators of its area get in. */
export function requireAdminPage(page: AdminPage): NavigationGuardWithThis<undefined> {
  return (to) => (canOpenAdminPage(useSessionStore().me, page) ? true : notFoundFor(to));
}

/** `beforeEnter` of /admin itself: the first page the person may open, else 404. */
export const enterAdmin: NavigationGuardWithThis<undefined> = (to) => {
  const page = firstAdminPage(useSessionStore().me);
  return page ? { path: `/admin/${page}`, replace: true } : notFoundFor(to);
};
