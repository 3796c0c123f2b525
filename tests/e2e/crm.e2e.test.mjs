// Browser journeys of the CRM actions on the record pages, against the real server with the
// demo enterprise (no sample records: the test makes what it needs through the API):
//   1. a lead's timeline; converting it into a customer + contact + opportunity (a bad amount is
//      shown under its field first); the converted lead's banner and no edit button;
//   2. typing an existing customer's name in the customer form shows the duplicate warning, and
//      saving anyway shows the server's 409 message;
//   3. an opportunity moved along its stage bar, then to 赢单 through the dialog; stage history;
//   4. customers exported to CSV (the download finishes) and a small CSV imported;
//   5. the dialogs again in English, for the screenshots.
// Screenshots go to test-results/e2e/ and to /tmp/crm-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, t } from './lib/browser.mjs';
import { apiAs, create, shot, signIn as signInAt, startWithBrowser, switchLocale } from './lib/journey.mjs';

const DEMO = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };
const LEAD = { name: '周婷', company: '宁波海曙智造有限公司', mobile: '13905740111', email: 'zhou@haishu.cn', title: '采购经理' };
const EXISTING = '杭州云帆网络科技有限公司';

let server;
let browser;
let api;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  api = await apiAs(server.baseUrl, DEMO);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page) => signInAt(page, server.baseUrl, DEMO);

const inputOf = (scope, id) => scope.locator(`${t(id)} input`).first();
const errorOf = (scope, id) => scope.locator(`${t(id)} .el-form-item__error`);

