// Client-side checks of the registration form. They mirror the server's rules so people
// see problems as they type; the server checks again and its answer is what counts.
// Each check returns the key of a message under `auth.rules`, or null when the value is fine.

export type RuleKey =
  | 'required'
  | 'companyLength'
  | 'nameLength'
  | 'phoneFormat'
  | 'emailFormat'
  | 'passwordLength'
  | 'passwordStrength'
  | 'passwordPersonal'
  | 'passwordMismatch';

/** Characters as a person counts them (code points, not UTF-16 units). */
function length(value: string): number {
  return [...value].length;
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function checkCompany(value: string): RuleKey | null {
  const v = value.trim();
  if (!v) return 'required';
  return length(v) < 2 || length(v) > 100 ? 'companyLength' : null;
}

export function checkName(value: string): RuleKey | null {
  const v = value.trim();
  if (!v) return 'required';
  return length(v) > 50 ? 'nameLength' : null;
}

export function checkPhone(value: string): RuleKey | null {
  const v = value.trim();
  if (!v) return 'required';
  return MOBILE_PATTERN.test(v) ? null : 'phoneFormat';
}

/** E-mail is optional; when given it must look like one. */
export function checkEmail(value: string): RuleKey | null {
  const v = value.trim();
  if (!v) return null;
  return v.length <= 254 && EMAIL_PATTERN.test(v) ? null : 'emailFormat';
}

export function checkPassword(password: string, phone = '', email = ''): RuleKey | null {
  if (!password) return 'required';
  if (length(password) < 8 || length(password) > 128) return 'passwordLength';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'passwordStrength';
  const lower = password.toLowerCase();
  const p = phone.trim();
  const local = email.trim().split('@')[0]!.toLowerCase();
  if ((p && lower.includes(p)) || (local.length >= 4 && lower.includes(local))) return 'passwordPersonal';
  return null;
}

export function checkConfirm(password: string, confirm: string): RuleKey | null {
  if (!confirm) return 'required';
  return confirm === password ? null : 'passwordMismatch';
}
