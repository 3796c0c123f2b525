// 回收站 in the browser, against the real server with the demo enterprise (the administrator 李明;
// customer deletion switched on through the API):
//   1. a customer deleted from the customer list is found in 回收站 (side bar), restored from there,
//      and opened from the notice;
//   2. deleted again from its page and purged (彻底删除) after the confirmation: gone for good;
//   3. in English, and at phone width (cards, no sideways scrolling); a manager has no purge button;
//   4. the line saying how long deleted records stay (回收站保留天数), changed by the administrator.
// Screenshots go to test-results/e2e/ and to /tmp/recycle-bin-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import { apiAs, create, lastMessage, shot, signIn as signInAt, startWithBrowser, switchLocale } from './lib/journey.mjs';

const DEMO = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const MANAGER = { login: '13800000002', password: 'Demo@2026', tenant: 'demo' }; // 张伟, 销售经理
const PREFIX = '回收站测试';
const NAME = `${PREFIX}杭州西溪贸易有限公司`;

let server;
let browser;
let api;
let id;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  api = await apiAs(server.baseUrl, DEMO);
  const res = await api.patch('/api/v1/settings/crm', { allow_customer_delete: true });
  assert.equal(res.status, 200, res.text);
  id = (await create(api, 'customer', { name: NAME })).id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Rows of the bin once it has settled, until `want` holds (10 s). */
async function waitBinRows(page, want, message) {
  const deadline = Date.now() + 10000;
  let last = [];
  while (Date.now() < deadline) {
    await page.waitForFunction(() => !document.querySelector('[data-test="bin-table"] .el-loading-mask'));
    last = await page.locator(t('bin-row')).allInnerTexts();
    if (want(last)) return last;
    await page.waitForTimeout(200);
  }
  assert.fail(`${message}: ${JSON.stringify(last)}`);
}

async function openBin(page, q) {
  await page.goto(`${server.baseUrl}/recycle-bin?object=customer`);
  await page.locator(t('bin-search')).waitFor();
  await page.locator(t('bin-search')).fill(q);
}

/** The confirm button of the message box that is open (the action's own name on it). */
async function confirmBox(page, button, expect) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  if (expect) assert.match(await box.innerText(), expect);
  await box.locator('.el-message-box__btns button', { hasText: button }).click();
  await box.waitFor({ state: 'hidden' });
}

const live = async () => (await api.get(`/api/v1/objects/customer/records/${id}`)).status;

