// Browser journeys of issue 5's opportunity extras, against the real server with the demo enterprise:
//   1. an opportunity created with a product line in the generic form: its amount is the lines' total;
//   2. a competitor added to that deal from its related list (竞争对手分析), shown there afterwards;
//   3. the product form's category as a tree select (软件 → 标准版, added through the dictionary API),
//      in Chinese, English and at phone width.
// Screenshots go to test-results/e2e/ and to /tmp/opp-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, PHONE, t } from './lib/browser.mjs';
import { apiAs, choose, create, field, findOne, form, popper, search, shot, signIn as signInAt, startWithBrowser, waitFormClosed } from './lib/journey.mjs';

const SALES = { login: '13800000003', password: 'Demo@2026', tenant: 'demo' }; // 刘洋
const ADMIN = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const CUSTOMER = '明细浏览器测试有限公司';
const PRODUCT = '浏览器测试 CRM 软件';
const RIVAL = '浏览器测试对手';

let server;
let browser;
let sales;
let admin;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  sales = await apiAs(server.baseUrl, SALES);
  admin = await apiAs(server.baseUrl, ADMIN);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page, who) => signInAt(page, server.baseUrl, who);

describe('opportunity extras in the browser', { concurrency: false }, () => {
  let session;
  let oppId;

  before(async () => {
    await create(admin, 'product', { name: PRODUCT, price: '1200.00' });
    await create(admin, 'competitor', { name: RIVAL });
    await create(sales, 'customer', { name: CUSTOMER });
    session = await newPage(browser, { viewport: DESKTOP });
    await signIn(session.page, SALES);
  });
  after(async () => {
    assert.deepEqual(session.problems, [], 'no errors in the browser');
    await session?.context.close();
  });

  test('a product line on a new opportunity sets its amount', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/opportunity`);
    await page.locator(t('record-new')).click();
    await form(page).waitFor();
    await field(page, 'name').locator('input').first().fill('浏览器测试商机');
    await search(page, field(page, 'customer_id'), CUSTOMER);
    const editor = form(page).locator(t('lines-editor'));
    await editor.locator(t('line-add')).click();
    const line = editor.locator(t('line-row')).nth(0);
    await search(page, line.locator(t('line-product')), PRODUCT);
    await page.waitForFunction(
      () => document.querySelector('[data-test="line-row"] input[data-test="line-price"]')?.value === '1200.00',
    );
    await line.locator(t('line-quantity')).fill('3');
    assert.equal((await editor.locator(t('lines-preview-total')).innerText()).trim(), '3,600.00');
    await shot(page, 'opp-lines-form-zh');
    await form(page).locator(t('record-form-submit')).click();
    await waitFormClosed(page);

    const opp = await findOne(sales, 'opportunity', '浏览器测试商机');
    oppId = opp.id;
    assert.equal(opp.amount, '3600.00');
    await page.goto(`${server.baseUrl}/o/opportunity/${oppId}`);
    await page.locator('.el-tabs__item', { hasText: '详细资料' }).click();
    await page.locator(t('lines-table')).waitFor();
    assert.match(await page.locator(t('detail-amount')).innerText(), /3,600\.00/);
    await shot(page, 'opp-lines-detail-zh', { fullPage: true });
  });

  test('a competitor added from the deal\'s related list shows there', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/opportunity/${oppId}`);
    await page.locator('.el-tabs__item', { hasText: '相关信息' }).click();
    const list = page.locator(t('related-opportunity_competitor-opportunity_id'));
    await list.waitFor();
    await list.locator(t('related-new')).click();
    await form(page).waitFor();
    await search(page, field(page, 'competitor_id'), RIVAL);
    await choose(page, field(page, 'threat'), '高');
    await field(page, 'strengths').locator('textarea').first().fill('价格低');
    await shot(page, 'opp-competitor-form-zh');
    await form(page).locator(t('record-form-submit')).click();
    await waitFormClosed(page);
    await list.locator(t('related-link'), { hasText: RIVAL }).waitFor();
    await shot(page, 'opp-competitor-related-zh', { fullPage: true });

    const rows = await sales.post('/api/v1/objects/opportunity_competitor/query', {
      filter: { field: 'opportunity_id', op: 'eq', value: oppId },
    });
    assert.deepEqual(rows.json.records.map((r) => [r.name, r.threat]), [[RIVAL, 'high']]);
  });
});

describe('the product category tree in the browser', { concurrency: false }, () => {
  before(async () => {
    // The test enterprise has no sample data: the administrator adds 标准版 under 软件.
    const path = '/api/v1/meta/picklists/product_category';
    const current = (await admin.get(path)).json.options.map((o) => ({ value: o.value, label: o.label, label_en: o.label_en }));
    const res = await admin.patch(path, { options: [...current, { label: '标准版', label_en: 'Standard edition', parent: 'software' }] });
    assert.equal(res.status, 200, res.text);
  });

  for (const [name, viewport, locale] of [
    ['zh', DESKTOP, 'zh-CN'],
    ['en', DESKTOP, 'en'],
    ['phone', PHONE, 'zh-CN'],
  ]) {
    test(`the product form offers categories as a tree (${name})`, async () => {
      const session = await newPage(browser, { viewport });
      const { page } = session;
      try {
        await page.addInitScript((l) => localStorage.setItem('xieli.locale', l), locale);
        await signIn(page, ADMIN);
        await page.goto(`${server.baseUrl}/o/product`);
        await page.locator(t('record-new')).click();
        await form(page).waitFor();
        const tree = field(page, 'category').locator(t('picklist-tree'));
        await tree.waitFor();
        await tree.locator('.el-select__wrapper').first().click();
        const dropdown = popper(page);
        const edition = locale === 'en' ? 'Standard edition' : '标准版';
        await dropdown.locator('.el-tree-node__content', { hasText: edition }).first().waitFor();
        await shot(page, `opp-category-tree-${name}`);
        await dropdown.locator('.el-tree-node__content', { hasText: edition }).first().click();
        await page.waitForFunction(
          (text) => [...document.querySelectorAll('[data-test="field-category"]')].some((e) => e.innerText.includes(text)),
          edition,
        );
        assert.deepEqual(session.problems, [], 'no errors in the browser');
      } finally {
        await session.context.close();
      }
    });
  }
});
