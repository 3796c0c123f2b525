import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import * as orgApi from '@/api/org';
import type { Department, DepartmentNode, FieldMeta, Id, ObjectMeta, Role } from '@/api/org';

/**
 * Departments and roles as the admin console last read them, shared by its pages and
 * dialogs (filters, pickers). Pages that change them call `loadDepartments(true)` /
 * `loadRoles(true)` afterwards.
 */
export const useOrgDirectoryStore = defineStore('orgDirectory', () => {
  const departments = ref<Department[]>([]);
  const tree = ref<DepartmentNode[]>([]);
  const roles = ref<Role[]>([]);
  let departmentsLoad: Promise<void> | null = null;
  let rolesLoad: Promise<void> | null = null;
  let departmentsLoaded = false;
  let rolesLoaded = false;

  /** Objects of the records engine; null until known, or when the server has no metadata yet. */
  const objects = ref<ObjectMeta[] | null>(null);
  let objectsLoad: Promise<ObjectMeta[] | null> | null = null;
  const fieldsByObject = new Map<string, Promise<FieldMeta[] | null>>();

  const departmentById = computed(() => new Map(departments.value.map((d) => [String(d.id), d])));

  function loadDepartments(force = false): Promise<void> {
    if (departmentsLoaded && !force) return Promise.resolve();
    if (!departmentsLoad || force) {
      departmentsLoad = orgApi
        .listDepartments()
        .then((r) => {
          departments.value = r.records ?? [];
          tree.value = r.tree ?? [];
          departmentsLoaded = true;
        })
        .finally(() => {
          departmentsLoad = null;
        });
    }
    return departmentsLoad;
  }

  function loadRoles(force = false): Promise<void> {
    if (rolesLoaded && !force) return Promise.resolve();
    if (!rolesLoad || force) {
      rolesLoad = orgApi
        .listRoles()
        .then((r) => {
          roles.value = r.records ?? [];
          rolesLoaded = true;
        })
        .finally(() => {
          rolesLoad = null;
        });
    }
    return rolesLoad;
  }

  /**
   * The records engine's objects, or null when it cannot say (not built yet, or failed); `force`
   * asks again (an object may have been deleted or restored since).
   */
  function loadObjects(force = false): Promise<ObjectMeta[] | null> {
    if (!objectsLoad || force) {
      objectsLoad = orgApi
        .listObjectMeta()
        .then((list) => (objects.value = list))
        .catch(() => {
          objectsLoad = null;
          return null;
        });
    }
    return objectsLoad;
  }

  /** The fields of an object that field security applies to (not system ones), or null. */
  function loadFields(object: string): Promise<FieldMeta[] | null> {
    let p = fieldsByObject.get(object);
    if (!p) {
      p = orgApi
        .getObjectMeta(object)
        .then((m) => (m.fields ?? []).filter((f) => !f.system))
        .catch(() => {
          fieldsByObject.delete(object);
          return null;
        });
      fieldsByObject.set(object, p);
    }
    return p;
  }

  function departmentName(id: Id | null | undefined): string {
    return id === null || id === undefined ? '' : (departmentById.value.get(String(id))?.name ?? '');
  }

  /** The ids of a department and every department below it. */
  function subtreeIds(id: Id): Set<string> {
    const out = new Set<string>([String(id)]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const d of departments.value) {
        if (d.parent_id !== null && out.has(String(d.parent_id)) && !out.has(String(d.id))) {
          out.add(String(d.id));
          grew = true;
        }
      }
    }
    return out;
  }

  return {
    departments,
    tree,
    roles,
    objects,
    departmentById,
    loadDepartments,
    loadRoles,
    loadObjects,
    loadFields,
    departmentName,
    subtreeIds,
  };
});
