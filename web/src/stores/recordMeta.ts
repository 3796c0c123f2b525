import { defineStore } from 'pinia';
import { ref } from 'vue';

import * as recordsApi from '@/api/records';
import type { ObjectDef, Picklist } from '@/api/records';

import { useSessionStore } from './session';

/**
 * The records engine's metadata as the signed-in person sees it (objects, their fields and
 * permissions, picklists), fetched once and shared by the navigation and the record pages.
 * Everything is forgotten when another person signs in.
 */
export const useRecordMetaStore = defineStore('recordMeta', () => {
  /** Every object with the caller's permissions (GET /meta/objects); null until known. */
  const objects = ref<ObjectDef[] | null>(null);
  let owner = '';
  let objectsLoad: Promise<ObjectDef[]> | null = null;
  const defs = new Map<string, Promise<ObjectDef>>();
  const picklists = new Map<string, Promise<Picklist>>();

  /** Who the cached metadata belongs to; a change drops it. */
  function checkOwner(): void {
    const session = useSessionStore();
    const key = `${session.tenant?.id ?? ''}:${session.user?.id ?? ''}`;
    if (key !== owner) {
      owner = key;
      objects.value = null;
      objectsLoad = null;
      defs.clear();
      picklists.clear();
    }
  }

  /** The key under which per-person preferences (columns) are kept. */
  function userKey(): string {
    checkOwner();
    return owner;
  }

  function loadObjects(force = false): Promise<ObjectDef[]> {
    checkOwner();
    if (!objectsLoad || force) {
      const p = recordsApi.listObjects().then(
        (list) => {
          if (objectsLoad === p) objects.value = list;
          return list;
        },
        (e: unknown) => {
          if (objectsLoad === p) objectsLoad = null;
          throw e;
        },
      );
      objectsLoad = p;
    }
    return objectsLoad;
  }

  /** One object with its fields (GET /meta/objects/{object}); a failure is not cached. */
  function loadObject(name: string): Promise<ObjectDef> {
    checkOwner();
    let p = defs.get(name);
    if (!p) {
      p = recordsApi.getObject(name);
      p.catch(() => defs.delete(name));
      defs.set(name, p);
    }
    return p;
  }

  /** Every readable object with its fields (for related lists); objects that fail are left out. */
  async function loadAllObjects(): Promise<ObjectDef[]> {
    const list = await loadObjects();
    const out = await Promise.all(
      list.filter((o) => o.permissions?.read !== 'none').map((o) => loadObject(o.name).catch(() => null)),
    );
    return out.filter((o): o is ObjectDef => o !== null);
  }

  function loadPicklist(name: string): Promise<Picklist> {
    checkOwner();
    let p = picklists.get(name);
    if (!p) {
      p = recordsApi.getPicklist(name);
      p.catch(() => picklists.delete(name));
      picklists.set(name, p);
    }
    return p;
  }

  /** Forget everything (after an administrator changed fields, say). */
  function invalidate(): void {
    owner = '';
    checkOwner();
  }

  return { objects, userKey, loadObjects, loadObject, loadAllObjects, loadPicklist, invalidate };
});
