// Browser journeys for the record gaps the audit of issue 5 found, against the real server with the
// demo enterprise (no sample records; the test makes what it needs through the API):
//   1. a customer custom field (and a contact one) made required by the administrator: the lead
//      conversion dialog asks for them, refuses them empty, shows the server's 422 under the
//      contact's field, and converts once they are filled in;
//   2. 新增字段 offers 计算字段: a formula input with its help and a list of the fields it may use;
//      the server's 422 on a wrong formula shows at the input; a right one is saved;
//   3. 客户设置 in the admin console: the switch 允许删除客户 (confirmation to turn it on), the
//      customer-delete 403 before, a delete after; the page in English and at phone width;
//   4. the customer form takes a location (address and coordinates).
// Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import { apiAs, choose, create, lastMessage, openAdminPage, popper, shot, signIn as signInAt, startWithBrowser, switchLocale, text } from './lib/journey.mjs';

const DEMO = { login: '13800000000', password: 'Demo@2026', tenant: 'demo' };

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

const inputOf = (scope, id) => scope.locator(`${t(id)} input`).first();
const errorOf = (scope, id) => scope.locator(`${t(id)} .el-form-item__error`);

async function addField(object, body) {
  const res = await api.post(`/api/v1/meta/objects/${object}/fields`, body);
  assert.equal(res.status, 201, res.text);
  return res.json;
}

