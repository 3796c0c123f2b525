// What the browser journeys do the same way: start the server with a browser, sign in through the
// API and the login page, create and find records, switch the language, open the side bar's pages,
// work the generic record form and Element Plus selects, read toasts, and keep screenshots.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';

import { signIn as apiSignIn, startServer } from '../../api/lib/server.mjs';
import { launchBrowser, requireWebBuild, screenshot, t } from './browser.mjs';

/**
 * The real server serving the web app, and a browser. The app is web/dist, or the build in
 * XIELI_WEB_DIR (a private build) when that is set.
 */
export async function startWithBrowser(options = {}) {
  const webDir = process.env.XIELI_WEB_DIR;
  if (!webDir) requireWebBuild();
  const args = [...(options.args ?? []), ...(webDir ? ['--web-dir', webDir] : [])];
  const server = await startServer({ ...options, args });
  const browser = await launchBrowser();
  return { server, browser };
}

/** An API client signed in as `who` ({login, password, tenant}). */
export const apiAs = (baseUrl, who) => apiSignIn(baseUrl, who.login, who.password, { tenant: who.tenant });

/** Fills the sign-in form on screen and submits it; what follows is for the caller to check. */
export async function submitSignIn(page, login, password) {
  await page.locator(t('login-account')).fill(login);
  await page.locator(t('login-password')).fill(password);
  await page.locator(t('login-submit')).click();
}

/** Signs `who` in on the login page and waits for the workbench. */
export async function signIn(page, baseUrl, who) {
  await page.goto(`${baseUrl}/login`);
  await submitSignIn(page, who.login, who.password);
  await page.waitForURL(/\/workbench$/);
}

/** The trimmed text of the first element with this data-test id within `scope` (a page or locator). */
export async function text(scope, id) {
  return (await scope.locator(t(id)).first().innerText()).trim();
}

/** Switches the app's language with the switch in the header and waits until the page follows. */
export async function switchLocale(page, locale) {
  // The menu opens with an animation; on a loaded machine a click can land on an item that is not
  // ready yet and do nothing, so open it and choose again (three times at most).
  for (let attempt = 1; ; attempt++) {
    await page.locator(t('locale-switch')).first().click();
    await page.locator(t(`locale-${locale}`)).filter({ visible: true }).click();
    try {
      await page.waitForFunction((l) => document.documentElement.lang === l, locale, { timeout: 6000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Opens an entry of the side bar, opening its group first when it is folded. */
export async function openNav(page, group, key) {
  const item = page.locator(t(`nav-${key}`));
  if (!(await item.isVisible())) await page.locator(`${t(`nav-${group}`)} > .el-sub-menu__title`).click();
  await item.click();
}

/** Opens a page of the admin console from the side bar and waits for its address. */
export async function openAdminPage(page, key) {
  await openNav(page, 'admin', `admin-${key}`);
  await page.waitForURL(new RegExp(`/admin/${key}(\\?|$)`));
}

/** The text of the toast Element Plus shows last (or the last one matching `expected`), once it is there. */
export async function lastMessage(page, expected) {
  // With `expected`, the newest message that matches it: an earlier one may still be showing
  // while the request behind the awaited one is under way.
  const messages = page.locator('.el-message');
  const message = (expected ? messages.filter({ hasText: expected }) : messages).last();
  await message.waitFor();
  return (await message.innerText()).trim();
}

/** A screenshot under test-results/e2e/, and a copy in /tmp for a quick look. */
export async function shot(page, name, options = { fullPage: false }) {
  const path = await screenshot(page, name, options);
  try {
    copyFileSync(path, `/tmp/${name}.png`);
  } catch {
    // Only a convenience copy.
  }
}

export { create, mustCreate } from '../../api/lib/records.mjs';

/** The one record of `object` the keyword finds. */
export async function findOne(client, object, q) {
  const res = await client.post(`/api/v1/objects/${object}/query`, { q, limit: 5 });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.records.length, 1, `${object} "${q}": ${res.text}`);
  return res.json.records[0];
}

/** The visible dropdown of a select (Element Plus teleports them to <body>). */
export const popper = (page) => page.locator('.el-select__popper:visible, .el-tree-select__popper:visible').last();

/** Types into a searching select (lookup, person) and takes the option with this text. */
export async function search(page, select, text) {
  await select.locator('.el-select__wrapper').first().click();
  await select.locator('input').first().fill(text);
  await popper(page).locator('.el-select-dropdown__item', { hasText: text }).first().click();
}

/** Opens a picklist and takes the option with this text. */
export async function choose(page, select, option) {
  await select.locator('.el-select__wrapper').first().click();
  await popper(page).locator('.el-select-dropdown__item', { hasText: option }).first().click();
}

/** The open record form (the generic one, rendered from metadata) and one of its fields. */
export const form = (page) => page.locator(`${t('record-form')}:visible`).last();
export const field = (page, name) => form(page).locator(t(`field-${name}`));

export async function waitFormClosed(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[data-test="record-form"]')].some((d) => d.offsetParent !== null));
}
