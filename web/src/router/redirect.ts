/** Where signing in leads when no other page was asked for. */
export const HOME_PATH = '/workbench';

/**
 * The `redirect` query of the sign-in page, if it is a path inside this app. Anything
 * else (absolute URLs, `//host`, `/\host`) is refused so the page cannot be used to
 * send people to another site.
 */
export function safeRedirect(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string' || !v.startsWith('/')) return null;
  if (v.startsWith('//') || v.startsWith('/\\')) return null;
  if (/[\u0000-\u001f]/.test(v)) return null;
  return v;
}
