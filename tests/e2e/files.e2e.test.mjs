// Browser journeys of the file store (docs/api/files.md), against the real server with the demo
// enterprise:
//   1. an image uploaded in the product form (产品图片): its thumbnail in the form, saved with the
//      product, previewed on the detail page and downloaded with the browser's session (same bytes);
//   2. the same form and detail in English, and at phone width;
//   3. a field's own size limit under the upload button, and a bigger file refused before upload;
//   4. 对象与字段: a new file field whose limits fail to save is created once, Save then retries only
//      the limits, and the form reads them naturally under the upload button;
//   5. 线索转换: a required file field of the customer shows the same limits in the conversion dialog
//      and refuses a bigger file there before uploading.
// Screenshots go to test-results/e2e/ and to /tmp/files-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PNG } from '../api/lib/files.mjs';
import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import {
  apiAs,
  create,
  field,
  findOne,
  form,
  lastMessage,
  openAdminPage,
  popper,
  shot,
  signIn as signInAt,
  startWithBrowser,
  switchLocale,
  waitFormClosed,
} from './lib/journey.mjs';

const ADMIN = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const PRODUCT = '带图浏览器测试产品';

let server;
let browser;
let admin;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  admin = await apiAs(server.baseUrl, ADMIN);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page) => signInAt(page, server.baseUrl, ADMIN);
/** Whether every <img> under `scope` has loaded (a broken image has no natural width). */
const imagesLoaded = (scope) =>
  scope.locator('img').evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth === 8));

