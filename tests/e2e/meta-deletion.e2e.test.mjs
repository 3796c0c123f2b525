// Browser journey of safe deletion on 对象与字段, against the real server with the demo enterprise:
// the demo administrator
//   1. deletes a custom field of 客户, finds it under 已删除 and restores it with its data;
//   2. deletes a custom object after typing its API name, and purges it under 已删除;
// then the page is checked in English and at phone width. Screenshots go to test-results/e2e/ and
// /tmp/meta-deletion-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import { apiAs, create, lastMessage, mustCreate, openAdminPage, shot, signIn, startWithBrowser, switchLocale, text } from './lib/journey.mjs';

const DEMO = { login: '13800000000', password: 'Demo@2026' };

let server;
let browser;
let api;
let customer;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  api = await apiAs(server.baseUrl, DEMO);
  await mustCreate(api, '/api/v1/meta/objects/customer/fields', { label: '车队规模', label_en: 'Fleet size', name: 'fleet', type: 'text' });
  customer = await create(api, 'customer', { name: '删除旅程测试有限公司', c_fleet: '十二辆' });
  await mustCreate(api, '/api/v1/meta/objects', { label: '展会', label_en: 'Trade fair', name: 'fair' });
  await create(api, 'c_fair', { name: '广交会' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until no loading mask is left on the page. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'));
}

/** Types the API name into the confirmation dialog and confirms. */
async function confirmByName(page, name) {
  const dialog = page.locator(`${t('type-name-dialog')}:visible`);
  await dialog.waitFor();
  assert.equal(await dialog.locator(t('type-name-confirm')).isDisabled(), true, 'nothing happens before the name is typed');
  await dialog.locator(t('type-name-input')).fill(`${name}x`);
  assert.equal(await dialog.locator(t('type-name-confirm')).isDisabled(), true, 'nor with a wrong name');
  await dialog.locator(t('type-name-input')).fill(name);
  await dialog.locator(t('type-name-confirm')).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('the demo administrator deletes, restores and purges', { concurrency: false }, () => {
  let session;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signIn(session.page, server.baseUrl, DEMO);
  });
  after(async () => {
    await session?.context.close();
  });

  test('a deleted field shows under 已删除 and comes back with its data', async () => {
    const { page } = session;
    await openAdminPage(page, 'objects');
    await page.locator(t('object-customer')).click();
    await page.locator(t('field-row-c_fleet')).waitFor();
    assert.equal(await page.locator(t('object-delete')).count(), 0, 'a standard object has no 删除对象');

    await page.locator(t('field-delete-c_fleet')).click();
    await page.locator('.el-message-box__btns .el-button--danger').click();
    assert.match(await lastMessage(page, /字段已删除/), /字段已删除/);
    await page.locator(t('field-row-c_fleet')).waitFor({ state: 'detached' });

    await page.locator(t('deleted-toggle')).click();
    const row = page.locator(t('deleted-field-customer-c_fleet'));
    await row.waitFor();
    assert.match(await row.innerText(), /车队规模[\s\S]*c_fleet[\s\S]*所属对象：客户/);
    await shot(page, 'meta-deletion-zh', { fullPage: true });
    await row.locator(t('restore-field-customer-c_fleet')).click();
    assert.match(await lastMessage(page, /已恢复「车队规模」/), /已恢复「车队规模」/);
    await row.waitFor({ state: 'detached' });
    await page.locator(t('field-row-c_fleet')).waitFor();

    const back = await api.get(`/api/v1/objects/customer/records/${customer.id}`);
    assert.equal(back.json.c_fleet, '十二辆');
  });

  test('a custom object is deleted after typing its name, then purged', async () => {
    const { page } = session;
    await page.locator(t('object-c_fair')).click();
    await page.waitForFunction(() => document.querySelector('[data-test="object-title"]')?.textContent?.includes('展会'));
    await page.locator(t('object-delete')).click();
    await confirmByName(page, 'c_fair');
    assert.match(await lastMessage(page, /对象已删除/), /对象已删除/);
    await page.locator(t('object-c_fair')).waitFor({ state: 'detached' });
    assert.equal((await api.get('/api/v1/objects/c_fair/records')).status, 404);

    const row = page.locator(t('deleted-object-c_fair'));
    await row.waitFor();
    assert.match(await row.innerText(), /展会[\s\S]*c_fair[\s\S]*1 条记录/);
    await row.locator(t('purge-object-c_fair')).click();
    const dialog = page.locator(`${t('type-name-dialog')}:visible`);
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /永久删除，无法恢复/);
    await confirmByName(page, 'c_fair');
    assert.match(await lastMessage(page, /已彻底删除「展会」/), /已彻底删除「展会」/);
    await row.waitFor({ state: 'detached' });
    await page.locator(t('deleted-empty')).waitFor();
    const listed = await api.get('/api/v1/meta/deleted');
    assert.deepEqual(listed.json, { objects: [], fields: [] });
  });

  test('in English and at phone width', async () => {
    const { page } = session;
    await switchLocale(page, 'en');
    await settled(page);
    assert.equal(await text(page, 'page-title'), 'Objects & fields');
    assert.match(await page.locator(t('deleted-toggle')).innerText(), /Deleted/);
    assert.match(await page.locator(t('deleted-empty')).innerText(), /No deleted objects or fields/);
    await shot(page, 'meta-deletion-en', { fullPage: true });
    await switchLocale(page, 'zh-CN');

    await mustCreate(api, '/api/v1/meta/objects/customer/fields', { label: '旧编号', name: 'old_code', type: 'text' });
    assert.equal((await api.delete('/api/v1/meta/objects/customer/fields/c_old_code')).status, 204);
    const phone = await newPhonePage(browser, { storageState: await session.context.storageState() });
    try {
      await phone.page.goto(`${server.baseUrl}/admin/objects?object=customer`);
      await phone.page.locator(t('field-table')).waitFor();
      await phone.page.locator(t('deleted-toggle')).click();
      await phone.page.locator(t('deleted-field-customer-c_old_code')).waitFor();
      await settled(phone.page);
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await shot(phone.page, 'meta-deletion-phone-zh', { fullPage: true });
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.context.close();
    }
  });

  test('no errors in the browser along the way', () => {
    assert.deepEqual(session.problems, []);
  });
});
