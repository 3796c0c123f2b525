// Background jobs (exports, imports) and the raw bytes of their files, for API tests.
import assert from 'node:assert/strict';

/** A request whose answer is kept as bytes too (files), with the JSON when it is JSON. */
export async function raw(client, method, path, { body, contentType, headers: extra = {} } = {}) {
  const headers = { Authorization: `Bearer ${client.token}`, 'Accept-Language': client.lang, ...extra };
  if (contentType) headers['Content-Type'] = contentType;
  const res = await fetch(client.baseUrl + path, { method, headers, body });
  const buf = Buffer.from(await res.arrayBuffer());
  let json = null;
  try {
    json = JSON.parse(buf.toString('utf8'));
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, buf, json, text: buf.toString('utf8') };
}

/** POST …/import/upload: the file as the body, its type as Content-Type. */
export const upload = (client, object, body, contentType) =>
  raw(client, 'POST', `/api/v1/objects/${object}/import/upload`, { body, contentType });

/** Polls GET /jobs/{id} until the job is done or failed. */
export async function waitJob(client, id, timeoutMs = 300000) {
  const started = Date.now();
  for (;;) {
    const res = await client.get(`/api/v1/jobs/${id}`);
    assert.equal(res.status, 200, res.text);
    if (res.json.status === 'done' || res.json.status === 'failed') return res.json;
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${res.json.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** POST …/export → 202 with the job's address → the job done → its file. */
export async function exportRecords(client, object, body, timeoutMs = 300000) {
  const res = await client.post(`/api/v1/objects/${object}/export`, body);
  assert.equal(res.status, 202, res.text);
  assert.equal(res.headers.get('location'), `/api/v1/jobs/${res.json.id}`);
  const job = await waitJob(client, res.json.id, timeoutMs);
  assert.equal(job.status, 'done', JSON.stringify(job));
  const file = await raw(client, 'GET', `/api/v1/jobs/${job.id}/file`);
  assert.equal(file.status, 200, file.text);
  return { job, file };
}
