// Browser journey of the filter builder's groups, in English, on the demo enterprise: the demo
// administrator filters customers by "Level is A, or (Industry is IT / Internet and Region contains
// 厦门)", checks the rows against the API's answer for the same filter, saves the filter as a view,
// reloads the page and finds the group again — on a desktop and at phone width. Then a view whose
// custom field an administrator deleted still applies, and says which field went (by its label, in
// English and in Chinese); changed and saved, it keeps the condition on that field, which is back
// when the field is restored.
// Screenshots go to test-results/e2e/ (and /tmp/filter-groups-*.png).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import { apiAs as apiAt, choose, mustCreate, shot, signIn, startWithBrowser, switchLocale } from './lib/journey.mjs';

const DEMO = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const VIEW = 'Key or Xiamen IT';
const FILTER = {
  or: [
    { field: 'level', op: 'eq', value: 'a' },
    {
      and: [
        { field: 'industry', op: 'eq', value: 'it' },
        { field: 'region', op: 'contains', value: '厦门' },
      ],
    },
  ],
};

let server;
let browser;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true, sampleData: true }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The list's rows once it has settled (the table on a desktop, the cards on a phone). */
async function rowCount(page, phone = false) {
  await page.waitForFunction(() => !document.querySelector('[data-test="record-table"] .el-loading-mask'));
  const rows = phone ? `${t('record-table')} .rcard` : `${t('record-table')} .el-table__body-wrapper tbody tr`;
  return page.locator(rows).count();
}

/** Waits until the list shows `n` rows. */
async function waitRowCount(page, n, message, phone = false) {
  const deadline = Date.now() + 10000;
  let last = -1;
  while (Date.now() < deadline) {
    last = await rowCount(page, phone);
    if (last === n) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`${message}: ${last} rows, expected ${n}`);
}

