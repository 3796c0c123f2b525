// Joining an enterprise through an invitation link (docs/api/org.md "invitations"). Public:
// the person opening the link is not signed in.
import { request } from './request';

/** What an invitation link leads to. */
export interface JoinInfo {
  tenant: { name: string };
  department: { name: string } | null;
}

export interface JoinInput {
  name: string;
  phone: string;
  email?: string;
  password: string;
}

const tokenPath = (token: string) => `/join/${encodeURIComponent(token)}`;

/** The enterprise and department of a link; 404 when the link is unknown or expired. */
export function getJoinInfo(token: string): Promise<JoinInfo> {
  return request<JoinInfo>(tokenPath(token), { redirectOn401: false });
}

/** Sends a join request; an administrator approves it before the person can sign in. */
export function submitJoin(token: string, input: JoinInput): Promise<{ status: string }> {
  return request<{ status: string }>(tokenPath(token), { method: 'POST', body: input, redirectOn401: false });
}
