// CRM rules on the records engine (docs/api/crm.md): lead conversion, the customer duplicate
// check, follow-up rollups, the "customers can be deleted" setting and record timelines, on the
// demo enterprise (default roles and a supervisor chain).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { create } from './lib/records.mjs';
import { startServer, signInAll } from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = {
  admin: '13800000000', // 李明, 管理员
  wang: '13800000001', // 王芳, 销售经理, 销售部
  zhang: '13800000002', // 张伟, 销售经理, 华东大区, reports to 王芳
  liu: '13800000003', // 刘洋, 销售, 华东大区, reports to 张伟
  sun: '13800000004', // 孙丽, 销售, 华南大区, reports to 王芳
  chen: '13800000005', // 陈静, 客服
};

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

const url = (object, id = '') => `/api/v1/objects/${object}/records${id === '' ? '' : `/${id}`}`;
const convertUrl = (id) => `/api/v1/objects/lead/records/${id}/convert`;
const dupUrl = (params) => `/api/v1/objects/customer/duplicates?${new URLSearchParams(params)}`;
const timelineUrl = (object, id, params = {}) => `${url(object, id)}/timeline?${new URLSearchParams(params)}`;

function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.ok(res.json && res.json.error, `a JSON error: ${res.text}`);
  if (code) assert.equal(res.json.error.code, code, res.text);
}

async function setCustomerDelete(allow) {
  const res = await as.admin.patch('/api/v1/settings/crm', { allow_customer_delete: allow });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.allow_customer_delete, allow);
}

/** Runs `body` with the 销售 role's permissions changed by `change`, then puts them back. */
async function withSalesRole(change, body) {
  const roles = await as.admin.get('/api/v1/roles');
  assert.equal(roles.status, 200, roles.text);
  const role = roles.json.records.find((r) => r.code === 'sales');
  const original = role.permissions;
  const changed = change(structuredClone(original));
  const patched = await as.admin.patch(`/api/v1/roles/${role.id}`, { permissions: changed });
  assert.equal(patched.status, 200, patched.text);
  try {
    await body();
  } finally {
    const back = await as.admin.patch(`/api/v1/roles/${role.id}`, { permissions: original });
    assert.equal(back.status, 200, back.text);
  }
}

// ---- lead conversion ----------------------------------------------------------------------------

test('conversion makes a customer, a contact and an opportunity from a lead; the lead is then read-only', async () => {
  const lead = await create(as.liu, 'lead', {
    name: '赵六',
    company: '杭州星河科技有限公司',
    title: '采购经理',
    mobile: '13912345678',
    phone: '0571-87654321',
    email: 'zhao@xinghe.cn',
    source: 'exhibition',
    industry: 'it',
    region: '浙江省/杭州市/西湖区',
    address: '杭州市西湖区文三路 1 号',
    status: 'contacted',
  });
  const res = await as.liu.post(convertUrl(lead.id), { opportunity: { name: '星河 CRM 项目', amount: '50000' } });
  assert.equal(res.status, 200, res.text);
  const { customer, contact, opportunity } = res.json;
  assert.equal(customer.name, '杭州星河科技有限公司');
  assert.equal(customer.phone, '0571-87654321');
  assert.equal(customer.email, 'zhao@xinghe.cn');
  assert.equal(customer.industry, 'it');
  assert.equal(customer.source, 'exhibition', 'the customer source picklist has the lead source');
  assert.equal(customer.region, '浙江省/杭州市/西湖区');
  assert.equal(customer.address, '杭州市西湖区文三路 1 号');
  assert.equal(customer.owner_id, as.liu.userId);
  assert.equal(contact.name, '赵六');
  assert.equal(contact.mobile, '13912345678');
  assert.equal(contact.title, '采购经理');
  assert.equal(contact.customer_id, customer.id);
  assert.equal(opportunity.name, '星河 CRM 项目');
  assert.equal(opportunity.customer_id, customer.id);
  assert.equal(opportunity.contact_id, contact.id);
  assert.equal(res.json.lead.status, 'converted');
  assert.equal(res.json.lead.converted_customer_id, customer.id);
  assert.equal(res.json.lead.converted_contact_id, contact.id);
  assert.equal(res.json.lead.converted_opportunity_id, opportunity.id);
  assert.match(res.json.lead.converted_at, /^\d{4}-\d\d-\d\dT/);

  const edit = await as.liu.patch(url('lead', lead.id), { remark: '再改一下' });
  assertError(edit, 409, 'conflict');
  assert.equal(edit.json.error.message, '已转换的线索不能修改');
  assertError(await as.liu.patch(url('lead', lead.id), { status: 'new' }), 409);
  const again = await as.liu.post(convertUrl(lead.id), {});
  assertError(again, 409, 'conflict');
  assert.match(again.json.error.message, /已转换/);
  // Still readable, and deletion stays a matter of permissions (sales may not delete).
  assert.equal((await as.liu.get(url('lead', lead.id))).status, 200);
  assertError(await as.liu.delete(url('lead', lead.id)), 403);
});

