// What the import dialog shows for the server's answer to POST /users/import: a summary and
// one line per row of the file, failed rows first, each error with the column it is about.
import type { ImportResult, ImportResultRow } from '@/api/org';

/** Columns of the template, in order; the server names them by these in `errors[].field`. */
export const IMPORT_FIELDS = [
  'name',
  'phone',
  'email',
  'department',
  'position',
  'supervisor',
  'roles',
] as const;

export interface ImportLine {
  /** Row number in the file as the server counts it (the header is row 1). */
  row: number;
  ok: boolean;
  name: string;
  /** One entry per problem: the column's label (if any) and the message. */
  problems: { field: string; label: string; message: string }[];
  /** The generated initial password of a created person (shown this once). */
  password: string;
}

export interface ImportSummary {
  total: number;
  created: number;
  failed: number;
  lines: ImportLine[];
  /** Whether every row went in. */
  allOk: boolean;
}

/**
 * Builds the summary. `fieldLabel` turns a field name into the column's label in the UI's
 * language; unknown fields keep their own name. Counts the server left out are taken from
 * the rows.
 */
export function mapImportResult(
  result: Partial<ImportResult> | null | undefined,
  fieldLabel: (field: string) => string | null,
): ImportSummary {
  const rows: ImportResultRow[] = Array.isArray(result?.rows) ? result.rows : [];
  const lines: ImportLine[] = rows.map((r) => {
    const ok = r.status === 'created';
    const problems = (Array.isArray(r.errors) ? r.errors : []).map((e) => {
      const field = typeof e.field === 'string' ? e.field : '';
      return { field, label: field ? (fieldLabel(field) ?? field) : '', message: e.message ?? '' };
    });
    return {
      row: Number(r.row) || 0,
      ok,
      name: typeof r.name === 'string' ? r.name : '',
      problems,
      password: ok && typeof r.initial_password === 'string' ? r.initial_password : '',
    };
  });
  lines.sort((a, b) => Number(a.ok) - Number(b.ok) || a.row - b.row);

  const created = typeof result?.created === 'number' ? result.created : lines.filter((l) => l.ok).length;
  const failed = typeof result?.failed === 'number' ? result.failed : lines.filter((l) => !l.ok).length;
  const total = typeof result?.total === 'number' ? result.total : created + failed;
  return { total, created, failed, lines, allOk: failed === 0 && total > 0 };
}

/**
 * The created people and their initial passwords, one per line ("name<TAB>password"), for
 * handing them on; empty when no password was generated.
 */
export function passwordList(summary: ImportSummary): string {
  return summary.lines
    .filter((l) => l.ok && l.password)
    .sort((a, b) => a.row - b.row)
    .map((l) => `${l.name || l.row}\t${l.password}`)
    .join('\n');
}

/** One problem as a sentence: "手机号：已被使用" / "Phone: already in use". */
export function problemText(p: { label: string; message: string }, separator: string): string {
  return p.label ? `${p.label}${separator}${p.message}` : p.message;
}
