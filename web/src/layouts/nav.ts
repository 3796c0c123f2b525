// The left navigation as data. A module that gets built adds its entry to `navSections`
// (客户, 销售, 协同, 应用, 管理后台 …); sections that do not exist yet are simply absent.
import {
  Aim,
  Calendar,
  ChatLineSquare,
  DataAnalysis,
  Collection,
  Document,
  Delete,
  Files,
  Flag,
  Goods,
  Grid,
  House,
  Key,
  Lock,
  Memo,
  Money,
  OfficeBuilding,
  Postcard,
  Promotion,
  Setting,
  Switch,
  Tickets,
  TrendCharts,
  User,
  UserFilled,
} from '@element-plus/icons-vue';
import { AlarmClock, Guide, Message, Ship, Timer } from '@element-plus/icons-vue';
import { type Component, markRaw } from 'vue';

import { ADMIN_PAGES, type AdminPage } from '@/stores/adminAccess';

/** What an entry may look at to decide whether the signed-in user sees it. */
export interface NavContext {
  isAdmin: boolean;
  can(object: string, action: string): boolean;
  /** Areas of a sub-administrator (`user.admin_areas` from /me); absent means none. */
  adminAreas?: readonly string[];
  /** Whether the user may delete records of some object, custom ones included (opens the recycle bin). */
  canDeleteAny?: boolean;
}

/** Whether the admin console page `page` is for this person (full admin, or its area). */
function adminPage(page: AdminPage): (ctx: NavContext) => boolean {
  return (ctx) => ctx.isAdmin || ADMIN_PAGES[page].some((a) => ctx.adminAreas?.includes(a) === true);
}

export interface NavEntry {
  /** Unique among all entries; the menu item gets `data-test="nav-<key>"`. */
  key: string;
  /** vue-i18n key of the label. */
  titleKey: string;
  /** A label from metadata (custom objects), used instead of `titleKey` when given. */
  label?: { zh: string; en?: string | null };
  icon?: Component;
  /** Route path of a page; a group has `children` instead. */
  path?: string;
  children?: NavEntry[];
  /** Position among siblings, smaller first (see NAV_ORDER for the top level). */
  order: number;
  /** When given, the entry is shown only if this returns true. */
  visible?: (ctx: NavContext) => boolean;
}

/** Places of the top-level sections, so modules can be added in any order. */
export const NAV_ORDER = {
  workbench: 10,
  customers: 20,
  sales: 30,
  collaboration: 40,
  apps: 50,
  recycleBin: 80,
  admin: 90,
} as const;

/** The list page of an object of the records engine. */
export const recordListPath = (object: string) => `/o/${object}`;

/** An object's list page, shown only to people whose role lets them read the object. */
function objectEntry(object: string, titleKey: string, icon: Component, order: number): NavEntry {
  return { key: object, titleKey, icon: markRaw(icon), path: recordListPath(object), order, visible: (ctx) => ctx.can(object, 'read') };
}