test('conversion defaults: name from the person, phone from the mobile, no source the customer picklist lacks; request fields win', async () => {
  const lead = await create(as.liu, 'lead', { name: '钱七', mobile: '+86 139-0000-7777', source: 'campaign' });
  const res = await as.liu.post(convertUrl(lead.id), {
    customer: { level: 'b' },
    contact: { title: '店主', email: null },
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.customer.name, '钱七');
  assert.equal(res.json.customer.phone, '+86 139-0000-7777');
  assert.equal(res.json.customer.source, null, 'campaign is not a customer source');
  assert.equal(res.json.customer.level, 'b');
  assert.equal(res.json.contact.title, '店主');
  assert.equal(res.json.opportunity, null);

  // Making a lead "converted" by hand is refused.
  assertError(await as.liu.post(url('lead'), { name: '孙八', status: 'converted' }), 422, 'validation_failed');
  const other = await create(as.liu, 'lead', { name: '孙八' });
  assertError(await as.liu.patch(url('lead', other.id), { status: 'converted' }), 422, 'validation_failed');
  assert.equal((await as.liu.patch(url('lead', other.id), { status: 'qualified' })).status, 200);
});

test('conversion is all or nothing', async () => {
  const lead = await create(as.liu, 'lead', { name: '周九', company: '宁波甬江贸易有限公司' });
  const bad = await as.liu.post(convertUrl(lead.id), { opportunity: { amount: '100' } });
  assertError(bad, 422, 'validation_failed');
  assert.deepEqual(bad.json.error.details.map((d) => d.field), ['opportunity.name']);
  const money = await as.liu.post(convertUrl(lead.id), { opportunity: { name: '甬江项目', amount: '12.345' } });
  assertError(money, 422, 'validation_failed');
  assert.deepEqual(money.json.error.details.map((d) => d.field), ['opportunity.amount']);
  // The customer and contact created before the opportunity failed are gone.
  const dup = await as.liu.get(dupUrl({ name: '宁波甬江贸易有限公司' }));
  assert.equal(dup.status, 200, dup.text);
  assert.deepEqual(dup.json.records, []);
  const contacts = await as.liu.post('/api/v1/objects/contact/query', { filter: { field: 'name', op: 'eq', value: '周九' } });
  assert.equal(contacts.json.total, 0);
  const still = await as.liu.get(url('lead', lead.id));
  assert.equal(still.json.converted_at, null);
  assert.equal(still.json.status, 'new', 'still as created (未处理, the default), not converted');

  // A stale version fails after everything else was written: nothing stays either.
  assertError(await as.liu.post(convertUrl(lead.id), { version: 99 }), 409, 'conflict');
  assert.deepEqual((await as.liu.get(dupUrl({ name: '宁波甬江贸易有限公司' }))).json.records, []);

  // Into an existing customer, without a contact.
  const existing = await create(as.liu, 'customer', { name: '宁波甬江集团' });
  const ok = await as.liu.post(convertUrl(lead.id), { customer_id: existing.id, contact: null, version: still.json.version });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.customer.id, existing.id);
  assert.equal(ok.json.contact, null);
  assert.equal(ok.json.lead.converted_customer_id, existing.id);
  assert.equal(ok.json.lead.converted_contact_id, null);
});

