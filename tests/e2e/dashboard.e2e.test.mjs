// Browser journey of the sales dashboard's target chart and funnel, against the real server with the
// demo enterprise and its sample records:
//   1. 张伟 (销售经理, head of 华东大区) sees his department's targets, not his personal ones: first
//      the actuals with the hint that 华东大区 has no targets, then, once he sets them, the targets;
//   2. a click on this month's actual bar opens the contracts behind it, and the list adds up to
//      the bar's figure (and to what GET /sales/targets says);
//   3. the funnel's pipeline can be switched to 老客户复购, and its drill-down follows;
//   4. 李明 (administrator) sees 销售部's targets, 刘洋 (销售) his own;
//   5. the same in English and at phone width, for the screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import { apiAs, create, shot, signIn as signInAt, startWithBrowser, switchLocale, text } from './lib/journey.mjs';

const ZHANG = { login: '13800000002', password: 'Demo@2026', tenant: 'demo' };
const LI = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const LIU = { login: '13800000003', password: 'Demo@2026', tenant: 'demo' };

let server;
let browser;
let zhang;
let departmentId;
const REPEAT_DEAL = '复购测试商机';

/** The year and month (1–12) it is in China now: the server counts months in China time. */
function chinaNow() {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric' }).formatToParts(new Date());
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: part('year'), month: part('month') };
}