export const navSections: NavEntry[] = [
  {
    key: 'workbench',
    titleKey: 'nav.workbench',
    icon: markRaw(House),
    path: '/workbench',
    order: NAV_ORDER.workbench,
  },
  {
    key: 'customers',
    titleKey: 'nav.customers',
    icon: markRaw(UserFilled),
    order: NAV_ORDER.customers,
    children: [
      objectEntry('lead', 'nav.leads', Promotion, 1),
      objectEntry('customer', 'nav.customerList', OfficeBuilding, 2),
      // 公海: for people who may claim from a pool or assign its customers.
      {
        key: 'pool',
        titleKey: 'pool.nav.pool',
        icon: markRaw(Ship),
        path: '/pool',
        order: 2.5,
        visible: (ctx) => ctx.can('customer', 'claim') || ctx.can('customer', 'assign'),
      },
      objectEntry('contact', 'nav.contacts', User, 3),
      objectEntry('followup', 'nav.followups', ChatLineSquare, 4),
    ],
  },
  {
    key: 'sales',
    titleKey: 'nav.sales',
    icon: markRaw(TrendCharts),
    order: NAV_ORDER.sales,
    children: [
      {
        key: 'sales-dashboard',
        titleKey: 'nav.dashboard',
        icon: markRaw(DataAnalysis),
        path: '/sales/dashboard',
        order: 0,
        visible: (ctx) => ctx.can('opportunity', 'read'),
      },
      objectEntry('opportunity', 'nav.opportunities', TrendCharts, 1),
      {
        key: 'opportunity-kanban',
        titleKey: 'nav.kanban',
        icon: markRaw(Grid),
        path: '/sales/kanban',
        order: 2,
        visible: (ctx) => ctx.can('opportunity', 'read'),
      },
      objectEntry('quote', 'nav.quotes', Tickets, 3),
      objectEntry('contract', 'nav.contracts', Document, 4),
      objectEntry('payment_plan', 'nav.paymentPlans', Calendar, 5),
      objectEntry('payment', 'nav.payments', Money, 6),
      objectEntry('invoice', 'nav.invoices', Memo, 7),
      {
        key: 'sales-targets',
        titleKey: 'nav.targets',
        icon: markRaw(Flag),
        path: '/sales/targets',
        order: 8,
        visible: (ctx) => ctx.can('opportunity', 'read') || ctx.can('contract', 'read'),
      },
      objectEntry('product', 'nav.products', Goods, 9),
      objectEntry('competitor', 'nav.competitors', Aim, 10),
    ],
  },
  // 回收站: for everyone who may delete records of some object (the bin follows the delete scope).
  {
    key: 'recycle-bin',
    titleKey: 'recycleBin.nav',
    icon: markRaw(Delete),
    path: '/recycle-bin',
    order: NAV_ORDER.recycleBin,
    visible: (ctx) => ctx.isAdmin || ctx.canDeleteAny === true,
  },
  {
    key: 'admin',
    titleKey: 'admin.nav.title',
    icon: markRaw(Setting),
    order: NAV_ORDER.admin,
    children: [
      { key: 'admin-org', titleKey: 'admin.nav.org', icon: markRaw(OfficeBuilding), path: '/admin/org', order: 1, visible: adminPage('org') },
      { key: 'admin-employees', titleKey: 'admin.nav.employees', icon: markRaw(User), path: '/admin/employees', order: 2, visible: adminPage('employees') },
      { key: 'admin-roles', titleKey: 'admin.nav.roles', icon: markRaw(Key), path: '/admin/roles', order: 3, visible: adminPage('roles') },
      { key: 'admin-handover', titleKey: 'admin.nav.handover', icon: markRaw(Switch), path: '/admin/handover', order: 4, visible: adminPage('handover') },
      { key: 'admin-security', titleKey: 'admin.nav.security', icon: markRaw(Lock), path: '/admin/security', order: 5, visible: adminPage('security') },
      { key: 'admin-objects', titleKey: 'metaAdmin.nav.objects', icon: markRaw(Files), path: '/admin/objects', order: 6, visible: adminPage('objects') },
      { key: 'admin-layouts', titleKey: 'metaAdmin.nav.layouts', icon: markRaw(Postcard), path: '/admin/layouts', order: 7, visible: adminPage('layouts') },
      { key: 'admin-dictionary', titleKey: 'metaAdmin.nav.dictionary', icon: markRaw(Collection), path: '/admin/dictionary', order: 8, visible: adminPage('dictionary') },
      { key: 'admin-customer-settings', titleKey: 'crm.settings.nav', icon: markRaw(Setting), path: '/admin/customer-settings', order: 8.5, visible: adminPage('customerSettings') },
      { key: 'admin-pools', titleKey: 'pool.nav.settings', icon: markRaw(Ship), path: '/admin/pools', order: 9, visible: adminPage('pools') },
      { key: 'admin-pipelines', titleKey: 'admin.nav.pipelines', icon: markRaw(Guide), path: '/admin/pipelines', order: 9.5, visible: adminPage('pipelines') },
      { key: 'admin-reminders', titleKey: 'pool.nav.rules', icon: markRaw(AlarmClock), path: '/admin/reminders', order: 10, visible: adminPage('reminders') },
      { key: 'admin-smtp', titleKey: 'notify.nav.smtp', icon: markRaw(Message), path: '/admin/smtp', order: 11, visible: adminPage('smtp') },
      { key: 'admin-jobs', titleKey: 'notify.nav.jobs', icon: markRaw(Timer), path: '/admin/jobs', order: 12, visible: adminPage('jobs') },
    ],
  },
];

/** The vue-i18n key naming an object's list in the navigation ("Customers"), or null. */
export function objectNavTitleKey(object: string): string | null {
  const path = recordListPath(object);
  for (const section of navSections) {
    const entry = section.children?.find((c) => c.path === path);
    if (entry) return entry.titleKey;
  }
  return null;
}

/** What the navigation needs of an object from GET /meta/objects. */
export interface NavObject {
  name: string;
  label: string;
  label_en?: string | null;
  custom: boolean;
  permissions?: { read?: string };
}

/**
 * The 应用 group: one entry per custom object the person may read (their permissions come
 * with the object list, custom objects being unknown to the role defaults). Empty when none.
 */
export function customObjectNav(objects: readonly NavObject[] | null | undefined): NavEntry[] {
  const children: NavEntry[] = (objects ?? [])
    .filter((o) => o.custom && (o.permissions?.read ?? 'none') !== 'none')
    .map((o, i) => ({
      key: o.name,
      titleKey: 'nav.customObject',
      label: { zh: o.label, en: o.label_en },
      icon: markRaw(Document),
      path: recordListPath(o.name),
      order: i + 1,
    }));
  if (children.length === 0) return [];
  return [{ key: 'apps', titleKey: 'nav.apps', icon: markRaw(Grid), order: NAV_ORDER.apps, children }];
}

/** The label of an entry in the UI's language. */
export function navLabel(entry: NavEntry, locale: string, t: (key: string) => string): string {
  if (entry.label) return locale === 'en' && entry.label.en ? entry.label.en : entry.label.zh;
  return t(entry.titleKey);
}

/** The entries the user sees, sorted; groups left without children are dropped. */
export function resolveNav(entries: readonly NavEntry[], ctx: NavContext): NavEntry[] {
  const out: NavEntry[] = [];
  for (const entry of entries) {
    if (entry.visible && !entry.visible(ctx)) continue;
    if (entry.children) {
      const children = resolveNav(entry.children, ctx);
      if (children.length === 0) continue;
      out.push({ ...entry, children });
    } else if (entry.path) {
      out.push(entry);
    }
  }
  return out.sort((a, b) => a.order - b.order);
}

/** The key of the entry whose path is the longest prefix of `path`, or null. */
export function activeNavKey(entries: readonly NavEntry[], path: string): string | null {
  let best: { key: string; length: number } | null = null;
  const visit = (list: readonly NavEntry[]) => {
    for (const entry of list) {
      const p = entry.path;
      if (p && (path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) {
        if (!best || p.length > best.length) best = { key: entry.key, length: p.length };
      }
      if (entry.children) visit(entry.children);
    }
  };
  visit(entries);
  return (best as { key: string } | null)?.key ?? null;
}
