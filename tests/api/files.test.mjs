// The file store (docs/api/files.md) against the real server: uploads kept by content (the same
// bytes once on disk), types read from the bytes, file and image fields of any object taking only
// files the writer may use, downloads allowed by the record a file belongs to (data scope and field
// security), and the error answers: 401, 404, 413, 415, 422.
import { test, before, after, describe } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDF, PNG, uploadFile } from './lib/files.mjs';
import { raw } from './lib/jobs.mjs';
import { addUser, roleIdsByCode, rootOf } from './lib/org.mjs';
import { assertError, create, mustCreate, rec } from './lib/records.mjs';
import { advanceClock, startServer, registerEnterprise, signIn } from './lib/server.mjs';

let server;
before(async () => {
  // One MiB per file, so the too-large case needs no big body.
  server = await startServer({ args: ['--file-max-mb', '1'] });
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

const PASSWORD = 'Welcome2026x';
const blobsOf = (tenantId) => {
  try {
    return readdirSync(join(server.dataDir, 'files', String(tenantId))).sort();
  } catch {
    return [];
  }
};
const detailsOf = (res) => (res.json?.error?.details ?? []).map((d) => `${d.field}:${d.code}`);

async function enterprise(company) {
  const { client: admin, result } = await registerEnterprise(server.baseUrl, { company });
  const roles = await roleIdsByCode(admin);
  const root = await rootOf(admin);
  const person = async (name, roleIds) => {
    const user = await addUser(admin, { name, dept: root, roleIds, password: PASSWORD });
    const session = await signIn(server.baseUrl, user.phone, PASSWORD);
    return { ...user, session };
  };
  return { admin, tenantId: result.tenant.id, roles, person };
}

async function mustUpload(client, bytes, name, contentType) {
  const res = await uploadFile(client, bytes, name, contentType);
  assert.equal(res.status, 201, res.text);
  return res;
}

test('upload → product images → _display → download the same bytes; the same bytes are kept once', async () => {
  const { admin, tenantId, roles, person } = await enterprise('文件上传测试有限公司');
  const rep = await person('销售甲', [roles.sales]);

  // The client says text/plain; the bytes say PNG.
  const up = await mustUpload(admin, PNG, '产品主图.png', 'text/plain');
  assert.equal(up.headers.get('location'), `/api/v1/files/${up.json.id}`);
  assert.deepEqual(up.json, {
    id: up.json.id,
    name: '产品主图.png',
    size: PNG.length,
    content_type: 'image/png',
    url: `/api/v1/files/${up.json.id}`,
  });
  assert.equal(typeof up.json.id, 'number');
  assert.deepEqual(blobsOf(tenantId).length, 1);

  // The same bytes under another name (and by another person): a new file row, no new blob.
  const again = await mustUpload(rep.session, PNG, 'copy.png');
  assert.notEqual(again.json.id, up.json.id);
  assert.equal(again.json.name, 'copy.png');
  assert.equal(blobsOf(tenantId).length, 1, 'same bytes, one blob');
  const text = await mustUpload(admin, Buffer.from('名称,金额\n甲,1\n'), '清单.csv', 'image/png');
  assert.equal(text.json.content_type, 'text/csv; charset=utf-8', 'the claimed image/png is ignored');
  assert.equal(blobsOf(tenantId).length, 2);
  // Without a name the file is called "file".
  const nameless = await mustUpload(admin, PDF);
  assert.equal(nameless.json.name, 'file');
  assert.equal(nameless.json.content_type, 'application/pdf');

  const product = await create(admin, 'product', { name: '带图产品', images: [up.json.id] });
  assert.deepEqual(product.images, [up.json.id]);
  assert.deepEqual(product._display.images, [
    { id: up.json.id, name: '产品主图.png', size: PNG.length, content_type: 'image/png', url: `/api/v1/files/${up.json.id}` },
  ]);
  // Lists carry the same display.
  const list = await admin.post('/api/v1/objects/product/query', { fields: ['name', 'images'] });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.records.find((r) => r.id === product.id)._display.images.map((f) => f.name), ['产品主图.png']);

  const down = await raw(admin, 'GET', `/api/v1/files/${up.json.id}`);
  assert.equal(down.status, 200, down.text);
  assert.ok(down.buf.equals(PNG), 'the bytes that went up come down');
  assert.equal(down.headers.get('content-type'), 'image/png');
  assert.equal(down.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(
    down.headers.get('content-disposition'),
    `inline; filename="file-${up.json.id}.png"; filename*=UTF-8''${encodeURIComponent('产品主图').toUpperCase()}.png`,
  );
  // A sales rep reads every product (the shared catalogue), so the image too.
  const repDown = await raw(rep.session, 'GET', `/api/v1/files/${up.json.id}`);
  assert.equal(repDown.status, 200, repDown.text);
  assert.ok(repDown.buf.equals(PNG));

  // A non-image file is an attachment.
  const csv = await raw(admin, 'GET', `/api/v1/files/${text.json.id}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /^attachment; /);
  assert.equal(csv.text, '名称,金额\n甲,1\n');

  // Updating: the image already on the record stays usable; a new one of the admin's joins it.
  const second = await mustUpload(admin, Buffer.concat([PNG, Buffer.from([0])]), '第二张.png');
  let res = await admin.patch(`${rec('product')}/${product.id}`, { images: [second.json.id, up.json.id] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json._display.images.map((f) => f.name), ['第二张.png', '产品主图.png']);
  // Another product cannot take a file that belongs to the first.
  res = await admin.post(rec('product'), { name: '借图产品', images: [up.json.id] });
  assertError(res, 422, 'validation_failed');
  assert.deepEqual(detailsOf(res), ['images:file_not_found']);

  // A product in the recycle bin: its files are not served.
  assert.equal((await admin.delete(`${rec('product')}/${product.id}`)).status, 204);
  assertError(await raw(admin, 'GET', `/api/v1/files/${up.json.id}`), 404, 'not_found');
  // Restored, they are again; purged, they are gone for good, whatever record comes next.
  assert.equal((await admin.post(`${rec('product')}/${product.id}/restore`)).status, 200);
  assert.equal((await raw(admin, 'GET', `/api/v1/files/${up.json.id}`)).status, 200);
  assert.equal((await admin.delete(`${rec('product')}/${product.id}`)).status, 204);
  assert.equal((await admin.delete(`/api/v1/objects/product/recycle-bin/${product.id}`)).status, 204);
  assertError(await raw(admin, 'GET', `/api/v1/files/${up.json.id}`), 404, 'not_found');
  res = await admin.post(rec('product'), { name: '新产品', images: [up.json.id] });
  assertError(res, 422, 'validation_failed');
});

test('file and image fields take only files the writer may use; images only images (422, zh and en)', async () => {
  const { admin, roles, person } = await enterprise('文件校验测试有限公司');
  const rep = await person('销售乙', [roles.sales]);
  const png = await mustUpload(admin, PNG, 'a.png');
  const pdf = await mustUpload(admin, PDF, '规格书.pdf');
  const repsPng = await mustUpload(rep.session, PNG, 'mine.png');

  // No such file.
  let res = await admin.post(rec('product'), { name: '无此文件', images: [987654] });
  assertError(res, 422, 'validation_failed');
  assert.deepEqual(detailsOf(res), ['images:file_not_found']);
  assert.equal(res.json.error.details[0].message, '「产品图片」中的文件 987654 不存在或无权使用，请重新上传');
  // Someone else's upload, not yet on any record.
  res = await admin.post(rec('product'), { name: '别人的文件', images: [repsPng.json.id] });
  assert.deepEqual(detailsOf(res), ['images:file_not_found']);
  // A PDF in an image field, in English.
  admin.lang = 'en';
  res = await admin.post(rec('product'), { name: 'PDF as image', images: [pdf.json.id] });
  assertError(res, 422, 'validation_failed');
  assert.deepEqual(detailsOf(res), ['images:not_image']);
  assert.equal(res.json.error.details[0].message, "Images takes images only (PNG, JPEG, GIF, WebP, BMP); '规格书.pdf' is not one");
  admin.lang = 'zh-CN';
  // Not a list of ids at all.
  res = await admin.post(rec('product'), { name: '坏值', images: ['a.png'] });
  assert.deepEqual(detailsOf(res), ['images:invalid']);
  // Nothing was written by the refused requests: the upload is still free and usable once.
  const ok = await create(admin, 'product', { name: '正常', images: [png.json.id] });
  assert.deepEqual(ok.images, [png.json.id]);
});

test('a custom file field on customer: linked files follow the customer’s data scope and field security', async () => {
  const { admin, roles, person } = await enterprise('客户附件测试有限公司');
  const field = await mustCreate(admin, '/api/v1/meta/objects/customer/fields', { label: '合同扫描件', label_en: 'Contract scan', type: 'file' });
  const owner = await person('销售丙', [roles.sales]);
  const other = await person('销售丁', [roles.sales]);

  const pdf = await mustUpload(owner.session, PDF, '合同.pdf');
  // While unlinked only the uploader sees it.
  assertError(await raw(other.session, 'GET', `/api/v1/files/${pdf.json.id}`), 404, 'not_found');
  assert.equal((await raw(owner.session, 'GET', `/api/v1/files/${pdf.json.id}`)).status, 200);
  // Another rep cannot take it into their own customer.
  let res = await other.session.post(rec('customer'), { name: '丁的客户', [field.name]: [pdf.json.id] });
  assertError(res, 422, 'validation_failed');
  assert.deepEqual(detailsOf(res), [`${field.name}:file_not_found`]);

  // A file field takes any type; the owner's customer takes it.
  const customer = await create(owner.session, 'customer', { name: '丙的客户', [field.name]: [pdf.json.id] });
  assert.deepEqual(customer._display[field.name].map((f) => [f.name, f.content_type]), [['合同.pdf', 'application/pdf']]);
  const down = await raw(owner.session, 'GET', `/api/v1/files/${pdf.json.id}`);
  assert.equal(down.status, 200);
  assert.ok(down.buf.equals(PDF));
  assert.match(down.headers.get('content-disposition'), /^attachment; filename="file-\d+\.pdf"/);
  // The administrator sees every customer; the other rep sees only their own (404, as for the record).
  assert.equal((await raw(admin, 'GET', `/api/v1/files/${pdf.json.id}`)).status, 200);
  assertError(await raw(other.session, 'GET', `/api/v1/files/${pdf.json.id}`), 404, 'not_found');
  assert.equal((await other.session.get(`${rec('customer')}/${customer.id}`)).status, 404, 'the record agrees');
  // Once linked, it cannot be taken by another record, even by its uploader.
  res = await owner.session.post(rec('customer'), { name: '丙的第二个客户', [field.name]: [pdf.json.id] });
  assert.deepEqual(detailsOf(res), [`${field.name}:file_not_found`]);

  // A role that reads every customer but may not see the field: no download.
  const role = await mustCreate(admin, '/api/v1/roles', {
    name: '看不到附件',
    permissions: {
      objects: { customer: { create: false, read: 'all', update: 'none', delete: 'none' } },
      fields: { customer: { [field.name]: 'hidden' } },
    },
  });
  const viewer = await person('只读员工', [role.id]);
  const seen = await viewer.session.get(`${rec('customer')}/${customer.id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.ok(!(field.name in seen.json) && !(field.name in seen.json._display), 'the field is hidden');
  assertError(await raw(viewer.session, 'GET', `/api/v1/files/${pdf.json.id}`), 404, 'not_found');
  res = await admin.patch(`/api/v1/roles/${role.id}`, {
    permissions: { objects: { customer: { create: false, read: 'all', update: 'none', delete: 'none' } }, fields: {} },
  });
  assert.equal(res.status, 200, res.text);
  assert.equal((await raw(viewer.session, 'GET', `/api/v1/files/${pdf.json.id}`)).status, 200, 'visible field: downloadable');
});

test('bad uploads: 401 without a session, 413 over the limit, 422 empty, 415 programs; 404 for ids that are not files', async () => {
  const { admin } = await enterprise('文件错误测试有限公司');
  let res = await fetch(`${server.baseUrl}/api/v1/files`, { method: 'POST', body: PNG });
  assert.equal(res.status, 401);
  assert.equal((await res.json()).error.code, 'unauthorized');
  res = await fetch(`${server.baseUrl}/api/v1/files/1`);
  assert.equal(res.status, 401);

  const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
  let up = await uploadFile(admin, big, 'big.txt');
  assertError(up, 413, 'payload_too_large');
  assert.equal(up.json.error.message, '文件过大（每个文件最大 1 MB）');
  up = await uploadFile(admin, Buffer.alloc(0), 'empty.txt');
  assertError(up, 422, 'validation_failed');
  assert.deepEqual(detailsOf(up), ['file:empty']);
  up = await uploadFile(admin, Buffer.from('MZ\x90\x00program'), 'setup.exe');
  assertError(up, 415, 'unsupported_media_type');
  // Exactly at the limit is fine.
  up = await uploadFile(admin, Buffer.alloc(1024 * 1024, 0x61), 'max.txt');
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.size, 1024 * 1024);

  assertError(await raw(admin, 'GET', '/api/v1/files/999999'), 404, 'not_found');
  assertError(await raw(admin, 'GET', '/api/v1/files/abc'), 404, 'not_found');
  // Another enterprise's file id is just a missing file here.
  const { admin: stranger } = await enterprise('另一家企业');
  assertError(await raw(stranger, 'GET', `/api/v1/files/${up.json.id}`), 404, 'not_found');
});

// Per-field limits and the daily clean-up need their own server: files up to 3 MB (so a field can
// allow less than the server) and a clock the test can move (--test-clock).
describe('per-field limits and the daily clean-up', () => {
  let clocked;
  const ENTERPRISE_PASSWORD = 'Passw0rd!2026';
  before(async () => {
    clocked = await startServer({ args: ['--file-max-mb', '3', '--test-clock'] });
  });
  after(async () => {
    assert.equal(await clocked.stop(), 0);
  });
  const blobsIn = (tenantId) => {
    try {
      return readdirSync(join(clocked.dataDir, 'files', String(tenantId))).sort();
    } catch {
      return [];
    }
  };
  async function clockedEnterprise(company) {
    const { client: admin, result } = await registerEnterprise(clocked.baseUrl, { company });
    const roles = await roleIdsByCode(admin);
    const root = await rootOf(admin);
    const user = await addUser(admin, { name: '销售限', dept: root, roleIds: [roles.sales], password: PASSWORD });
    const rep = await signIn(clocked.baseUrl, user.phone, PASSWORD);
    return { admin, rep, tenantId: result.tenant.id };
  }
  const limitsUrl = (object, field) => `/api/v1/meta/objects/${object}/fields/${field}/file-limits`;

  test('file limits of a field: set by administrators (422 for bad values), shown to the form, enforced on link', async () => {
    const { admin, rep } = await clockedEnterprise('文件限制测试有限公司');
    const field = await mustCreate(admin, '/api/v1/meta/objects/customer/fields', {
      label: '合同附件',
      label_en: 'Contract files',
      type: 'file',
    });
    const url = limitsUrl('customer', field.name);

    // Bad values: 422 naming the option, in both languages.
    let res = await admin.put(url, { max_size_mb: 0 });
    assertError(res, 422, 'validation_failed');
    assert.deepEqual(detailsOf(res), ['max_size_mb:out_of_range']);
    assert.equal(res.json.error.details[0].message, '单个文件上限应为 1–3 MB 的整数');
    admin.lang = 'en';
    res = await admin.put(url, { max_size_mb: 4 });
    assert.deepEqual(detailsOf(res), ['max_size_mb:out_of_range']);
    assert.equal(res.json.error.details[0].message, 'max_size_mb must be a whole number from 1 to 3');
    admin.lang = 'zh-CN';
    res = await admin.put(url, { max_size_mb: 1.5 });
    assert.deepEqual(detailsOf(res), ['max_size_mb:out_of_range']);
    res = await admin.put(url, { accept: ['pdf', 'exe'] });
    assertError(res, 422, 'validation_failed');
    assert.deepEqual(detailsOf(res), ['accept:invalid']);
    assert.equal(res.json.error.details[0].message, '文件类型「exe」不正确，可选：image、pdf、office、text、archive、media');
    res = await admin.put(limitsUrl('product', 'images'), { accept: ['pdf'] });
    assert.deepEqual(detailsOf(res), ['accept:invalid'], 'image fields take images anyway');
    res = await admin.put(limitsUrl('customer', 'name'), { max_size_mb: 1 });
    assert.deepEqual(detailsOf(res), ['field:not_file_field']);
    res = await admin.put(url, { max_size_mb: 1, min: 2 });
    assert.deepEqual(detailsOf(res), ['min:unknown_field']);
    assertError(await admin.put(limitsUrl('customer', 'c_nothing'), { max_size_mb: 1 }), 404, 'not_found');
    assertError(await admin.put(limitsUrl('no_such_object', 'x'), { max_size_mb: 1 }), 404, 'not_found');
    // Only administrators set them.
    assertError(await rep.put(url, { max_size_mb: 1 }), 403, 'forbidden');

    res = await admin.put(url, { max_size_mb: 1, accept: ['pdf', 'image', 'pdf'] });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { field: field.name, max_size_mb: 1, accept: ['image', 'pdf'] });
    res = await admin.put(limitsUrl('product', 'images'), { max_size_mb: 2 });
    assert.equal(res.status, 200, res.text);

    // Anyone signed in reads them (the record form shows them).
    res = await rep.get('/api/v1/meta/objects/customer/file-limits');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.server_max_mb, 3);
    assert.deepEqual(res.json.records.find((l) => l.field === field.name), { field: field.name, max_size_mb: 1, accept: ['image', 'pdf'] });
    res = await rep.get('/api/v1/meta/objects/product/file-limits');
    assert.deepEqual(res.json.records, [{ field: 'images', max_size_mb: 2, accept: [] }]);
    assertError(await rep.get('/api/v1/meta/objects/no_such_object/file-limits'), 404, 'not_found');

    // Enforced when a record's field takes an upload: too large, then the wrong kind.
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
    const bigUp = await uploadFile(rep, big, '大合同.pdf');
    assert.equal(bigUp.status, 201, 'the server takes up to 3 MB');
    res = await rep.post(rec('customer'), { name: '超限客户', [field.name]: [bigUp.json.id] });
    assertError(res, 422, 'validation_failed');
    assert.deepEqual(detailsOf(res), [`${field.name}:too_large`]);
    assert.equal(res.json.error.details[0].message, '「合同附件」中的文件「大合同.pdf」超过该字段允许的 1 MB');
    const csv = await uploadFile(rep, Buffer.from('名称,金额\n甲,1\n'), '清单.csv');
    rep.lang = 'en';
    res = await rep.post(rec('customer'), { name: 'Wrong kind', [field.name]: [csv.json.id] });
    assertError(res, 422, 'validation_failed');
    assert.deepEqual(detailsOf(res), [`${field.name}:type_not_allowed`]);
    assert.equal(res.json.error.details[0].message, "Contract files takes only images, PDF; '清单.csv' is not one of them");
    rep.lang = 'zh-CN';
    // Within the limits: taken.
    const small = await uploadFile(rep, PDF, '小合同.pdf');
    const png = await uploadFile(rep, PNG, '盖章页.png');
    const ok = await create(rep, 'customer', { name: '合规客户', [field.name]: [small.json.id, png.json.id] });
    assert.deepEqual(ok[field.name], [small.json.id, png.json.id]);

    // Lifted again: the same big file is taken.
    res = await admin.put(url, { max_size_mb: null, accept: null });
    assert.deepEqual(res.json, { field: field.name, max_size_mb: null, accept: [] });
    const taken = await create(rep, 'customer', { name: '不限客户', [field.name]: [bigUp.json.id] });
    assert.deepEqual(taken[field.name], [bigUp.json.id]);
  });

  test('files.cleanup a day later: unattached, removed and purged files and their bytes go, attached and shared ones stay', async () => {
    const { admin, rep, tenantId } = await clockedEnterprise('文件清理测试有限公司');
    const kept = await mustUpload(admin, PNG, '主图.png');
    const removed = await mustUpload(admin, Buffer.concat([PNG, Buffer.from([7])]), '换掉的图.png');
    const product = await create(admin, 'product', { name: '带图产品', images: [kept.json.id, removed.json.id] });
    // Taken off the record: unlinked at once (only its uploader still sees it), gone a day later.
    const res = await admin.patch(`${rec('product')}/${product.id}`, { images: [kept.json.id] });
    assert.equal(res.status, 200, res.text);
    assert.equal((await raw(rep, 'GET', `/api/v1/files/${kept.json.id}`)).status, 200);
    assertError(await raw(rep, 'GET', `/api/v1/files/${removed.json.id}`), 404, 'not_found');
    assert.equal((await raw(admin, 'GET', `/api/v1/files/${removed.json.id}`)).status, 200);
    // A purged custom object: its records' files go with its table; their bytes a day later.
    const object = await mustCreate(admin, '/api/v1/meta/objects', { label: '设备档案', label_en: 'Devices', name: 'devices' });
    await mustCreate(admin, `/api/v1/meta/objects/${object.name}/fields`, { label: '照片', label_en: 'Photos', name: 'photos', type: 'image' });
    const photo = await mustUpload(admin, Buffer.concat([PNG, Buffer.from([8])]), '设备照片.png');
    await create(admin, object.name, { name: '一号设备', c_photos: [photo.json.id] });
    assert.equal((await admin.delete(`/api/v1/meta/objects/${object.name}?confirm=${object.name}`)).status, 204);
    assert.equal((await admin.delete(`/api/v1/meta/objects/${object.name}/purge?confirm=${object.name}`)).status, 204);
    assertError(await raw(admin, 'GET', `/api/v1/files/${photo.json.id}`), 404, 'not_found');
    // The same bytes uploaded again but never used: its row goes, the shared blob stays.
    const copy = await mustUpload(admin, PNG, '副本.png');
    const stray = await mustUpload(admin, Buffer.from('%PDF-1.4\n% 没人用的文件\n%%EOF\n'), '草稿.pdf');
    const pngHash = createHash('sha256').update(PNG).digest('hex');
    assert.equal(blobsIn(tenantId).length, 4);
    // Before the window has passed nothing is taken (the job has not run; the uploads are fresh).
    assert.equal((await raw(admin, 'GET', `/api/v1/files/${stray.json.id}`)).status, 200);

    // The scheduler knows the new enterprise's jobs (their next run counts from before the move).
    const listed = Date.now() + 15000;
    while (Date.now() < listed) {
      const jobs = await admin.get('/api/v1/admin/jobs');
      assert.equal(jobs.status, 200, jobs.text);
      if (jobs.json.records.some((j) => j.name === 'files.cleanup')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await advanceClock(admin, 25 * 3600, ENTERPRISE_PASSWORD);
    const deadline = Date.now() + 15000;
    let job;
    while (Date.now() < deadline) {
      const jobs = await admin.get('/api/v1/admin/jobs');
      assert.equal(jobs.status, 200, jobs.text);
      job = jobs.json.records.find((j) => j.name === 'files.cleanup');
      if (job?.last_status) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(job?.last_status, 'succeeded', JSON.stringify(job));
    assert.equal(job.spec, '40 3 * * *');

    assertError(await raw(admin, 'GET', `/api/v1/files/${stray.json.id}`), 404, 'not_found');
    assertError(await raw(admin, 'GET', `/api/v1/files/${copy.json.id}`), 404, 'not_found');
    assertError(await raw(admin, 'GET', `/api/v1/files/${removed.json.id}`), 404, 'not_found');
    const down = await raw(admin, 'GET', `/api/v1/files/${kept.json.id}`);
    assert.equal(down.status, 200);
    assert.ok(down.buf.equals(PNG));
    assert.deepEqual(blobsIn(tenantId), [pngHash], 'the unused, removed and purged bytes are gone; the shared PNG stays');
  });
});
