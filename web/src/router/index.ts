import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

import { enterAdmin, requireAdminPage } from './adminGuard';
import { installGuards } from './guard';
import { HOME_PATH } from './redirect';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Only for visitors who are not signed in (sign-in, register); others go home. */
    guestOnly?: boolean;
    /** vue-i18n key of the page title. */
    titleKey?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, guestOnly: true, titleKey: 'auth.login.title' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/auth/RegisterView.vue'),
    meta: { public: true, guestOnly: true, titleKey: 'auth.register.title' },
  },
  {
    // Invitation links (`url` of POST /invitations); open to anyone holding the link.
    path: '/join/:token',
    name: 'join',
    component: () => import('@/views/auth/JoinView.vue'),
    meta: { public: true, titleKey: 'auth.join.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    redirect: HOME_PATH,
    children: [
      {
        path: 'workbench',
        name: 'workbench',
        component: () => import('@/views/workbench/WorkbenchView.vue'),
        meta: { titleKey: 'nav.workbench' },
      },
      {
        path: 'sales/dashboard',
        name: 'sales-dashboard',
        component: () => import('@/views/sales/DashboardView.vue'),
        meta: { titleKey: 'sales.dashboard.title' },
      },
      {
        path: 'sales/kanban',
        name: 'sales-kanban',
        component: () => import('@/views/sales/KanbanView.vue'),
        meta: { titleKey: 'sales.kanban.title' },
      },
      {
        path: 'sales/targets',
        name: 'sales-targets',
        component: () => import('@/views/sales/TargetsView.vue'),
        meta: { titleKey: 'cash.targets.title' },
      },
      {
        path: 'pool',
        name: 'pool',
        component: () => import('@/views/pool/PoolView.vue'),
        meta: { titleKey: 'pool.title' },
      },
      {
        path: 'recycle-bin',
        name: 'recycle-bin',
        component: () => import('@/views/recycleBin/RecycleBinView.vue'),
        meta: { titleKey: 'recycleBin.title' },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/notify/NotificationsView.vue'),
        meta: { titleKey: 'notify.center.title' },
      },
      // The records engine's pages, one of each for every object (standard or custom).
      {
        path: 'o/:object([a-z][a-z0-9_]*)',
        name: 'record-list',
        component: () => import('@/views/records/RecordListView.vue'),
      },
      {
        path: 'o/:object([a-z][a-z0-9_]*)/:id(\\d+)',
        name: 'record-detail',
        component: () => import('@/views/records/RecordDetailView.vue'),
      },
      // 管理后台: administrators only (others get the 404 page, see adminGuard.ts).
      {
        path: 'admin',
        component: () => import('@/views/admin/AdminLayout.vue'),
        children: [
          { path: '', name: 'admin', component: () => import('@/views/NotFoundView.vue'), beforeEnter: enterAdmin },
          {
            path: 'org',
            name: 'admin-org',
            component: () => import('@/views/admin/OrgView.vue'),
            meta: { titleKey: 'admin.nav.org' },
            beforeEnter: requireAdminPage('org'),
          },
          {
            path: 'employees',
            name: 'admin-employees',
            component: () => import('@/views/admin/EmployeesView.vue'),
            meta: { titleKey: 'admin.nav.employees' },
            beforeEnter: requireAdminPage('employees'),
          },
          {
            path: 'roles',
            name: 'admin-roles',
            component: () => import('@/views/admin/RolesView.vue'),
            meta: { titleKey: 'admin.nav.roles' },
            beforeEnter: requireAdminPage('roles'),
          },
          {
            path: 'handover',
            name: 'admin-handover',
            component: () => import('@/views/admin/HandoverView.vue'),
            meta: { titleKey: 'admin.nav.handover' },
            beforeEnter: requireAdminPage('handover'),
          },
          {
            path: 'security',
            name: 'admin-security',
            component: () => import('@/views/admin/SecurityView.vue'),
            meta: { titleKey: 'admin.nav.security' },
            beforeEnter: requireAdminPage('security'),
          },
          {
            path: 'objects',
            name: 'admin-objects',
            component: () => import('@/views/admin/ObjectsView.vue'),
            meta: { titleKey: 'metaAdmin.nav.objects' },
            beforeEnter: requireAdminPage('objects'),
          },
          {
            path: 'layouts',
            name: 'admin-layouts',
            component: () => import('@/views/admin/LayoutsView.vue'),
            meta: { titleKey: 'metaAdmin.nav.layouts' },
            beforeEnter: requireAdminPage('layouts'),
          },
          {
            path: 'dictionary',
            name: 'admin-dictionary',
            component: () => import('@/views/admin/DictionaryView.vue'),
            meta: { titleKey: 'metaAdmin.nav.dictionary' },
            beforeEnter: requireAdminPage('dictionary'),
          },
          {
            path: 'customer-settings',
            name: 'admin-customer-settings',
            component: () => import('@/views/admin/CustomerSettingsView.vue'),
            meta: { titleKey: 'crm.settings.nav' },
            beforeEnter: requireAdminPage('customerSettings'),
          },
          {
            path: 'pools',
            name: 'admin-pools',
            component: () => import('@/views/admin/PoolSettingsView.vue'),
            meta: { titleKey: 'pool.nav.settings' },
            beforeEnter: requireAdminPage('pools'),
          },
          {
            path: 'pipelines',
            name: 'admin-pipelines',
            component: () => import('@/views/admin/PipelinesView.vue'),
            meta: { titleKey: 'admin.nav.pipelines' },
            beforeEnter: requireAdminPage('pipelines'),
          },
          {
            path: 'reminders',
            name: 'admin-reminders',
            component: () => import('@/views/admin/ReminderRulesView.vue'),
            meta: { titleKey: 'pool.nav.rules' },
            beforeEnter: requireAdminPage('reminders'),
          },
          {
            path: 'smtp',
            name: 'admin-smtp',
            component: () => import('@/views/admin/SmtpSettingsView.vue'),
            meta: { titleKey: 'notify.nav.smtp' },
            beforeEnter: requireAdminPage('smtp'),
          },
          {
            path: 'jobs',
            name: 'admin-jobs',
            component: () => import('@/views/admin/JobsView.vue'),
            meta: { titleKey: 'notify.nav.jobs' },
            beforeEnter: requireAdminPage('jobs'),
          },
        ],
      },
    ],
  },
  {
    // The printable quote, outside the app's layout (no navigation): print or save as PDF.
    path: '/print/quote/:id(\\d+)',
    name: 'print-quote',
    component: () => import('@/views/print/QuotePrintView.vue'),
    props: true,
    meta: { titleKey: 'cash.print.docTitle' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, titleKey: 'notFound.title' },
  },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

installGuards(router);