/** Money text (¥91,584.00) as cents. */
function cents(s) {
  const m = /(-?)([\d,]+)\.(\d{2})/.exec(String(s));
  assert.ok(m, `not an amount: ${s}`);
  return (m[1] ? -1 : 1) * (Number(m[2].replace(/,/g, '')) * 100 + Number(m[3]));
}

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true, sampleData: true }));
  zhang = await apiAs(server.baseUrl, ZHANG);
  const departments = await zhang.get('/api/v1/departments');
  assert.equal(departments.status, 200, departments.text);
  departmentId = departments.json.records.find((d) => d.name === '华东大区').id;
  // A repeat deal of his team, so the 老客户复购 funnel has something to show.
  const customer = await create(zhang, 'customer', { name: '复购测试客户有限公司' });
  await create(zhang, 'opportunity', { name: REPEAT_DEAL, customer_id: customer.id, pipeline: 'repeat', stage: 'needs', amount: '66000.00' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const targetsPanel = (page) => page.locator(t('dashboard-targets'));

async function openDashboard(page) {
  await page.goto(`${server.baseUrl}/sales/dashboard`);
  await page.locator(t('dashboard-target-scope')).waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-test="dashboard-targets"] .el-loading-mask:not([style*="display: none"])'));
}

/**
 * Clicks the actual bar (the second bar series) of a month in the target chart. The chart is a
 * canvas: the point follows from the chart's grid (DashboardView targetOption: left 70, right 50,
 * bottom 28) and ECharts' default bar layout (20 % gap around a category, 30 % between bars).
 */
async function clickActualBar(page, month) {
  const box = await page.locator(`${t('dashboard-target-chart')} canvas`).first().boundingBox();
  assert.ok(box, 'the target chart is drawn');
  const band = (box.width - 70 - 50) / 12;
  const bar = (band * 0.8) / 2.3;
  const x = box.x + 70 + band * (month - 0.5) + 0.65 * bar;
  const y = box.y + box.height - 28 - 3;
  await page.mouse.click(x, y);
}

/** The sum of a money column over the rows of the record list (all on one page). */
async function columnSum(page, header) {
  const headers = await page.locator('.el-table__header th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  assert.ok(index >= 0, `no column ${header} in ${headers.join(' | ')}`);
  const cells = await page.locator(`.el-table__body .el-table__row td:nth-child(${index + 1})`).allInnerTexts();
  return { rows: cells.length, cents: cells.reduce((sum, c) => sum + cents(c), 0) };
}

describe('sales dashboard: whose targets, drill-down to the records, funnel pipelines', { concurrency: false }, () => {
  let session;
  const { year, month } = chinaNow();

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signInAt(session.page, server.baseUrl, ZHANG);
  });
  after(async () => {
    await session?.context.close();
  });

  test("a manager sees his department's targets, with a hint while there are none", async () => {
    const { page } = session;
    await openDashboard(page);
    const panel = targetsPanel(page);
    assert.equal(await panel.getAttribute('data-scope-type'), 'department');
    assert.equal(await panel.getAttribute('data-scope-id'), String(departmentId));
    assert.equal(await text(page, 'dashboard-target-scope'), '华东大区');
    assert.match(await text(page, 'dash-no-targets'), /「华东大区」\d{4} 年还没有设置这项目标/);
    assert.ok(await page.locator(t('dashboard-set-targets')).isVisible(), 'the head may set them');

    // He sets his team's targets; the chart now compares with them.
    const months = Array.from({ length: 12 }, () => '100000.00');
    const put = await zhang.put('/api/v1/sales/targets', { year, metric: 'contract_amount', scope_type: 'department', scope_id: departmentId, months });
    assert.equal(put.status, 200, put.text);
    await openDashboard(page);
    assert.equal(await page.locator(t('dash-no-targets')).count(), 0);
    assert.equal(await text(page, 'dashboard-target-month-target'), '¥100,000.00');
    await shot(page, 'dashboard-manager-zh');
    assert.deepEqual(session.problems, []);
  });

  test("a click on this month's bar opens the contracts behind it, and they add up to the bar", async () => {
    const { page } = session;
    const shown = cents(await text(page, 'dashboard-target-month-actual'));
    const api = await zhang.get(`/api/v1/sales/targets?year=${year}&metric=contract_amount&scope_type=department&scope_id=${departmentId}`);
    assert.equal(api.status, 200, api.text);
    const actual = cents(api.json.months[month - 1].actual);
    assert.equal(shown, actual, 'the figure under the chart is the API actual');
    assert.ok(actual > 0, 'the sample data signs contracts this month');

    await clickActualBar(page, month);
    await page.waitForURL(/\/o\/contract\?filter=/);
    await page.locator('.el-table__body .el-table__row').first().waitFor();
    const listed = await columnSum(page, '合同金额');
    assert.equal(listed.cents, actual, 'the list adds up to the bar');
    assert.equal((await page.locator(`${t('pager')} .pager-total`).innerText()).trim(), `共 ${listed.rows} 条`);

    // The filter in the address is the server's rule: the aggregate over it is the actual too.
    const filter = JSON.parse(new URL(page.url()).searchParams.get('filter'));
    const sum = await zhang.post('/api/v1/objects/contract/aggregate', { filter, measures: [{ op: 'sum', field: 'amount' }, { op: 'count' }] });
    assert.equal(sum.status, 200, sum.text);
    assert.equal(cents(sum.json.totals.sum_amount), actual);
    assert.equal(sum.json.totals.count, listed.rows);
    await shot(page, 'dashboard-target-drill-zh');

    // And the figure under the chart opens the same list.
    await page.goBack();
    await page.locator(t('dashboard-target-month-actual')).click();
    await page.waitForURL(/\/o\/contract\?filter=/);
    assert.deepEqual(JSON.parse(new URL(page.url()).searchParams.get('filter')), filter);
    assert.deepEqual(session.problems, []);
  });

  test('other target measures drill to payments and new customers', async () => {
    const { page } = session;
    await openDashboard(page);
    for (const [metric, object, header] of [
      ['payment_amount', 'payment', '回款金额'],
      ['new_customers', 'customer', null],
    ]) {
      await page.locator(`${t('dashboard-target-metric')} .el-select__wrapper`).click();
      await page.locator(t(`dashboard-target-metric-${metric}`)).filter({ visible: true }).click();
      const api = await zhang.get(`/api/v1/sales/targets?year=${year}&metric=${metric}&scope_type=department&scope_id=${departmentId}`);
      const actual = api.json.months[month - 1].actual;
      await page.waitForFunction(
        (want) => document.querySelector('[data-test="dashboard-target-month-actual"]')?.textContent?.trim() === want,
        header ? `¥${Number(actual).toLocaleString('en-US', { minimumFractionDigits: 2 })}` : String(actual),
      );
      await page.locator(t('dashboard-target-month-actual')).click();
      await page.waitForURL(new RegExp(`/o/${object}\\?filter=`));
      await page.locator(`${t('pager')}, ${t('record-empty')}`).first().waitFor();
      const filter = JSON.parse(new URL(page.url()).searchParams.get('filter'));
      const measures = header ? [{ op: 'sum', field: 'amount' }] : [{ op: 'count' }];
      const res = await zhang.post(`/api/v1/objects/${object}/aggregate`, { filter, measures });
      assert.equal(res.status, 200, res.text);
      if (header) {
        assert.equal(cents(res.json.totals.sum_amount), cents(actual), metric);
        if (cents(actual) > 0) {
          // The pager can show before the rows it counts arrive.
          await page.locator('.el-table__body .el-table__row').first().waitFor();
          assert.equal((await columnSum(page, header)).cents, cents(actual));
        }
      } else {
        assert.equal(res.json.totals.count, actual, metric);
        if (actual > 0) assert.equal((await page.locator(`${t('pager')} .pager-total`).innerText()).trim(), `共 ${actual} 条`);
      }
      await openDashboard(page);
    }
    assert.deepEqual(session.problems, []);
  });

  test('the funnel switches to 老客户复购, and its drill-down follows', async () => {
    const { page } = session;
    await openDashboard(page);
    await page.locator(`${t('dashboard-funnel-pipeline')} .el-select__wrapper`).click();
    await page.locator(t('dashboard-funnel-pipeline-repeat')).filter({ visible: true }).click();
    await page.waitForTimeout(600); // the funnel redraws
    await page.locator(t('dashboard-funnel')).scrollIntoViewIfNeeded();
    await shot(page, 'dashboard-funnel-repeat-zh');
    // The top of the funnel (需求确认, the repeat pipeline's first stage): the funnel series
    // leaves 60 px above and below within the 280 px chart, its three stages share the rest.
    const box = await page.locator(`${t('dashboard-funnel')} canvas`).first().boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + 60 + (box.height - 120) / 6);
    await page.waitForURL(/\/o\/opportunity\?filter=/);
    const filter = JSON.parse(new URL(page.url()).searchParams.get('filter'));
    assert.deepEqual(
      filter.and.filter((c) => c.field === 'pipeline' || c.field === 'stage'),
      [
        { field: 'pipeline', op: 'eq', value: 'repeat' },
        { field: 'stage', op: 'eq', value: 'needs' },
      ],
    );
    await page.locator('.el-table__body .el-table__row').first().waitFor();
    assert.match(await page.locator('.el-table__body').innerText(), new RegExp(REPEAT_DEAL));
    assert.deepEqual(session.problems, []);
  });

  test('in English, and at phone width', async () => {
    const { page } = session;
    await openDashboard(page);
    await switchLocale(page, 'en');
    await page.waitForFunction(() => /Target completion/.test(document.querySelector('[data-test="dashboard-targets"]')?.textContent ?? ''));
    assert.match(await text(page, 'dashboard-target-month'), /This month \(\d+\)\s+Target ¥100,000.00/);
    assert.match(await page.locator(t('dashboard-funnel')).innerText(), /New business/);
    await shot(page, 'dashboard-manager-en');

    const phone = await newPhonePage(browser, { storageState: await session.context.storageState() });
    try {
      await openDashboard(phone.page);
      await phone.page.locator(t('dashboard-target-chart')).scrollIntoViewIfNeeded();
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `no sideways scrolling (${width}px)`);
      await phone.page.evaluate(() => window.scrollTo(0, 0));
      await shot(phone.page, 'dashboard-manager-phone-en', { fullPage: true });
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.context.close();
    }
    assert.deepEqual(session.problems, []);
  });
});

describe("whose targets others see by default", { concurrency: false }, () => {
  test("an administrator sees 销售部's, the first department from the top with targets", async () => {
    const { context, page, problems } = await newPage(browser, { viewport: DESKTOP });
    try {
      await signInAt(page, server.baseUrl, LI);
      await openDashboard(page);
      assert.equal(await text(page, 'dashboard-target-scope'), '销售部');
      assert.equal(await targetsPanel(page).getAttribute('data-scope-type'), 'department');
      assert.equal(await text(page, 'dashboard-target-month-target'), '¥200,000.00');
      await shot(page, 'dashboard-admin-zh');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a salesperson sees his own', async () => {
    const { context, page, problems } = await newPage(browser, { viewport: DESKTOP });
    try {
      await signInAt(page, server.baseUrl, LIU);
      await openDashboard(page);
      assert.equal(await text(page, 'dashboard-target-scope'), '刘洋');
      assert.equal(await targetsPanel(page).getAttribute('data-scope-type'), 'user');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
