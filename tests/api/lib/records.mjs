// What many API tests do the same way with records and error answers: the records URL of an
// object, creating something the test needs (and failing the test at once when the server refuses),
// and checking an error answer against the shape of API.md.
import assert from 'node:assert/strict';

/** `/api/v1/objects/<object>/records` */
export const rec = (object) => `/api/v1/objects/${object}/records`;

/** POSTs `body` to `path` and returns what was created; fails the test unless the answer is 201. */
export async function mustCreate(client, path, body) {
  const res = await client.post(path, body);
  assert.equal(res.status, 201, `POST ${path} ${JSON.stringify(body)} → ${res.status} ${res.text}`);
  return res.json;
}

/** Creates a record of `object` and returns it (201 or the test fails). */
export const create = (client, object, body) => mustCreate(client, rec(object), body);

/** An error answer of API.md: this status, this `error.code`, and a message (a string) for people. */
export function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.error?.code, code, res.text);
  assert.equal(typeof res.json.error.message, 'string');
}
