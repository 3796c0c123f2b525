// The columns of a record list: sensible defaults from metadata, and the person's own choice
// remembered per object (in localStorage, per signed-in user).
import type { FieldDef, ObjectDef } from '@/api/records';

import { isListable } from './fieldTypes';
import { titleField } from './format';

/** How many business fields the default columns show after the name. */
export const DEFAULT_COLUMN_COUNT = 6;

/** The fields that may be list columns, in metadata order. */
export function listableFields(def: Pick<ObjectDef, 'fields'>): FieldDef[] {
  return (def.fields ?? []).filter(isListable);
}

/** How telling a field is as a default column: short, structured values first. */
function columnScore(f: FieldDef): number {
  if (['url', 'region', 'textarea', 'multiselect', 'location', 'file', 'image'].includes(f.type)) return 0;
  if (['text', 'email'].includes(f.type)) return 1;
  return 2;
}

/**
 * Name first, then up to DEFAULT_COLUMN_COUNT business fields — structured ones (picklists,
 * lookups, amounts, dates, phones, numbers) before free text — in metadata order, then owner
 * and last change.
 */
export function defaultColumns(def: Pick<ObjectDef, 'fields' | 'name_field'>): string[] {
  const fields = listableFields(def);
  const title = titleField(def);
  const candidates = fields.filter((f) => !f.system && f.name !== title?.name && columnScore(f) > 0);
  const chosen = new Set(
    [...candidates]
      .sort((a, b) => columnScore(b) - columnScore(a) || candidates.indexOf(a) - candidates.indexOf(b))
      .slice(0, DEFAULT_COLUMN_COUNT)
      .map((f) => f.name),
  );
  const out: string[] = title ? [title.name] : [];
  for (const f of candidates) if (chosen.has(f.name)) out.push(f.name);
  for (const name of ['owner_id', 'updated_at']) {
    if (fields.some((f) => f.name === name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * A saved or chosen column list made safe: unknown, hidden or repeated names dropped, the
 * record's name kept first. Falls back to `fallback` when nothing usable remains.
 */
export function sanitizeColumns(columns: unknown, available: readonly string[], fallback: readonly string[], first?: string | null): string[] {
  const allowed = new Set(available);
  const out: string[] = [];
  if (Array.isArray(columns)) {
    for (const c of columns) {
      if (typeof c === 'string' && allowed.has(c) && !out.includes(c)) out.push(c);
    }
  }
  if (out.length === 0) return [...fallback].filter((c) => allowed.has(c));
  if (first && allowed.has(first)) {
    const at = out.indexOf(first);
    if (at !== 0) {
      if (at > 0) out.splice(at, 1);
      out.unshift(first);
    }
  }
  return out;
}

const PREFIX = 'xieli.columns';

/** The storage key of one person's columns of one object. */
export function columnsKey(userKey: string, object: string): string {
  return `${PREFIX}.${userKey}.${object}`;
}

/** The remembered columns, or null when none (or storage is unavailable). */
export function loadColumnPrefs(userKey: string, object: string, storage: Pick<Storage, 'getItem'> | null = safeStorage()): string[] | null {
  try {
    const raw = storage?.getItem(columnsKey(userKey, object));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((c) => typeof c === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Remembers the columns; null forgets them (back to the defaults). */
export function saveColumnPrefs(
  userKey: string,
  object: string,
  columns: readonly string[] | null,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null = safeStorage(),
): void {
  try {
    if (columns === null) storage?.removeItem(columnsKey(userKey, object));
    else storage?.setItem(columnsKey(userKey, object), JSON.stringify(columns));
  } catch {
    // Not remembered; harmless.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Moves a column one place up (-1) or down (+1); the list is returned unchanged at the ends. */
export function moveColumn(columns: readonly string[], name: string, step: -1 | 1): string[] {
  const out = [...columns];
  const at = out.indexOf(name);
  const to = at + step;
  if (at < 0 || to < 0 || to >= out.length) return out;
  [out[at], out[to]] = [out[to]!, out[at]!];
  return out;
}