test('conversion permissions: scope, existing customers, create rights', async () => {
  const lead = await create(as.liu, 'lead', { name: '吴十', company: '温州鹿城鞋业有限公司' });
  assertError(await as.sun.post(convertUrl(lead.id), {}), 404, 'not_found');
  assertError(await as.chen.post(convertUrl(lead.id), {}), 404, 'not_found');
  assertError(await as.liu.post(convertUrl(99999999), {}), 404, 'not_found');

  const sunLead = await create(as.sun, 'lead', { name: '郑十一', company: '广州天河电子有限公司' });
  const liuCustomer = await create(as.liu, 'customer', { name: '温州瓯海眼镜有限公司' });
  const hidden = await as.sun.post(convertUrl(sunLead.id), { customer_id: liuCustomer.id });
  assertError(hidden, 404, 'not_found');

  // Without the right to create opportunities the whole conversion is refused, and undone.
  await withSalesRole(
    (p) => {
      p.objects.opportunity.create = false;
      return p;
    },
    async () => {
      const denied = await as.liu.post(convertUrl(lead.id), { opportunity: { name: '鞋业 ERP' } });
      assertError(denied, 403, 'forbidden');
      assert.match(denied.json.error.message, /商机/);
    },
  );
  assert.deepEqual((await as.liu.get(dupUrl({ name: '温州鹿城鞋业有限公司' }))).json.records, []);

  for (const body of [{ customer: 'x' }, { customer: {}, customer_id: 1 }, { contact: 5 }, { opportunity: [] }, { customer_id: 'a' }, { nonsense: true }]) {
    const res = await as.liu.post(convertUrl(lead.id), body);
    assertError(res, 422, 'validation_failed');
  }
  assertError(await as.liu.post(convertUrl(lead.id), '{broken'), 400);
  assertError(await as.liu.post(convertUrl(lead.id), { customer: { name: '' } }), 422);
  const unknownField = await as.liu.post(convertUrl(lead.id), { customer: { nope: 1 } });
  assertError(unknownField, 422);
  assert.equal(unknownField.json.error.details[0].field, 'customer.nope');
});

// ---- duplicate check ----------------------------------------------------------------------------

test('duplicate check: in-scope matches carry the record, out-of-scope ones only name and owner', async () => {
  const mine = await create(as.liu, 'customer', {
    name: '上海浦东云计算有限公司（测试）',
    short_name: 'PuDong Cloud',
    phone: '+86 138-1111-2222',
  });

  const own = await as.liu.get(dupUrl({ name: '  上海浦东云计算有限公司(测试) ' }));
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.records.length, 1);
  assert.deepEqual(own.json.records[0], {
    id: mine.id,
    name: '上海浦东云计算有限公司（测试）',
    short_name: 'PuDong Cloud',
    phone: '+86 138-1111-2222',
    owner_id: as.liu.userId,
    owner_name: '刘洋',
    match: 'name',
  });

  const other = await as.sun.get(dupUrl({ name: '上海浦东云计算有限公司（测试）' }));
  assert.equal(other.status, 200, other.text);
  assert.deepEqual(other.json.records, [{ name: '上海浦东云计算有限公司（测试）', match: 'name', owner_name: '刘洋' }]);

  for (const phone of ['13811112222', '138 1111 2222', '0086-138-1111-2222', '+8613811112222']) {
    const res = await as.sun.get(dupUrl({ phone }));
    assert.deepEqual(res.json.records, [{ name: '上海浦东云计算有限公司（测试）', match: 'phone', owner_name: '刘洋' }], phone);
  }
  const short = await as.sun.get(dupUrl({ short_name: 'pudong cloud' }));
  assert.equal(short.json.records[0].match, 'short_name');
  assert.equal((await as.sun.get(dupUrl({ name: '上海浦东云计算有限公司' }))).json.records.length, 0, 'only equal names match');

  // The supervisor chain sees it whole; so does customer service (reads all customers).
  assert.equal((await as.zhang.get(dupUrl({ name: '上海浦东云计算有限公司（测试）' }))).json.records[0].id, mine.id);
  assert.equal((await as.chen.get(dupUrl({ name: '上海浦东云计算有限公司（测试）' }))).json.records[0].id, mine.id);

  // Editing the record itself: exclude it.
  assert.deepEqual((await as.liu.get(dupUrl({ name: '上海浦东云计算有限公司（测试）', exclude_id: mine.id }))).json.records, []);
  assert.deepEqual((await as.liu.get(dupUrl({}))).json.records, []);

  assertError(await as.liu.get(dupUrl({ name: 'x', exclude_id: 'abc' })), 422, 'validation_failed');
  assertError(await as.liu.get(dupUrl({ name: '长'.repeat(201) })), 422, 'validation_failed');
  assertError(await as.liu.post('/api/v1/objects/customer/duplicates', {}), 405);
});

