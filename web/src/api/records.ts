// The records engine (API.md "Metadata" and "Records"): the same calls serve every object,
// standard or custom. Shapes follow server/src/records/meta_routes.cpp, metadata.cpp and
// record_routes.cpp.
import { request } from './request';

export type Id = number | string;

/** Field types of ARCHITECTURE.md "Metadata-driven records", as the API names them. */
export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'select'
  | 'multiselect'
  | 'user'
  | 'department'
  | 'lookup'
  | 'phone'
  | 'email'
  | 'url'
  | 'region'
  | 'location'
  | 'autonumber'
  | 'file'
  | 'image'
  | 'formula';

/** A data scope of a role (none … all). */
export type Scope = 'none' | 'self' | 'department' | 'department_tree' | 'all';

/** What the caller may do with an object (GET /meta/objects[/{object}] `permissions`). */
export interface ObjectPermissions {
  create: boolean;
  read: Scope | string;
  update: Scope | string;
  delete: Scope | string;
  import?: boolean;
  export?: boolean;
  transfer?: boolean;
}

export interface FieldDef {
  name: string;
  type: FieldType | string;
  label: string;
  label_en?: string | null;
  required?: boolean;
  unique?: boolean;
  searchable?: boolean;
  sortable?: boolean;
  custom?: boolean;
  /** Kept by the engine (id, owner_id, created_at …). */
  system?: boolean;
  /** Not writable: system, business rule, formula, autonumber, or read-only for the caller. */
  read_only?: boolean;
  help?: string;
  help_en?: string;
  default?: unknown;
  min?: number;
  max?: number;
  max_length?: number;
  picklist?: string;
  lookup_object?: string;
  autonumber_format?: string;
  formula?: string;
}

/** A section of a layout: a title and the field names in order. */
export interface LayoutSection {
  label?: string;
  label_en?: string | null;
  title?: string;
  title_en?: string | null;
  fields: (string | { name: string })[];
}

export interface ObjectDef {
  name: string;
  label: string;
  label_en?: string | null;
  custom: boolean;
  name_field: string;
  icon?: string;
  permissions?: ObjectPermissions;
  /** Only in GET /meta/objects/{object}: the fields the caller may see. */
  fields?: FieldDef[];
  /** Layouts, when the server has them (`{detail: {sections}}` or a list). */
  layouts?: unknown;
  layout?: unknown;
}

export interface PicklistOption {
  value: string;
  label: string;
  label_en?: string | null;
  sort_order?: number;
  disabled?: boolean;
  color?: string | null;
  /** The option above this one in a tree picklist (产品分类 软件 → 标准版); null at the top. */
  parent?: string | null;
}

export interface Picklist {
  name: string;
  label: string;
  label_en?: string | null;
  system?: boolean;
  options: PicklistOption[];
}

/** One record as the API returns it: field values plus display labels. */
export interface RecordData {
  id: number;
  version?: number;
  owner_id?: number | null;
  /** Labels for users, departments, lookups and picklist values, in the caller's language. */
  _display?: Record<string, string | (string | null)[] | null>;
  [field: string]: unknown;
}

export interface RecordPage {
  records: RecordData[];
  /** The matches, counted up to a cap (1 000): see `total_capped`. */
  total?: number;
  /** True when there are more matches than `total` says (the count stopped at the cap). */
  total_capped?: boolean;
  next_cursor?: string | null;
}

export type SortDir = 'asc' | 'desc';

export interface SortSpec {
  field: string;
  dir: SortDir;
}

export interface FilterCondition {
  field: string;
  op: string;
  value?: unknown;
}

export type FilterNode = { and: FilterNode[] } | { or: FilterNode[] } | FilterCondition;

/** The body of POST /objects/{object}/query. */
export interface QueryBody {
  filter?: FilterNode | null;
  sort?: SortSpec[];
  q?: string;
  fields?: string[];
  limit?: number;
  cursor?: string | null;
  offset?: number;
  total?: boolean;
}

export interface HistoryEntry {
  id: number;
  field: string;
  field_label: string;
  old_value: unknown;
  new_value: unknown;
  /** A module's name for the value (the pool's name for pool_id), when it has one. */
  old_label?: string;
  new_label?: string;
  actor_id: number | null;
  actor_name: string;
  at: string;
}

export interface SavedView {
  id: Id;
  name: string;
  filter: FilterNode | null;
  sort: SortSpec[];
  columns: string[];
  shared: boolean;
  owner_id?: Id;
  mine: boolean;
  /** Fields of filter conditions left out because they were deleted (or are hidden from the caller). */
  missing_fields?: string[];
  /** Labels of those fields that were deleted and can be restored, by API name (never of a hidden field). */
  missing_field_labels?: Record<string, { label: string; label_en: string }>;
  /** How many filter conditions were left out for those fields; saving the view keeps them, except the purged ones. */
  hidden_conditions?: number;
  /** Those of missing_fields that exist nowhere any more (purged for good): saving the view removes their conditions. */
  purged_fields?: string[];
  /** How many of the left-out conditions use the purged fields. */
  purged_conditions?: number;
}

export type SavedViewInput = Omit<
  SavedView,
  'id' | 'owner_id' | 'mine' | 'missing_fields' | 'missing_field_labels' | 'hidden_conditions' | 'purged_fields' | 'purged_conditions'
>;

export interface Collaborator {
  user_id: Id;
  name: string;
  can_edit: boolean;
}

