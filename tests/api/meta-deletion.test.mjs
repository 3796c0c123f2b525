// Safe deletion in the metadata admin: a custom object is deleted (after typing its API name) and
// restored with its records, or purged for good; a deleted custom field is restored with its data
// (and found by keyword search again) or purged, freeing its name. Formulas and lookups never point
// at what went away. Only full administrators do any of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { addUser, roleIdsByCode, rootOf } from './lib/org.mjs';
import { assertError, create, mustCreate, rec } from './lib/records.mjs';
import { startServer, registerEnterprise, signIn } from './lib/server.mjs';

const PASSWORD = 'Welcome2026x';
let server;
let admin;
let sales;

before(async () => {
  server = await startServer();
  ({ client: admin } = await registerEnterprise(server.baseUrl, { company: '删除测试有限公司' }));
  const roles = await roleIdsByCode(admin);
  const user = await addUser(admin, { name: '小销售', dept: await rootOf(admin), roleIds: [roles.sales], password: PASSWORD });
  sales = await signIn(server.baseUrl, user.phone, PASSWORD);
});
after(async () => {
  await server.stop();
});

const meta = '/api/v1/meta/objects';
const field = (object, name) => `${meta}/${object}/fields/${name}`;
const inEnglish = async (fn) => {
  admin.lang = 'en';
  try {
    return await fn();
  } finally {
    admin.lang = 'zh-CN';
  }
};
const deleted = async () => {
  const res = await admin.get('/api/v1/meta/deleted');
  assert.equal(res.status, 200, res.text);
  return res.json;
};

test('a custom object is deleted only when confirmed, comes back with its records, and is purged for good', async () => {
  const object = await mustCreate(admin, meta, { label: '车辆', label_en: 'Vehicle', name: 'vehicle' });
  assert.equal(object.name, 'c_vehicle');
  await mustCreate(admin, `${meta}/c_vehicle/fields`, { label: '车牌', label_en: 'Plate', name: 'plate', type: 'text', searchable: true });
  const car = await create(admin, 'c_vehicle', { name: '一号车', c_plate: '沪A12345' });
  await create(admin, 'c_vehicle', { name: '二号车', c_plate: '沪B67890' });

  // Refused: no confirmation, the wrong one, a standard object, an unknown one, someone not an administrator.
  assertError(await admin.delete(`${meta}/c_vehicle`), 422, 'validation_failed');
  const wrong = await admin.delete(`${meta}/c_vehicle?confirm=c_vehicles`);
  assertError(wrong, 422, 'validation_failed');
  assert.equal(wrong.json.error.details[0].field, 'confirm');
  const standard = await admin.delete(`${meta}/customer?confirm=customer`);
  assertError(standard, 409, 'conflict');
  assert.equal(standard.json.error.message, '标准对象不能删除');
  assertError(await admin.delete(`${meta}/c_nothing?confirm=c_nothing`), 404, 'not_found');
  assertError(await sales.delete(`${meta}/c_vehicle?confirm=c_vehicle`), 403, 'forbidden');
  assertError(await admin.delete(`${meta}/c_vehicle/purge?confirm=c_vehicle`), 409, 'conflict'); // not deleted yet
  assertError(await admin.post(`${meta}/c_vehicle/restore`), 409, 'conflict');

  // A field deleted before the object stays deleted with it.
  await mustCreate(admin, `${meta}/c_vehicle/fields`, { label: '备注', name: 'note', type: 'text' });
  assert.equal((await admin.delete(field('c_vehicle', 'c_note'))).status, 204);

  assert.equal((await admin.delete(`${meta}/c_vehicle?confirm=c_vehicle`)).status, 204);
  assertError(await admin.get(rec('c_vehicle')), 404, 'not_found');
  assertError(await admin.get(`${rec('c_vehicle')}/${car.id}`), 404, 'not_found');
  assertError(await admin.get(`${meta}/c_vehicle`), 404, 'not_found');
  assertError(await admin.post(`${meta}/c_vehicle/fields`, { label: '颜色', type: 'text' }), 404, 'not_found');
  assert.ok(!(await admin.get(meta)).json.records.some((o) => o.name === 'c_vehicle'), 'gone from the object list');
  const doc = (await admin.get('/api/v1/openapi.json')).json;
  assert.equal(doc.paths['/api/v1/objects/c_vehicle/records'], undefined, 'gone from the OpenAPI document');
  assert.equal(doc.components.schemas.c_vehicle, undefined);
  assert.equal((await admin.get('/api/v1/roles')).status, 200, 'the permissions still load');

  let list = await deleted();
  const listed = list.objects.find((o) => o.name === 'c_vehicle');
  assert.deepEqual({ ...listed, deleted_at: typeof listed.deleted_at }, {
    name: 'c_vehicle',
    label: '车辆',
    label_en: 'Vehicle',
    icon: 'Document',
    deleted_at: 'string',
    record_count: 2,
  });
  const note = list.fields.find((f) => f.name === 'c_note');
  assert.equal(note.object, 'c_vehicle');
  assert.equal(note.object_deleted, true);
  const noteRestore = await admin.post(`${field('c_vehicle', 'c_note')}/restore`);
  assertError(noteRestore, 409, 'conflict');
  assert.equal(noteRestore.json.error.message, '字段所属的对象已删除，请先恢复对象');
  assertError(await sales.get('/api/v1/meta/deleted'), 403, 'forbidden');
  assertError(await sales.post(`${meta}/c_vehicle/restore`), 403, 'forbidden');

  // Restored: the records come back as they were, and search finds them.
  const restored = await admin.post(`${meta}/c_vehicle/restore`);
  assert.equal(restored.status, 200, restored.text);
  assert.equal(restored.json.name, 'c_vehicle');
  const back = await admin.get(`${rec('c_vehicle')}/${car.id}`);
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.c_plate, '沪A12345');
  assert.equal(back.json.c_note, undefined, 'its deleted field stays deleted');
  const found = await admin.get(`${rec('c_vehicle')}?q=${encodeURIComponent('沪A12')}`);
  assert.deepEqual(found.json.records.map((r) => r.id), [car.id]);
  assert.ok(!(await deleted()).objects.some((o) => o.name === 'c_vehicle'));

  // Purged: confirmed, only once deleted; then the name is free and the new object starts empty.
  assert.equal((await admin.delete(`${meta}/c_vehicle?confirm=c_vehicle`)).status, 204);
  assertError(await admin.delete(`${meta}/c_vehicle/purge`), 422, 'validation_failed');
  assertError(await admin.delete(`${meta}/c_vehicle/purge?confirm=vehicle`), 422, 'validation_failed');
  assertError(await sales.delete(`${meta}/c_vehicle/purge?confirm=c_vehicle`), 403, 'forbidden');
  assert.equal((await admin.delete(`${meta}/c_vehicle/purge?confirm=c_vehicle`)).status, 204);
  list = await deleted();
  assert.ok(!list.objects.some((o) => o.name === 'c_vehicle'));
  assert.ok(!list.fields.some((f) => f.object === 'c_vehicle'), 'its deleted fields went with it');
  assertError(await admin.post(`${meta}/c_vehicle/restore`), 404, 'not_found');
  assertError(await admin.delete(`${meta}/c_vehicle/purge?confirm=c_vehicle`), 404, 'not_found');
  const again = await mustCreate(admin, meta, { label: '车辆', name: 'vehicle' });
  assert.equal(again.name, 'c_vehicle');
  assert.ok(!again.fields.some((f) => f.name === 'c_plate'), 'none of the old fields');
  assert.equal((await admin.get(rec('c_vehicle'))).json.total, 0);
});

