// The 角色权限 page's rows: a role keeps its grants on a deleted custom object (the server keeps
// them so that restoring the object brings them back), but the grid lists live objects only.
import type { MatrixRow } from '@/components/admin/permissionMatrix';

/** A role's grid rows: those shown, and those of objects the metadata no longer lists. */
export interface SplitRows {
  shown: MatrixRow[];
  hidden: MatrixRow[];
}

/**
 * Splits a role's rows: a row is hidden when its object is not standard and not in `live` (the
 * names of the live objects; null while they are unknown, when nothing is hidden). Saving sends
 * the hidden rows back as they were, so their grants stay on the server.
 */
export function splitDeletedObjects(rows: readonly MatrixRow[], live: readonly string[] | null): SplitRows {
  const out: SplitRows = { shown: [], hidden: [] };
  for (const row of rows) {
    if (live === null || row.standard || live.includes(row.object)) out.shown.push(row);
    else out.hidden.push(row);
  }
  return out;
}
