// Security (docs/api/org.md "Security"): the admin console's re-authentication, the
// caller's own password, sessions and two-step verification, and the enterprise-wide
// sign-in log and sessions for administrators.
//
// Every call the admin console makes goes through `adminRequest` (or `withReauth` for the
// few that are not plain JSON). When the server answers 403 `reauth_required` (the admin
// session has been idle for more than 15 minutes) it asks for the password once, through
// the prompt the console installed with `configureReauth`, and repeats the call.
import { ApiError, isApiError, request, type RequestOptions } from './request';

/** The error code of the 403 that asks for the password again. */
export const REAUTH_REQUIRED = 'reauth_required';

export type Id = number | string;

/**
 * Asks the person for their password and calls `reauth` with it. Resolves true once the
 * server has accepted it, false when the person gave up.
 */
export type ReauthPrompt = () => Promise<boolean>;

const noPrompt: ReauthPrompt = () => Promise.resolve(false);
let prompt: ReauthPrompt = noPrompt;
/** The prompt being shown, shared by every call that ran into `reauth_required` meanwhile. */
let pending: Promise<boolean> | null = null;

/** Installs the password prompt (the admin console does this); null removes it. */
export function configureReauth(next: ReauthPrompt | null): void {
  prompt = next ?? noPrompt;
}

export function isReauthRequired(e: unknown): e is ApiError {
  return isApiError(e) && e.status === 403 && e.code === REAUTH_REQUIRED;
}

function askOnce(): Promise<boolean> {
  if (!pending) {
    pending = prompt()
      .catch(() => false)
      .finally(() => {
        pending = null;
      });
  }
  return pending;
}

/**
 * Runs `call`; when it fails with `reauth_required`, asks for the password and runs it once
 * more. If the person cancels, the original error is thrown.
 */
export async function withReauth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!isReauthRequired(e)) throw e;
    const ok = await askOnce();
    if (!ok) throw e;
    return call();
  }
}

/** `request()` for the admin console's endpoints: the same, plus re-authentication. */
export function adminRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return withReauth(() => request<T>(path, options));
}

/** Refreshes the admin console's 15-minute window. A wrong password is not a sign-out. */
export function reauth(password: string): Promise<void> {
  return request<void>('/auth/reauth', { method: 'POST', body: { password }, redirectOn401: false });
}

// ---- my own security ------------------------------------------------------------------

export interface SessionInfo {
  id: Id;
  created_at: string;
  last_seen_at: string | null;
  ip: string | null;
  user_agent: string | null;
  expires_at?: string | null;
  /** The session of this browser. */
  current?: boolean;
  /** Set on the administrators' view of sessions. */
  user_id?: Id;
  user_name?: string;
}

/** 204; the person's other sessions end. */
export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return request<void>('/auth/change-password', {
    method: 'POST',
    body: { old_password: oldPassword, new_password: newPassword },
    // 401 here may mean "old password wrong" rather than "signed out".
    redirectOn401: false,
  });
}

/** Lists may come bare or as `{records}`; both are accepted. */
export function recordsOf<T>(value: T[] | { records?: T[] } | null | undefined): T[] {
  if (Array.isArray(value)) return value;
  return value?.records ?? [];
}

export async function mySessions(): Promise<SessionInfo[]> {
  return recordsOf(await request<SessionInfo[] | { records: SessionInfo[] }>('/auth/sessions'));
}

export function revokeMySession(id: Id): Promise<void> {
  return request<void>(`/auth/sessions/${encodeURIComponent(String(id))}`, { method: 'DELETE' });
}

export interface TotpSetup {
  secret: string;
  otpauth_url: string;
}

export function totpSetup(): Promise<TotpSetup> {
  return request<TotpSetup>('/auth/totp/setup', { method: 'POST' });
}

export function totpEnable(code: string): Promise<void> {
  return request<void>('/auth/totp/enable', { method: 'POST', body: { code } });
}

export function totpDisable(password: string): Promise<void> {
  return request<void>('/auth/totp/disable', { method: 'POST', body: { password }, redirectOn401: false });
}

// ---- the enterprise's sign-ins and sessions (admin area `logs`) ------------------------

export interface SigninLogEntry {
  id: Id;
  /** When it happened. */
  at: string;
  user_id: Id | null;
  user_name?: string | null;
  /** What was typed as the account (phone or e-mail), for failures of unknown people. */
  login?: string | null;
  ip: string | null;
  user_agent: string | null;
  success: boolean;
  /** What happened: `ok`, `registered`, `wrong_password`, `locked`, `totp_invalid`, `reauth` … */
  reason?: string | null;
}

export interface SigninLogQuery {
  user_id?: Id;
  success?: boolean;
  /** ISO-8601 time or a date (`2026-11-23`, a day in China time); both ends inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  records: T[];
  total?: number;
  next_cursor?: string | null;
}

export function signinLog(query: SigninLogQuery = {}): Promise<Page<SigninLogEntry>> {
  return adminRequest<Page<SigninLogEntry>>('/security/signin-log', { query: { ...query } });
}

export interface SessionQuery {
  user_id?: Id;
  limit?: number;
  cursor?: string;
}

export function enterpriseSessions(query: SessionQuery = {}): Promise<Page<SessionInfo>> {
  return adminRequest<Page<SessionInfo>>('/security/sessions', { query: { ...query } });
}

export function revokeEnterpriseSession(id: Id): Promise<void> {
  return adminRequest<void>(`/security/sessions/${encodeURIComponent(String(id))}`, { method: 'DELETE' });
}
