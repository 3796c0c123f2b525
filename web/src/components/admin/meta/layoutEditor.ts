// 布局设计 without the UI: a layout being edited (sections of field names), the operations on
// it (move a field, add, rename, reorder and remove sections), the fields not placed yet, and
// the PUT body and the server's 422 details per section (docs/api/records.md "Layouts").
import type { FieldError } from '@/api/request';
import type { LayoutDef, LayoutKind, MetaField } from '@/api/meta';

export const MAX_SECTIONS = 30;
export const MAX_COLUMNS = 3;

export interface SectionDraft {
  /** Stable while editing (v-for key, drop target); not sent. */
  key: string;
  title: string;
  title_en: string;
  columns: number;
  fields: string[];
}

export interface LayoutDraft {
  sections: SectionDraft[];
}

let nextKey = 0;
const newKey = () => `s${++nextKey}`;

const clampColumns = (n: unknown) => {
  const c = typeof n === 'number' && Number.isFinite(n) ? Math.round(n) : 2;
  return Math.min(MAX_COLUMNS, Math.max(1, c));
};

/** A draft of what the server sent. */
export function toDraft(layout: Pick<LayoutDef, 'sections'> | null | undefined): LayoutDraft {
  return {
    sections: (layout?.sections ?? []).map((s) => ({
      key: newKey(),
      title: s.title ?? '',
      // The server repeats the Chinese title when there is no English one.
      title_en: s.title_en && s.title_en !== s.title ? s.title_en : '',
      columns: clampColumns(s.columns),
      fields: (s.fields ?? []).filter((f): f is string => typeof f === 'string'),
    })),
  };
}

/** The body of PUT …/layouts/{kind}. */
export function toPutBody(draft: LayoutDraft): { sections: { title: string; title_en?: string; columns: number; fields: string[] }[] } {
  return {
    sections: draft.sections.map((s) => ({
      title: s.title.trim(),
      ...(s.title_en.trim() ? { title_en: s.title_en.trim() } : {}),
      columns: s.columns,
      fields: [...s.fields],
    })),
  };
}

/** A comparable form of the draft, to tell whether anything changed. */
export function draftKey(draft: LayoutDraft): string {
  return JSON.stringify(toPutBody(draft));
}

/** Where a field sits: section index and position, or null when it is not placed. */
export function findField(draft: LayoutDraft, field: string): { section: number; index: number } | null {
  for (let s = 0; s < draft.sections.length; s++) {
    const index = draft.sections[s]!.fields.indexOf(field);
    if (index >= 0) return { section: s, index };
  }
  return null;
}

/**
 * Puts `field` into section `section` before position `index` (the end when null), taking it
 * out of wherever it was. Moving within a section counts the position without the field
 * itself, so dropping a field on its own place changes nothing.
 */
export function moveField(draft: LayoutDraft, field: string, section: number, index: number | null = null): LayoutDraft {
  const target = draft.sections[section];
  if (!target) return draft;
  const from = findField(draft, field);
  let at = index ?? target.fields.length;
  if (from && from.section === section && from.index < at) at -= 1;
  const sections = draft.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== field) }));
  const fields = sections[section]!.fields;
  fields.splice(Math.max(0, Math.min(at, fields.length)), 0, field);
  return { sections };
}

/** Takes `field` out of the layout (back to the unused fields). */
export function removeField(draft: LayoutDraft, field: string): LayoutDraft {
  return { sections: draft.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f !== field) })) };
}

/** Adds an empty section at the end (nothing when there are already 30). */
export function addSection(draft: LayoutDraft, title: string, title_en = '', columns = 2): LayoutDraft {
  if (draft.sections.length >= MAX_SECTIONS) return draft;
  return { sections: [...draft.sections, { key: newKey(), title, title_en, columns: clampColumns(columns), fields: [] }] };
}

/** Removes a section; its fields go back to the unused ones. */
export function removeSection(draft: LayoutDraft, section: number): LayoutDraft {
  if (section < 0 || section >= draft.sections.length) return draft;
  return { sections: draft.sections.filter((_, i) => i !== section) };
}

/** Moves a section from one place to another. */
export function moveSection(draft: LayoutDraft, from: number, to: number): LayoutDraft {
  const n = draft.sections.length;
  if (from < 0 || from >= n || to < 0 || to >= n || from === to) return draft;
  const sections = [...draft.sections];
  const [s] = sections.splice(from, 1);
  sections.splice(to, 0, s!);
  return { sections };
}

/** Changes a section's titles or columns. */
export function updateSection(
  draft: LayoutDraft,
  section: number,
  change: Partial<Pick<SectionDraft, 'title' | 'title_en' | 'columns'>>,
): LayoutDraft {
  return {
    sections: draft.sections.map((s, i) =>
      i === section ? { ...s, ...change, ...(change.columns !== undefined ? { columns: clampColumns(change.columns) } : {}) } : s,
    ),
  };
}

/**
 * Whether a field may be placed on a layout of this kind. A form holds what people type in
 * (the server refuses the rest); the owner is changed by a transfer, so the default form
 * leaves it out and so does the palette. The detail page shows everything but the id and
 * the version counter.
 */
export function placeable(field: MetaField, kind: LayoutKind): boolean {
  if (field.name === 'id' || field.name === 'version') return false;
  if (kind === 'form') return !field.system && !field.read_only && field.type !== 'formula' && field.type !== 'autonumber';
  return true;
}

/** Fields that could be placed but are not, in metadata order. */
export function unusedFields(draft: LayoutDraft, fields: readonly MetaField[], kind: LayoutKind): MetaField[] {
  const placed = new Set(draft.sections.flatMap((s) => s.fields));
  return fields.filter((f) => placeable(f, kind) && !placed.has(f.name));
}

/**
 * Required fields a form must hold but does not (the server answers 422 for them), unless
 * they have a default. Empty for a detail layout.
 */
export function missingRequired(draft: LayoutDraft, fields: readonly MetaField[], kind: LayoutKind): MetaField[] {
  if (kind !== 'form') return [];
  const placed = new Set(draft.sections.flatMap((s) => s.fields));
  return fields.filter(
    (f) => f.required && placeable(f, 'form') && !placed.has(f.name) && (f.default === undefined || f.default === null),
  );
}

/** Problems to fix before saving, as message keys (with the section index where one applies). */
export function checkDraft(draft: LayoutDraft): { key: string; section?: number }[] {
  const out: { key: string; section?: number }[] = [];
  if (draft.sections.length === 0) out.push({ key: 'noSections' });
  draft.sections.forEach((s, i) => {
    if (!s.title.trim()) out.push({ key: 'titleRequired', section: i });
    else if ([...s.title.trim()].length > 30) out.push({ key: 'titleTooLong', section: i });
  });
  return out;
}

/** The server's 422 details, sorted by what they name. */
export interface LayoutErrors {
  /** By section index (`sections[2].title` …). */
  sections: Record<number, string[]>;
  /** By field name (a required field missing from the form). */
  fields: Record<string, string[]>;
  /** Everything else (`sections` itself, …). */
  general: string[];
}

export function layoutErrors(details: readonly FieldError[]): LayoutErrors {
  const out: LayoutErrors = { sections: {}, fields: {}, general: [] };
  for (const d of details) {
    const m = /^sections\[(\d+)\]/.exec(d.field);
    if (m) {
      (out.sections[Number(m[1])] ??= []).push(d.message);
    } else if (d.field && d.field !== 'sections' && /^[a-z][a-z0-9_]*$/.test(d.field)) {
      (out.fields[d.field] ??= []).push(d.message);
    } else {
      out.general.push(d.message);
    }
  }
  return out;
}
