// The recycle bin page's choices that need no screen: which object to show, in what order the
// objects are offered, and how a count reads.
import type { BinObject } from '@/api/recycleBin';

/** Objects with deleted records first (most first), then the rest, each group by label. */
export function sortBinObjects(objects: readonly BinObject[]): BinObject[] {
  return [...objects].sort((a, b) => {
    if ((a.count > 0) !== (b.count > 0)) return a.count > 0 ? -1 : 1;
    if (a.count !== b.count) return b.count - a.count;
    return a.label.localeCompare(b.label, 'zh-CN');
  });
}

/** The object to show: the one asked for (the URL's), else the first with deleted records, else the first. */
export function chooseBinObject(objects: readonly BinObject[], wanted: string | null | undefined): BinObject | null {
  if (wanted) {
    const asked = objects.find((o) => o.object === wanted);
    if (asked) return asked;
  }
  return objects.find((o) => o.count > 0) ?? objects[0] ?? null;
}

/** "12", or "1000+" when the server stopped counting. */
export function binCount(o: Pick<BinObject, 'count' | 'count_capped'>): string {
  return o.count_capped ? `${o.count}+` : String(o.count);
}

/** The summary after `n` records of `object` left the bin (restored or purged). */
export function afterRemoval(objects: readonly BinObject[], object: string, n: number): BinObject[] {
  return objects.map((o) => (o.object === object && !o.count_capped ? { ...o, count: Math.max(0, o.count - n) } : o));
}
