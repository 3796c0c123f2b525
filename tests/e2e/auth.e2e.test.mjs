// Browser journeys of signing up and signing in, against the real server serving web/dist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { uniqueIdentity } from '../api/lib/server.mjs';
import { DESKTOP, newPage, newPhonePage, screenshot, t } from './lib/browser.mjs';
import { startWithBrowser, submitSignIn, switchLocale, text } from './lib/journey.mjs';

const PASSWORD = 'Yunfan2026x';

let server;
let browser;

before(async () => {
  ({ server, browser } = await startWithBrowser());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function fillRegister(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    await page.locator(t(`register-${name}`)).fill(value);
  }
}

describe('an enterprise registers and its administrator signs in', { concurrency: false }, () => {
  const id = uniqueIdentity();
  const company = `杭州云帆科技${id.phone.slice(-4)}有限公司`;
  let session; // { context, page, problems }, shared by the steps below, which run in order

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
  });
  after(async () => {
    await session?.context.close();
  });

  test('open /, get sent to sign-in, register, land on 工作台', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login(\?|$)/);
    assert.equal(await text(page, 'auth-title'), '登录');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await screenshot(page, 'desktop-login-zh');

    await page.locator(t('to-register')).click();
    await page.waitForURL(/\/register/);
    assert.equal(await text(page, 'auth-title'), '注册企业');

    // The client checks the form before anything is sent.
    await fillRegister(page, { company: '甲', phone: '12345', password: 'abcdefgh' });
    await page.locator(t('register-submit')).click();
    const errors = page.locator('.el-form-item__error');
    // Element Plus validates the fields one by one: wait for all three messages, not the first.
    await page.waitForFunction(() => document.querySelectorAll('.el-form-item__error').length >= 3);
    const shown = await errors.allInnerTexts();
    assert.ok(shown.includes('公司名称需为 2–100 个字符'), shown.join(' | '));
    assert.ok(shown.includes('请输入正确的 11 位手机号'), shown.join(' | '));
    assert.ok(shown.includes('密码需同时包含字母和数字'), shown.join(' | '));
    await screenshot(page, 'desktop-register-errors-zh');

    await fillRegister(page, {
      company,
      name: '李明',
      phone: id.phone,
      email: id.email,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    await page.locator(t('register-submit')).click();
    await page.waitForURL(/\/workbench$/);
    await page.locator(t('workbench')).waitFor();

    assert.equal(await text(page, 'tenant-name'), company);
    assert.equal(await text(page, 'workbench-tenant-name'), company);
    assert.match(await text(page, 'workbench-tenant-code'), /^\w+$/);
    assert.equal(await text(page, 'page-title'), '工作台');
    assert.equal(await text(page, 'nav-workbench'), '工作台');
    assert.match(await text(page, 'workbench-greeting'), /李明$/);
    assert.equal(await page.title(), '工作台 - 协力');
    await screenshot(page, 'desktop-workbench-zh');
  });

  test('switch to English, which survives a reload, and back to 中文', async () => {
    const { page } = session;
    await switchLocale(page, 'en');
    assert.equal(await text(page, 'page-title'), 'Workbench');
    assert.equal(await text(page, 'nav-workbench'), 'Workbench');
    assert.match(await text(page, 'workbench-greeting'), /^Good (morning|afternoon|evening), 李明$/);

    await page.reload();
    await page.locator(t('workbench')).waitFor();
    assert.equal(await text(page, 'page-title'), 'Workbench');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.evaluate(() => localStorage.getItem('xieli.locale')), 'en');
    assert.equal(await page.title(), 'Workbench - Xieli');
    await screenshot(page, 'desktop-workbench-en');

    await switchLocale(page, 'zh-CN');
    assert.equal(await text(page, 'page-title'), '工作台');
    assert.equal(await text(page, 'nav-workbench'), '工作台');
  });

  test('the side bar collapses to icons and expands again', async () => {
    const { page } = session;
    const aside = page.locator(t('nav-aside'));
    const width = async () => (await aside.boundingBox()).width;
    assert.ok((await width()) > 200);
    await page.locator(t('nav-toggle')).click();
    await page.waitForFunction(() => document.querySelector('[data-test="nav-aside"]').getBoundingClientRect().width < 80);
    await screenshot(page, 'desktop-nav-collapsed-zh', { fullPage: false });
    await page.locator(t('nav-toggle')).click();
    await page.waitForFunction(() => document.querySelector('[data-test="nav-aside"]').getBoundingClientRect().width > 200);
    assert.equal(await text(page, 'nav-workbench'), '工作台');
  });

  test('sign out, then sign in again with the phone number', async () => {
    const { page } = session;
    await page.locator(t('user-menu')).click();
    await page.locator(t('sign-out')).filter({ visible: true }).click();
    await page.waitForURL(/\/login/);

    // Signed out for real: the app's pages send us back to sign-in.
    await page.goto(`${server.baseUrl}/workbench`);
    await page.waitForURL(/\/login/);

    // A wrong password shows the server's own message.
    await submitSignIn(page, id.phone, 'Wrong2026pass');
    await page.locator(t('login-error')).waitFor();
    assert.equal(await text(page, 'login-error'), '账号或密码错误');
    await screenshot(page, 'desktop-login-error-zh');

    await submitSignIn(page, id.phone, PASSWORD);
    await page.waitForURL(/\/workbench$/);
    assert.equal(await text(page, 'tenant-name'), company);
  });

  test('a page that does not exist gets a proper 404 with a way back', async () => {
    const { page } = session;
    await page.goto(`${server.baseUrl}/no/such/page`);
    await page.locator(t('not-found')).waitFor();
    assert.match(await page.locator(t('not-found')).innerText(), /页面不存在/);
    await screenshot(page, 'desktop-not-found-zh');
    await page.locator(t('not-found-home')).click();
    await page.waitForURL(/\/workbench$/);
  });

  test('on a phone the navigation is a drawer opened by the hamburger', async () => {
    const state = await session.context.storageState();
    const phone = await newPhonePage(browser, { storageState: state });
    try {
      const { page } = phone;
      await page.goto(`${server.baseUrl}/workbench`);
      await page.locator(t('workbench')).waitFor();
      assert.equal(await page.locator(t('nav-aside')).count(), 0, 'no side bar on a phone');
      assert.equal(await text(page, 'tenant-name'), company);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
      await screenshot(page, 'phone-workbench-zh');

      await page.locator(t('nav-toggle')).click();
      const drawer = page.locator(t('nav-drawer'));
      await drawer.waitFor({ state: 'visible' });
      assert.equal((await drawer.locator(t('nav-workbench')).innerText()).trim(), '工作台');
      await screenshot(page, 'phone-nav-open-zh', { fullPage: false });

      await drawer.locator(t('nav-workbench')).click();
      await drawer.waitFor({ state: 'hidden' });

      await switchLocale(page, 'en');
      assert.equal(await text(page, 'page-title'), 'Workbench');
      await screenshot(page, 'phone-workbench-en');
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.context.close();
    }
  });

  test('no errors in the browser along the way', () => {
    assert.deepEqual(session.problems, []);
  });
});