test('duplicates are refused on create and update, naming the owner', async () => {
  const first = await create(as.liu, 'customer', { name: '苏州金鸡湖软件有限公司', short_name: '金鸡湖软件', phone: '0512-66668888' });

  const byName = await as.sun.post(url('customer'), { name: ' 苏州金鸡湖软件有限公司 ' });
  assertError(byName, 409, 'conflict');
  assert.equal(byName.json.error.message, '客户「苏州金鸡湖软件有限公司」已存在，负责人：刘洋');
  assert.deepEqual(
    byName.json.error.details.map((d) => [d.field, d.code]),
    [['name', 'duplicate']],
  );
  assert.deepEqual(byName.json.error.duplicates, [{ name: '苏州金鸡湖软件有限公司', match: 'name', owner_name: '刘洋' }]);

  as.sun.lang = 'en';
  const en = await as.sun.post(url('customer'), { name: '另一家软件公司', phone: '+86 512 6666 8888' });
  as.sun.lang = 'zh-CN';
  assertError(en, 409, 'conflict');
  assert.match(en.json.error.message, /苏州金鸡湖软件有限公司.*刘洋/);
  assert.equal(en.json.error.details[0].field, 'phone');

  const shortDup = await as.liu.post(url('customer'), { name: '苏州金鸡湖软件二公司', short_name: '金鸡湖软件' });
  assertError(shortDup, 409);
  assert.equal(shortDup.json.error.details[0].field, 'short_name');
  assert.equal(shortDup.json.error.duplicates[0].id, first.id, 'the owner sees which record');

  const second = await create(as.liu, 'customer', { name: '苏州独墅湖科技有限公司' });
  assertError(await as.liu.patch(url('customer', second.id), { name: '苏州金鸡湖软件有限公司' }), 409, 'conflict');
  assertError(await as.liu.patch(url('customer', second.id), { phone: '0512 6666 8888' }), 409, 'conflict');
  const fine = await as.liu.patch(url('customer', second.id), { remark: '无关字段照常修改' });
  assert.equal(fine.status, 200, fine.text);
  const same = await as.liu.patch(url('customer', first.id), { name: '苏州金鸡湖软件有限公司', remark: 'x' });
  assert.equal(same.status, 200, 'a record is no duplicate of itself');

  // Conversion runs the same check.
  const lead = await create(as.sun, 'lead', { name: '冯十二', company: '苏州金鸡湖软件有限公司' });
  const conv = await as.sun.post(convertUrl(lead.id), {});
  assertError(conv, 409, 'conflict');
  assert.equal(conv.json.error.details[0].field, 'customer.name');
});

// ---- follow-up rollup -----------------------------------------------------------------------------

