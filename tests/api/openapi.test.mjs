// The OpenAPI document is generated from the routes and, for a signed-in caller, from their
// enterprise's object metadata (issue 5 item 8, API.md): every object has a record schema and a
// write schema, a custom field or object is in the document at once, field security shapes it,
// and no enterprise sees another's objects — nor does an anonymous reader.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, rootOf } from './lib/org.mjs';
import { mustCreate } from './lib/records.mjs';
import { startServer, Client, registerEnterprise, signIn } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  assert.equal(await server.stop(), 0, 'the server exits cleanly on SIGTERM');
});

const PASSWORD = 'Welcome2026x';

async function documentFor(client) {
  const res = await client.get('/api/v1/openapi.json');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.openapi, '3.1.0');
  return res.json;
}

/** Every "$ref" in the document names a schema it has. */
function assertRefsResolve(doc) {
  const missing = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref') {
          const name = String(x).replace('#/components/schemas/', '');
          if (!(name in doc.components.schemas)) missing.push(x);
        } else walk(x);
      }
    }
  };
  walk(doc.paths);
  walk(doc.components.schemas);
  assert.deepEqual(missing, [], 'every $ref resolves');
}

test('anonymous readers get the routes only: no enterprise’s objects', async () => {
  const doc = await documentFor(new Client(server.baseUrl));
  assert.ok(doc.paths['/api/v1/objects/{object}/records'].get, 'the generic record routes are listed');
  assert.equal(doc.paths['/api/v1/objects/customer/records'], undefined);
  assert.deepEqual(Object.keys(doc.components.schemas), ['Error']);
  assertRefsResolve(doc);
});

test('a signed-in caller gets each object with its fields as schemas and paths', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl, { company: '接口文档测试有限公司' });
  const doc = await documentFor(admin);
  assertRefsResolve(doc);

  const customer = doc.components.schemas.customer;
  assert.equal(customer.type, 'object');
  assert.equal(customer.properties.name.title, '客户名称');
  assert.deepEqual(customer.properties.name.type, ['string', 'null']);
  assert.equal(customer.properties.id.readOnly, true, 'system fields are read-only');
  assert.equal(customer.properties.industry['x-picklist'], 'industry');
  assert.equal(customer.properties.owner_id['x-lookup-object'], 'user');

  const write = doc.components.schemas['customer.write'];
  assert.ok(write.properties.name, 'name is writable');
  assert.equal(write.properties.id, undefined, 'id is not');
  assert.equal(write.properties.created_at, undefined);
  assert.ok(write['x-required-on-create'].includes('name'));
  assert.equal(write.additionalProperties, false, 'unknown fields are refused (422), and the schema says so');

  // Money is a decimal string (decision 0005), dates are dates.
  const deal = doc.components.schemas.opportunity.properties;
  assert.deepEqual(deal.amount.type, ['string', 'null']);
  assert.ok(new RegExp(deal.amount.pattern).test('1234.50'));
  assert.equal(deal.expected_close_date.format, 'date');

  const list = doc.paths['/api/v1/objects/customer/records'];
  assert.equal(list.post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/customer.write');
  assert.equal(list.get.responses['200'].content['application/json'].schema.properties.records.items.$ref, '#/components/schemas/customer');
  const one = doc.paths['/api/v1/objects/customer/records/{id}'];
  assert.ok(one.get && one.patch && one.delete);

  // The schema matches what the server returns: every field of a record is described.
  const created = await mustCreate(admin, '/api/v1/objects/customer/records', { name: '文档核对有限公司' });
  const undescribed = Object.keys(created).filter((k) => !(k in customer.properties));
  assert.deepEqual(undescribed, [], 'every field of a returned record is in the schema');
});

test('a new custom field and a custom object are in the document at once; another enterprise never sees them', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl, { company: '文档自定义字段有限公司' });
  const { client: other } = await registerEnterprise(server.baseUrl, { company: '另一家文档测试公司' });

  const field = await mustCreate(admin, '/api/v1/meta/objects/customer/fields', {
    label: '年采购额',
    label_en: 'Annual purchases',
    type: 'currency',
    help: '去年全年的采购金额',
  });
  let doc = await documentFor(admin);
  const described = doc.components.schemas.customer.properties[field.name];
  assert.ok(described, `${field.name} is in the document without a restart`);
  assert.equal(described.title, '年采购额');
  assert.equal(described['x-field-type'], 'currency');
  assert.match(described.description, /Annual purchases/);
  assert.ok(doc.components.schemas['customer.write'].properties[field.name]);

  await mustCreate(admin, '/api/v1/meta/objects', { label: '设备', label_en: 'Device' });
  doc = await documentFor(admin);
  assert.ok(doc.components.schemas.c_device, 'a custom object has its schema');
  assert.ok(doc.paths['/api/v1/objects/c_device/records'].post, 'and its paths');
  assertRefsResolve(doc);

  const theirs = await documentFor(other);
  assert.equal(theirs.components.schemas.customer.properties[field.name], undefined, 'isolated by enterprise');
  assert.equal(theirs.components.schemas.c_device, undefined);

  // Deleting the field takes it out again.
  assert.equal((await admin.delete(`/api/v1/meta/objects/customer/fields/${field.name}`)).status, 204);
  doc = await documentFor(admin);
  assert.equal(doc.components.schemas.customer.properties[field.name], undefined);
});

test('field security shapes the document: hidden fields are absent, read-only ones are not writable', async () => {
  const { client: admin } = await registerEnterprise(server.baseUrl, { company: '文档字段权限有限公司' });
  const root = await rootOf(admin);
  const role = await mustCreate(admin, '/api/v1/roles', {
    name: '文档字段角色',
    permissions: {
      objects: { customer: { create: true, read: 'self', update: 'self', delete: 'none' } },
      fields: { customer: { phone: 'hidden', website: 'read_only' } },
    },
  });
  const user = await addUser(admin, { name: '文档测试员', dept: root, roleIds: [role.id], password: PASSWORD });
  const session = await signIn(server.baseUrl, user.phone, PASSWORD);

  const doc = await documentFor(session);
  const read = doc.components.schemas.customer.properties;
  const write = doc.components.schemas['customer.write'].properties;
  assert.equal(read.phone, undefined, 'a hidden field is not described');
  assert.equal(write.phone, undefined);
  assert.equal(read.website.readOnly, true, 'a read-only field is shown as such');
  assert.equal(write.website, undefined, 'and cannot be sent');
  assert.ok(write.name, 'the other fields stay writable');

  // The administrator still sees both.
  const full = await documentFor(admin);
  assert.ok(full.components.schemas.customer.properties.phone);
  assert.ok(full.components.schemas['customer.write'].properties.website);

  // A token that is not valid (any more) gets the anonymous document, not an error.
  const stranger = new Client(server.baseUrl);
  stranger.token = 'not-a-token';
  const res = await stranger.get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.equal(res.json.components.schemas.customer, undefined);
});
