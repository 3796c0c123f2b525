// A record page that follows changes made by others: `record_changed` messages of the realtime
// socket for the record shown, from someone other than the signed-in person, coalesced so that
// a burst of saves reloads once.
import { onBeforeUnmount } from 'vue';

import { type RecordChanged, useRealtimeStore } from '@/stores/realtime';
import { useSessionStore } from '@/stores/session';

/** Whether `change` is about record `object`/`id` and was made by someone other than `me`. */
export function isForeignChange(change: Partial<RecordChanged> | null | undefined, object: string, id: string | number, me: unknown): boolean {
  if (!change || change.object !== object || String(change.id) !== String(id)) return false;
  // Changes by the system (jobs: actor null) count as someone else's.
  if (change.actor_id !== null && change.actor_id !== undefined && me !== null && me !== undefined && String(change.actor_id) === String(me)) return false;
  return true;
}

/**
 * Calls `onChange` (with the last change of a burst) when someone else changes the record.
 * Unsubscribes when the component goes.
 */
export function useRecordLive(object: () => string, id: () => string | number, onChange: (change: RecordChanged) => void, delayMs = 400): void {
  const realtime = useRealtimeStore();
  const session = useSessionStore();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: RecordChanged | null = null;
  const off = realtime.on('record_changed', (data) => {
    const change = data as RecordChanged;
    if (!isForeignChange(change, object(), id(), session.user?.id)) return;
    // A delete wins over updates in the same burst.
    if (!last || last.operation !== 'delete' || change.operation === 'restore') last = change;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const c = last!;
      last = null;
      onChange(c);
    }, delayMs);
  });
  onBeforeUnmount(() => {
    off();
    clearTimeout(timer);
  });
}
