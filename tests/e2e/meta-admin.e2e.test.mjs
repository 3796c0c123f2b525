// Browser journey of the admin console's metadata pages against the real server with the demo
// enterprise: the demo administrator
//   1. 对象与字段: adds a custom field to 客户;
//   2. 布局设计: moves it into a new section of the customer form and saves (and sees the
//      server's 422 next to the field when the required 名称 is taken off the form);
//   3. 数据字典: adds an option to 客户等级 and disables another;
// then the changes are read back through the API with the browser's own session. Screenshots
// of the three pages (zh-CN and en) go to test-results/e2e/ and to /tmp/meta-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import { lastMessage, openAdminPage, popper, shot, signIn, startWithBrowser, switchLocale, text } from './lib/journey.mjs';

const DEMO = { login: '13800000000', password: 'Demo@2026' };
const FIELD = { label: '微信号', label_en: 'WeChat ID', name: 'c_wechat_id' };
const SECTION = { title: '社交信息', title_en: 'Social' };
const OPTION = { label: '战略客户', label_en: 'Strategic' };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** GET with the browser's session cookie, as the app itself calls the API. */
async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(`/api/v1${p}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    return { status: res.status, json: await res.json() };
  }, path);
}

/** Waits until no loading mask is left on the page. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'));
}

describe('the demo administrator shapes the metadata', { concurrency: false }, () => {
  let session;

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    await signIn(session.page, server.baseUrl, DEMO);
  });
  after(async () => {
    await session?.context.close();
  });

  test('对象与字段: add a custom field to 客户', async () => {
    const { page } = session;
    await openAdminPage(page, 'objects');
    assert.equal(await text(page, 'page-title'), '对象与字段');
    assert.equal(await page.title(), '对象与字段 - 协力');
    await page.locator(t('object-customer')).click();
    await page.waitForFunction(() => document.querySelector('[data-test="object-title"]')?.textContent?.includes('客户'));
    await page.locator(t('field-row-name')).waitFor();
    assert.equal(await page.locator(t(`field-row-${FIELD.name}`)).count(), 0);

    await page.locator(t('field-add')).click();
    const dialog = page.locator(t('field-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(t('field-label')).fill(FIELD.label);
    await dialog.locator(t('field-label-en')).fill(FIELD.label_en);
    // 单行文本 is the type to begin with; its settings are there, a number's are not.
    await dialog.locator(t('field-max-length')).waitFor();
    assert.equal(await dialog.locator(t('field-min')).count(), 0);
    await dialog.locator(`${t('field-max-length')} input`).fill('40');
    await dialog.locator(t('field-help')).fill('客户的微信号，便于添加好友');
    await dialog.locator(t('field-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await lastMessage(page, /微信号/), /微信号/);
    await page.locator(t(`field-row-${FIELD.name}`)).waitFor();

    // A standard field: only labels, help and required-on can change.
    await page.locator(t('field-edit-phone')).click();
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await dialog.locator(`${t('field-max-length')} input`).isDisabled(), true);
    assert.equal(await dialog.locator(`${t('field-type')} input`).isDisabled(), true);
    await shot(page, 'meta-field-dialog-zh', { fullPage: false });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
    await shot(page, 'meta-objects-zh', { fullPage: true });
  });

  test('布局设计: the new field goes into a new section of the form; 422 is shown at the field', async () => {
    const { page } = session;
    await page.locator(t('object-layout')).click();
    await page.waitForURL(/\/admin\/layouts\?.*object=customer/);
    // Without a stored layout the form holds every field, the new one too.
    await page.locator(`${t('section-drop-0')} ${t(`section-field-${FIELD.name}`)}`).waitFor();
    assert.equal(await text(page, 'page-title'), '布局设计');
    assert.equal(await text(page, 'layout-badge'), '默认布局');

    const sections = await page.locator('[data-test^="layout-section-"]').count();
    await page.locator(t('layout-add-section')).click();
    const i = sections;
    await page.locator(t(`layout-section-${i}`)).waitFor();
    await page.locator(t(`section-title-${i}`)).fill(SECTION.title);
    await page.locator(t(`section-title-en-${i}`)).fill(SECTION.title_en);
    await page.locator(`${t(`section-columns-${i}`)} label`, { hasText: '1' }).click();

    await page.locator(t(`section-field-${FIELD.name}`)).dragTo(page.locator(t(`section-drop-${i}`)));
    await page.locator(`${t(`section-drop-${i}`)} ${t(`section-field-${FIELD.name}`)}`).waitFor();
    assert.equal(await page.locator(`${t('section-drop-0')} ${t(`section-field-${FIELD.name}`)}`).count(), 0);
    // The preview follows.
    assert.match(await text(page, 'layout-preview'), new RegExp(`${SECTION.title}[\\s\\S]*${FIELD.label}`));

    // Taking the required 名称 off the form: the page warns, the server refuses, and its
    // message is shown at the field in the palette.
    await page.locator(t('section-field-name')).dragTo(page.locator(t('layout-palette')));
    await page.locator(t('palette-field-name')).waitFor();
    await page.locator(t('layout-missing')).waitFor();
    await page.locator(t('layout-save')).click();
    await page.locator(t('layout-save-error')).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-test="palette-field-name"]')?.classList.contains('error'));
    assert.match(await page.locator(t('palette-field-name')).getAttribute('title'), /名称/);

    // Back into the first section, before what is there.
    const first = page.locator(`${t('section-drop-0')} .chip`).first();
    await page.locator(t('palette-field-name')).dragTo(first);
    await page.waitForFunction(() => document.querySelector('[data-test="section-drop-0"] .chip')?.getAttribute('data-test') === 'section-field-name');
    assert.equal(await page.locator(t('layout-missing')).count(), 0);

    await page.locator(t('layout-save')).click();
    assert.equal(await lastMessage(page, '已保存'), '已保存');
    await page.waitForFunction(() => document.querySelector('[data-test="layout-badge"]')?.textContent?.includes('已自定义'));
    await settled(page);
    await shot(page, 'meta-layouts-zh', { fullPage: true });
  });

  test('数据字典: add an option to 客户等级 and disable another', async () => {
    const { page } = session;
    await openAdminPage(page, 'dictionary');
    assert.equal(await text(page, 'page-title'), '数据字典');
    await page.locator(t('picklist-customer_level')).click();
    await page.locator(t('option-row-0')).waitFor();
    await page.locator(t('picklist-hint')).waitFor();
    const before = await page.locator('[data-test^="option-row-"]').count();

    await page.locator(t('option-add')).click();
    const n = before;
    await page.locator(t(`option-label-${n}`)).fill(OPTION.label);
    await page.locator(t(`option-label-en-${n}`)).fill(OPTION.label_en);
    // The new option moves to the top by dragging its handle onto the first row.
    await page.locator(t(`option-grip-${n}`)).dragTo(page.locator(t('option-row-0')));
    assert.equal(await page.locator(t('option-label-0')).inputValue(), OPTION.label);

    // Switch off what is now the second option (the first of before).
    await page.locator(t('option-enabled-1')).click();
    await page.waitForFunction(() => document.querySelector('[data-test="option-row-1"]')?.classList.contains('disabled'));

    await page.locator(t('picklist-save')).click();
    assert.equal(await lastMessage(page, '已保存'), '已保存');
    // Saved: the new option has its stored value now.
    await page.waitForFunction(() => !document.querySelector('[data-test="option-row-0"] .el-tag'));
    await settled(page);
    await shot(page, 'meta-dictionary-zh', { fullPage: true });
  });

  test('the changes are in the API', async () => {
    const { page } = session;
    const customer = await apiGet(page, '/meta/objects/customer');
    assert.equal(customer.status, 200);
    const field = customer.json.fields.find((f) => f.name === FIELD.name);
    assert.ok(field, JSON.stringify(customer.json.fields.map((f) => f.name)));
    assert.deepEqual([field.label, field.label_en, field.type, field.max_length, field.custom], [FIELD.label, FIELD.label_en, 'text', 40, true]);

    const form = await apiGet(page, '/meta/objects/customer/layouts/form');
    assert.equal(form.json.custom, true);
    const section = form.json.sections.at(-1);
    assert.deepEqual([section.title, section.title_en, section.columns, section.fields], [SECTION.title, SECTION.title_en, 1, [FIELD.name]]);
    assert.equal(form.json.sections[0].fields[0], 'name');

    const level = await apiGet(page, '/meta/picklists/customer_level');
    const options = level.json.options;
    assert.deepEqual([options[0].label, options[0].label_en, options[0].disabled], [OPTION.label, OPTION.label_en, false]);
    assert.equal(options[1].disabled, true, JSON.stringify(options));
    assert.ok(options.slice(2).some((o) => !o.disabled));
  });

  test('the three pages in English, and on a phone', async () => {
    const { page } = session;
    await switchLocale(page, 'en');
    await openAdminPage(page, 'objects');
    assert.equal(await text(page, 'page-title'), 'Objects & fields');
    assert.equal(await text(page, 'nav-admin-layouts'), 'Page layouts');
    await page.locator(t('object-customer')).click();
    await page.locator(t(`field-row-${FIELD.name}`)).waitFor();
    assert.equal(await text(page, `field-row-${FIELD.name}`), FIELD.label_en);
    await settled(page);
    await shot(page, 'meta-objects-en', { fullPage: true });

    await openAdminPage(page, 'layouts');
    await page.locator(t('layout-object')).locator('.el-select__wrapper').click();
    await popper(page).locator(t('layout-object-customer')).click();
    await page.locator(`${t('layout-preview')}`).getByText(SECTION.title_en).waitFor();
    await settled(page);
    await shot(page, 'meta-layouts-en', { fullPage: true });

    await openAdminPage(page, 'dictionary');
    await page.locator(t('option-row-0')).waitFor();
    await settled(page);
    await shot(page, 'meta-dictionary-en', { fullPage: true });
    await switchLocale(page, 'zh-CN');

    const phone = await newPhonePage(browser, { storageState: await session.context.storageState() });
    try {
      for (const [path, ready] of [
        ['/admin/objects?object=customer', 'field-table'],
        ['/admin/layouts?object=customer', 'layout-section-0'],
        ['/admin/dictionary?name=customer_level', 'option-row-0'],
      ]) {
        await phone.page.goto(`${server.baseUrl}${path}`);
        await phone.page.locator(t(ready)).waitFor();
        await settled(phone.page);
        const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
      }
      await shot(phone.page, 'meta-dictionary-phone-zh', { fullPage: true });
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.context.close();
    }
  });

  test('no errors in the browser along the way', () => {
    // The refused layout (422) is logged by the browser as a failed request only.
    assert.deepEqual(session.problems, []);
  });
});
