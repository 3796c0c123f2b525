import type { SavedView } from '@/api/records';

import { labelOf } from './format';

/**
 * What the list tells the user about the filter conditions of a saved view it leaves out, in three
 * kinds (the server's view answer tells them apart, docs/api/records.md "Saved views"):
 * - on fields an administrator deleted and can still restore: named by their labels in the user's
 *   language; the server keeps these conditions, and restoring the field brings them back;
 * - on fields the user may not see: only counted (their names are not the user's to read); kept;
 * - on fields that exist nowhere any more (purged for good): counted; saving the view removes them.
 */
export interface ViewNotice {
  /** Labels of the deleted (restorable) fields, in the view's order. */
  deleted: string[];
  /** How many other fields the left-out conditions use that still exist (hidden by field security). */
  unseen: number;
  /** How many conditions use fields that were purged for good (the server's purged_conditions). */
  purged: number;
}

/** The notice for `view`, or null when it leaves nothing out. */
export function viewNotice(
  view: Pick<SavedView, 'missing_fields' | 'missing_field_labels' | 'purged_fields' | 'purged_conditions'> | null | undefined,
  locale: string,
): ViewNotice | null {
  const missing = view?.missing_fields ?? [];
  const purged = view?.purged_conditions ?? 0;
  if (missing.length === 0 && purged === 0) return null;
  const labels = view?.missing_field_labels ?? {};
  const gone = new Set(view?.purged_fields ?? []);
  const deleted: string[] = [];
  let unseen = 0;
  for (const name of missing) {
    const label = labels[name];
    if (label) deleted.push(labelOf(label, locale));
    else if (!gone.has(name)) unseen += 1;
  }
  if (deleted.length === 0 && unseen === 0 && purged === 0) return null;
  return { deleted, unseen, purged };
}

/** vue-i18n's t with named values. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

const KEYS = 'records.views.leftOut';

/**
 * The notice as the list's alert shows it: the title says what is left out and why, the
 * description what becomes of it. Conditions on purged fields have the title to themselves when
 * nothing else is left out, and otherwise close the description (they are the ones not kept).
 */
export function viewNoticeText(notice: ViewNotice, t: Translate, locale: string): { title: string; description: string } {
  const join = (parts: string[]) => parts.filter((p) => p !== '').join(locale === 'en' ? ' ' : '');
  const kept: string[] = [];
  const fields = quotedList(notice.deleted, locale);
  if (notice.deleted.length > 0) kept.push(t(`${KEYS}.${notice.deleted.length === 1 ? 'deletedOne' : 'deleted'}`, { fields }));
  if (notice.unseen > 0) kept.push(notice.unseen === 1 ? t(`${KEYS}.unseenOne`) : t(`${KEYS}.unseen`, { n: notice.unseen }));
  const purged = notice.purged === 0 ? '' : notice.purged === 1 ? t(`${KEYS}.purgedOne`) : t(`${KEYS}.purged`, { n: notice.purged });
  if (kept.length === 0) return { title: purged, description: '' };
  const keep = t(`${KEYS}.${notice.deleted.length > 0 ? 'keptRestore' : 'kept'}`);
  return { title: join(kept), description: join([keep, purged]) };
}

/** Field labels as a list in running text: 「A」、「B」 in Chinese, "A", "B" in English. */
export function quotedList(labels: string[], locale: string): string {
  return locale === 'en' ? labels.map((l) => `"${l}"`).join(', ') : labels.map((l) => `「${l}」`).join('、');
}
