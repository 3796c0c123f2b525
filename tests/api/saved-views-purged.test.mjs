// Saved views and fields purged for good: purging takes the field out of every view (conditions,
// sort keys, columns), while a deleted field's conditions are named, kept, and back when it is
// restored. (A view stored before purges did this says a purged field's conditions apart and drops
// them on save: records/saved_views.h, unit-tested in saved_views_applicable_test.)
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

test('purging a field takes it out of every view, a deleted field\'s condition is kept', async () => {
  const G = (await mustCreate(admin, fields, { label: '旧渠道', label_en: 'Old channel', name: 'channel_old', type: 'text' })).name;
  const K = (await mustCreate(admin, fields, { label: '旧区域', label_en: 'Old area', name: 'area_old', type: 'text' })).name;
  assert.deepEqual([G, K], ['c_channel_old', 'c_area_old']);
  const levelA = { field: 'level', op: 'eq', value: 'a' };
  const onG = { field: G, op: 'eq', value: '线上' };
  const onK = { field: K, op: 'eq', value: '华东' };
  const shared = await mustCreate(admin, views, { name: 'A级线上华东', shared: true, filter: { and: [levelA, onG, { or: [onG, onK] }] } });
  const alone = await mustCreate(admin, views, { name: '只按旧渠道', filter: onG });
  const mine = await mustCreate(sales, views, { name: '我的线上', filter: { and: [levelA, onG] } });
  const byG = await mustCreate(admin, views, {
    name: '按旧渠道排序',
    sort: [{ field: G, dir: 'desc' }, { field: 'name', dir: 'asc' }],
    columns: ['name', G],
  });
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

  // Purging took the field out of every view — conditions, sort keys, columns — as if nobody had
  // ever filtered on it; the deleted field's condition stays, hidden until it is restored.
  const afterPurge = {
    filter: { and: [levelA] },
    missing_fields: [K],
    missing_field_labels: { [K]: { label: '旧区域', label_en: 'Old area' } },
    hidden_conditions: 1,
    purged_fields: [],
    purged_conditions: 0,
  };
  assert.deepEqual(leftOut(await shown(admin, shared.id)), afterPurge);
  assert.deepEqual(leftOut(await shown(sales, shared.id)), afterPurge, 'a seller is told the same');
  assert.deepEqual(leftOut(await shown(admin, alone.id)), {
    filter: null,
    missing_fields: [],
    missing_field_labels: {},
    hidden_conditions: 0,
    purged_fields: [],
    purged_conditions: 0,
  });
  const sorted = await shown(admin, byG.id);
  assert.deepEqual([sorted.sort, sorted.columns], [[{ field: 'name', dir: 'asc' }], ['name']]);
  const own = await shown(sales, mine.id);
  assert.deepEqual([own.filter, own.missing_fields, own.purged_conditions], [{ and: [levelA] }, [], 0]);
  // A seller may not save a shared view, nor see an administrator's own one.
  assertError(await sales.patch(`${views}/${shared.id}`, { filter: { and: [levelA] } }), 403, 'forbidden');
  assertError(await sales.patch(`${views}/${alone.id}`, { name: 'x' }), 404, 'not_found');
  // Saving the view as shown keeps the deleted field's condition.
  const saved = await admin.patch(`${views}/${shared.id}`, { filter: { and: [levelA] } });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(leftOut(saved.json), afterPurge);

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
  const resorted = await shown(admin, byG.id);
  assert.deepEqual([resorted.sort, resorted.columns], [[{ field: 'name', dir: 'asc' }], ['name']]);
});