test('follow-ups keep the customer’s last and next follow-up times', async () => {
  const customer = await create(as.liu, 'customer', { name: '嘉兴南湖食品有限公司' });
  const get = async () => (await as.liu.get(url('customer', customer.id))).json;

  const f1 = await create(as.liu, 'followup', {
    customer_id: customer.id,
    type: 'phone',
    content: '首次电话沟通',
    followup_at: '2020-03-01T10:00:00+08:00',
    next_followup_at: '2020-03-08T10:00:00+08:00',
  });
  let c = await get();
  assert.equal(c.last_followup_at, '2020-03-01T02:00:00Z');
  assert.equal(c.next_followup_at, '2020-03-08T02:00:00Z');
  assert.equal(c.version, 1, 'the rollup does not bump the customer version');

  const before = new Date(Date.now() - 2000).toISOString();
  const f2 = await create(as.liu, 'followup', { customer_id: customer.id, type: 'visit', content: '上门拜访' });
  c = await get();
  assert.ok(c.last_followup_at >= before.slice(0, 19), `now-ish: ${c.last_followup_at}`);
  assert.equal(c.next_followup_at, null, 'the newest follow-up names no next time');

  const moved = await as.liu.patch(url('followup', f2.id), { followup_at: '2020-02-01T09:00:00+08:00' });
  assert.equal(moved.status, 200, moved.text);
  c = await get();
  assert.equal(c.last_followup_at, '2020-03-01T02:00:00Z', 'the newest is f1 again');
  assert.equal(c.next_followup_at, '2020-03-08T02:00:00Z');

  assert.equal((await as.admin.delete(url('followup', f1.id))).status, 204);
  c = await get();
  assert.equal(c.last_followup_at, '2020-02-01T01:00:00Z');
  assert.equal(c.next_followup_at, null);

  assert.equal((await as.admin.post(`${url('followup', f1.id)}/restore`)).status, 200);
  c = await get();
  assert.equal(c.last_followup_at, '2020-03-01T02:00:00Z');

  // Moving a follow-up to another customer recomputes both.
  const other = await create(as.liu, 'customer', { name: '嘉兴秀洲纺织有限公司' });
  assert.equal((await as.liu.patch(url('followup', f1.id), { customer_id: other.id })).status, 200);
  c = await get();
  assert.equal(c.last_followup_at, '2020-02-01T01:00:00Z');
  assert.equal((await as.liu.get(url('customer', other.id))).json.next_followup_at, '2020-03-08T02:00:00Z');
  assert.equal(c.version, 1);

  // Users cannot write them.
  assertError(await as.liu.patch(url('customer', customer.id), { last_followup_at: '2026-01-01T00:00:00Z' }), 422);
});

// ---- the delete setting ---------------------------------------------------------------------------

test('customers cannot be deleted unless an administrator allows it', async () => {
  const got = await as.liu.get('/api/v1/settings/crm');
  assert.equal(got.status, 200, got.text);
  assert.deepEqual(got.json, { allow_customer_delete: false });
  // The object's permissions tell the UI, so it offers no delete button.
  const deleteScope = async (who) => (await as[who].get('/api/v1/meta/objects/customer')).json.permissions.delete;
  assert.equal(await deleteScope('admin'), 'none');
  const listed = (await as.admin.get('/api/v1/meta/objects')).json.records.find((o) => o.name === 'customer');
  assert.equal(listed.permissions.delete, 'none');
  assert.equal((await as.admin.get('/api/v1/meta/objects/contact')).json.permissions.delete, 'all', 'other objects keep their scope');

  const c = await create(as.liu, 'customer', { name: '绍兴柯桥布业有限公司' });
  const denied = await as.admin.delete(url('customer', c.id));
  assertError(denied, 403, 'forbidden');
  assert.match(denied.json.error.message, /不允许删除客户/);
  assertError(await as.sun.delete(url('customer', c.id)), 404, 'not_found');

  assertError(await as.liu.patch('/api/v1/settings/crm', { allow_customer_delete: true }), 403, 'forbidden');
  assertError(await as.wang.patch('/api/v1/settings/crm', { allow_customer_delete: true }), 403, 'forbidden');
  assertError(await as.admin.patch('/api/v1/settings/crm', { allow_customer_delete: 'yes' }), 422, 'validation_failed');
  const unknown = await as.admin.patch('/api/v1/settings/crm', { nope: 1 });
  assertError(unknown, 422, 'validation_failed');
  assert.deepEqual(unknown.json.error.details, [{ field: 'nope', code: 'unknown_field', message: '没有设置项「nope」' }]);
  assertError(await as.admin.patch('/api/v1/settings/crm', '{broken'), 400);
  assertError(await as.admin.patch('/api/v1/settings/crm', '[]'), 400);

  await setCustomerDelete(true);
  try {
    assert.deepEqual((await as.liu.get('/api/v1/settings/crm')).json, { allow_customer_delete: true });
    assert.equal(await deleteScope('admin'), 'all');
    assert.equal(await deleteScope('liu'), 'none', 'the role still decides (销售 may not delete)');
    assertError(await as.liu.delete(url('customer', c.id)), 403, 'forbidden');
    assert.equal((await as.admin.delete(url('customer', c.id))).status, 204);
    assert.equal((await as.liu.get(url('customer', c.id))).status, 404);

    // Customers in the recycle bin do not count as duplicates …
    assert.deepEqual((await as.liu.get(dupUrl({ name: '绍兴柯桥布业有限公司' }))).json.records, []);
    const again = await create(as.liu, 'customer', { name: '绍兴柯桥布业有限公司' });
    // … and cannot come back as one.
    const restore = await as.admin.post(`${url('customer', c.id)}/restore`);
    assertError(restore, 409, 'conflict');
    assert.match(restore.json.error.message, /绍兴柯桥布业有限公司/);
    assert.equal((await as.admin.delete(url('customer', again.id))).status, 204);
    assert.equal((await as.admin.post(`${url('customer', c.id)}/restore`)).status, 200);
  } finally {
    await setCustomerDelete(false);
  }
  assertError(await as.admin.delete(url('customer', c.id)), 403);
});