describe('record gaps of the audit, in the browser', { concurrency: false }, () => {
  let session;
  /** Required fields the first journey adds; taken off again after it (the others make customers without them). */
  const madeRequired = [];
  afterEach(async () => {
    while (madeRequired.length) {
      const [object, name] = madeRequired.pop();
      const off = await api.patch(`/api/v1/meta/objects/${object}/fields/${name}`, { required: false });
      assert.equal(off.status, 200, off.text);
    }
  });

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signInAt(session.page, server.baseUrl, DEMO);
  });
  after(async () => {
    await session?.context.close();
  });

  test('lead conversion asks for the fields the administrator made required', async () => {
    const { page } = session;
    await addField('customer', { label: '统一社会信用代码', label_en: 'Credit code', name: 'c_credit_code', type: 'text', required: true });
    madeRequired.push(['customer', 'c_credit_code']);
    await addField('contact', { label: '工作邮箱', label_en: 'Work e-mail', name: 'c_work_mail', type: 'email', required: true });
    madeRequired.push(['contact', 'c_work_mail']);
    const lead = await create(api, 'lead', { name: '吴磊', company: '嘉兴南湖精工有限公司', mobile: '13905730188', title: '总经理' });

    await page.goto(`${server.baseUrl}/o/lead/${lead.id}`);
    await page.locator(t('lead-convert')).click();
    const dialog = page.locator(t('convert-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await page.waitForFunction((sel) => document.querySelector(sel)?.value === '嘉兴南湖精工有限公司', `${t('convert-customer-name')} input`);
    // The required custom fields are there, marked required, after the dialog's own fields.
    const credit = dialog.locator(t('convert-customer-c_credit_code'));
    await credit.waitFor();
    assert.match(await credit.locator('.el-form-item__label').innerText(), /统一社会信用代码/);
    assert.equal(await dialog.locator(`${t('convert-customer-c_credit_code')}.is-required`).count(), 1);
    assert.equal(await dialog.locator(`${t('convert-contact-c_work_mail')}.is-required`).count(), 1);
    // What the conversion fills in itself is not asked for.
    assert.equal(await dialog.locator(t('convert-contact-customer_id')).count(), 0);

    // Empty: refused before anything is sent, under each field.
    await dialog.locator(t('convert-submit')).click();
    await errorOf(dialog, 'convert-customer-c_credit_code').waitFor();
    assert.match(await errorOf(dialog, 'convert-customer-c_credit_code').innerText(), /统一社会信用代码/);
    assert.match(await errorOf(dialog, 'convert-contact-c_work_mail').innerText(), /工作邮箱/);

    // A malformed e-mail: the server's 422 lands under the contact's field, and nothing is made.
    await inputOf(dialog, 'convert-customer-c_credit_code').fill('91330402MA2B3C4D5E');
    await inputOf(dialog, 'convert-contact-c_work_mail').fill('wulei-at-nanhu');
    await dialog.locator(t('convert-submit')).click();
    await page.waitForFunction(
      (sel) => /邮箱/.test(document.querySelector(sel)?.textContent ?? '') && !/不能为空/.test(document.querySelector(sel)?.textContent ?? ''),
      `${t('convert-contact-c_work_mail')} .el-form-item__error`,
    );
    await errorOf(dialog, 'convert-customer-c_credit_code').waitFor({ state: 'detached' });
    const none = await api.post('/api/v1/objects/customer/query', { q: '南湖精工' });
    assert.equal(none.json.records.length, 0, 'a refused conversion leaves nothing behind');

    await inputOf(dialog, 'convert-contact-c_work_mail').fill('wulei@nanhu-jg.cn');
    await shot(page, 'audit5-convert-required-zh');
    await dialog.locator(t('convert-submit')).click();
    await page.waitForURL(/\/o\/customer\/\d+$/);
    const fresh = await api.get(`/api/v1/objects/lead/records/${lead.id}`);
    assert.equal(fresh.json.status, 'converted');
    const customer = await api.get(`/api/v1/objects/customer/records/${fresh.json.converted_customer_id}`);
    assert.equal(customer.json.c_credit_code, '91330402MA2B3C4D5E');
    assert.equal(customer.json.name, '嘉兴南湖精工有限公司');
    const contact = await api.get(`/api/v1/objects/contact/records/${fresh.json.converted_contact_id}`);
    assert.equal(contact.json.c_work_mail, 'wulei@nanhu-jg.cn');
    assert.equal(contact.json.mobile, '13905730188');
  });

  test('新增字段 makes a 计算字段 from a formula, with help and the fields it may use', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/admin/objects?object=opportunity`);
    await page.waitForFunction(() => document.querySelector('[data-test="object-title"]')?.textContent?.includes('商机'));
    await page.locator(t('field-add')).click();
    const dialog = page.locator(t('field-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(t('field-label')).fill('加权金额');
    await dialog.locator(t('field-label-en')).fill('Weighted amount');
    await choose(page, dialog.locator(t('field-type')), '计算字段');
    // Element Plus puts the data-test of an input on the <textarea> itself.
    const formula = dialog.locator(t('field-formula'));
    await formula.waitFor();
    const help = await text(dialog, 'field-formula-help');
    assert.match(help, /DAYS\(a, b\)/);
    assert.match(help, /a − b/);
    // A formula field is computed: never required.
    assert.equal(await dialog.locator(`${t('field-required')}.is-disabled`).count(), 1);

    // Empty: asked for before anything is sent.
    await dialog.locator(t('field-submit')).click();
    await errorOf(dialog, 'field-formula-item').waitFor();

    // The server's 422 (where the mistake is) at the input.
    await formula.fill('amount * ');
    await dialog.locator(t('field-submit')).click();
    await page.waitForFunction((sel) => /公式第/.test(document.querySelector(sel)?.textContent ?? ''), `${t('field-formula-item')} .el-form-item__error`);
    await shot(page, 'audit5-formula-error-zh');

    // Built from the buttons and the field list: ROUND(amount * win_probability / 100, 2).
    await formula.fill('');
    await dialog.locator(t('field-formula-fn-ROUND')).click();
    const insert = dialog.locator(t('field-formula-insert'));
    await insert.locator('.el-select__wrapper').click();
    const options = popper(page);
    assert.equal(await options.locator(t('field-formula-op-name')).count(), 0, 'text fields are not offered');
    assert.equal(await options.locator(t('field-formula-op-id')).count(), 0);
    await shot(page, 'audit5-formula-fields-zh');
    await options.locator(t('field-formula-op-amount')).click();
    await page.keyboard.type(' * ');
    await insert.locator('.el-select__wrapper').click();
    await popper(page).locator(t('field-formula-op-win_probability')).click();
    await page.keyboard.type(' / 100, 2)');
    assert.equal(await formula.inputValue(), 'ROUND(amount * win_probability / 100, 2)');
    await shot(page, 'audit5-formula-dialog-zh');
    await dialog.locator(t('field-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await lastMessage(page, /加权金额/), /加权金额/);

    const meta = await api.get('/api/v1/meta/objects/opportunity');
    const made = meta.json.fields.find((f) => f.label === '加权金额');
    assert.ok(made, 'the formula field exists');
    assert.equal(made.type, 'formula');
    assert.equal(made.formula, 'ROUND(amount * win_probability / 100, 2)');
  });

  test('客户设置: the switch 允许删除客户, with the 403 before and a delete after', async () => {
    const { page } = session;
    const victim = await create(api, 'customer', { name: '临时测试客户（可删除）' });
    const refused = await api.delete(`/api/v1/objects/customer/records/${victim.id}`);
    assert.equal(refused.status, 403);
    assert.match(refused.json.error.message, /客户设置/);

    await openAdminPage(page, 'customer-settings');
    assert.equal(await text(page, 'page-title'), '客户设置');
    assert.equal(await page.title(), '客户设置 - 协力');
    await page.waitForFunction(() => document.querySelector('[data-test="crm-allow-delete-state"]')?.textContent?.includes('已关闭'));

    // Turning it on asks first; cancelling changes nothing.
    await page.locator(t('crm-allow-delete')).click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await box.getByRole('button', { name: '取消' }).click();
    assert.equal((await api.get('/api/v1/settings/crm')).json.allow_customer_delete, false);

    await page.locator(t('crm-allow-delete')).click();
    await box.waitFor();
    await box.getByRole('button', { name: '开启' }).click();
    assert.match(await lastMessage(page, /已允许删除客户/), /已允许删除客户/);
    await page.waitForFunction(() => document.querySelector('[data-test="crm-allow-delete-state"]')?.textContent?.includes('已开启'));
    assert.equal((await api.get('/api/v1/settings/crm')).json.allow_customer_delete, true);
    await shot(page, 'audit5-customer-settings-zh');
    assert.equal((await api.delete(`/api/v1/objects/customer/records/${victim.id}`)).status, 204);

    // Off again: no question.
    await page.locator(t('crm-allow-delete')).click();
    await page.waitForFunction(() => document.querySelector('[data-test="crm-allow-delete-state"]')?.textContent?.includes('已关闭'));
    assert.equal((await api.get('/api/v1/settings/crm')).json.allow_customer_delete, false);

    await switchLocale(page, 'en');
    assert.equal(await text(page, 'page-title'), 'Customer settings');
    await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10000 });
    assert.match(await text(page, 'crm-setting-allow-delete'), /Allow deleting customers/);
    await shot(page, 'audit5-customer-settings-en');
    await switchLocale(page, 'zh-CN');
  });

  test('客户设置 at phone width', async () => {
    const phone = await newPhonePage(browser);
    try {
      await signInAt(phone.page, server.baseUrl, DEMO);
      await phone.page.goto(`${server.baseUrl}/admin/customer-settings`);
      await phone.page.locator(t('crm-allow-delete')).waitFor();
      await shot(phone.page, 'audit5-customer-settings-phone', { fullPage: true });
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.context.close();
    }
  });

  test('the conversion and formula dialogs in English, at phone width', async () => {
    const on = await api.patch('/api/v1/meta/objects/customer/fields/c_credit_code', { required: true });
    assert.equal(on.status, 200, on.text);
    madeRequired.push(['customer', 'c_credit_code']);
    const lead = await create(api, 'lead', { name: 'Li Na', company: '绍兴越城纺织有限公司' });
    const phone = await newPhonePage(browser);
    try {
      const { page } = phone;
      await page.addInitScript(() => localStorage.setItem('xieli.locale', 'en'));
      await signInAt(page, server.baseUrl, DEMO);
      await page.goto(`${server.baseUrl}/o/lead/${lead.id}`);
      await page.locator(t('lead-convert')).click();
      const dialog = page.locator(t('convert-dialog'));
      await dialog.locator(t('convert-customer-c_credit_code')).waitFor();
      assert.match(await dialog.locator(`${t('convert-customer-c_credit_code')} .el-form-item__label`).innerText(), /Credit code/);
      await shot(page, 'audit5-convert-required-en-phone');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await page.goto(`${server.baseUrl}/admin/objects?object=opportunity`);
      await page.locator(t('field-add')).click();
      const fd = page.locator(t('field-dialog'));
      await fd.waitFor({ state: 'visible' });
      await choose(page, fd.locator(t('field-type')), 'Formula');
      await fd.locator(t('field-formula')).waitFor();
      assert.match(await text(fd, 'field-formula-help'), /DAYS\(a, b\) is the number of days from date b to date a/);
      await shot(page, 'audit5-formula-dialog-en-phone', { fullPage: true });
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.context.close();
    }
  });

  test('the customer form takes a location: an address and coordinates', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/o/customer`);
    await page.locator(t('record-new')).click();
    const dialog = page.locator(t('record-form'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(`${t('field-name')} input`).fill('杭州文三数码有限公司');
    const loc = dialog.locator(t('field-location'));
    await loc.locator(t('location-input')).waitFor();
    assert.match(await loc.locator('.el-form-item__label').innerText(), /定位/);
    await loc.locator(t('location-address')).fill('浙江省杭州市西湖区文三路 90 号');
    await loc.locator(t('location-lat')).fill('30.2741');
    await loc.locator(t('location-lng')).fill('120.1551');
    await loc.scrollIntoViewIfNeeded();
    await shot(page, 'audit5-location-form-zh');
    await dialog.locator(t('record-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });

    const found = await api.post('/api/v1/objects/customer/query', { q: '文三数码' });
    assert.equal(found.json.records.length, 1);
    assert.deepEqual(found.json.records[0].location, { lat: 30.2741, lng: 120.1551, address: '浙江省杭州市西湖区文三路 90 号' });

    // An address alone is a location too (the coordinates come later, on a visit).
    await page.locator(t('record-new')).click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(`${t('field-name')} input`).fill('宁波江北五金有限公司');
    await dialog.locator(`${t('field-location')} ${t('location-address')}`).fill('浙江省宁波市江北区人民路 1 号');
    await dialog.locator(t('record-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    const second = await api.post('/api/v1/objects/customer/query', { q: '江北五金' });
    assert.deepEqual(second.json.records[0].location, { address: '浙江省宁波市江北区人民路 1 号' });
    assert.deepEqual(session.problems, []);
  });
});
