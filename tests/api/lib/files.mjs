// Files for the file store's tests (POST /api/v1/files, docs/api/files.md): a small real PNG, and
// an upload of raw bytes with the name in X-File-Name as the web app sends it.
import { raw } from './jobs.mjs';

/** An 8×8 red PNG (valid: browsers draw it). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGO4Y6OBFTEMLQkAb5lQAdZVdE8AAAAASUVORK5CYII=',
  'base64',
);

/** A tiny PDF by its magic number (enough for the server's sniffing). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** POST /api/v1/files with `bytes` as the body; `contentType` is what the client claims (ignored by the server). */
export const uploadFile = (client, bytes, name, contentType = 'application/octet-stream') =>
  raw(client, 'POST', '/api/v1/files', {
    body: bytes,
    contentType,
    ...(name === undefined ? {} : { headers: { 'X-File-Name': encodeURIComponent(name) } }),
  });
