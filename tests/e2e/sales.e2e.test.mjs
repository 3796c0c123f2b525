// Browser journey of the sales board and the dashboard, as 刘洋 (销售) against the real server with
// the demo enterprise (no sample records: the test makes his deals through the API):
//   1. the kanban shows his deals by stage with counts and amounts; a card dragged to the next
//      stage moves there (the server agrees), and the column figures follow;
//   2. the card's menu moves it to 赢单, which asks for the actual amount and date;
//   3. the dashboard's 赢单金额 shows the deal, and the figure opens the list of exactly that deal;
//   4. the same pages in English, for the screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, t } from './lib/browser.mjs';
import { apiAs, create, shot, signIn as signInAt, startWithBrowser } from './lib/journey.mjs';

const LIU = { login: '13800000003', password: 'Demo@2026', tenant: 'demo' };

let server;
let browser;
let api;
const deals = {};

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  api = await apiAs(server.baseUrl, LIU);
  const customer = await create(api, 'customer', { name: '看板测试客户有限公司' });
  for (const [key, name, amount] of [
    ['a', '看板商机甲', '12000.00'],
    ['b', '看板商机乙', '30000.50'],
  ]) {
    deals[key] = await create(api, 'opportunity', { name, customer_id: customer.id, amount });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page) => signInAt(page, server.baseUrl, LIU);

const column = (page, stage) => page.locator(t(`kanban-column-${stage}`));
const figure = (scope) => ({ count: scope.locator(t('kanban-count')), amount: scope.locator(t('kanban-amount')) });

describe('sales board and dashboard in the browser', { concurrency: false }, () => {
  let session;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signIn(session.page);
  });
  after(async () => {
    await session?.context.close();
  });

  test('a card dragged to the next stage moves there, and the figures follow', async () => {
    const { page } = session;
    // From the workbench's shortcuts, as a salesperson would.
    await page.locator(t('shortcut-opportunity-kanban')).click();
    await page.waitForURL(/\/sales\/kanban$/);
    const initial = column(page, 'initial');
    await initial.locator(t(`kanban-card-${deals.a.id}`)).waitFor();
    await initial.locator(t(`kanban-card-${deals.b.id}`)).waitFor();
    assert.equal((await figure(initial).count.innerText()).trim(), '2 个');
    assert.equal((await figure(initial).amount.innerText()).trim(), '¥42,000.50');
    await shot(page, 'sales-kanban-zh');

    await initial.locator(t(`kanban-card-${deals.a.id}`)).dragTo(column(page, 'needs'));
    await column(page, 'needs').locator(t(`kanban-card-${deals.a.id}`)).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-test="kanban-column-needs"] [data-test="kanban-count"]')?.textContent?.trim() === '1 个');
    assert.equal((await figure(column(page, 'needs')).amount.innerText()).trim(), '¥12,000.00');
    assert.equal((await figure(initial).count.innerText()).trim(), '1 个');
    const saved = await api.get(`/api/v1/objects/opportunity/records/${deals.a.id}`);
    assert.equal(saved.json.stage, 'needs', 'the server has the move');
    assert.equal(saved.json.win_probability, 30);
  });

  test('the card menu wins the deal through the dialog', async () => {
    const { page } = session;
    await page.locator(t(`kanban-move-${deals.b.id}`)).click();
    await page.locator(t('kanban-move-to-won')).filter({ visible: true }).click();
    const dialog = page.locator(`.el-dialog${t('stage-dialog')}`);
    await dialog.waitFor();
    await dialog.locator(`${t('stage-actual-amount')} input`).fill('28000.50');
    await page.locator(t('stage-dialog-submit')).click();
    await column(page, 'won').locator(t(`kanban-card-${deals.b.id}`)).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-test="kanban-column-won"] [data-test="kanban-count"]')?.textContent?.trim() === '1 个');
    const saved = await api.get(`/api/v1/objects/opportunity/records/${deals.b.id}`);
    assert.equal(saved.json.status, 'won');
    assert.equal(saved.json.actual_amount, '28000.50');
  });

  test('the dashboard shows the won amount, and the figure opens exactly that deal', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/workbench`);
    await page.locator(t('workbench-dashboard-link')).click();
    await page.waitForURL(/\/sales\/dashboard$/);
    const won = page.locator(`${t('figure-wonAmount')} ${t('figure-value')}`);
    await won.waitFor();
    assert.equal((await won.innerText()).trim(), '¥28,000.50');
    await page.locator(t('dashboard-funnel')).locator('canvas').waitFor();
    await shot(page, 'sales-dashboard-zh');
    await page.locator(t('figure-wonAmount')).click();
    await page.waitForURL(/\/o\/opportunity\?/);
    await page.locator('.el-table__row').first().waitFor();
    const rows = await page.locator('.el-table__body .el-table__row').count();
    assert.equal(rows, 1);
    assert.match(await page.locator('.el-table__body').innerText(), /看板商机乙/);
    assert.deepEqual(session.problems, []);
  });

  test('the board and the dashboard in English', async () => {
    const { page } = session;
    await page.locator(t('locale-switch')).first().click();
    await page.locator(t('locale-en')).filter({ visible: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${server.baseUrl}/sales/kanban`);
    await column(page, 'won').locator(t(`kanban-card-${deals.b.id}`)).waitFor();
    assert.equal((await page.locator(t('page-title')).innerText()).trim(), 'Deal board');
    await shot(page, 'sales-kanban-en');
    await page.goto(`${server.baseUrl}/sales/dashboard`);
    await page.locator(`${t('figure-wonAmount')} ${t('figure-value')}`).waitFor();
    assert.match(await page.locator(t('figure-wonAmount')).innerText(), /Won amount/);
    await shot(page, 'sales-dashboard-en');
    assert.deepEqual(session.problems, []);
  });
});