describe('CRM actions in the browser', { concurrency: false }, () => {
  let session;
  let existingId;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signIn(session.page);
    existingId = (await create(api, 'customer', { name: EXISTING, short_name: '云帆网络', phone: '0571-86001234' })).id;
  });
  after(async () => {
    await session?.context.close();
  });

  test('a lead opens on its timeline and converts into a customer, a contact and an opportunity', async () => {
    const { page } = session;
    const lead = await create(api, 'lead', LEAD);
    await page.goto(`${server.baseUrl}/o/lead/${lead.id}`);
    const timeline = page.locator(t('record-timeline'));
    await timeline.waitFor();
    await timeline.locator(`${t('timeline-item')}[data-type="created"]`).waitFor();

    await page.locator(t('lead-convert')).click();
    const dialog = page.locator(t('convert-dialog'));
    await dialog.waitFor({ state: 'visible' });
    // Prefilled from the lead as the server would: the company names the customer.
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.value === '宁波海曙智造有限公司',
      `${t('convert-customer-name')} input`,
    );
    assert.equal(await inputOf(dialog, 'convert-contact-name').inputValue(), '周婷');
    assert.equal(await inputOf(dialog, 'convert-contact-mobile').inputValue(), '13905740111');

    await dialog.locator(`${t('convert-opportunity-enabled')}`).click();
    await inputOf(dialog, 'convert-opportunity-name').fill('海曙智造 CRM 项目');
    await inputOf(dialog, 'convert-opportunity-amount').fill('五万');
    await shot(page, 'crm-convert-zh');
    await dialog.locator(t('convert-submit')).click();
    // The server names the part: the error lands under the opportunity's amount.
    await errorOf(dialog, 'convert-opportunity-amount').waitFor();
    await shot(page, 'crm-convert-error-zh');
    const nothing = await api.post('/api/v1/objects/customer/query', { q: '海曙智造' });
    assert.equal(nothing.json.records.length, 0, 'a failed conversion leaves nothing behind');

    await inputOf(dialog, 'convert-opportunity-amount').fill('50000');
    await dialog.locator(t('convert-submit')).click();
    await page.waitForURL(/\/o\/customer\/\d+$/);
    await page.locator(t('record-title')).waitFor();
    assert.equal((await page.locator(t('record-title')).innerText()).trim(), '宁波海曙智造有限公司');
    // The new customer's timeline lists the contact and the opportunity made for it.
    await page.locator(`${t('record-timeline')} ${t('timeline-link')}`, { hasText: '海曙智造 CRM 项目' }).waitFor();

    const fresh = await api.get(`/api/v1/objects/lead/records/${lead.id}`);
    assert.equal(fresh.json.status, 'converted');
    assert.ok(fresh.json.converted_contact_id);
    const opp = await api.get(`/api/v1/objects/opportunity/records/${fresh.json.converted_opportunity_id}`);
    assert.equal(opp.json.amount, '50000.00');
    assert.equal(opp.json.customer_id, fresh.json.converted_customer_id);

    await page.goto(`${server.baseUrl}/o/lead/${lead.id}`);
    const banner = page.locator(t('lead-converted'));
    await banner.waitFor();
    assert.match(await banner.innerText(), /宁波海曙智造有限公司/);
    assert.equal(await page.locator(t('record-edit')).count(), 0);
    assert.equal(await page.locator(t('lead-convert')).count(), 0);
    await shot(page, 'crm-lead-converted-zh');
    await banner.locator(t('lead-became-opportunity')).click();
    await page.waitForURL(new RegExp(`/o/opportunity/${fresh.json.converted_opportunity_id}$`));
  });

  test('typing an existing customer name warns of the duplicate; saving shows the 409', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/customer`);
    await page.locator(t('record-new')).click();
    const dialog = page.locator(t('record-form'));
    await dialog.waitFor({ state: 'visible' });
    await inputOf(dialog, 'field-name').fill(` ${EXISTING}`);
    const hint = dialog.locator(t('duplicate-hint'));
    await hint.waitFor();
    const words = await hint.innerText();
    assert.match(words, new RegExp(`已存在相似客户：${EXISTING}（负责人：`));
    assert.equal(await hint.locator(t('duplicate-link')).getAttribute('href'), `/o/customer/${existingId}`);
    await shot(page, 'crm-duplicate-zh');

    await dialog.locator(t('record-form-submit')).click();
    const error = dialog.locator(t('record-form-error'));
    await error.waitFor();
    assert.match(await error.innerText(), /已存在，负责人/);
    // Another name: the warning goes away.
    await inputOf(dialog, 'field-name').fill('温州瓯海眼镜有限公司');
    await hint.waitFor({ state: 'detached' });
    await dialog.locator(t('record-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  test('an opportunity moves along its stages and is won through the dialog', async () => {
    const { page } = session;
    const opp = await create(api, 'opportunity', { name: '云帆 年度服务', customer_id: existingId, amount: '80000' });
    await page.goto(`${server.baseUrl}/o/opportunity/${opp.id}`);
    const bar = page.locator(t('stage-bar'));
    await bar.locator(t('stage-initial')).waitFor();
    assert.equal(await bar.locator(t('stage-initial')).getAttribute('data-state'), 'current');

    await bar.locator(t('stage-needs')).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'current', t('stage-needs'));
    assert.equal(await bar.locator(t('stage-initial')).getAttribute('data-state'), 'done');

    await bar.locator(t('stage-won')).click();
    const dialog = page.locator(t('stage-dialog'));
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await inputOf(dialog, 'stage-actual-amount').inputValue(), '80000.00');
    assert.match(await inputOf(dialog, 'stage-actual-date').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
    await inputOf(dialog, 'stage-actual-amount').fill('76000');
    await shot(page, 'crm-stage-won-zh');
    await dialog.locator(t('stage-dialog-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'won', t('stage-won'));
    const won = await api.get(`/api/v1/objects/opportunity/records/${opp.id}`);
    assert.equal(won.json.status, 'won');
    assert.equal(won.json.actual_amount, '76000.00');
    await shot(page, 'crm-stage-bar-zh');

    await page.locator('.el-tabs__item', { hasText: '阶段历史' }).click();
    const history = page.locator(t('stage-history'));
    await history.locator('tbody tr').nth(2).waitFor();
    assert.match(await history.locator('tbody tr').first().innerText(), /赢单/);
  });

  test('customers export to CSV and a small CSV imports', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/customer`);
    await page.locator(t('record-export')).click();
    const dialog = page.locator(t('export-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(t('export-csv')).click();
    const downloading = page.waitForEvent('download');
    await dialog.locator(t('export-start')).click();
    const file = await downloading;
    assert.match(file.suggestedFilename(), /\.csv$/);
    const body = readFileSync(await file.path(), 'utf8');
    assert.match(body, new RegExp(EXISTING));
    await dialog.locator(t('export-done')).waitFor();
    await shot(page, 'crm-export-zh');
    await dialog.locator('.el-dialog__headerbtn').click();

    await page.locator(t('record-import')).click();
    const wizard = page.locator(t('import-dialog'));
    await wizard.waitFor({ state: 'visible' });
    await shot(page, 'crm-import-upload-zh');
    const csv = '\uFEFF客户名称,电话,客户级别,随便一列\r\n嘉兴南湖纺织有限公司,0573-82001111,A（重点客户）,x\r\n湖州吴兴茶业有限公司,0572-22003333,B,y\r\n';
    await wizard.locator(t('import-file')).setInputFiles({ name: '客户.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await wizard.locator(t('import-step-mapping')).waitFor();
    assert.match(await wizard.locator(t('import-uploaded')).innerText(), /2 行数据/);
    await shot(page, 'crm-import-mapping-zh');
    await wizard.locator(t('import-next')).click();
    await wizard.locator(t('import-step-options')).waitFor();
    await shot(page, 'crm-import-options-zh');
    await wizard.locator(t('import-start')).click();
    await wizard.locator(t('import-finished')).waitFor({ timeout: 30000 });
    assert.equal((await wizard.locator(t('import-created')).innerText()).trim(), '2');
    assert.equal((await wizard.locator(t('import-failed')).innerText()).trim(), '0');
    await shot(page, 'crm-import-result-zh');
    const imported = await api.post('/api/v1/objects/customer/query', { q: '南湖纺织' });
    assert.equal(imported.json.records[0]?.level, 'a');
    await wizard.locator('.el-dialog__headerbtn').click();
    await wizard.waitFor({ state: 'hidden' });
  });

  test('the dialogs in English', async () => {
    const { page } = session;
    await switchLocale(page, 'en');
    const lead = await create(api, 'lead', { name: 'Li Lei', company: 'Ningbo Harbour Trading', mobile: '13905740222' });
    await page.goto(`${server.baseUrl}/o/lead/${lead.id}`);
    await page.locator(t('record-timeline')).waitFor();
    await shot(page, 'crm-lead-timeline-en');
    await page.locator(t('lead-convert')).click();
    const convert = page.locator(t('convert-dialog'));
    await convert.waitFor({ state: 'visible' });
    await convert.locator(t('convert-opportunity-enabled')).click();
    await shot(page, 'crm-convert-en');
    await convert.locator('.el-dialog__headerbtn').click();

    const opp = await create(api, 'opportunity', { name: 'Yunfan renewal', customer_id: existingId, amount: '12000' });
    await page.goto(`${server.baseUrl}/o/opportunity/${opp.id}`);
    await page.locator(t('stage-lost')).click();
    await page.locator(t('stage-dialog')).waitFor({ state: 'visible' });
    await shot(page, 'crm-stage-lost-en');
    await page.locator(t('stage-dialog-submit')).click();
    await page.locator(`${t('stage-lost-reason')} .el-form-item__error`).waitFor();
    await page.locator(t('stage-dialog')).locator('.el-dialog__headerbtn').click();

    await page.goto(`${server.baseUrl}/o/customer`);
    await page.locator(t('record-new')).click();
    const form = page.locator(t('record-form'));
    await inputOf(form, 'field-phone').fill('0571 8600 1234');
    await form.locator(t('duplicate-hint')).waitFor();
    assert.match(await form.locator(t('duplicate-hint')).innerText(), /A similar customer exists/);
    await shot(page, 'crm-duplicate-en');
    await form.locator('.el-dialog__headerbtn').click();

    await page.locator(t('record-export')).click();
    await page.locator(t('export-dialog')).waitFor({ state: 'visible' });
    await shot(page, 'crm-export-en');
    await page.locator(t('export-dialog')).locator('.el-dialog__headerbtn').click();
    await page.locator(t('record-import')).click();
    await page.locator(t('import-dialog')).waitFor({ state: 'visible' });
    await shot(page, 'crm-import-upload-en');
    assert.deepEqual(session.problems, []);
  });
});
