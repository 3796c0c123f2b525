// Browser journeys of pipeline to cash (issue 6), as the sales manager 张伟 of the demo enterprise
// (head of 华东大区), against the real server:
//   1. a quote with two product lines typed in the form (a product chosen, a free line): the
//      preview, then the server's totals on the detail page; the print view with the enterprise's
//      header, the lines and the total in capitals — the server's page, in a frame — and the PDF
//      the server prints from that page, downloaded with 下载 PDF;
//   2. a contract (expiring soon on the list) with two instalments; a payment against the first
//      moves paid / unpaid and the plan's status; an invoice above what is left is refused with the
//      server's message, a smaller one is accepted;
//   3. 刘洋's twelve monthly targets set in one go, saved, and completion shown per month;
//   4. English and phone-width screenshots of the same pages.
// Screenshots go to test-results/e2e/ and to /tmp/cash-*.png.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, RESULTS_DIR, t } from './lib/browser.mjs';
import { apiAs, choose, create, field, findOne, form, search, shot, signIn as signInAt, startWithBrowser, text, waitFormClosed } from './lib/journey.mjs';

const ADMIN = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const MANAGER = { login: '13800000002', password: 'Demo@2026', tenant: 'demo' };
const CUSTOMER = '翠湖数码科技有限公司';

let server;
let browser;
let admin;
let manager;

// Dates in China Standard Time, n days from today.
const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  admin = await apiAs(server.baseUrl, ADMIN);
  manager = await apiAs(server.baseUrl, MANAGER);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page, who) => signInAt(page, server.baseUrl, who);

async function fillText(page, name, value) {
  const input = field(page, name).locator('input, textarea').first();
  await input.fill(value);
}

async function fillDate(page, name, value) {
  const input = field(page, name).locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  // Escape would close the whole form: the picker closes on Enter; wait until it is gone.
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-picker__popper')].some((p) => p.offsetParent !== null && getComputedStyle(p).display !== 'none'));
}

async function submit(page) {
  await form(page).locator(t('record-form-submit')).click();
}

