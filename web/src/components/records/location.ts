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

/** What the inputs show: a stored value, or a draft as typed (a half-typed coordinate stays). */
export function draftOf(value: unknown): LocationDraft {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const coord = (c: unknown) => (typeof c === 'number' ? String(c) : typeof c === 'string' ? c : '');
  return {
    lat: coord(v.lat),
    lng: coord(v.lng),
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
  // An address alone is a location (the coordinates come later, e.g. on a visit).
  if (!lat && !lng) return { address };
  return { lat: lat || null, lng: lng || null, address };
}
