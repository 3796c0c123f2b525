// The admin console's side of the records engine's metadata (API.md "Metadata",
// docs/api/records.md "Layouts", "Data dictionary", "Field settings"): objects and their
// fields, form and detail layouts, and the data dictionary. Every call goes through
// `adminRequest`, which asks for the password again when the server wants it. The record
// pages read the same metadata through api/records.ts and stores/recordMeta.ts.
import { adminRequest, type Id } from './security';

export type { Id };

const seg = (v: Id) => encodeURIComponent(String(v));

/** A field of an object as GET /meta/objects/{object} describes it. */
export interface MetaField {
  name: string;
  type: string;
  label: string;
  label_en?: string | null;
  required?: boolean;
  unique?: boolean;
  searchable?: boolean;
  sortable?: boolean;
  custom?: boolean;
  /** Kept by the engine (id, owner_id, created_at …): not changeable at all. */
  system?: boolean;
  /** Not typed in (system, autonumber, formula, or read-only for the caller). */
  read_only?: boolean;
  help?: string | null;
  help_en?: string | null;
  default?: unknown;
  min?: number | null;
  max?: number | null;
  max_length?: number | null;
  picklist?: string;
  lookup_object?: string;
  autonumber_format?: string;
  /** Not sent by the server yet; used when present (field order). */
  sort_order?: number;
}

export interface MetaObjectSummary {
  name: string;
  label: string;
  label_en?: string | null;
  custom: boolean;
  name_field?: string;
  icon?: string;
}

export type LayoutKind = 'form' | 'detail';

export interface LayoutSectionDef {
  title: string;
  title_en?: string | null;
  columns?: number;
  fields: string[];
}

export interface LayoutDef {
  object?: string;
  kind?: LayoutKind;
  /** Whether an administrator stored it; false for the default (fields in metadata order). */
  custom?: boolean;
  sections: LayoutSectionDef[];
}

export interface MetaObject extends MetaObjectSummary {
  fields: MetaField[];
  layouts?: Partial<Record<LayoutKind, LayoutDef>>;
}

export interface PicklistSummary {
  name: string;
  label: string;
  label_en?: string | null;
  system?: boolean;
}

export interface PicklistOptionDef {
  value: string;
  label: string;
  label_en?: string | null;
  sort_order?: number;
  disabled?: boolean;
  color?: string | null;
  /** The option above this one (a value of the same picklist); null at the top. */
  parent?: string | null;
}

export interface PicklistDef extends PicklistSummary {
  options: PicklistOptionDef[];
}

/** An option as PATCH/POST /meta/picklists take it: without `value` it is a new one. */
export interface PicklistOptionInput {
  value?: string;
  label: string;
  label_en?: string;
  disabled?: boolean;
  color?: string;
  /** The value of a saved option to sit under; left out: top level. */
  parent?: string;
}

export interface PicklistPatch {
  label?: string;
  label_en?: string;
  options?: PicklistOptionInput[];
}

export interface PicklistCreate {
  name?: string;
  label: string;
  label_en?: string;
  options: (string | PicklistOptionInput)[];
}

/** The body of POST /meta/objects/{object}/fields. */
export interface FieldCreate {
  label: string;
  label_en?: string;
  name?: string;
  type: string;
  required?: boolean;
  unique?: boolean;
  help?: string;
  help_en?: string;
  max_length?: number;
  min?: number;
  max?: number;
  default?: unknown;
  picklist?: string;
  options?: PicklistOptionInput[];
  lookup_object?: string;
  autonumber_format?: string;
}

/** The body of PATCH /meta/objects/{object}/fields/{field}: only what changes. */
export interface FieldPatch {
  label?: string;
  label_en?: string;
  help?: string | null;
  help_en?: string | null;
  required?: boolean;
  sort_order?: number;
  default?: unknown;
  min?: number | null;
  max?: number | null;
  max_length?: number | null;
}

export interface ObjectCreate {
  label: string;
  label_en?: string;
  icon?: string;
}

// ---- objects and fields ---------------------------------------------------------------

export async function listMetaObjects(): Promise<MetaObjectSummary[]> {
  const r = await adminRequest<{ records: MetaObjectSummary[] }>('/meta/objects');
  return r.records ?? [];
}

export function getMetaObject(object: string): Promise<MetaObject> {
  return adminRequest<MetaObject>(`/meta/objects/${seg(object)}`);
}

export function createMetaObject(body: ObjectCreate): Promise<MetaObject> {
  return adminRequest<MetaObject>('/meta/objects', { method: 'POST', body });
}

export function addField(object: string, body: FieldCreate): Promise<MetaField> {
  return adminRequest<MetaField>(`/meta/objects/${seg(object)}/fields`, { method: 'POST', body });
}

