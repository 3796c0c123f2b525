// The role editor's model: a role's `permissions` (docs/api/org.md "Roles") as a grid of
// objects × actions, and back. The grid always lists every standard object in the order
// the business thinks of them; objects and actions the grid does not know (custom objects,
// module actions such as `claim`) are carried through untouched so saving never loses them.
import type { Permissions } from '@/api/auth';

/** Standard objects, rows of the grid, in display order. */
export const STANDARD_OBJECTS = [
  'customer',
  'lead',
  'contact',
  'opportunity',
  'followup',
  'product',
  'competitor',
  'opportunity_competitor',
  'quote',
  'contract',
  'payment_plan',
  'payment',
  'invoice',
] as const;

/** Data scopes, narrowest first. */
export const SCOPES = ['none', 'self', 'department', 'department_tree', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** Actions whose value is a data scope. */
export const SCOPED_ACTIONS = ['read', 'update', 'delete'] as const;
/** Actions that are simply allowed or not. */
export const FLAG_ACTIONS = ['create', 'import', 'export', 'transfer'] as const;
/** Columns of the grid, in display order. */
export const MATRIX_ACTIONS = ['create', 'read', 'update', 'delete', 'import', 'export', 'transfer'] as const;

export type ScopedAction = (typeof SCOPED_ACTIONS)[number];
export type FlagAction = (typeof FLAG_ACTIONS)[number];
export type MatrixAction = (typeof MATRIX_ACTIONS)[number];

export const FIELD_ACCESS = ['hidden', 'read_only', 'editable'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];

/** One row of the grid: one object's grants. */
export interface MatrixRow {
  object: string;
  /** Whether it is one of STANDARD_OBJECTS (its label comes from i18n). */
  standard: boolean;
  create: boolean;
  read: Scope;
  update: Scope;
  delete: Scope;
  import: boolean;
  export: boolean;
  transfer: boolean;
  /** Other actions the server knows of for this object, kept as they were. */
  extra: Record<string, boolean | string>;
}

/** One field rule of one object. */
export interface FieldRule {
  field: string;
  access: FieldAccess;
}

export function isScope(v: unknown): v is Scope {
  return typeof v === 'string' && (SCOPES as readonly string[]).includes(v);
}

export function isScopedAction(a: string): a is ScopedAction {
  return (SCOPED_ACTIONS as readonly string[]).includes(a);
}

export function isFieldAccess(v: unknown): v is FieldAccess {
  return typeof v === 'string' && (FIELD_ACCESS as readonly string[]).includes(v);
}

function emptyRow(object: string): MatrixRow {
  return {
    object,
    standard: (STANDARD_OBJECTS as readonly string[]).includes(object),
    create: false,
    read: 'none',
    update: 'none',
    delete: 'none',
    import: false,
    export: false,
    transfer: false,
    extra: {},
  };
}

/**
 * The grid for a role's permissions: every standard object, then `known` objects (custom
 * objects the records engine reports), then any others the role names.
 */
export function toMatrix(permissions: Permissions | null | undefined, known: readonly string[] = []): MatrixRow[] {
  const objects = permissions?.objects ?? {};
  const names: string[] = [...STANDARD_OBJECTS];
  for (const name of [...known, ...Object.keys(objects)]) if (!names.includes(name)) names.push(name);

  return names.map((object) => {
    const row = emptyRow(object);
    const grant = objects[object] ?? {};
    for (const [action, value] of Object.entries(grant)) {
      if (isScopedAction(action)) {
        // `true` from an older shape means "everything"; anything unknown means nothing.
        row[action] = value === true ? 'all' : isScope(value) ? value : 'none';
      } else if ((FLAG_ACTIONS as readonly string[]).includes(action)) {
        row[action as FlagAction] = value === true || (typeof value === 'string' && value !== 'none');
      } else {
        row.extra[action] = value;
      }
    }
    return row;
  });
}

/** The `objects` member of `permissions` for a grid. */
export function fromMatrix(rows: readonly MatrixRow[]): NonNullable<Permissions['objects']> {
  const objects: NonNullable<Permissions['objects']> = {};
  for (const row of rows) {
    objects[row.object] = {
      ...row.extra,
      create: row.create,
      read: row.read,
      update: row.update,
      delete: row.delete,
      import: row.import,
      export: row.export,
      transfer: row.transfer,
    };
  }
  return objects;
}

/** The field rules of every object, as editable lists (object → rules, in the role's order). */
export function toFieldRules(permissions: Permissions | null | undefined): Record<string, FieldRule[]> {
  const out: Record<string, FieldRule[]> = {};
  for (const [object, rules] of Object.entries(permissions?.fields ?? {})) {
    out[object] = Object.entries(rules ?? {})
      .filter(([, access]) => isFieldAccess(access))
      .map(([field, access]) => ({ field, access: access as FieldAccess }));
  }
  return out;
}

/**
 * The `fields` member of `permissions`: blank names dropped, names trimmed, the last rule
 * for a name wins, objects left without rules omitted.
 */
export function fromFieldRules(rules: Readonly<Record<string, readonly FieldRule[]>>): NonNullable<Permissions['fields']> {
  const out: NonNullable<Permissions['fields']> = {};
  for (const [object, list] of Object.entries(rules)) {
    const o: Record<string, string> = {};
    for (const rule of list) {
      const field = rule.field.trim();
      if (field && isFieldAccess(rule.access)) o[field] = rule.access;
    }
    if (Object.keys(o).length > 0) out[object] = o;
  }
  return out;
}

/** A role's whole `permissions` from the two editors. */
export function toPermissions(rows: readonly MatrixRow[], fieldRules: Readonly<Record<string, readonly FieldRule[]>>): Permissions {
  return { objects: fromMatrix(rows), fields: fromFieldRules(fieldRules) };
}

/** A canonical string of a `permissions` value, to tell whether an edit changed anything. */
export function permissionsKey(p: Permissions): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort({ objects: p.objects ?? {}, fields: p.fields ?? {} }));
}

/** Grants everything on a row (全部) or nothing (清空). */
export function setRowAll(row: MatrixRow, on: boolean): void {
  for (const a of FLAG_ACTIONS) row[a] = on;
  for (const a of SCOPED_ACTIONS) row[a] = on ? 'all' : 'none';
}

/** Sets one column on every row. */
export function setColumn(rows: MatrixRow[], action: MatrixAction, value: boolean | Scope): void {
  for (const row of rows) {
    if (isScopedAction(action)) {
      if (isScope(value)) row[action] = value;
    } else if (typeof value === 'boolean') {
      row[action] = value;
    }
  }
}

/**
 * What a row may be missing to make sense: updating or deleting more than one can read is
 * accepted by the server but surprising, so the editor points it out.
 */
export function rowWarnings(row: MatrixRow): ScopedAction[] {
  const rank = (s: Scope) => SCOPES.indexOf(s);
  return (['update', 'delete'] as const).filter((a) => rank(row[a]) > rank(row.read));
}
