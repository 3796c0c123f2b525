// The import wizard's model (docs/api/import-export.md "Import"): the column → field mapping
// (prefilled from the server's suggestion), what is wrong with it, and the match fields.
import type { DuplicateMode, ImportField, ImportUpload } from '@/api/crm';

export type Mapping = Record<string, string | null>;

/** The server's suggestion, limited to the file's columns and to fields one may map to. */
export function initialMapping(upload: Pick<ImportUpload, 'columns' | 'mapping' | 'fields'>): Mapping {
  const known = new Set(upload.fields.map((f) => f.name));
  const used = new Set<string>();
  const out: Mapping = {};
  for (const c of upload.columns) {
    const f = upload.mapping?.[c] ?? null;
    if (f && known.has(f) && !used.has(f)) {
      out[c] = f;
      used.add(f);
    } else out[c] = null;
  }
  return out;
}

export interface MappingProblems {
  /** Nothing is imported. */
  empty: boolean;
  /** Required fields without a column (labels), unless existing records are updated. */
  missingRequired: string[];
  /** Fields named by more than one column (labels). */
  duplicateFields: string[];
}

export function mappingProblems(mapping: Mapping, fields: readonly ImportField[], duplicate: DuplicateMode): MappingProblems {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const counts = new Map<string, number>();
  for (const f of Object.values(mapping)) if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
  const mapped = new Set(counts.keys());
  return {
    empty: mapped.size === 0,
    missingRequired:
      duplicate === 'update' ? [] : fields.filter((f) => f.required && !f.match_only && !mapped.has(f.name)).map((f) => f.label),
    duplicateFields: [...counts.entries()].filter(([, n]) => n > 1).map(([f]) => byName.get(f)?.label ?? f),
  };
}

export const hasProblems = (p: MappingProblems) => p.empty || p.missingRequired.length > 0 || p.duplicateFields.length > 0;

const MATCH_TYPES = new Set(['text', 'phone', 'email', 'url', 'autonumber']);

/** Fields that can identify existing records: mapped ones of a matchable type, or `id`. */
export function matchFields(mapping: Mapping, fields: readonly ImportField[]): ImportField[] {
  const mapped = new Set(Object.values(mapping).filter((f): f is string => !!f));
  return fields.filter((f) => mapped.has(f.name) && (f.name === 'id' || f.match_only || MATCH_TYPES.has(f.type)));
}

/** The match field to start with: the one kept if still possible, else `name`, else the first. */
export function defaultMatchField(options: readonly ImportField[], current = ''): string {
  if (current && options.some((f) => f.name === current)) return current;
  return options.find((f) => f.name === 'name')?.name ?? options[0]?.name ?? '';
}

/** The result counts of a finished import job, as numbers. */
export function importCounts(result: Record<string, unknown>): { total: number; created: number; updated: number; skipped: number; failed: number } {
  const n = (k: string) => (typeof result[k] === 'number' ? (result[k] as number) : Number(result[k] ?? 0) || 0);
  return { total: n('total'), created: n('created'), updated: n('updated'), skipped: n('skipped'), failed: n('failed') };
}

/** A job's progress in percent (0 while the total is unknown). */
export function jobPercent(progress: { done: number; total: number } | undefined, finished = false): number {
  if (finished) return 100;
  if (!progress || !progress.total) return 0;
  return Math.max(0, Math.min(100, Math.floor((progress.done / progress.total) * 100)));
}