const seg = (v: Id) => encodeURIComponent(String(v));
const objectPath = (object: string) => `/objects/${seg(object)}`;

// ---- metadata -------------------------------------------------------------------------

export async function listObjects(): Promise<ObjectDef[]> {
  const r = await request<{ records: ObjectDef[] }>('/meta/objects');
  return r.records ?? [];
}

export function getObject(object: string): Promise<ObjectDef> {
  return request<ObjectDef>(`/meta/objects/${seg(object)}`);
}

export function getPicklist(name: string): Promise<Picklist> {
  return request<Picklist>(`/meta/picklists/${seg(name)}`);
}

// ---- records --------------------------------------------------------------------------

/** A group of POST /objects/{object}/aggregate: the key values, their labels, the figures. */
export interface AggregateGroup {
  key: Record<string, unknown>;
  _display?: Record<string, string | null>;
  /** `count`, `sum_<field>`, `weighted_sum_<field>` …: counts are numbers, money a decimal string. */
  [measure: string]: unknown;
}

export interface AggregateResult {
  groups: AggregateGroup[];
  totals: Record<string, unknown>;
  truncated: boolean;
}

export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** The body of POST /objects/{object}/aggregate (server/src/records/aggregate.h). */
export interface AggregateBody {
  filter?: FilterNode | null;
  q?: string;
  group_by?: (string | { field: string; bucket?: DateBucket })[];
  measures?: { op: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'weighted_sum'; field?: string; weight?: string }[];
  limit?: number;
}

/** Counts and sums over exactly the records the same filter lists (scope and field security included). */
export function aggregateRecords(object: string, body: AggregateBody, signal?: AbortSignal): Promise<AggregateResult> {
  return request<AggregateResult>(`${objectPath(object)}/aggregate`, { method: 'POST', body, signal });
}

export function queryRecords(object: string, body: QueryBody, signal?: AbortSignal): Promise<RecordPage> {
  return request<RecordPage>(`${objectPath(object)}/query`, { method: 'POST', body, signal });
}

export function getRecord(object: string, id: Id): Promise<RecordData> {
  return request<RecordData>(`${objectPath(object)}/records/${seg(id)}`);
}

export function createRecord(object: string, values: Record<string, unknown>): Promise<RecordData> {
  return request<RecordData>(`${objectPath(object)}/records`, { method: 'POST', body: values });
}

/** Send `version` to be told (409) when someone else changed the record meanwhile. */
export function updateRecord(object: string, id: Id, values: Record<string, unknown>): Promise<RecordData> {
  return request<RecordData>(`${objectPath(object)}/records/${seg(id)}`, { method: 'PATCH', body: values });
}

/** Moves the record to the recycle bin. */
export function deleteRecord(object: string, id: Id): Promise<void> {
  return request<void>(`${objectPath(object)}/records/${seg(id)}`, { method: 'DELETE' });
}

export function restoreRecord(object: string, id: Id): Promise<RecordData> {
  return request<RecordData>(`${objectPath(object)}/records/${seg(id)}/restore`, { method: 'POST' });
}

export async function recordHistory(object: string, id: Id): Promise<HistoryEntry[]> {
  const r = await request<{ records: HistoryEntry[] }>(`${objectPath(object)}/records/${seg(id)}/history`);
  return r.records ?? [];
}

export function transferRecords(object: string, ids: Id[], toUserId: Id): Promise<{ transferred: number }> {
  return request<{ transferred: number }>(`${objectPath(object)}/transfer`, {
    method: 'POST',
    body: { ids: ids.map(Number), to_user_id: Number(toUserId) },
  });
}

// ---- saved views ----------------------------------------------------------------------

export async function listViews(object: string): Promise<SavedView[]> {
  const r = await request<{ records: SavedView[] }>(`${objectPath(object)}/views`);
  return r.records ?? [];
}

export function createView(object: string, view: SavedViewInput): Promise<SavedView> {
  return request<SavedView>(`${objectPath(object)}/views`, { method: 'POST', body: view });
}

export function updateView(object: string, id: Id, view: Partial<SavedViewInput>): Promise<SavedView> {
  return request<SavedView>(`${objectPath(object)}/views/${seg(id)}`, { method: 'PATCH', body: view });
}

export function deleteView(object: string, id: Id): Promise<void> {
  return request<void>(`${objectPath(object)}/views/${seg(id)}`, { method: 'DELETE' });
}

// ---- collaborators (联合跟进人) ---------------------------------------------------------

export async function listCollaborators(object: string, id: Id): Promise<Collaborator[]> {
  const r = await request<{ records: Collaborator[] }>(`${objectPath(object)}/records/${seg(id)}/collaborators`);
  return r.records ?? [];
}

export function addCollaborator(object: string, id: Id, userId: Id, canEdit: boolean): Promise<unknown> {
  return request<unknown>(`${objectPath(object)}/records/${seg(id)}/collaborators`, {
    method: 'POST',
    body: { user_id: Number(userId), can_edit: canEdit },
  });
}

export function removeCollaborator(object: string, id: Id, userId: Id): Promise<void> {
  return request<void>(`${objectPath(object)}/records/${seg(id)}/collaborators/${seg(userId)}`, { method: 'DELETE' });
}

// ---- the directory, as far as record pages need it ------------------------------------

export interface UserBrief {
  id: Id;
  name: string;
}

/** One person of the directory (any signed-in user may read it). */
export function getUserBrief(id: Id): Promise<UserBrief> {
  return request<UserBrief>(`/users/${seg(id)}`);
}