// ---- timeline -------------------------------------------------------------------------------------

async function walkTimeline(client, object, id, limit) {
  const seen = [];
  let before = null;
  for (let page = 0; page < 100; page += 1) {
    const params = { limit: String(limit) };
    if (before) params.before = before;
    const res = await client.get(timelineUrl(object, id, params));
    assert.equal(res.status, 200, res.text);
    seen.push(...res.json.records);
    before = res.json.next_before;
    if (!before) return seen;
  }
  throw new Error('timeline paging did not end');
}

const key = (item) => `${item.type}:${item.object}:${item.record_id}:${item.at}:${item.data?.field ?? ''}`;

test('timeline: follow-ups, changes, related records, newest first; paging; scope and field security', async () => {
  const customer = await create(as.liu, 'customer', { name: '台州椒江模具有限公司', remark: '初始备注' });
  assert.equal((await as.liu.patch(url('customer', customer.id), { remark: '第二版备注', level: 'a' })).status, 200);
  await create(as.liu, 'followup', {
    customer_id: customer.id,
    type: 'phone',
    content: '很久以前的一次电话',
    followup_at: '2020-01-01T09:00:00+08:00',
  });
  const recent = await create(as.liu, 'followup', { customer_id: customer.id, type: 'visit', content: '上门拜访，客户有意向' });
  const liuContact = await create(as.liu, 'contact', { name: '林经理', customer_id: customer.id });
  const opp = await create(as.liu, 'opportunity', { name: '模具管理系统', customer_id: customer.id });
  // 王芳 (the manager, whose scope covers 刘洋's customer) adds a contact 刘洋 cannot see.
  const wangContact = await create(as.wang, 'contact', { name: '王经理', customer_id: customer.id });
  assert.equal((await as.liu.get(url('contact', wangContact.id))).status, 404);

  const res = await as.liu.get(timelineUrl('customer', customer.id, { limit: '200' }));
  assert.equal(res.status, 200, res.text);
  const items = res.json.records;
  assert.equal(res.json.next_before, null);
  for (let i = 1; i < items.length; i += 1) assert.ok(items[i - 1].at >= items[i].at, 'newest first');
  const types = new Set(items.map((i) => i.type));
  for (const t of ['created', 'change', 'followup', 'related']) assert.ok(types.has(t), `has ${t}`);

  const created = items.find((i) => i.type === 'created');
  assert.deepEqual(created.actor, { id: as.liu.userId, name: '刘洋' });
  assert.equal(created.title, '台州椒江模具有限公司');
  assert.equal(items.at(-1).type, 'followup', 'the 2020 follow-up is the oldest item');
  assert.equal(items.at(-1).at, '2020-01-01T01:00:00Z');
  const visit = items.find((i) => i.type === 'followup' && i.record_id === recent.id);
  assert.equal(visit.object, 'followup');
  assert.equal(visit.title, '上门拜访，客户有意向');
  assert.equal(visit.data.type, 'visit');
  const remark = items.find((i) => i.type === 'change' && i.data.field === 'remark');
  assert.equal(remark.data.old_value, '初始备注');
  assert.equal(remark.data.new_value, '第二版备注');
  const related = items.filter((i) => i.type === 'related').map((i) => `${i.object}:${i.record_id}`).sort();
  assert.deepEqual(related, [`contact:${liuContact.id}`, `opportunity:${opp.id}`].sort(), 'no related record outside scope');
  assert.ok(items.every((i) => i.type !== 'followup' || i.data.customer_id === customer.id));

  // The manager sees the other contact too.
  const wangView = await as.wang.get(timelineUrl('customer', customer.id, { limit: '200' }));
  assert.ok(wangView.json.records.some((i) => i.type === 'related' && i.record_id === wangContact.id));

  // Paging walks every item exactly once, in order, even with many items in one second.
  for (const limit of [1, 2, 3]) {
    const walked = await walkTimeline(as.liu, 'customer', customer.id, limit);
    assert.deepEqual(walked.map(key), items.map(key), `limit ${limit}`);
  }
  const older = await as.liu.get(timelineUrl('customer', customer.id, { before: '2021-01-01T00:00:00+08:00' }));
  assert.deepEqual(older.json.records.map((i) => i.at), ['2020-01-01T01:00:00Z']);

  // Fields hidden from a role are hidden from its timeline.
  await withSalesRole(
    (p) => {
      p.fields = { ...(p.fields ?? {}), customer: { remark: 'hidden' } };
      return p;
    },
    async () => {
      const hidden = await as.liu.get(timelineUrl('customer', customer.id, { limit: '200' }));
      assert.equal(hidden.status, 200, hidden.text);
      assert.ok(!hidden.json.records.some((i) => i.data?.field === 'remark'), 'no remark changes');
      assert.ok(hidden.json.records.some((i) => i.data?.field === 'level'), 'other changes stay');
      const manager = await as.wang.get(timelineUrl('customer', customer.id, { limit: '200' }));
      assert.ok(manager.json.records.some((i) => i.data?.field === 'remark'), 'other roles still see it');
    },
  );

  // Contacts: follow-ups naming them, their recycle-bin trips.
  await create(as.liu, 'followup', { customer_id: customer.id, contact_id: liuContact.id, type: 'wechat', content: '微信联系林经理' });
  assert.equal((await as.admin.delete(url('contact', liuContact.id))).status, 204);
  assert.equal((await as.admin.post(`${url('contact', liuContact.id)}/restore`)).status, 200);
  const contactLine = await as.liu.get(timelineUrl('contact', liuContact.id));
  assert.equal(contactLine.status, 200, contactLine.text);
  const contactTypes = contactLine.json.records.map((i) => i.type);
  for (const t of ['followup', 'deleted', 'restored', 'created']) assert.ok(contactTypes.includes(t), `contact has ${t}`);
  assert.equal(contactLine.json.records.find((i) => i.type === 'followup').title, '微信联系林经理');

  // Not readable → 404; bad parameters → 422.
  assertError(await as.sun.get(timelineUrl('customer', customer.id)), 404, 'not_found');
  assertError(await as.liu.get(timelineUrl('nothing', customer.id)), 404);
  assertError(await as.liu.get(timelineUrl('customer', 99999999)), 404);
  assertError(await as.liu.get(timelineUrl('customer', 'abc')), 404);
  for (const params of [{ limit: '0' }, { limit: '201' }, { limit: 'x' }, { before: 'yesterday' }]) {
    assertError(await as.liu.get(timelineUrl('customer', customer.id, params)), 422, 'validation_failed');
  }
});

