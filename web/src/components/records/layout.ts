// Sections of the detail page (from the object's layout when the server has one), and the
// related lists: every object with a lookup field pointing at this one.
import type { FieldDef, ObjectDef } from '@/api/records';

export interface Section {
  key: string;
  /** A title from the layout; absent for the built-in sections (the page names them). */
  label?: string;
  label_en?: string | null;
  /** Fields per row (1–3) as the layout says; absent: the page's default. */
  columns?: number;
  fields: FieldDef[];
}

/** System fields shown in the "system information" section, in this order. */
export const SYSTEM_SECTION_FIELDS = ['owner_id', 'department_id', 'created_by', 'created_at', 'updated_by', 'updated_at'];

interface RawSection {
  columns?: unknown;
  label?: unknown;
  label_en?: unknown;
  title?: unknown;
  title_en?: unknown;
  name?: unknown;
  fields?: unknown;
}

/**
 * The sections of a layout (`layouts.detail` or `layouts.form` of GET /meta/objects/{object},
 * server/src/records/layouts.h) in any of the shapes a server may send; null when there are none.
 */
function layoutSections(def: Pick<ObjectDef, 'layouts' | 'layout'>, kind: 'detail' | 'form' = 'detail'): RawSection[] | null {
  const candidates: unknown[] = [];
  const layouts = def.layouts as Record<string, unknown> | unknown[] | undefined;
  const isKind = (l: unknown) => {
    const o = l as { name?: unknown; kind?: unknown; type?: unknown } | null;
    return o?.kind === kind || o?.name === kind || o?.type === kind;
  };
  if (Array.isArray(layouts)) {
    candidates.push(layouts.find(isKind) ?? (kind === 'detail' ? layouts[0] : undefined));
  } else if (layouts && typeof layouts === 'object') {
    candidates.push(layouts[kind]);
    if (kind === 'detail') candidates.push(layouts.default);
  }
  if (kind === 'detail') candidates.push(def.layout);
  for (const c of candidates) {
    const sections = Array.isArray(c) ? c : (c as { sections?: unknown } | undefined)?.sections;
    if (Array.isArray(sections) && sections.length > 0) return sections as RawSection[];
  }
  return null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const columnsOf = (s: RawSection): number | undefined =>
  typeof s.columns === 'number' && s.columns >= 1 && s.columns <= 3 ? Math.floor(s.columns) : undefined;

function nameOf(n: unknown): string | undefined {
  return typeof n === 'string' ? n : str((n as { name?: unknown } | null)?.name);
}

/**
 * The detail page's sections: the layout's (fields the caller may not see left out, and any
 * visible business field the layout forgot added to the first section), else one section of
 * every business field; the system information last unless the layout placed it.
 */
export function detailSections(def: Pick<ObjectDef, 'fields' | 'layouts' | 'layout'>): Section[] {
  const fields = def.fields ?? [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  const business = fields.filter((f) => !f.system);
  const out: Section[] = [];
  const placed = new Set<string>();
  const raw = layoutSections(def, 'detail');
  if (raw) {
    raw.forEach((s, i) => {
      const list: FieldDef[] = [];
      for (const n of Array.isArray(s.fields) ? s.fields : []) {
        const name = nameOf(n);
        const f = name ? byName.get(name) : undefined;
        if (f && f.name !== 'version' && !placed.has(f.name)) {
          placed.add(f.name);
          list.push(f);
        }
      }
      const label = str(s.label) ?? str(s.title) ?? str(s.name);
      if (list.length > 0) {
        out.push({ key: `s${i}`, label, label_en: str(s.label_en) ?? str(s.title_en) ?? null, columns: columnsOf(s), fields: list });
      }
    });
    const rest = business.filter((f) => !placed.has(f.name));
    if (rest.length > 0) {
      const first = out.find((s) => s.fields.some((f) => !f.system));
      if (first) first.fields.push(...rest);
      else out.unshift({ key: 'main', fields: rest });
    }
  } else if (business.length > 0) {
    out.push({ key: 'main', fields: business });
  }
  if (![...placed].some((n) => byName.get(n)?.system)) {
    const system = SYSTEM_SECTION_FIELDS.map((n) => byName.get(n)).filter((f): f is FieldDef => !!f);
    if (system.length > 0) out.push({ key: 'system', fields: system });
  }
  return out;
}

/**
 * The form's sections: the form layout's, keeping only fields the form can show (`allowed`,
 * in metadata order) and adding any required one it lacks; else one section of them all.
 */
export function formSections(def: Pick<ObjectDef, 'layouts' | 'layout'>, allowed: readonly FieldDef[]): Section[] {
  const byName = new Map(allowed.map((f) => [f.name, f]));
  const raw = layoutSections(def, 'form');
  if (!raw) return allowed.length > 0 ? [{ key: 'main', fields: [...allowed] }] : [];
  const out: Section[] = [];
  const placed = new Set<string>();
  raw.forEach((s, i) => {
    const list: FieldDef[] = [];
    for (const n of Array.isArray(s.fields) ? s.fields : []) {
      const name = nameOf(n);
      const f = name ? byName.get(name) : undefined;
      if (f && !placed.has(f.name)) {
        placed.add(f.name);
        list.push(f);
      }
    }
    const label = str(s.label) ?? str(s.title) ?? str(s.name);
    if (list.length > 0) out.push({ key: `s${i}`, label, label_en: str(s.label_en) ?? str(s.title_en) ?? null, columns: columnsOf(s), fields: list });
  });
  const missing = allowed.filter((f) => f.required && !f.read_only && !placed.has(f.name));
  if (missing.length > 0) {
    if (out.length > 0) out[0]!.fields.unshift(...missing);
    else out.push({ key: 'main', fields: missing });
  }
  return out.length > 0 ? out : allowed.length > 0 ? [{ key: 'main', fields: [...allowed] }] : [];
}

/** A related list: records of `object` whose `field` points at the record shown. */
export interface RelatedList {
  object: string;
  field: string;
  objectDef: ObjectDef;
  fieldDef: FieldDef;
}

/** Every (object, lookup field) pair pointing at `target`, among objects the caller may read. */
export function relatedLists(target: string, defs: readonly ObjectDef[]): RelatedList[] {
  const out: RelatedList[] = [];
  for (const d of defs) {
    if (d.permissions && d.permissions.read === 'none') continue;
    for (const f of d.fields ?? []) {
      if (f.type === 'lookup' && f.lookup_object === target) {
        out.push({ object: d.name, field: f.name, objectDef: d, fieldDef: f });
      }
    }
  }
  return out;
}
