// A location field's value: {"lat", "lng", "address"} (the server checks lat ±90, lng ±180).

export interface LocationValue {
  lat: number;
  lng: number;
  address?: string;
}

export interface LocationDraft {
  lat: string;
  lng: string;
  address: string;
}

export function draftOf(value: unknown): LocationDraft {
  const v = (value && typeof value === 'object' ? value : {}) as Partial<LocationValue>;
  return {
    lat: typeof v.lat === 'number' ? String(v.lat) : '',
    lng: typeof v.lng === 'number' ? String(v.lng) : '',
    address: typeof v.address === 'string' ? v.address : '',
  };
}

/**
 * What to save: null when nothing is filled in, the value when both coordinates are numbers in
 * range, else the draft as typed (the server then names the problem under the field).
 */
export function locationOf(d: LocationDraft): LocationValue | null | Record<string, unknown> {
  const lat = d.lat.trim();
  const lng = d.lng.trim();
  const address = d.address.trim();
  if (!lat && !lng && !address) return null;
  const la = Number(lat);
  const ln = Number(lng);
  if (lat && lng && Number.isFinite(la) && Number.isFinite(ln) && Math.abs(la) <= 90 && Math.abs(ln) <= 180) {
    return address ? { lat: la, lng: ln, address } : { lat: la, lng: ln };
  }
  return { lat: lat || null, lng: lng || null, address };
}
