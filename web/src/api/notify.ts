// Notifications, preferences, SMTP settings and the scheduler: docs/api/notifications.md,
// server/src/modules/notify/, server/src/jobs/.
import type { Id } from './records';
import { request } from './request';

export interface NotificationLink {
  object: string;
  record_id: number;
}

export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: NotificationLink | null;
  read: boolean;
  read_at: string | null;
  created_at: string;
}

/** A notification as the WebSocket pushes it: Chinese title/body plus the English ones. */
export interface PushedNotification extends AppNotification {
  title_en?: string;
  body_en?: string;
  unread_count?: number;
}

export interface NotificationPage {
  records: AppNotification[];
  total?: number;
  next_cursor?: string | null;
}

export interface KindPreference {
  kind: string;
  label: string;
  in_app: boolean;
  email: boolean;
}

const seg = (v: Id) => encodeURIComponent(String(v));

export function listNotifications(query: { limit?: number; cursor?: string | null; unread?: boolean } = {}): Promise<NotificationPage> {
  return request<NotificationPage>('/notifications', {
    query: { limit: query.limit, cursor: query.cursor ?? undefined, unread: query.unread ? true : undefined },
  });
}

export async function unreadCount(): Promise<number> {
  const r = await request<{ count: number }>('/notifications/unread-count');
  return typeof r.count === 'number' ? r.count : 0;
}

export function markRead(id: Id): Promise<AppNotification> {
  return request<AppNotification>(`/notifications/${seg(id)}/read`, { method: 'POST' });
}

export function markAllRead(): Promise<{ updated: number }> {
  return request<{ updated: number }>('/notifications/read-all', { method: 'POST' });
}

export async function getPreferences(): Promise<KindPreference[]> {
  const r = await request<{ kinds: KindPreference[] }>('/notifications/preferences');
  return r.kinds ?? [];
}

export async function savePreferences(
  preferences: { kind: string; in_app?: boolean; email?: boolean }[],
): Promise<KindPreference[]> {
  const r = await request<{ kinds: KindPreference[] }>('/notifications/preferences', { method: 'PUT', body: { preferences } });
  return r.kinds ?? [];
}

// ---- SMTP (admin) ------------------------------------------------------------------------------

export type SmtpTls = 'none' | 'starttls' | 'tls';

export interface SmtpSettings {
  configured: boolean;
  host: string;
  port: number;
  tls: SmtpTls;
  username: string;
  has_password: boolean;
  from_address: string;
  from_name: string;
}

export interface SmtpInput {
  host: string;
  port: number;
  tls: SmtpTls;
  username?: string;
  /** Left out: kept; '': cleared. */
  password?: string;
  from_address: string;
  from_name?: string;
}

export interface SmtpLogEntry {
  id: number;
  to: string;
  subject: string;
  kind: string | null;
  notification_id: number | null;
  status: 'sent' | 'failed';
  error: string | null;
  attempt: number;
  created_at: string;
}

export function getSmtp(): Promise<SmtpSettings> {
  return request<SmtpSettings>('/settings/smtp');
}

export function saveSmtp(input: SmtpInput): Promise<SmtpSettings> {
  return request<SmtpSettings>('/settings/smtp', { method: 'PUT', body: input });
}

export function testSmtp(to: string): Promise<{ sent: boolean; error?: string }> {
  return request<{ sent: boolean; error?: string }>('/settings/smtp/test', { method: 'POST', body: { to } });
}

export function smtpLog(query: { limit?: number; cursor?: string | null } = {}): Promise<{ records: SmtpLogEntry[]; next_cursor?: string | null }> {
  return request('/settings/smtp/log', { query: { limit: query.limit, cursor: query.cursor ?? undefined } });
}

// ---- scheduler (admin) -------------------------------------------------------------------------

export interface JobRun {
  id: number;
  attempt: number;
  runner: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  error: string | null;
  /** What the run did, e.g. {"purged": 12, "kept_referenced": 1}; null when it had nothing to say or failed. */
  result: Record<string, unknown> | null;
}

export interface ScheduledJob {
  id: number;
  name: string;
  recurring: boolean;
  spec: string | null;
  status: string;
  next_run_at: string | null;
  attempt: number;
  running: boolean;
  lease_until: string | null;
  last_run_at: string | null;
  last_status: string | null;
  last_error: string | null;
  runs: JobRun[];
}

export async function listJobs(): Promise<ScheduledJob[]> {
  const r = await request<{ records: ScheduledJob[] }>('/admin/jobs');
  return r.records ?? [];
}
