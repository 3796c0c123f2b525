// The file store's requests: an upload (POST /files, the file as the body, its name in the query),
// and the per-field limits of file and image fields (…/file-limits).
import { request, requestRaw } from '@/api/request';

import type { StoredFile } from './files';
import type { FieldFileLimits, FileKind, ObjectFileLimits } from './limits';

/** Uploads `file`; the server reads its type from the bytes and answers what it stored. */
export async function uploadFile(file: File): Promise<StoredFile> {
  const response = await requestRaw(`/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
    contentType: file.type || 'application/octet-stream',
  });
  return (await response.json()) as StoredFile;
}

// One request per object while the page lives; a save drops the object's answer.
const cache = new Map<string, Promise<ObjectFileLimits>>();

/** The limits of an object's file and image fields (cached). */
export function getFileLimits(object: string): Promise<ObjectFileLimits> {
  let p = cache.get(object);
  if (!p) {
    p = request<ObjectFileLimits>(`/meta/objects/${encodeURIComponent(object)}/file-limits`);
    p.catch(() => cache.delete(object));
    cache.set(object, p);
  }
  return p;
}

/** Sets one field's limits (full administrators); null / [] lift them. */
export async function putFileLimits(
  object: string,
  field: string,
  body: { max_size_mb: number | null; accept: FileKind[] | null },
): Promise<FieldFileLimits> {
  cache.delete(object);
  return request<FieldFileLimits>(
    `/meta/objects/${encodeURIComponent(object)}/fields/${encodeURIComponent(field)}/file-limits`,
    { method: 'PUT', body },
  );
}