test('a deleted field is restored with its data and found by keyword search again, or purged for good', async () => {
  await mustCreate(admin, meta, { label: '设备', name: 'device' });
  await mustCreate(admin, `${meta}/c_device/fields`, { label: '序列号', label_en: 'Serial', name: 'serial', type: 'text', searchable: true, unique: true });
  await mustCreate(admin, `${meta}/c_device/fields`, { label: '颜色', name: 'color', type: 'text' });
  const one = await create(admin, 'c_device', { name: '扫描枪', c_serial: 'SN-778899', c_color: '红' });
  const search = async (q) => (await admin.get(`${rec('c_device')}?q=${encodeURIComponent(q)}`)).json.records.map((r) => r.id);
  assert.deepEqual(await search('778899'), [one.id]);

  assertError(await admin.delete(`${field('c_device', 'c_serial')}/purge?confirm=c_serial`), 409, 'conflict'); // live
  assertError(await admin.post(`${field('c_device', 'c_serial')}/restore`), 409, 'conflict');
  assert.equal((await admin.delete(field('c_device', 'c_serial'))).status, 204);
  assert.deepEqual(await search('778899'), [], 'its text left keyword search');
  assert.equal((await admin.get(`${rec('c_device')}/${one.id}`)).json.c_serial, undefined);
  const listed = (await deleted()).fields.find((f) => f.object === 'c_device' && f.name === 'c_serial');
  assert.deepEqual({ ...listed, deleted_at: typeof listed.deleted_at }, {
    object: 'c_device',
    object_label: '设备',
    object_label_en: '设备',
    object_deleted: false,
    name: 'c_serial',
    label: '序列号',
    label_en: 'Serial',
    type: 'text',
    deleted_at: 'string',
  });
  const held = await admin.post(`${meta}/c_device/fields`, { label: '序列号', name: 'serial', type: 'text' });
  assertError(held, 422, 'validation_failed');
  assert.match(held.json.error.details[0].message, /已删除/, 'the message says a deleted field holds the name');
  assertError(await sales.post(`${field('c_device', 'c_serial')}/restore`), 403, 'forbidden');
  assertError(await admin.post(`${field('c_device', 'c_nothing')}/restore`), 404, 'not_found');
  assertError(await admin.post(`${field('c_device', 'Bad-Name')}/restore`), 404, 'not_found');
  assertError(await admin.post(`${field('customer', 'name')}/restore`), 409, 'conflict'); // not deleted

  const restored = await admin.post(`${field('c_device', 'c_serial')}/restore`);
  assert.equal(restored.status, 200, restored.text);
  assert.equal(restored.json.name, 'c_serial');
  assert.equal(restored.json.unique, true);
  assert.equal((await admin.get(`${rec('c_device')}/${one.id}`)).json.c_serial, 'SN-778899');
  assert.deepEqual(await search('778899'), [one.id], 'found by keyword search again');
  assert.ok(!(await deleted()).fields.some((f) => f.name === 'c_serial'));
  const dup = await admin.post(rec('c_device'), { name: '第二把', c_serial: 'SN-778899' });
  assertError(dup, 409, 'conflict');

  // Purged: the column goes (the name comes back with another type), its values with it.
  assert.equal((await admin.delete(field('c_device', 'c_color'))).status, 204);
  assertError(await admin.delete(`${field('c_device', 'c_color')}/purge`), 422, 'validation_failed');
  assertError(await sales.delete(`${field('c_device', 'c_color')}/purge?confirm=c_color`), 403, 'forbidden');
  assertError(await admin.delete(`${field('customer', 'name')}/purge?confirm=name`), 404, 'not_found'); // standard
  assert.equal((await admin.delete(`${field('c_device', 'c_color')}/purge?confirm=c_color`)).status, 204);
  assert.ok(!(await deleted()).fields.some((f) => f.name === 'c_color'));
  assertError(await admin.post(`${field('c_device', 'c_color')}/restore`), 404, 'not_found');
  const reused = await mustCreate(admin, `${meta}/c_device/fields`, { label: '颜色编号', name: 'color', type: 'number' });
  assert.equal(reused.name, 'c_color');
  assert.equal(reused.type, 'number');
  assert.equal((await admin.get(`${rec('c_device')}/${one.id}`)).json.c_color, null, 'the old values are gone');
});

