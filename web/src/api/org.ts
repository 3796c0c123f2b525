// Departments, employees, invitations, roles and handover (docs/api/org.md). Everything
// here is called from the admin console and so goes through `adminRequest`, which asks for
// the password again when the server wants it.

import type { Permissions } from './auth';
import { request, requestRaw } from './request';
import { adminRequest, type Id, type Page, withReauth } from './security';

export type { Id, Page } from './security';

const path = (...parts: (string | number)[]) => parts.map((p) => encodeURIComponent(String(p))).join('/');

// ---- departments ----------------------------------------------------------------------

export interface Department {
  id: Id;
  name: string;
  parent_id: Id | null;
  head_user_id: Id | null;
  head_name: string | null;
  sort_order: number;
  member_count: number;
}

export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}

export interface DepartmentList {
  records: Department[];
  tree: DepartmentNode[];
}

export interface DepartmentInput {
  name?: string;
  parent_id?: Id | null;
  head_user_id?: Id | null;
  sort_order?: number;
}

export function listDepartments(): Promise<DepartmentList> {
  return adminRequest<DepartmentList>('/departments');
}

export function createDepartment(input: DepartmentInput & { name: string; parent_id: Id }): Promise<Department> {
  return adminRequest<Department>('/departments', { method: 'POST', body: input });
}

export function updateDepartment(id: Id, input: DepartmentInput): Promise<Department> {
  return adminRequest<Department>(`/departments/${path(id)}`, { method: 'PATCH', body: input });
}

export function deleteDepartment(id: Id): Promise<void> {
  return adminRequest<void>(`/departments/${path(id)}`, { method: 'DELETE' });
}

// ---- users ----------------------------------------------------------------------------

export type UserStatus = 'pending' | 'active' | 'disabled';

export interface RoleRef {
  id: Id;
  code: string;
  name: string;
}

export interface OrgUser {
  id: Id;
  name: string;
  phone: string | null;
  email: string | null;
  position: string | null;
  status: UserStatus;
  is_admin: boolean;
  main_department_id: Id | null;
  main_department_name: string | null;
  department_ids: Id[];
  supervisor_id: Id | null;
  supervisor_name: string | null;
  role_ids: Id[];
  roles: RoleRef[];
  admin_areas: string[];
  created_at: string;
}

export interface UserQuery {
  q?: string;
  department_id?: Id;
  include_sub?: boolean;
  status?: UserStatus | '';
  limit?: number;
  cursor?: string;
  /** Page offset, for servers that page by offset as well as cursor. */
  offset?: number;
}

export interface UserInput {
  name: string;
  phone: string | null;
  email: string | null;
  position: string | null;
  department_ids: Id[];
  main_department_id: Id | null;
  supervisor_id: Id | null;
  role_ids: Id[];
  password?: string;
}

export type CreatedUser = OrgUser & { initial_password?: string };

export function listUsers(query: UserQuery = {}): Promise<Page<OrgUser>> {
  const q: Record<string, string | number | boolean | undefined> = { ...query, department_id: query.department_id ?? undefined };
  if (!q.q) delete q.q;
  if (!q.status) delete q.status;
  return adminRequest<Page<OrgUser>>('/users', { query: q as Record<string, string | number | boolean> });
}

export function getUser(id: Id): Promise<OrgUser> {
  return adminRequest<OrgUser>(`/users/${path(id)}`);
}

export function createUser(input: UserInput): Promise<CreatedUser> {
  return adminRequest<CreatedUser>('/users', { method: 'POST', body: input });
}

export function updateUser(id: Id, input: Partial<Omit<UserInput, 'password'>>): Promise<OrgUser> {
  return adminRequest<OrgUser>(`/users/${path(id)}`, { method: 'PATCH', body: input });
}

export function disableUser(id: Id): Promise<OrgUser> {
  return adminRequest<OrgUser>(`/users/${path(id)}/disable`, { method: 'POST' });
}

export function enableUser(id: Id): Promise<OrgUser> {
  return adminRequest<OrgUser>(`/users/${path(id)}/enable`, { method: 'POST' });
}

