// Who may open which part of the admin console (管理后台). Full administrators
// (`user.is_admin`) may open everything; sub-administrators only the areas in
// `user.admin_areas` (docs/api/org.md; /me reports them once the server has them).
import type { Me } from '@/api/auth';

/** Areas a sub-administrator can be given. */
export const ADMIN_AREAS = ['system', 'crm', 'approvals', 'logs', 'announcements'] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];

/** The pages of the console and the areas that open each (any one of them is enough). */
export const ADMIN_PAGES = {
  org: ['system'],
  employees: ['system'],
  roles: ['system'],
  handover: ['system', 'crm'],
  security: ['logs'],
  objects: ['crm'],
  layouts: ['crm'],
  dictionary: ['crm'],
  customerSettings: ['crm'],
  pools: ['crm'],
  pipelines: ['crm'],
  reminders: ['crm'],
  smtp: ['system'],
  jobs: ['system'],
} as const satisfies Record<string, readonly AdminArea[]>;
export type AdminPage = keyof typeof ADMIN_PAGES;

/** Pages in navigation order. */
export const ADMIN_PAGE_ORDER: AdminPage[] = ['org', 'employees', 'roles', 'handover', 'security', 'objects', 'layouts', 'dictionary', 'customerSettings', 'pools', 'pipelines', 'reminders', 'smtp', 'jobs'];

/** The admin areas of the signed-in person, from /me. */
export function adminAreasOf(me: Pick<Me, 'user'> | null | undefined): string[] {
  const areas = (me?.user as { admin_areas?: unknown } | undefined)?.admin_areas;
  return Array.isArray(areas) ? areas.filter((a): a is string => typeof a === 'string') : [];
}

/** Whether the person may open the page `page` of the console. */
export function canOpenAdminPage(me: Pick<Me, 'user'> | null | undefined, page: AdminPage): boolean {
  if (!me) return false;
  if (me.user.is_admin === true) return true;
  const areas = adminAreasOf(me);
  return ADMIN_PAGES[page].some((a) => areas.includes(a));
}

/** The first page of the console the person may open, or null when none. */
export function firstAdminPage(me: Pick<Me, 'user'> | null | undefined): AdminPage | null {
  return ADMIN_PAGE_ORDER.find((p) => canOpenAdminPage(me, p)) ?? null;
}