test('a field used by a formula and an object pointed at by lookups cannot be deleted', async () => {
  await mustCreate(admin, meta, { label: '订单', name: 'order' });
  await mustCreate(admin, `${meta}/c_order/fields`, { label: '单价', label_en: 'Price', name: 'price', type: 'currency' });
  await mustCreate(admin, `${meta}/c_order/fields`, { label: '数量', label_en: 'Qty', name: 'qty', type: 'number' });
  await mustCreate(admin, `${meta}/c_order/fields`, { label: '总价', label_en: 'Total', name: 'total', type: 'formula', formula: 'c_price * c_qty' });
  const order = await create(admin, 'c_order', { name: 'A1', c_price: '10.00', c_qty: 3 });

  const refused = await admin.delete(field('c_order', 'c_price'));
  assertError(refused, 409, 'conflict');
  assert.equal(refused.json.error.message, '计算字段「总价」用到了这个字段，请先修改或删除计算字段');
  const english = await inEnglish(() => admin.delete(field('c_order', 'c_qty')));
  assert.equal(english.json.error.message, 'The formula field(s) "Total" use this field: change or delete them first');

  // Once the formula is deleted its fields may go; it is not restored while one of them is gone.
  assert.equal((await admin.delete(field('c_order', 'c_total'))).status, 204);
  assert.equal((await admin.delete(field('c_order', 'c_qty'))).status, 204);
  assertError(await admin.post(`${field('c_order', 'c_total')}/restore`), 409, 'conflict');
  assert.equal((await admin.post(`${field('c_order', 'c_qty')}/restore`)).status, 200);
  const patched = await admin.patch(`${rec('c_order')}/${order.id}`, { c_qty: 5, version: 1 });
  assert.equal(patched.status, 200, patched.text);
  assert.equal((await admin.post(`${field('c_order', 'c_total')}/restore`)).status, 200);
  const total = (await admin.get(`${rec('c_order')}/${order.id}`)).json.c_total;
  assert.equal(Number(total), 50, 'computed again on restore');

  // Lookups: another object's live lookup keeps the object.
  await mustCreate(admin, meta, { label: '发货', label_en: 'Shipment', name: 'shipment' });
  await mustCreate(admin, `${meta}/c_shipment/fields`, { label: '订单', label_en: 'Order', name: 'order', type: 'lookup', lookup_object: 'c_order' });
  const blocked = await admin.delete(`${meta}/c_order?confirm=c_order`);
  assertError(blocked, 409, 'conflict');
  assert.equal(blocked.json.error.message, '关联字段「发货.订单」指向这个对象，请先删除这些字段');
  const blockedEn = await inEnglish(() => admin.delete(`${meta}/c_order?confirm=c_order`));
  assert.equal(blockedEn.json.error.message, 'The lookup field(s) "Shipment.Order" point at this object: delete them first');
  assert.equal((await admin.delete(field('c_shipment', 'c_order'))).status, 204);
  assert.equal((await admin.delete(`${meta}/c_order?confirm=c_order`)).status, 204);
  // The lookup does not come back while its object is away.
  const lookupBack = await admin.post(`${field('c_shipment', 'c_order')}/restore`);
  assertError(lookupBack, 409, 'conflict');
  assert.equal((await admin.post(`${meta}/c_order/restore`)).status, 200);
  assert.equal((await admin.post(`${field('c_shipment', 'c_order')}/restore`)).status, 200);
});