export function resetPassword(id: Id, password?: string): Promise<{ initial_password?: string }> {
  return adminRequest<{ initial_password?: string }>(`/users/${path(id)}/reset-password`, {
    method: 'POST',
    body: password ? { password } : {},
  });
}

export function setAdminAreas(id: Id, areas: string[]): Promise<unknown> {
  return adminRequest<unknown>(`/users/${path(id)}/admin-areas`, { method: 'PUT', body: { areas } });
}

// ---- import ---------------------------------------------------------------------------

export interface ImportRowError {
  field?: string;
  message: string;
}

export interface ImportResultRow {
  row: number;
  status: 'created' | 'failed';
  errors?: ImportRowError[];
  /** The name in that row. */
  name?: string;
  /** The person created from it. */
  user_id?: Id;
  /** Generated for a created person when the file gave none; shown only in this answer. */
  initial_password?: string;
}

export interface ImportResult {
  total: number;
  created: number;
  failed: number;
  rows: ImportResultRow[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Content-Type to send a spreadsheet file with, from its name; null when not supported. */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}

/** Sends a CSV or XLSX file as the raw body; each row is created or fails alone. */
export function importUsers(file: Blob, contentType: string): Promise<ImportResult> {
  return withReauth(async () => {
    const response = await requestRaw('/users/import', { method: 'POST', body: file, contentType });
    return (await response.json()) as ImportResult;
  });
}

/** The import template as a file to save. */
export function importTemplate(format: 'csv' | 'xlsx'): Promise<Blob> {
  return withReauth(async () => {
    const response = await requestRaw(`/users/import-template?format=${format}`, { method: 'GET' });
    return response.blob();
  });
}

// ---- invitations and join requests ----------------------------------------------------

export interface InvitationInput {
  department_id: Id;
  role_ids: Id[];
  expires_in_days: number;
  phone?: string;
  email?: string;
}

export interface Invitation {
  id: Id;
  /** The secret part of the link: only in the answer to POST /invitations, never in the list. */
  token?: string;
  url?: string;
  expires_at: string;
  expired?: boolean;
  created_by_name?: string | null;
  request_count?: number;
  department_id?: Id;
  department_name?: string | null;
  role_ids?: Id[];
  phone?: string | null;
  email?: string | null;
  created_at?: string;
}

export interface JoinRequest {
  id: Id;
  name: string;
  phone: string | null;
  email: string | null;
  status: 'pending' | 'approved' | 'rejected';
  created_at: string;
  invitation_id?: Id;
  department_name?: string | null;
}

export function createInvitation(input: InvitationInput): Promise<Invitation> {
  return adminRequest<Invitation>('/invitations', { method: 'POST', body: input });
}

export async function listInvitations(): Promise<Invitation[]> {
  const r = await adminRequest<Invitation[] | { records: Invitation[] }>('/invitations');
  return Array.isArray(r) ? r : (r.records ?? []);
}

export function deleteInvitation(id: Id): Promise<void> {
  return adminRequest<void>(`/invitations/${path(id)}`, { method: 'DELETE' });
}

export async function listJoinRequests(status = 'pending'): Promise<JoinRequest[]> {
  const r = await adminRequest<JoinRequest[] | { records: JoinRequest[] }>('/join-requests', { query: { status } });
  return Array.isArray(r) ? r : (r.records ?? []);
}

export function approveJoinRequest(id: Id): Promise<unknown> {
  return adminRequest<unknown>(`/join-requests/${path(id)}/approve`, { method: 'POST' });
}

export function rejectJoinRequest(id: Id): Promise<unknown> {
  return adminRequest<unknown>(`/join-requests/${path(id)}/reject`, { method: 'POST' });
}

/** The full address of an invitation link, for copying. */
export function invitationLink(url: string, origin = window.location.origin): string {
  if (/^https?:\/\//i.test(url)) return url;
  return origin + (url.startsWith('/') ? url : `/${url}`);
}

// ---- roles ----------------------------------------------------------------------------

export interface Role {
  id: Id;
  code: string;
  name: string;
  description: string | null;
  is_system: boolean;
  user_count: number;
  permissions: Permissions;
}

export interface RoleInput {
  name?: string;
  description?: string | null;
  permissions?: Permissions;
}

export function listRoles(): Promise<{ records: Role[] }> {
  return adminRequest<{ records: Role[] }>('/roles');
}

export function getRole(id: Id): Promise<Role> {
  return adminRequest<Role>(`/roles/${path(id)}`);
}

export function createRole(input: RoleInput & { name: string }): Promise<Role> {
  return adminRequest<Role>('/roles', { method: 'POST', body: input });
}

export function updateRole(id: Id, input: RoleInput): Promise<Role> {
  return adminRequest<Role>(`/roles/${path(id)}`, { method: 'PATCH', body: input });
}

export function deleteRole(id: Id): Promise<void> {
  return adminRequest<void>(`/roles/${path(id)}`, { method: 'DELETE' });
}

export async function roleUsers(id: Id): Promise<OrgUser[]> {
  const r = await adminRequest<OrgUser[] | { records: OrgUser[] }>(`/roles/${path(id)}/users`);
  return Array.isArray(r) ? r : (r.records ?? []);
}

export function setRoleUsers(id: Id, userIds: Id[]): Promise<unknown> {
  return adminRequest<unknown>(`/roles/${path(id)}/users`, { method: 'PUT', body: { user_ids: userIds } });
}

// ---- handover -------------------------------------------------------------------------

export interface HandoverInput {
  to_user_id: Id;
  objects: string[];
}

/** The answer of a handover: how many records of each object moved (shape kept loose). */
export type HandoverResult = Record<string, unknown>;

export function handover(fromUserId: Id, input: HandoverInput): Promise<HandoverResult> {
  return adminRequest<HandoverResult>(`/users/${path(fromUserId)}/handover`, { method: 'POST', body: input });
}

/**
 * The per-object counts in a handover answer. Accepts `{"counts": {...}}`, `{"moved": {...}}`,
 * `{"objects": {...}}`, a list of `{object, count}` or the counts at the top level.
 */
export function handoverCounts(result: unknown): Record<string, number> {
  if (typeof result !== 'object' || result === null) return {};
  const r = result as Record<string, unknown>;
  for (const key of ['counts', 'moved', 'objects', 'results']) {
    const inner = r[key];
    if (Array.isArray(inner)) {
      const out: Record<string, number> = {};
      for (const item of inner) {
        const i = item as Record<string, unknown>;
        const name = i?.object ?? i?.name;
        const count = i?.count ?? i?.moved;
        if (typeof name === 'string' && typeof count === 'number') out[name] = count;
      }
      return out;
    }
    if (typeof inner === 'object' && inner !== null) return handoverCounts(inner);
  }
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) if (typeof v === 'number') out[k] = v;
  return out;
}

// ---- object metadata (records engine) ---------------------------------------------------
// What the role editor and handover need from GET /meta/objects; these move to api/meta.ts
// when the records pages arrive.

export interface ObjectMeta {
  name: string;
  label: string;
  label_en?: string | null;
  custom: boolean;
}

export interface FieldMeta {
  name: string;
  label: string;
  label_en?: string | null;
  type?: string;
  /** Kept by the system (id, owner, timestamps): not subject to field security. */
  system?: boolean;
  custom?: boolean;
  read_only?: boolean;
}

export async function listObjectMeta(): Promise<ObjectMeta[]> {
  const r = await request<{ records: ObjectMeta[] } | ObjectMeta[]>('/meta/objects');
  return Array.isArray(r) ? r : (r.records ?? []);
}

export function getObjectMeta(name: string): Promise<ObjectMeta & { fields: FieldMeta[] }> {
  return request<ObjectMeta & { fields: FieldMeta[] }>(`/meta/objects/${path(name)}`);
}

/** A label from metadata in the UI's language. */
export function metaLabel(m: { label: string; label_en?: string | null }, locale: string): string {
  return locale === 'en' && m.label_en ? m.label_en : m.label;
}
