import type { SavedView } from '@/api/records';

import { labelOf } from './format';

/**
 * What the list tells the user about the filter conditions of a saved view it leaves out: those on
 * fields an administrator deleted (named by their labels in the user's language) and those on
 * fields the user may not see (only counted: their names are not the user's to read). The server
 * keeps every such condition in the stored view.
 */
export interface ViewNotice {
  /** Labels of the deleted fields, in the view's order. */
  deleted: string[];
  /** How many other fields the left-out conditions use (hidden by field security, or purged). */
  unseen: number;
}

/** The notice for `view`, or null when it leaves nothing out. */
export function viewNotice(
  view: Pick<SavedView, 'missing_fields' | 'missing_field_labels'> | null | undefined,
  locale: string,
): ViewNotice | null {
  const missing = view?.missing_fields ?? [];
  if (missing.length === 0) return null;
  const labels = view?.missing_field_labels ?? {};
  const deleted: string[] = [];
  let unseen = 0;
  for (const name of missing) {
    const label = labels[name];
    if (label) deleted.push(labelOf(label, locale));
    else unseen += 1;
  }
  return { deleted, unseen };
}

/** Field labels as a list in running text: 「A」、「B」 in Chinese, "A", "B" in English. */
export function quotedList(labels: string[], locale: string): string {
  return locale === 'en' ? labels.map((l) => `"${l}"`).join(', ') : labels.map((l) => `「${l}」`).join('、');
}
