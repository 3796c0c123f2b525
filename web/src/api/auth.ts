// Enterprises and sign-in (API.md "Enterprises and sign-in").
import { ApiError, request } from './request';

export interface Tenant {
  id: number | string;
  name: string;
  code: string;
}

export interface User {
  id: number | string;
  name: string;
  phone: string | null;
  email: string | null;
  is_admin?: boolean;
  must_change_password?: boolean;
}

export interface Role {
  id: number | string;
  name: string;
  code: string;
}

/** Effective permissions of the signed-in user; the shape of a role's `permissions`. */
export interface Permissions {
  objects?: Record<string, Record<string, boolean | string>>;
  fields?: Record<string, Record<string, string>>;
}

export interface Me {
  user: User;
  tenant: Tenant;
  roles: Role[];
  permissions: Permissions;
}

export interface RegisterInput {
  company: string;
  name: string;
  phone: string;
  email?: string;
  password: string;
}

export interface LoginInput {
  /** Phone number or e-mail. */
  login: string;
  password: string;
  /** Enterprise code, needed when the person belongs to several enterprises. */
  tenant?: string;
}

export interface AuthResult {
  token: string;
  user: User;
  tenant: Tenant;
}

/** An enterprise offered for choice when a login matches people in several of them. */
export interface TenantChoice {
  code: string;
  name: string;
}

// The session cookie set by these calls is what keeps the user signed in; the returned
// token is for API clients and is deliberately not stored by the web app.

export function register(input: RegisterInput): Promise<AuthResult> {
  return request<AuthResult>('/auth/register', { method: 'POST', body: input, redirectOn401: false });
}

export function login(input: LoginInput): Promise<AuthResult> {
  return request<AuthResult>('/auth/login', { method: 'POST', body: input, redirectOn401: false });
}

export function logout(): Promise<void> {
  return request<void>('/auth/logout', { method: 'POST', redirectOn401: false });
}

export function me(): Promise<Me> {
  return request<Me>('/me', { redirectOn401: false });
}

/** The enterprises to choose from when login answered 409 with `error.tenants`, else null. */
export function tenantChoices(error: unknown): TenantChoice[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const tenants = error.body.tenants;
  if (!Array.isArray(tenants)) return null;
  const out = tenants
    .filter((t): t is TenantChoice => typeof t?.code === 'string' && typeof t?.name === 'string')
    .map((t) => ({ code: t.code, name: t.name }));
  return out.length > 0 ? out : null;
}
