// Files of file and image fields (附件 / 图片, docs/api/files.md): what the server says of a stored
// file, its address, sizes as people read them, and the files of a record's field from its
// `_display` (the server lists them there, so no request per file).
import { API_BASE } from '@/api/request';

/** A stored file as POST /files answers and `_display` lists it. */
export interface StoredFile {
  id: number;
  name: string;
  size: number;
  content_type: string;
  url: string;
}

/** Image types a browser shows (what image fields accept on the server). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'] as const;

export function isImage(file: Pick<StoredFile, 'content_type'>): boolean {
  return (IMAGE_TYPES as readonly string[]).includes(file.content_type);
}

/** Where a file is downloaded (the session cookie authenticates it, so an <img> or a link works). */
export function fileUrl(id: number): string {
  return `${API_BASE}/files/${id}`;
}

/** 1 234 567 → "1.2 MB"; bytes below 1 KB as bytes. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10} ${units[i]}`;
}

function isStoredFile(v: unknown): v is StoredFile {
  const f = v as StoredFile;
  return typeof v === 'object' && v !== null && typeof f.id === 'number' && typeof f.name === 'string';
}

/**
 * The files of a record's field, in the field's order: from `_display` where the server named
 * them, else just the ids (a file the caller cannot see named).
 */
export function filesOf(record: { _display?: Record<string, unknown> } & Record<string, unknown>, field: string): StoredFile[] {
  const ids = Array.isArray(record[field]) ? (record[field] as unknown[]).filter((x): x is number => typeof x === 'number') : [];
  const shown = record._display?.[field];
  const byId = new Map<number, StoredFile>();
  if (Array.isArray(shown)) for (const f of shown) if (isStoredFile(f)) byId.set(f.id, f);
  return ids.map((id) => byId.get(id) ?? { id, name: `#${id}`, size: -1, content_type: '', url: fileUrl(id) });
}
