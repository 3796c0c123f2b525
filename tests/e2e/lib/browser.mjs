// Debian's chromium driven by playwright-core: no browser download, nothing fetched.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { repoRoot } from '../../api/lib/server.mjs';

export const CHROMIUM = process.env.XIELI_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS_DIR = join(repoRoot, 'test-results', 'e2e');

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** Fails early, with the fix, when the app the server should serve was not built. */
export function requireWebBuild() {
  if (!existsSync(join(repoRoot, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npm ci && npm run build` in web/ before the browser tests');
  }
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A page that records what goes wrong in the browser: uncaught exceptions and console
 * errors other than the failed requests a test provokes on purpose (401 on /me, …).
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

/** A page at phone width with touch, as a phone's browser; `options` as newPage's (storageState …). */
export const newPhonePage = (browser, options = {}) =>
  newPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true, ...options });

/** Saves a screenshot (the whole page unless told otherwise) under test-results/e2e/. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  // Let transitions (drawer, dropdown, language switch) settle first.
  await page.waitForTimeout(350);
  await page.screenshot({ path, fullPage });
  return path;
}

/** `[data-test="…"]` */
export const t = (id) => `[data-test="${id}"]`;
