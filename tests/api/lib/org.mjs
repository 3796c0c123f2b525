// Building an enterprise's organization for a test through the org API: its root department, its
// roles by code, and people in departments who can sign in.
import assert from 'node:assert/strict';

import { mustCreate } from './records.mjs';
import { uniqueIdentity } from './server.mjs';

/** The root department (the enterprise itself). */
export async function rootOf(client) {
  const res = await client.get('/api/v1/departments');
  assert.equal(res.status, 200, res.text);
  return res.json.records.find((d) => d.parent_id === null);
}

/** role code → role id, for the built-in roles (custom roles have no code). */
export async function roleIdsByCode(client) {
  const res = await client.get('/api/v1/roles');
  assert.equal(res.status, 200, res.text);
  return Object.fromEntries(res.json.records.map((r) => [r.code, r.id]));
}

/**
 * Creates a person with a fresh mobile number in `dept` (their main department), with these roles,
 * and a password so they can sign in. Returns the user as the server answered.
 */
export async function addUser(admin, { name, dept, roleIds, password, supervisorId }) {
  const id = uniqueIdentity();
  return mustCreate(admin, '/api/v1/users', {
    name,
    phone: id.phone,
    password,
    department_ids: [dept.id],
    main_department_id: dept.id,
    supervisor_id: supervisorId,
    role_ids: roleIds,
  });
}

/** The id of the built-in role with this code. */
export const roleIdByCode = async (client, code) => (await roleIdsByCode(client))[code];