test('timeline: transfers name the people; converted leads show on their customer', async () => {
  const customer = await create(as.wang, 'customer', { name: '金华义乌小商品有限公司' });
  const moved = await as.wang.post('/api/v1/objects/customer/transfer', { ids: [customer.id], to_user_id: as.zhang.userId });
  assert.equal(moved.status, 200, moved.text);
  const line = await as.wang.get(timelineUrl('customer', customer.id));
  const transfer = line.json.records.find((i) => i.type === 'transfer');
  assert.ok(transfer, line.text);
  assert.equal(transfer.data.old_owner_name, '王芳');
  assert.equal(transfer.data.new_owner_name, '张伟');

  const lead = await create(as.zhang, 'lead', { name: '陈十三', company: '金华义乌小商品有限公司' });
  const conv = await as.zhang.post(convertUrl(lead.id), { customer_id: customer.id, contact: null });
  assert.equal(conv.status, 200, conv.text);
  const after = await as.zhang.get(timelineUrl('customer', customer.id));
  assert.ok(after.json.records.some((i) => i.type === 'related' && i.object === 'lead' && i.record_id === lead.id));
  const leadLine = await as.zhang.get(timelineUrl('lead', lead.id));
  const statusChange = leadLine.json.records.find((i) => i.type === 'change' && i.data.field === 'status');
  assert.equal(statusChange.data.new_value, 'converted');
});