describe('files in the browser', { concurrency: false }, () => {
  let session;
  let productId;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signIn(session.page);
  });
  after(async () => {
    assert.deepEqual(session.problems, [], 'no errors in the browser');
    await session?.context.close();
  });

  test('an image uploaded in the product form is saved, previewed and downloaded', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/product`);
    await page.locator(t('record-new')).click();
    await form(page).waitFor();
    await field(page, 'name').locator('input').first().fill(PRODUCT);
    const images = field(page, 'images');
    assert.equal((await images.locator('button').first().innerText()).trim(), '上传图片');
    await images.locator('input[type=file]').setInputFiles({ name: '产品主图.png', mimeType: 'image/png', buffer: PNG });
    const listed = images.locator(t('file-input-list'));
    await listed.waitFor();
    assert.equal((await listed.locator('.name').innerText()).trim(), '产品主图.png');
    assert.equal((await listed.locator('.size').innerText()).trim(), `${PNG.length} B`);
    await page.waitForFunction(() => document.querySelector('[data-test="file-input-list"] img')?.naturalWidth === 8);
    await shot(page, 'files-product-form-zh');
    await form(page).locator(t('record-form-submit')).click();
    await waitFormClosed(page);

    const product = await findOne(admin, 'product', PRODUCT);
    productId = product.id;
    assert.equal(product.images.length, 1);
    await page.goto(`${server.baseUrl}/o/product/${productId}`);
    const detail = page.locator(t('detail-images'));
    await detail.locator('img').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-test="detail-images"] img')?.naturalWidth === 8);
    assert.equal(await imagesLoaded(detail), true);
    await shot(page, 'files-product-detail-zh', { fullPage: true });

    // Downloaded with the browser's own session (the cookie), as the preview link does.
    const href = await detail.locator('a').first().getAttribute('href');
    assert.equal(href, `/api/v1/files/${product.images[0]}`);
    const res = await session.context.request.get(`${server.baseUrl}${href}`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'image/png');
    assert.ok(Buffer.from(await res.body()).equals(PNG), 'the same bytes come back');

    // Editing: the image is listed by name and can be removed.
    await page.locator(t('record-edit')).click();
    await form(page).waitFor();
    const edit = field(page, 'images');
    assert.equal((await edit.locator(`${t('file-input-list')} .name`).innerText()).trim(), '产品主图.png');
    await edit.locator(t('file-remove')).click();
    assert.equal(await edit.locator(t('file-input-list')).count(), 0);
    await form(page).locator(t('record-form-submit')).click();
    await waitFormClosed(page);
    await page.waitForFunction(() => !document.querySelector('[data-test="detail-images"] img'));
    assert.equal((await findOne(admin, 'product', PRODUCT)).images, null);
  });

  test('the file widgets in English', async () => {
    const { page } = session;
    // Back to one image, through the API this time.
    const up = await fetch(`${server.baseUrl}/api/v1/files?name=cover.png`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.token}` },
      body: PNG,
    });
    assert.equal(up.status, 201);
    const file = await up.json();
    const res = await admin.patch(`/api/v1/objects/product/records/${productId}`, { images: [file.id] });
    assert.equal(res.status, 200, res.text);
    await page.goto(`${server.baseUrl}/o/product/${productId}`);
    await switchLocale(page, 'en');
    await page.locator(`${t('detail-images')} img`).waitFor();
    await page.locator(t('record-edit')).click();
    await form(page).waitFor();
    const images = field(page, 'images');
    assert.equal((await images.locator('button', { hasText: 'Upload an image' }).count()), 1);
    assert.equal((await images.locator('.tip').innerText()).trim(), 'Images only (PNG, JPEG, GIF, WebP, BMP)');
    assert.equal((await images.locator(`${t('file-input-list')} .name`).innerText()).trim(), 'cover.png');
    await shot(page, 'files-product-form-en');
    await page.keyboard.press('Escape');
    await switchLocale(page, 'zh-CN');
  });

  test('at phone width the preview fits the screen', async () => {
    const phone = await newPhonePage(browser);
    try {
      await signIn(phone.page);
      await phone.page.goto(`${server.baseUrl}/o/product/${productId}`);
      const img = phone.page.locator(`${t('detail-images')} img`);
      await img.waitFor();
      await phone.page.waitForFunction(() => document.querySelector('[data-test="detail-images"] img')?.naturalWidth === 8);
      const box = await img.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the preview is on screen: ${JSON.stringify(box)}`);
      await shot(phone.page, 'files-product-detail-phone', { fullPage: true });
      assert.deepEqual(phone.problems, [], 'no errors in the browser');
    } finally {
      await phone.context.close();
    }
  });

  test('a field’s own limit shows under the upload button and refuses a bigger file before uploading', async () => {
    const { page } = session;
    const limits = '/api/v1/meta/objects/product/fields/images/file-limits';
    let res = await admin.put(limits, { max_size_mb: 5 });
    assert.equal(res.status, 200, res.text);
    try {
      await page.goto(`${server.baseUrl}/o/product/${productId}`);
      await page.locator(t('record-edit')).click();
      await form(page).waitFor();
      const images = field(page, 'images');
      const tip = images.locator(t('file-input-tip'));
      await page.waitForFunction(() => document.querySelector('[data-test="file-input-tip"]')?.textContent?.includes('5 MB'));
      assert.equal((await tip.innerText()).trim(), '最大 5 MB，只能上传图片');
      const uploads = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/api/v1/files')) uploads.push(r.url());
      });
      const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      await images.locator('input[type=file]').setInputFiles({ name: '超大图.png', mimeType: 'image/png', buffer: big });
      const error = images.locator(t('file-input-error'));
      await error.waitFor();
      assert.equal((await error.innerText()).trim(), '「超大图.png」上传失败：文件超过该字段允许的 5 MB');
      assert.deepEqual(uploads, [], 'nothing was sent');
      await shot(page, 'files-field-limit');
      await page.keyboard.press('Escape');
    } finally {
      res = await admin.put(limits, { max_size_mb: null });
      assert.equal(res.status, 200, res.text);
    }
  });

  test('对象与字段: a new file field is created once though its limits failed; Save retries only the limits', async () => {
    const { page } = session;
    await openAdminPage(page, 'objects');
    await page.locator(t('object-product')).click();
    await page.waitForFunction(() => document.querySelector('[data-test="object-title"]')?.textContent?.includes('产品'));
    await page.locator(t('field-add')).click();
    const dialog = page.locator(t('field-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(t('field-label')).fill('规格书');
    await dialog.locator(t('field-label-en')).fill('Spec sheets');
    await dialog.locator(t('field-name')).fill('spec_sheets');
    await dialog.locator(`${t('field-type')} .el-select__wrapper`).click();
    await popper(page).locator(t('field-type-file')).click();
    await dialog.locator(`${t('file-limits-max')} input`).fill('5');
    await dialog.locator(`${t('file-limits-accept')} .el-select__wrapper`).click();
    await popper(page).locator(t('file-kind-image')).click();
    await popper(page).locator(t('file-kind-pdf')).click();
    await dialog.locator(t('field-label')).click(); // closes the list

    const creations = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/meta/objects/product/fields') creations.push(r.url());
    });
    // The first PUT of the limits fails (the server busy); the next goes through.
    let failed = 0;
    await page.route('**/file-limits', async (route) => {
      if (route.request().method() === 'PUT' && failed === 0) {
        failed += 1;
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: '服务繁忙，请稍后再试。' } }),
        });
      } else {
        await route.continue();
      }
    });
    try {
      await dialog.locator(t('field-submit')).click();
      const error = dialog.locator(t('field-error'));
      await error.waitFor();
      assert.equal(
        (await error.innerText()).trim(),
        '字段已创建，但文件限制未保存：服务繁忙，请稍后再试。再次点击保存只会重试文件限制',
      );
      assert.equal((await dialog.locator(t('field-submit')).innerText()).trim(), '保存');
      assert.match(await lastMessage(page, /规格书/), /已添加字段「规格书」/);
      await shot(page, 'files-field-limits-retry');

      await dialog.locator(t('field-submit')).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(failed, 1);
      assert.deepEqual(creations.length, 1, 'the field was created once');
    } finally {
      await page.unroute('**/file-limits');
    }
    const res = await admin.get('/api/v1/meta/objects/product/file-limits');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.json.records.find((l) => l.field === 'c_spec_sheets'),
      { field: 'c_spec_sheets', max_size_mb: 5, accept: ['image', 'pdf'] },
    );

    // The product form reads them under the upload button.
    await page.goto(`${server.baseUrl}/o/product`);
    await page.locator(t('record-new')).click();
    await form(page).waitFor();
    const tip = field(page, 'c_spec_sheets').locator(t('file-input-tip'));
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-test="file-input-tip"]')].some((e) => e.textContent?.includes('仅限')),
    );
    assert.equal((await tip.innerText()).trim(), '最大 5 MB，仅限图片、PDF');
    await shot(page, 'files-field-kinds-tip');
    await page.keyboard.press('Escape');
  });

  test('线索转换: a required file field shows its limits and refuses a bigger file before uploading', async () => {
    const { page } = session;
    let res = await admin.post('/api/v1/meta/objects/customer/fields', {
      label: '营业执照',
      label_en: 'Business licence',
      type: 'file',
      required: true,
    });
    assert.equal(res.status, 201, res.text);
    const licence = res.json.name;
    res = await admin.put(`/api/v1/meta/objects/customer/fields/${licence}/file-limits`, { max_size_mb: 1, accept: ['image', 'pdf'] });
    assert.equal(res.status, 200, res.text);
    try {
      const lead = await create(admin, 'lead', { name: '吴磊', company: '宁波鄞州附件测试有限公司', mobile: '13905740222' });
      await page.goto(`${server.baseUrl}/o/lead/${lead.id}`);
      await page.locator(t('lead-convert')).click();
      const dialog = page.locator(t('convert-dialog'));
      await dialog.waitFor({ state: 'visible' });
      const input = dialog.locator(t(`convert-customer-${licence}`));
      const tip = input.locator(t('file-input-tip'));
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.textContent?.includes('1 MB'),
        `${t(`convert-customer-${licence}`)} ${t('file-input-tip')}`,
      );
      assert.equal((await tip.innerText()).trim(), '最大 1 MB，仅限图片、PDF', 'the record form’s own line');
      const uploads = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/api/v1/files')) uploads.push(r.url());
      });
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024)]);
      await input.locator('input[type=file]').setInputFiles({ name: '执照扫描.pdf', mimeType: 'application/pdf', buffer: big });
      const error = input.locator(t('file-input-error'));
      await error.waitFor();
      assert.equal((await error.innerText()).trim(), '「执照扫描.pdf」上传失败：文件超过该字段允许的 1 MB');
      assert.deepEqual(uploads, [], 'nothing was sent');
      await shot(page, 'files-convert-limit');
      await page.keyboard.press('Escape');
    } finally {
      res = await admin.patch(`/api/v1/meta/objects/customer/fields/${licence}`, { required: false });
      assert.equal(res.status, 200, res.text);
    }
  });
});
