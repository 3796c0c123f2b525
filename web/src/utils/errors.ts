import { ApiError } from '@/api/request';
import { i18n } from '@/locales';

/** Whole minutes or seconds, in the current language. */
export function formatWait(seconds: number): string {
  const { t } = i18n.global;
  return seconds >= 60 ? t('errors.minutes', { n: Math.ceil(seconds / 60) }) : t('errors.seconds', { n: seconds });
}

/**
 * A sentence to show the user for a failed call: the server's own message (already in the
 * user's language, thanks to Accept-Language) when there is one, else a generic text.
 */
export function errorText(error: unknown): string {
  const { t } = i18n.global;
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.status === 0) return t('errors.network');
  let text = error.message;
  if (!text) text = error.status >= 500 ? t('errors.server', { status: error.status }) : t('errors.generic');
  if (error.status === 429 && error.retryAfter) {
    text = text.replace(/[。．.！!]+$/u, '');
    text += i18n.global.locale.value === 'en' ? '. ' : '，';
    text += t('errors.retryAfter', { time: formatWait(error.retryAfter) });
  }
  return text;
}
