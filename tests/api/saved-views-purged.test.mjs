// Saved views whose filter names a field that exists nowhere any more (purged from the deleted
// fields for good): the view says so apart from the deleted fields (named, kept, back when restored)
// and the hidden ones (counted, kept), and saving the view drops those conditions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { addUser, roleIdsByCode, rootOf } from './lib/org.mjs';
import { assertError, mustCreate } from './lib/records.mjs';
import { startServer, registerEnterprise, signIn } from './lib/server.mjs';

const PASSWORD = 'Welcome2026x';
let server;
let admin;
let sales;

before(async () => {
  server = await startServer();
  ({ client: admin } = await registerEnterprise(server.baseUrl, { company: '视图清理测试有限公司' }));
  const roles = await roleIdsByCode(admin);
  const user = await addUser(admin, { name: '小销售', dept: await rootOf(admin), roleIds: [roles.sales], password: PASSWORD });
  sales = await signIn(server.baseUrl, user.phone, PASSWORD);
});
after(async () => {
  await server.stop();
});

const fields = '/api/v1/meta/objects/customer/fields';
const views = '/api/v1/objects/customer/views';
const shown = async (client, id) => {
  const res = await client.get(views);
  assert.equal(res.status, 200, res.text);
  const view = res.json.records.find((v) => v.id === id);
  assert.ok(view, `view ${id} listed`);
  return view;
};
// What a view tells about the conditions it leaves out.
const leftOut = (v) => ({
  filter: v.filter,
  missing_fields: v.missing_fields,
  missing_field_labels: v.missing_field_labels,
  hidden_conditions: v.hidden_conditions,
  purged_fields: v.purged_fields,
  purged_conditions: v.purged_conditions,
});

test('a condition on a purged field is counted apart and dropped on save, one on a deleted field is kept', async () => {
  const G = (await mustCreate(admin, fields, { label: '旧渠道', label_en: 'Old channel', name: 'channel_old', type: 'text' })).name;
  const K = (await mustCreate(admin, fields, { label: '旧区域', label_en: 'Old area', name: 'area_old', type: 'text' })).name;
  assert.deepEqual([G, K], ['c_channel_old', 'c_area_old']);
  const levelA = { field: 'level', op: 'eq', value: 'a' };
  const onG = { field: G, op: 'eq', value: '线上' };
  const onK = { field: K, op: 'eq', value: '华东' };
  const shared = await mustCreate(admin, views, { name: 'A级线上华东', shared: true, filter: { and: [levelA, onG, { or: [onG, onK] }] } });
  const alone = await mustCreate(admin, views, { name: '只按旧渠道', filter: onG });
  const mine = await mustCreate(sales, views, { name: '我的线上', filter: { and: [levelA, onG] } });
  assert.deepEqual([shared.purged_fields, shared.purged_conditions], [[], 0]);

  assert.equal((await admin.delete(`${fields}/${G}`)).status, 204);
  assert.equal((await admin.delete(`${fields}/${K}`)).status, 204);
  // Deleted, not yet purged: both still restorable, nothing counted as purged.
  assert.deepEqual(leftOut(await shown(admin, shared.id)), {
    filter: { and: [levelA] },
    missing_fields: [G, K],
    missing_field_labels: { [G]: { label: '旧渠道', label_en: 'Old channel' }, [K]: { label: '旧区域', label_en: 'Old area' } },
    hidden_conditions: 3,
    purged_fields: [],
    purged_conditions: 0,
  });
  assertError(await sales.delete(`${fields}/${G}/purge?confirm=${G}`), 403, 'forbidden');
  assert.equal((await admin.delete(`${fields}/${G}/purge?confirm=${G}`)).status, 204);

  // The list never runs a condition on it: a query naming it is refused, not a 500.
  assertError(await admin.post('/api/v1/objects/customer/query', { filter: onG }), 422, 'validation_failed');

  const purgedShared = {
    filter: { and: [levelA] },
    missing_fields: [G, K],
    missing_field_labels: { [K]: { label: '旧区域', label_en: 'Old area' } },
    hidden_conditions: 3,
    purged_fields: [G],
    purged_conditions: 2,
  };
  assert.deepEqual(leftOut(await shown(admin, shared.id)), purgedShared);
  assert.deepEqual(leftOut(await shown(sales, shared.id)), purgedShared, 'a seller is told the same');
  // A seller may not save a shared view, nor see an administrator's own one: nothing changes.
  assertError(await sales.patch(`${views}/${shared.id}`, { filter: { and: [levelA] } }), 403, 'forbidden');
  assertError(await sales.patch(`${views}/${alone.id}`, { name: 'x' }), 404, 'not_found');
  assert.deepEqual(leftOut(await shown(admin, shared.id)), purgedShared);

  // Saving the view as shown: the purged field's conditions go, the deleted one's stay.
  const saved = await admin.patch(`${views}/${shared.id}`, { filter: { and: [levelA] } });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(leftOut(saved.json), {
    filter: { and: [levelA] },
    missing_fields: [K],
    missing_field_labels: { [K]: { label: '旧区域', label_en: 'Old area' } },
    hidden_conditions: 1,
    purged_fields: [],
    purged_conditions: 0,
  });
  // Any save drops them, a rename too; a seller saves their own view.
  const renamed = await admin.patch(`${views}/${alone.id}`, { name: '只按旧渠道（已清理）' });
  assert.equal(renamed.status, 200, renamed.text);
  assert.deepEqual(leftOut(renamed.json), {
    filter: null,
    missing_fields: [],
    missing_field_labels: {},
    hidden_conditions: 0,
    purged_fields: [],
    purged_conditions: 0,
  });
  assert.equal((await shown(sales, mine.id)).purged_conditions, 1);
  const own = await sales.patch(`${views}/${mine.id}`, { filter: { and: [levelA] } });
  assert.equal(own.status, 200, own.text);
  assert.deepEqual([own.json.filter, own.json.missing_fields, own.json.purged_conditions], [{ and: [levelA] }, [], 0]);

  // Restoring the deleted field brings its kept condition back; a new field taking the purged
  // field's name does not inherit the conditions that were dropped.
  assert.equal((await admin.post(`${fields}/${K}/restore`)).status, 200);
  assert.equal((await mustCreate(admin, fields, { label: '新渠道', name: 'channel_old', type: 'text' })).name, G);
  assert.deepEqual(leftOut(await shown(admin, shared.id)), {
    filter: { and: [levelA, { or: [onK] }] },
    missing_fields: [],
    missing_field_labels: {},
    hidden_conditions: 0,
    purged_fields: [],
    purged_conditions: 0,
  });
  assert.equal((await shown(admin, alone.id)).filter, null);
});
