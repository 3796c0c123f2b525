// 批量编辑 in the browser, against the real server with the demo enterprise (the test makes its
// customers through the API):
//   1. three customers selected in the list, 客户级别 set to A in the bulk edit dialog after the
//      confirmation; the list shows the new level, and each customer's 修改记录 has the change;
//   2. one phone for the three: the server refuses the duplicates, the dialog names them, and
//      nothing changed;
//   3. a file field of the customer is not in the field list, and the dialog says so by name (a
//      stored file belongs to one record, so the server refuses it too);
//   4. the dialog in English, for the screenshots.
// Screenshots go to test-results/e2e/ and to /tmp/bulk-edit-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, t } from './lib/browser.mjs';
import { apiAs, choose, create, lastMessage, popper, shot, signIn as signInAt, startWithBrowser, switchLocale, text } from './lib/journey.mjs';

const DEMO = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const PREFIX = '批编测试';
const NAMES = [`${PREFIX}宁波甬江贸易有限公司`, `${PREFIX}绍兴柯桥纺织有限公司`, `${PREFIX}台州黄岩模具有限公司`];

let server;
let browser;
let api;
let ids;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  api = await apiAs(server.baseUrl, DEMO);
  ids = [];
  for (const name of NAMES) ids.push((await create(api, 'customer', { name, level: 'c' })).id);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The texts of the list's rows once the list has settled. */
async function rows(page) {
  await page.waitForFunction(() => !document.querySelector('[data-test="record-table"] .el-loading-mask'));
  return page.locator(`${t('record-table')} .el-table__body-wrapper tbody tr`).allInnerTexts();
}

async function waitRows(page, want, message) {
  const deadline = Date.now() + 10000;
  let last = [];
  while (Date.now() < deadline) {
    last = await rows(page);
    if (want(last)) return last;
    await page.waitForTimeout(200);
  }
  assert.fail(`${message}: ${JSON.stringify(last)}`);
}

async function levels() {
  const out = [];
  for (const id of ids) out.push((await api.get(`/api/v1/objects/customer/records/${id}`)).json);
  return out;
}

/** Opens the list of the test's customers, selects all three and opens the bulk edit dialog. */
async function openDialog(page) {
  await page.goto(`${server.baseUrl}/o/customer?q=${encodeURIComponent(PREFIX)}`);
  await waitRows(page, (r) => r.length === 3, 'the three customers');
  await page.locator(`${t('record-table')} .el-table__header-wrapper .el-checkbox`).click();
  await page.locator(t('bulk-bar')).waitFor();
  await page.locator(t('bulk-edit')).click();
  const dialog = page.locator(t('bulk-edit-dialog'));
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

describe('bulk edit in the browser', { concurrency: false }, () => {
  let session;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signInAt(session.page, server.baseUrl, DEMO);
  });
  after(async () => {
    await session?.context.close();
  });

  test('three customers get 客户级别 A; the list and each history show it', async () => {
    const { page } = session;
    const dialog = await openDialog(page);
    assert.match(await dialog.innerText(), /为选中的 3 条记录设置同一个字段的新值/);
    // Submitting without a field says what is missing, and sends nothing.
    await dialog.locator(t('bulk-edit-submit')).click();
    assert.match(await dialog.innerText(), /请选择要修改的字段/);

    await choose(page, dialog.locator(t('bulk-edit-field')), '客户级别');
    await choose(page, dialog.locator(t('bulk-edit-value')), 'A（重点客户）');
    await shot(page, 'bulk-edit-zh');
    await dialog.locator(t('bulk-edit-submit')).click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.innerText(), /将修改 3 条记录的「客户级别」/);
    await shot(page, 'bulk-edit-confirm-zh');
    await box.locator('.el-message-box__btns .el-button--primary').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await lastMessage(page, /已修改 3 条记录/), /已修改 3 条记录/);
    await waitRows(page, (r) => r.length === 3 && r.every((x) => x.includes('A（重点客户）')), 'the new level in the list');
    assert.ok((await levels()).every((c) => c.level === 'a' && c.version === 2));

    for (const id of ids) {
      await page.goto(`${server.baseUrl}/o/customer/${id}`);
      await page.locator('.el-tabs__item', { hasText: '修改记录' }).click();
      const entry = page.locator(t('history-entry'), { hasText: '客户级别' }).first();
      await entry.waitFor();
      const said = await entry.innerText();
      assert.match(said, /李明/);
      assert.match(said, /C（一般客户）[\s\S]*→[\s\S]*A（重点客户）/);
    }
    await shot(page, 'bulk-edit-history-zh');
  });

  test('a phone for all three: the duplicates are named and nothing changes', async () => {
    const { page } = session;
    const dialog = await openDialog(page);
    await choose(page, dialog.locator(t('bulk-edit-field')), '电话');
    await dialog.locator(`${t('bulk-edit-value')} input`).fill('0574-87001234');
    await dialog.locator(t('bulk-edit-submit')).click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    const error = dialog.locator(t('bulk-edit-error'));
    await error.waitFor();
    const said = await error.innerText();
    assert.match(said, /2 条记录未能修改，所有记录均未修改/);
    const refused = await dialog.locator(`${t('bulk-edit-refused')} li`).allInnerTexts();
    assert.equal(refused.length, 2, said);
    assert.ok(refused.every((r) => r.startsWith(PREFIX)), said);
    await shot(page, 'bulk-edit-error-zh');
    assert.ok((await levels()).every((c) => !c.phone && c.version === 2), 'nothing written');
    await dialog.locator(t('bulk-edit-cancel')).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('file and image fields are not offered, and the dialog names them', async () => {
    const { page } = session;
    const res = await api.post('/api/v1/meta/objects/customer/fields', { label: '合同扫描件', label_en: 'Signed contract', type: 'file' });
    assert.equal(res.status, 201, res.text);
    const dialog = await openDialog(page);
    assert.equal(
      await text(dialog, 'bulk-edit-no-files'),
      '附件和图片字段（合同扫描件）不能批量编辑：一个文件只属于一条记录，请在各条记录中上传。',
    );
    await shot(page, 'bulk-edit-no-files-zh');
    await dialog.locator(`${t('bulk-edit-field')} .el-select__wrapper`).click();
    await popper(page).locator('.el-select-dropdown__item').first().waitFor();
    const options = await popper(page).locator('.el-select-dropdown__item').allInnerTexts();
    assert.ok(options.includes('客户级别') && !options.includes('合同扫描件'), options.join('|'));
    await popper(page).locator('.el-select-dropdown__item', { hasText: '客户级别' }).first().click(); // closes the list
    await dialog.locator(t('bulk-edit-cancel')).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('in English', async () => {
    const { page } = session;
    await switchLocale(page, 'en');
    const dialog = await openDialog(page);
    assert.match(await text(page, 'bulk-bar'), /3 selected/);
    await choose(page, dialog.locator(t('bulk-edit-field')), 'Level');
    await choose(page, dialog.locator(t('bulk-edit-value')), 'B (regular)');
    assert.match(await dialog.innerText(), /Change 3 record\(s\)/);
    await shot(page, 'bulk-edit-en');
    await dialog.locator(t('bulk-edit-submit')).click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    assert.match(await box.innerText(), /Change "Level" on 3 record\(s\)\?/);
    await box.locator('.el-message-box__btns .el-button--primary').click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await lastMessage(page, /3 record\(s\) changed/), /3 record\(s\) changed/);
    assert.ok((await levels()).every((c) => c.level === 'b'));
    assert.deepEqual(session.problems, []);
  });
});