describe('pipeline to cash in the browser, as a sales manager', { concurrency: false }, () => {
  let session;
  let customerId;
  let quoteId;
  let contractId;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signIn(session.page, MANAGER);
    customerId = (await create(manager, 'customer', { name: CUSTOMER, address: '杭州市西湖区文三路 90 号', phone: '0571-88001234' })).id;
    // Products are kept by administrators.
    await create(admin, 'product', { name: '翠湖测试 CRM 软件', price: '1200.00', spec: '专业版' });
  });
  after(async () => {
    assert.deepEqual(session.problems, [], 'no errors in the browser');
    await session?.context.close();
  });

  test('a quote with two product lines shows the preview, then the totals the server computed', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/quote`);
    await page.locator(t('record-new')).click();
    await form(page).waitFor();
    await fillText(page, 'name', '翠湖数码 CRM 报价');
    await search(page, field(page, 'customer_id'), CUSTOMER);
    await fillDate(page, 'valid_until', day(30));

    const editor = form(page).locator(t('lines-editor'));
    await editor.locator(t('line-add')).click();
    const first = editor.locator(t('line-row')).nth(0);
    await search(page, first.locator(t('line-product')), '翠湖测试 CRM 软件');
    // The product fills the name and the price.
    await page.waitForFunction(
      () => document.querySelector('[data-test="line-row"] input[data-test="line-price"]')?.value === '1200.00',
    );
    assert.equal(await first.locator(t('line-name')).inputValue(), '翠湖测试 CRM 软件');
    await first.locator(t('line-quantity')).fill('3');
    await first.locator(t('line-discount')).fill('10');
    await first.locator(t('line-tax')).fill('13');

    await editor.locator(t('line-add')).click();
    const second = editor.locator(t('line-row')).nth(1);
    await second.locator(t('line-name')).fill('上门实施服务');
    await second.locator(t('line-quantity')).fill('2');
    // Without a price the server refuses the line: its message, naming the line, under the lines.
    await submit(page);
    const lineError = field(page, 'lines').locator('.el-form-item__error');
    await lineError.waitFor();
    assert.equal((await lineError.innerText()).trim(), '第 2 行 单价：请填写单价');
    await second.locator(t('line-price')).fill('1500');
    await second.locator(t('line-tax')).fill('6');
    // 3 × 1200 = 3600, 10 % off → 3240, 13 % → 3661.20; 2 × 1500 = 3000, 6 % → 3180.
    assert.equal(await text(first, 'line-preview'), '3,661.20');
    assert.equal(await text(second, 'line-preview'), '3,180.00');
    assert.equal(await text(editor, 'lines-preview-total'), '6,841.20');
    assert.match(await editor.innerText(), /预览/);
    await shot(page, 'cash-quote-form-zh');

    await submit(page);
    await waitFormClosed(page);
    const quote = await findOne(manager, 'quote', '翠湖数码 CRM 报价');
    quoteId = quote.id;
    assert.equal(quote.total_amount, '6841.20');

    await page.goto(`${server.baseUrl}/o/quote/${quoteId}`);
    await page.locator('.el-tabs__item', { hasText: '详细资料' }).click();
    const table = page.locator(t('lines-table'));
    await table.waitFor();
    assert.equal(await table.locator(t('lines-table-row')).count(), 2);
    assert.equal(await text(table, 'lines-total'), '6,841.20');
    assert.match(await table.innerText(), /6,600\.00[\s\S]*-360\.00[\s\S]*601\.20/);
    await shot(page, 'cash-quote-detail-zh', { fullPage: true });
  });

  test('the print view shows the enterprise header, the customer, the lines and the total', async () => {
    const { page, context } = session;
    const [printPage] = await Promise.all([context.waitForEvent('page'), page.locator(t('quote-print-open')).click()]);
    await printPage.waitForURL(/\/print\/quote\/\d+$/);
    // The page is the server's (the one the PDF is printed from), in a frame.
    const sheet = printPage.frameLocator(t('print-frame'));
    await sheet.locator(t('print-paper')).waitFor();
    // No app navigation around it.
    assert.equal(await printPage.locator(t('nav-aside')).count(), 0);
    assert.equal(await text(sheet, 'print-company'), '示例科技有限公司');
    assert.equal(await text(sheet, 'print-customer'), CUSTOMER);
    assert.equal(await text(sheet, 'print-valid-until'), day(30));
    assert.equal(await sheet.locator(t('lines-table-row')).count(), 2);
    assert.match(await sheet.locator(t('lines-table')).innerText(), /翠湖测试 CRM 软件[\s\S]*上门实施服务/);
    assert.equal(await text(sheet, 'lines-total'), '6,841.20');
    assert.match(await text(sheet, 'print-upper'), /陆仟捌佰肆拾壹元贰角整/);
    assert.ok(await printPage.locator(t('print-button')).isEnabled());
    await shot(printPage, 'cash-print-zh', { fullPage: true });
    // 下载 PDF: the server prints the same page; the browser saves it under the quote's code.
    const [download] = await Promise.all([
      printPage.waitForEvent('download', { timeout: 120000 }),
      printPage.locator(t('print-pdf')).click(),
    ]);
    assert.match(download.suggestedFilename(), /^报价单-BJ-\d{4}-\d{4}\.pdf$/);
    const downloaded = join(RESULTS_DIR, 'cash-quote-download.pdf');
    await download.saveAs(downloaded);
    assert.equal(readFileSync(downloaded).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(await printPage.locator(t('print-pdf')).isEnabled(), true, 'the button is back after the download');
    // What "打印 / 导出 PDF" gives: an A4 page without the toolbar.
    await printPage.emulateMedia({ media: 'print' });
    assert.equal(await printPage.locator(t('print-button')).isVisible(), false);
    await shot(printPage, 'cash-print-media-zh', { fullPage: true });
    const pdf = join(RESULTS_DIR, 'cash-quote.pdf');
    await printPage.pdf({ path: pdf, format: 'A4', printBackground: true });
    assert.ok(statSync(pdf).size > 10000);
    await printPage.close();
  });

  test('a contract with two instalments: a payment moves paid and unpaid; an invoice above what is left is refused', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/contract`);
    await page.locator(t('record-new')).click();
    await form(page).waitFor();
    await fillText(page, 'name', '翠湖数码 CRM 合同');
    await search(page, field(page, 'customer_id'), CUSTOMER);
    await fillDate(page, 'sign_date', day(0));
    await fillDate(page, 'end_date', day(20));
    await fillText(page, 'amount', '100000');
    await submit(page);
    await waitFormClosed(page);
    contractId = (await findOne(manager, 'contract', '翠湖数码 CRM 合同')).id;

    // The list shows the end date, marked as expiring soon.
    const row = page.locator(`${t('record-table')} tbody tr`, { hasText: '翠湖数码 CRM 合同' });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(day(20)));
    assert.equal(await row.locator(t('contract-expiry')).getAttribute('data-kind'), 'soon');
    await shot(page, 'cash-contract-list-zh');

    await page.goto(`${server.baseUrl}/o/contract/${contractId}`);
    const money = page.locator(t('contract-money'));
    await money.locator(t('money-amount')).waitFor();
    assert.match(await text(money, 'money-amount'), /100,000\.00/);
    assert.match(await text(money, 'money-unpaid'), /100,000\.00/);

    // Two instalments: the first form starts with the whole amount, the second with what is left.
    await money.locator(t('money-new-plan')).click();
    await form(page).waitFor();
    assert.equal(await field(page, 'amount').locator('input').inputValue(), '100000.00');
    await fillText(page, 'amount', '60000');
    await fillDate(page, 'due_date', day(10));
    await submit(page);
    await waitFormClosed(page);
    await money.locator(t('money-plan-row')).first().waitFor();
    await money.locator(t('money-new-plan')).click();
    await form(page).waitFor();
    assert.equal(await field(page, 'amount').locator('input').inputValue(), '40000.00');
    await fillDate(page, 'due_date', day(40));
    await submit(page);
    await waitFormClosed(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-test="money-plan-row"]').length === 2);

    // A payment against the first instalment, part of it.
    await money.locator(t('money-plan-receive')).first().click();
    await form(page).waitFor();
    assert.equal(await field(page, 'amount').locator('input').inputValue(), '60000.00');
    await fillText(page, 'amount', '30000');
    await submit(page);
    await waitFormClosed(page);
    await page.waitForFunction(() => /30,000\.00/.test(document.querySelector('[data-test="money-paid"]')?.textContent ?? ''));
    assert.match(await text(money, 'money-unpaid'), /70,000\.00/);
    assert.equal(await money.locator(t('money-plan-row')).first().getAttribute('data-status'), 'partial');
    assert.equal(await money.locator(t('money-payment-row')).count(), 1);
    const stored = (await manager.get(`/api/v1/objects/contract/records/${contractId}`)).json;
    assert.equal(stored.paid_amount, '30000.00');
    assert.equal(stored.unpaid_amount, '70000.00');

    // An invoice above what is left to invoice: the server's message under the amount.
    await money.locator(t('money-new-invoice')).click();
    await form(page).waitFor();
    assert.equal(await field(page, 'title').locator('input').inputValue(), CUSTOMER);
    assert.equal(await field(page, 'amount').locator('input').inputValue(), '100000.00');
    // The form says what is left to invoice before anything is sent.
    await form(page).locator(t('contract-left-hint')).waitFor();
    assert.match(await text(form(page), 'contract-left-hint'), /还可开票 100,000\.00 元/);
    await choose(page, field(page, 'type'), '增值税普通发票');
    await fillText(page, 'amount', '120000');
    await submit(page);
    const refusal = field(page, 'amount').locator('.el-form-item__error');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /开票金额超过合同未开票金额 100000\.00/);
    assert.match(await text(money, 'money-invoice-left'), /100,000\.00/);
    await shot(page, 'cash-invoice-refused-zh');
    await fillText(page, 'amount', '50000');
    await submit(page);
    await waitFormClosed(page);
    await page.waitForFunction(() => /50,000\.00/.test(document.querySelector('[data-test="money-uninvoiced"]')?.textContent ?? ''));
    assert.match(await text(money, 'money-invoiced'), /50,000\.00/);
    assert.equal(await money.locator(t('money-invoice-row')).count(), 1);
    await shot(page, 'cash-contract-detail-zh', { fullPage: true });
  });

  test("a manager sets 刘洋's twelve monthly targets at once and sees completion", async () => {
    const { page } = session;
    const liu = (await manager.get('/api/v1/users?q=刘洋')).json.records.find((u) => u.name === '刘洋');
    const year = Number(day(0).slice(0, 4));
    // A payment of 刘洋's this month, so completion is above zero.
    const contract = await create(manager, 'contract', { name: '刘洋的回款合同', customer_id: customerId, amount: '50000', sign_date: day(0) });
    const payment = await create(manager, 'payment', { contract_id: contract.id, amount: '12000', paid_date: day(0) });
    const moved = await admin.post('/api/v1/objects/payment/transfer', { ids: [payment.id], to_user_id: liu.id });
    assert.equal(moved.status, 200, moved.text);

    await page.goto(`${server.baseUrl}/workbench`);
    const item = page.locator(t('nav-sales-targets'));
    if (!(await item.isVisible())) await page.locator(`${t('nav-sales')} > .el-sub-menu__title`).click();
    await item.click();
    await page.waitForURL(/\/sales\/targets$/);
    await page.locator(t('targets-grid')).waitFor();

    await page.locator(`${t('targets-metric-payment_amount')}`).click();
    await search(page, page.locator(t('targets-user')), '刘洋');
    await page.waitForFunction(() => /刘洋/.test(document.querySelector('[data-test="targets-grid"] h2')?.textContent ?? ''));
    assert.equal(await page.locator(t('targets-readonly')).count(), 0, 'the head of 华东大区 may set them');

    // A bad value is named and blocks saving.
    await page.locator(`${t('targets-month-3')} input`).fill('12.345');
    await page.locator(t('targets-invalid')).waitFor();
    assert.ok(await page.locator(t('targets-save')).isDisabled());

    await page.locator(t('targets-fill-value')).fill('40000');
    await page.locator(t('targets-fill')).click();
    for (let m = 1; m <= 12; m++) assert.equal(await page.locator(`${t(`targets-month-${m}`)} input`).inputValue(), '40000');
    assert.equal(await page.locator(t('targets-invalid')).count(), 0);
    await page.locator(t('targets-save')).click();
    await page.locator('.el-message', { hasText: '目标已保存' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-test="targets-dirty"]'));

    const saved = (await manager.get(`/api/v1/sales/targets?year=${year}&metric=payment_amount&scope_type=user&scope_id=${liu.id}`)).json;
    assert.deepEqual(saved.months.map((m) => m.target), Array(12).fill('40000.00'));
    const month = Number(day(0).slice(5, 7));
    const mine = saved.months[month - 1];
    assert.ok(mine.completion > 0, JSON.stringify(mine));
    const row = page.locator(t(`targets-row-${month}`));
    assert.match(await row.innerText(), /40,000\.00/);
    assert.equal(await text(row, 'targets-completion-text'), `${(Math.round(mine.completion * 1000) / 10).toFixed(1)}%`);
    assert.ok(await page.locator(`${t('targets-chart')} canvas`).count() > 0);
    await shot(page, 'cash-targets-zh', { fullPage: true });
  });

  test('an administrator sets the header printed on quotes from the print view', async () => {
    const ad = await newPage(browser, { viewport: DESKTOP });
    await signIn(ad.page, ADMIN);
    await ad.page.goto(`${server.baseUrl}/print/quote/${quoteId}`);
    const sheet = ad.page.frameLocator(t('print-frame'));
    await sheet.locator(t('print-paper')).waitFor();
    await ad.page.locator(t('print-edit-header')).click();
    const dialog = ad.page.locator(t('print-header-dialog'));
    await dialog.waitFor();
    await dialog.locator(`${t('print-header-address')} input`).fill('杭州市滨江区网商路 599 号');
    await dialog.locator(`${t('print-header-phone')} input`).fill('0571-87001234');
    await dialog.locator(`${t('print-header-bank_name')} input`).fill('招商银行杭州分行');
    await dialog.locator(t('print-header-save')).click();
    const reauth = ad.page.locator(t('reauth-password'));
    // The admin console may ask for the password again first.
    if (await reauth.isVisible().catch(() => false)) {
      await reauth.locator('input').fill(ADMIN.password);
      await ad.page.locator(t('reauth-submit')).click();
    }
    // The page is fetched again with the new header.
    await sheet.locator(t('print-header'), { hasText: '网商路 599 号' }).waitFor();
    assert.match(await text(sheet, 'print-header'), /0571-87001234/);
    assert.match(await sheet.locator(t('print-paper')).innerText(), /招商银行杭州分行/);
    await shot(ad.page, 'cash-print-header-zh', { fullPage: true });
    // A sales manager sees the header but may not change it.
    const seen = (await manager.get(`/api/v1/sales/quotes/${quoteId}/print`)).json;
    assert.equal(seen.header.address, '杭州市滨江区网商路 599 号');
    assert.deepEqual(ad.problems, []);
    await ad.context.close();
  });

  test('the same pages in English and at phone width', async () => {
    const en = await newPage(browser, { viewport: DESKTOP });
    await en.context.addInitScript(() => localStorage.setItem('xieli.locale', 'en'));
    await signIn(en.page, MANAGER);
    await en.page.goto(`${server.baseUrl}/sales/targets`);
    await en.page.locator(t('targets-grid')).waitFor();
    assert.match(await en.page.locator(t('targets-page')).innerText(), /Sales targets/);
    await shot(en.page, 'cash-targets-en', { fullPage: true });
    await en.page.goto(`${server.baseUrl}/o/contract/${contractId}`);
    await en.page.locator(t('money-amount')).waitFor();
    assert.match(await en.page.locator(t('contract-money')).innerText(), /Payments overview[\s\S]*Left to invoice/);
    await shot(en.page, 'cash-contract-detail-en', { fullPage: true });
    await en.page.goto(`${server.baseUrl}/print/quote/${quoteId}`);
    await en.page.frameLocator(t('print-frame')).locator(t('print-paper')).waitFor();
    assert.match(await en.page.frameLocator(t('print-frame')).locator(t('print-upper')).innerText(), /CNY 6,841\.20/);
    assert.match(await en.page.locator(t('print-pdf')).innerText(), /Download PDF/);
    await shot(en.page, 'cash-print-en', { fullPage: true });
    assert.deepEqual(en.problems, []);
    await en.context.close();

    const phone = await newPhonePage(browser);
    await signIn(phone.page, MANAGER);
    await phone.page.goto(`${server.baseUrl}/o/contract/${contractId}`);
    await phone.page.locator(t('money-amount')).waitFor();
    await shot(phone.page, 'cash-contract-phone', { fullPage: true });
    await phone.page.goto(`${server.baseUrl}/o/quote/${quoteId}`);
    await phone.page.locator(t('record-edit')).click();
    await phone.page.locator(t('lines-editor')).waitFor();
    await shot(phone.page, 'cash-quote-form-phone', { fullPage: false });
    await phone.page.goto(`${server.baseUrl}/sales/targets`);
    await phone.page.locator(t('targets-grid')).waitFor();
    await shot(phone.page, 'cash-targets-phone', { fullPage: true });
    await phone.page.goto(`${server.baseUrl}/print/quote/${quoteId}`);
    await phone.page.frameLocator(t('print-frame')).locator(t('print-paper')).waitFor();
    await shot(phone.page, 'cash-print-phone', { fullPage: true });
    assert.deepEqual(phone.problems, []);
    await phone.context.close();
  });
});
