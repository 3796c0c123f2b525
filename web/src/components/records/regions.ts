// The 省/市/区 table behind region fields: the mainland's administrative divisions from the
// @vant/area-data package (MIT; codes of the national standard GB/T 2260), loaded only when a
// region picker opens. A region is stored as the names joined by "/": "浙江省/杭州市/西湖区".

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

let cached: Promise<RegionOption[]> | null = null;

/** Provinces → cities → districts, by name. */
export function loadRegions(): Promise<RegionOption[]> {
  cached ??= import('@vant/area-data').then(({ useCascaderAreaData }) => toOptions(useCascaderAreaData()));
  return cached;
}

interface AreaOption {
  text: string;
  value: string;
  children?: AreaOption[];
}

export function toOptions(list: AreaOption[]): RegionOption[] {
  return list.map((o) => ({
    value: o.text,
    label: o.text,
    ...(o.children && o.children.length > 0 ? { children: toOptions(o.children) } : {}),
  }));
}

/** "浙江省/杭州市/西湖区" → ["浙江省", "杭州市", "西湖区"]; [] for nothing. */
export function regionPath(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The stored text of a chosen path; null when nothing is chosen. */
export function regionValue(path: readonly string[] | null | undefined): string | null {
  const parts = (path ?? []).map((s) => s.trim()).filter((s) => s !== '');
  return parts.length > 0 ? parts.join('/') : null;
}
