// The file store's one write: an upload (POST /files, the file as the body, its name in the query).
import { requestRaw } from '@/api/request';

import type { StoredFile } from './files';

/** Uploads `file`; the server reads its type from the bytes and answers what it stored. */
export async function uploadFile(file: File): Promise<StoredFile> {
  const response = await requestRaw(`/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
    contentType: file.type || 'application/octet-stream',
  });
  return (await response.json()) as StoredFile;
}