describe('a person in two enterprises chooses one when signing in', () => {
  test('login answers with the list of enterprises and the choice is honoured', async () => {
    const id = uniqueIdentity();
    const first = `第一企业${id.phone.slice(-4)}`;
    const second = `第二企业${id.phone.slice(-4)}`;
    const { context, page, problems } = await newPhonePage(browser);
    try {
      for (const company of [first, second]) {
        const res = await fetch(`${server.baseUrl}/api/v1/auth/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ company, name: '王芳', phone: id.phone, password: PASSWORD }),
        });
        assert.equal(res.status, 201, await res.text());
      }

      await page.goto(`${server.baseUrl}/login`);
      await screenshot(page, 'phone-login-zh');
      await submitSignIn(page, id.phone, PASSWORD);
      const choice = page.locator(t('tenant-choice'));
      await choice.waitFor();
      assert.equal(await text(page, 'auth-title'), '选择要进入的企业');
      const names = await choice.locator('.tenant-name').allInnerTexts();
      assert.deepEqual([...names].sort(), [first, second].sort());
      await screenshot(page, 'phone-choose-enterprise-zh');

      await choice.locator('label', { hasText: second }).click();
      await page.locator(t('tenant-submit')).click();
      await page.waitForURL(/\/workbench$/);
      assert.equal(await text(page, 'tenant-name'), second);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