describe('the recycle bin in the browser', { concurrency: false }, () => {
  let session;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signInAt(session.page, server.baseUrl, DEMO);
  });
  after(async () => {
    await session?.context.close();
  });

  test('a customer deleted in the list is found in 回收站 and restored from there', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/customer?q=${encodeURIComponent(PREFIX)}`);
    const row = page.locator(`${t('record-table')} .el-table__body-wrapper tbody tr`, { hasText: NAME });
    await row.waitFor();
    await row.locator('.el-checkbox').click();
    await page.locator(t('bulk-delete')).click();
    await confirmBox(page, '删除');
    assert.match(await lastMessage(page, /1/), /1/);
    assert.equal(await live(), 404);

    await page.locator(t('nav-recycle-bin')).click();
    await page.waitForURL(/\/recycle-bin/);
    assert.match(await page.locator(t('bin-object')).innerText(), /客户/);
    await page.locator(t('bin-search')).fill(PREFIX);
    const rows = await waitBinRows(page, (r) => r.length === 1, 'the deleted customer');
    assert.match(rows[0], new RegExp(NAME));
    assert.equal((await page.locator(t('bin-deleted-by')).first().innerText()).trim(), '李明');
    assert.equal((await page.locator(t('bin-retention-text')).innerText()).trim(), '删除超过 90 天的记录会被自动彻底删除');
    await shot(page, 'recycle-bin-zh');

    await page.locator(`${t('bin-table')} .el-table__body-wrapper tbody tr .el-checkbox`).first().click();
    assert.equal((await page.locator(t('bin-selected')).innerText()).trim(), '已选 1 条');
    await page.locator(t('bin-restore-selected')).click();
    const notice = page.locator(t('bin-restored'));
    await notice.waitFor();
    assert.match(await notice.innerText(), /已恢复 1 条记录/);
    await waitBinRows(page, (r) => r.length === 0, 'nothing left in the bin');
    assert.match(await page.locator(t('bin-empty-state')).innerText(), /没有符合条件的记录/);
    await page.locator(t('bin-search')).fill('');
    await page.locator(t('bin-empty-state'), { hasText: '「客户」的回收站中没有记录' }).waitFor();
    assert.equal(await live(), 200);
    await shot(page, 'recycle-bin-restored-zh');
    await notice.locator(t('bin-open-restored')).click();
    await page.waitForURL(new RegExp(`/o/customer/${id}$`));
  });

  test('deleted again from its page and purged for good by the administrator', async () => {
    const { page } = session;
    await page.locator(t('record-delete')).click();
    await confirmBox(page, '删除');
    await page.locator(t('record-deleted')).waitFor();

    await openBin(page, PREFIX);
    await waitBinRows(page, (r) => r.length === 1, 'the customer back in the bin');
    await page.locator(t('bin-purge')).first().click();
    await confirmBox(page, '彻底删除', /将无法恢复/);
    assert.match(await lastMessage(page, /已彻底删除 1 条记录/), /已彻底删除 1 条记录/);
    await waitBinRows(page, (r) => r.length === 0, 'purged');
    assert.equal(await live(), 404);
    const restore = await api.post(`/api/v1/objects/customer/records/${id}/restore`);
    assert.equal(restore.status, 404, 'nothing left to restore');
  });

  test('in English and at phone width; a manager restores but cannot purge', async () => {
    const { page } = session;
    const other = await create(api, 'customer', { name: `${PREFIX}宁波北仑港务有限公司` });
    assert.equal((await api.delete(`/api/v1/objects/customer/records/${other.id}`)).status, 204);
    await switchLocale(page, 'en');
    await openBin(page, PREFIX);
    await waitBinRows(page, (r) => r.length === 1, 'the second customer');
    const head = await page.locator(`${t('bin-table')} .el-table__header-wrapper`).innerText();
    assert.match(head, /Deleted by/);
    assert.match(head, /Deleted at/);
    assert.match(await page.locator(t('bin-page')).innerText(), /Recycle bin/);
    assert.match(await page.locator(t('bin-object')).innerText(), /Customer/);
    assert.equal((await page.locator(t('bin-purge')).first().innerText()).trim(), 'Delete forever');
    assert.equal(
      (await page.locator(t('bin-retention-text')).innerText()).trim(),
      'Records deleted more than 90 days ago are purged automatically',
    );
    await shot(page, 'recycle-bin-en');
    await switchLocale(page, 'zh-CN');

    const phone = await newPhonePage(browser, { storageState: await session.context.storageState() });
    try {
      await openBin(phone.page, PREFIX);
      await waitBinRows(phone.page, (r) => r.length === 1, 'the card at phone width');
      await phone.page.locator(`${t('bin-row')} ${t('bin-restore')}`).waitFor();
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
      await shot(phone.page, 'recycle-bin-phone-zh');
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.context.close();
    }

    // 张伟 deletes his own customer: he sees it, with restore and without purge.
    const zhangApi = await apiAs(server.baseUrl, MANAGER);
    const his = await create(zhangApi, 'customer', { name: `${PREFIX}温州鹿城鞋业有限公司` });
    assert.equal((await zhangApi.delete(`/api/v1/objects/customer/records/${his.id}`)).status, 204);
    const manager = await newPage(browser, { viewport: DESKTOP });
    try {
      await signInAt(manager.page, server.baseUrl, MANAGER);
      await openBin(manager.page, PREFIX);
      const rows = await waitBinRows(manager.page, (r) => r.length === 1, "only the manager's own");
      assert.match(rows[0], /温州鹿城鞋业/);
      assert.equal(await manager.page.locator(t('bin-restore')).count(), 1);
      assert.equal(await manager.page.locator(t('bin-purge')).count(), 0);
      assert.equal(await manager.page.locator(t('bin-empty')).count(), 0);
      await manager.page.locator(t('bin-retention-text')).waitFor();
      assert.equal(await manager.page.locator(t('bin-retention-edit')).count(), 0, 'only administrators change it');
      assert.deepEqual(manager.problems, []);
    } finally {
      await manager.context.close();
    }
    assert.deepEqual(session.problems, []);
  });

  test('the administrator changes how long deleted records stay', async () => {
    const { page } = session;
    await openBin(page, PREFIX);
    const text = page.locator(t('bin-retention-text'));
    await text.waitFor();
    await page.locator(t('bin-retention-edit')).click();
    const dialog = page.locator(t('bin-retention-dialog'));
    await dialog.waitFor();
    const days = dialog.locator(`${t('bin-retention-days')} input`);
    assert.equal(await days.inputValue(), '90');
    await days.fill('30');
    await days.blur();
    await dialog.locator(t('bin-retention-save')).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator(t('bin-retention-text'), { hasText: '删除超过 30 天的记录会被自动彻底删除' }).waitFor();
    assert.deepEqual((await api.get('/api/v1/settings/recycle-bin')).json, { retention_days: 30 });
    await shot(page, 'recycle-bin-retention-zh');

    await page.locator(t('bin-retention-edit')).click();
    await dialog.waitFor();
    await dialog.locator(t('bin-retention-off')).click();
    await dialog.locator(t('bin-retention-save')).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator(t('bin-retention-text'), { hasText: '删除的记录会一直保留，直到管理员彻底删除' }).waitFor();
    assert.deepEqual((await api.get('/api/v1/settings/recycle-bin')).json, { retention_days: 0 });
    assert.deepEqual(session.problems, []);
  });
});
