// What the record journeys (cash, opportunity extras) do the same way: sign in through the API
// and the login page, create and find records, work the generic record form and Element Plus
// selects, and keep screenshots.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';

import { Client } from '../../api/lib/server.mjs';
import { screenshot, t } from './browser.mjs';

/** An API client signed in as `who` ({login, password, tenant}). */
export async function apiAs(baseUrl, who) {
  const client = new Client(baseUrl);
  const res = await client.post('/api/v1/auth/login', who);
  assert.equal(res.status, 200, res.text);
  client.token = res.json.token;
  return client;
}

/** Signs `who` in on the login page and waits for the workbench. */
export async function signIn(page, baseUrl, who) {
  await page.goto(`${baseUrl}/login`);
  await page.locator(t('login-account')).fill(who.login);
  await page.locator(t('login-password')).fill(who.password);
  await page.locator(t('login-submit')).click();
  await page.waitForURL(/\/workbench$/);
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

export async function create(client, object, body) {
  const res = await client.post(`/api/v1/objects/${object}/records`, body);
  assert.equal(res.status, 201, res.text);
  return res.json;
}

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