describe('filter groups in the list', { concurrency: false }, () => {
  let api;
  let session;
  let expected;
  let viewId;

  before(async () => {
    api = await apiAt(server.baseUrl, DEMO);
    const res = await api.post('/api/v1/objects/customer/query', { filter: FILTER, limit: 50, total: true });
    assert.equal(res.status, 200, res.text);
    expected = res.json.total;
    // Six A-level customers and 厦门蓝海软件 (IT, level B): more than either half alone.
    assert.ok(expected >= 7 && expected <= 20, `the demo answer fits one page: ${expected}`);
    session = await newPage(browser, { viewport: DESKTOP });
  });

  after(async () => {
    await session?.context.close();
  });

  test('build "A, or (IT and 厦门)" with a group, and the list agrees with the API', async () => {
    const { page, problems } = session;
    await signIn(page, server.baseUrl, DEMO);
    await switchLocale(page, 'en');
    await page.goto(`${server.baseUrl}/o/customer`);
    await page.locator(t('filter-toggle')).click();
    const builder = page.locator(t('filter-builder'));
    await builder.locator(t('filter-match')).getByText('Match any').click();

    await builder.locator(t('filter-add')).click();
    const level = builder.locator(`:scope > ${t('filter-row')}`).last();
    await choose(page, level.locator(t('filter-field')), 'Level');
    await choose(page, level.locator(t('filter-value')), 'A (key)');

    await builder.locator(t('filter-add-group')).click();
    const group = builder.locator(t('filter-group')).last();
    assert.match(await group.innerText(), /All of/);
    const industry = group.locator(t('filter-row')).first();
    await choose(page, industry.locator(t('filter-field')), 'Industry');
    await choose(page, industry.locator(t('filter-value')), 'IT / Internet');
    await group.locator(t('filter-group-add')).click();
    const region = group.locator(t('filter-row')).last();
    await choose(page, region.locator(t('filter-field')), 'Region');
    assert.match(await region.locator(t('filter-op')).innerText(), /contains/);
    await region.locator(`${t('filter-value')} input, input${t('filter-value')}`).first().fill('厦门');
    await builder.locator(t('filter-apply')).click();

    await waitRowCount(page, expected, 'the grouped filter applied');
    assert.match(await page.locator('.el-table').innerText(), /厦门蓝海软件有限公司/);
    await shot(page, 'filter-groups-desktop-en', { fullPage: true });

    // Removing the group's last condition removes the group; nothing empty is sent.
    await group.locator(t('filter-remove')).last().click();
    await group.locator(t('filter-remove')).last().click();
    assert.equal(await builder.locator(t('filter-group')).count(), 0);
    await builder.locator(t('filter-add-group')).click();
    assert.equal(await builder.locator(t('filter-group')).count(), 1);
    await builder.locator(t('filter-group-remove')).click();
    assert.equal(await builder.locator(t('filter-group')).count(), 0);
    assert.deepEqual(problems, []);
  });

  test('the grouped filter saves as a view and comes back after a reload', async () => {
    const { page, problems } = session;
    // Rebuild the group the quick way: through the address, as a shared link would.
    await page.goto(`${server.baseUrl}/o/customer?filter=${encodeURIComponent(JSON.stringify(FILTER))}`);
    await waitRowCount(page, expected, 'the filter from the address');
    const builder = page.locator(t('filter-builder'));
    assert.equal(await builder.locator(t('filter-group')).count(), 1, 'the group is shown, not a "complex filter" notice');

    await page.locator(t('view-menu')).click();
    await page.locator(t('view-save-as')).filter({ visible: true }).click();
    const dialog = page.locator(t('view-dialog'));
    await dialog.locator(t('view-name')).fill(VIEW);
    await dialog.locator(t('view-submit')).click();
    await dialog.waitFor({ state: 'hidden' });

    const saved = (await api.get('/api/v1/objects/customer/views')).json.records.find((v) => v.name === VIEW);
    assert.ok(saved, 'the view is saved');
    assert.deepEqual(saved.filter, FILTER);
    assert.deepEqual(saved.missing_fields, []);
    viewId = saved.id;

    await page.goto(`${server.baseUrl}/o/customer`);
    await choose(page, page.locator(t('view-select')), VIEW);
    await waitRowCount(page, expected, 'the view applied');
    await page.reload();
    await waitRowCount(page, expected, 'the view after a reload');
    // The address carries the filter, which opens the builder; open it if it is not.
    if (!(await page.locator(t('filter-builder')).isVisible())) await page.locator(t('filter-toggle')).click();
    const group = page.locator(`${t('filter-builder')} ${t('filter-group')}`);
    assert.equal(await group.count(), 1, 'the group is still there');
    assert.equal(await group.locator(t('filter-row')).count(), 2);
    assert.match(await group.innerText(), /All of/);
    assert.deepEqual(problems, []);
  });

  test('at phone width the view and its group fit the screen', async () => {
    const phone = await newPhonePage(browser);
    try {
      const { page, problems } = phone;
      await signIn(page, server.baseUrl, DEMO);
      await switchLocale(page, 'en');
      await page.goto(`${server.baseUrl}/o/customer?view=${viewId}`);
      await waitRowCount(page, expected, 'the view on a phone', true);
      await page.locator(t('filter-toggle')).click();
      const group = page.locator(t('filter-group'));
      await group.waitFor();
      assert.equal(await group.locator(t('filter-row')).count(), 2);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
      await shot(page, 'filter-groups-phone-en', { fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await phone.context.close();
    }
  });

  test('a level deeper than the builder edits is shown as text and kept as it is', async () => {
    const { page, problems } = session;
    const deep = {
      and: [
        { field: 'level', op: 'in', value: ['a', 'b'] },
        { or: [{ field: 'industry', op: 'eq', value: 'it' }, { and: [{ field: 'region', op: 'contains', value: '广东' }, { field: 'name', op: 'contains', value: '有限' }] }] },
      ],
    };
    const view = await mustCreate(api, '/api/v1/objects/customer/views', { name: 'Three levels', filter: deep });
    const total = (await api.post('/api/v1/objects/customer/query', { filter: deep, total: true })).json.total;
    await page.goto(`${server.baseUrl}/o/customer?view=${view.id}`);
    await waitRowCount(page, total, 'the three-level view');
    await page.locator(t('filter-toggle')).click();
    const raw = page.locator(`${t('filter-group')} ${t('filter-raw')}`);
    assert.match(await raw.innerText(), /Read-only[\s\S]*\(Region contains 广东 and Name contains 有限\)/);
    await page.locator(t('filter-apply')).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('filter'));
    assert.deepEqual(JSON.parse(new URL(page.url()).searchParams.get('filter')), deep, 'applied again unchanged');
    await waitRowCount(page, total, 'the same rows');
    assert.deepEqual(problems, []);
  });

  test('a view whose field was deleted still applies and names the field', async () => {
    const { page, problems } = session;
    const field = await mustCreate(api, '/api/v1/meta/objects/customer/fields', { label: '旧区域', label_en: 'Old area', type: 'text' });
    const view = await mustCreate(api, '/api/v1/objects/customer/views', {
      name: 'Old area view',
      filter: { and: [{ field: 'level', op: 'eq', value: 'a' }, { field: field.name, op: 'eq', value: '华东' }] },
      columns: ['name', field.name, 'level'],
    });
    const levelA = (await api.post('/api/v1/objects/customer/query', { filter: { field: 'level', op: 'eq', value: 'a' }, total: true })).json.total;
    assert.equal((await api.delete(`/api/v1/meta/objects/customer/fields/${field.name}`)).status, 204);

    await page.goto(`${server.baseUrl}/o/customer?view=${view.id}`);
    await waitRowCount(page, levelA, 'the view without the deleted field');
    // One message, with the filter panel closed, naming the field by its label (not its API name).
    const note = page.locator(t('view-hidden-conditions'));
    await note.waitFor();
    assert.equal(await note.count(), 1);
    assert.equal(await page.locator(t('filter-builder')).count(), 0, 'the filter panel is closed');
    const noteText = await note.innerText();
    assert.match(noteText, /^This view filters on the deleted field "Old area": its conditions are not applied for now/);
    assert.match(noteText, /The conditions stay stored in the view: restoring the field brings them back, and saving the view keeps them\./);
    assert.ok(!noteText.includes(field.name), `no API name in the message: ${noteText}`);
    const headers = await page.locator('.el-table__header-wrapper th').allInnerTexts();
    assert.ok(!headers.some((h) => h.includes(field.name) || h.includes('Old area')), `no column for the deleted field: ${headers}`);
    await shot(page, 'filter-groups-deleted-field-en', { fullPage: true });
    // In Chinese the field is named by its Chinese label.
    await switchLocale(page, 'zh-CN');
    await page.waitForFunction(() => document.querySelector('[data-test="view-hidden-conditions"]')?.textContent?.includes('旧区域'));
    const zhText = await note.innerText();
    assert.match(zhText, /^此视图的筛选用到了已删除的字段「旧区域」，相关条件暂不生效/);
    assert.match(zhText, /恢复字段后即重新生效，保存视图也会保留它们/);
    assert.ok(!zhText.includes(field.name), `no API name in the message: ${zhText}`);
    await shot(page, 'filter-groups-deleted-field-zh', { fullPage: true });
    await switchLocale(page, 'en');

    // Changing the view and saving it keeps the hidden condition: restoring the field brings it back.
    const levelB = { and: [{ field: 'level', op: 'eq', value: 'b' }] };
    await page.goto(`${server.baseUrl}/o/customer?view=${view.id}&filter=${encodeURIComponent(JSON.stringify(levelB))}`);
    // A filter in the address opens the builder once the list has loaded its object (no toggle:
    // clicking it then would close the builder again).
    await page.locator(t('filter-builder')).waitFor();
    await note.waitFor();
    assert.equal(await note.count(), 1, 'the same one message with the filter panel open');
    assert.match(await note.innerText(), /^This view filters on the deleted field "Old area"/);
    await shot(page, 'filter-groups-hidden-conditions-en', { fullPage: true });
    await page.locator(t('view-menu')).click();
    await page.locator(t('view-update')).filter({ visible: true }).click();
    await page.locator('.el-message', { hasText: 'View "Old area view" updated' }).waitFor();
    assert.equal((await api.post(`/api/v1/meta/objects/customer/fields/${field.name}/restore`, {})).status < 300, true);
    const restored = (await api.get('/api/v1/objects/customer/views')).json.records.find((v) => v.id === view.id);
    assert.deepEqual(restored.filter, { and: [...levelB.and, { field: field.name, op: 'eq', value: '华东' }] });
    assert.deepEqual(problems, []);
  });
});