export function updateField(object: string, field: string, body: FieldPatch): Promise<MetaField> {
  return adminRequest<MetaField>(`/meta/objects/${seg(object)}/fields/${seg(field)}`, { method: 'PATCH', body });
}

/** The column and its data stay until purged. */
export function deleteField(object: string, field: string): Promise<void> {
  return adminRequest<void>(`/meta/objects/${seg(object)}/fields/${seg(field)}`, { method: 'DELETE' });
}

// ---- deleted objects and fields (docs/api/records.md "Deleted fields and objects") ----------

/** A custom object that was deleted: its table and records are kept until purged. */
export interface DeletedObject {
  name: string;
  label: string;
  label_en?: string | null;
  icon?: string;
  deleted_at: string;
  /** Its records outside the records' recycle bin. */
  record_count: number;
}

/** A custom field that was deleted: its column and data are kept until purged. */
export interface DeletedField {
  object: string;
  object_label: string;
  object_label_en?: string | null;
  /** Its object is deleted too: restore the object first. */
  object_deleted: boolean;
  name: string;
  label: string;
  label_en?: string | null;
  type: string;
  deleted_at: string;
}

export interface DeletedItems {
  objects: DeletedObject[];
  fields: DeletedField[];
}

export async function listDeleted(): Promise<DeletedItems> {
  const r = await adminRequest<Partial<DeletedItems>>('/meta/deleted');
  return { objects: r.objects ?? [], fields: r.fields ?? [] };
}

/** Deletes a custom object; `confirm` must be its API name. Its records are kept until purged. */
export function deleteMetaObject(object: string, confirm: string): Promise<void> {
  return adminRequest<void>(`/meta/objects/${seg(object)}`, { method: 'DELETE', query: { confirm } });
}

export function restoreMetaObject(object: string): Promise<MetaObjectSummary> {
  return adminRequest<MetaObjectSummary>(`/meta/objects/${seg(object)}/restore`, { method: 'POST' });
}

/** Drops a deleted object's table and records for good; `confirm` must be its API name. */
export function purgeMetaObject(object: string, confirm: string): Promise<void> {
  return adminRequest<void>(`/meta/objects/${seg(object)}/purge`, { method: 'DELETE', query: { confirm } });
}

export function restoreField(object: string, field: string): Promise<MetaField> {
  return adminRequest<MetaField>(`/meta/objects/${seg(object)}/fields/${seg(field)}/restore`, { method: 'POST' });
}

/** Drops a deleted field's column and data for good; `confirm` must be its API name. */
export function purgeField(object: string, field: string, confirm: string): Promise<void> {
  return adminRequest<void>(`/meta/objects/${seg(object)}/fields/${seg(field)}/purge`, {
    method: 'DELETE',
    query: { confirm },
  });
}

// ---- layouts --------------------------------------------------------------------------

const layoutPath = (object: string, kind: LayoutKind) => `/meta/objects/${seg(object)}/layouts/${seg(kind)}`;

export function getLayout(object: string, kind: LayoutKind): Promise<LayoutDef> {
  return adminRequest<LayoutDef>(layoutPath(object, kind));
}

export function putLayout(object: string, kind: LayoutKind, body: { sections: LayoutSectionDef[] }): Promise<LayoutDef> {
  return adminRequest<LayoutDef>(layoutPath(object, kind), { method: 'PUT', body });
}

/** Back to the default layout. */
export function resetLayout(object: string, kind: LayoutKind): Promise<void> {
  return adminRequest<void>(layoutPath(object, kind), { method: 'DELETE' });
}

// ---- the data dictionary --------------------------------------------------------------

export async function listPicklists(): Promise<PicklistSummary[]> {
  const r = await adminRequest<{ records: PicklistSummary[] }>('/meta/picklists');
  return r.records ?? [];
}

export function getPicklistDef(name: string): Promise<PicklistDef> {
  return adminRequest<PicklistDef>(`/meta/picklists/${seg(name)}`);
}

export function createPicklist(body: PicklistCreate): Promise<PicklistDef> {
  return adminRequest<PicklistDef>('/meta/picklists', { method: 'POST', body });
}

export function updatePicklist(name: string, body: PicklistPatch): Promise<PicklistDef> {
  return adminRequest<PicklistDef>(`/meta/picklists/${seg(name)}`, { method: 'PATCH', body });
}

/** The label of a metadata item (object, field, picklist, option) in the UI's language. */
export function metaText(item: { label: string; label_en?: string | null }, locale: string): string {
  return locale === 'en' && item.label_en ? item.label_en : item.label;
}
