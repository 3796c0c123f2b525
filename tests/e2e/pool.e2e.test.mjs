// Browser journeys of the public pool (公海), the notification bell and center, and the live
// record page, against the real server with the demo enterprise (the test puts customers in
// the pool through the API first: 孙丽 creates them and returns them):
//   1. 刘洋 opens 公海 from the navigation, sees "my holding 0 / 50", claims a customer; with the
//      limit lowered to 1 a second claim is refused with the limit shown clearly;
//   2. 张伟 assigns a pool customer to 刘洋 through the API and 刘洋's bell count rises (and the pool
//      list drops it) without a reload; the bell's panel lists it and leads to the notification
//      center; 张伟 assigns another in his own browser through the dialog;
//   3. the notification center: unread filter, mark one read, mark all read (the bell follows);
//   4. 刘洋's open customer page reloads by itself when 张伟 changes the customer; 刘洋 returns
//      the customer to the pool with a reason from the dictionary;
//   5. the same pages in English and at phone width, for the screenshots; 定时任务 shows what a
//      notification mail run did.
// Screenshots go to test-results/e2e/ and to /tmp/pool-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, signInAll } from '../api/lib/server.mjs';
import { DESKTOP, newPage, PHONE, t } from './lib/browser.mjs';
import { shot, signIn as signInAt, startWithBrowser } from './lib/journey.mjs';

const PEOPLE = { admin: '13800000000', zhang: '13800000002', liu: '13800000003', sun: '13800000004' };
const POOL_CUSTOMERS = ['嘉兴禾源纺织有限公司', '绍兴鉴湖酿造有限公司', '台州椒江汽配有限公司', '丽水云和木制玩具有限公司'];

let server;
let browser;
let api;
let poolId;
/** name → id of the customers put in the pool. */
const ids = {};

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  api = await signInAll(server.baseUrl, PEOPLE);
  const pools = await api.liu.get('/api/v1/pools');
  assert.equal(pools.status, 200, pools.text);
  poolId = pools.json.records[0].id;
  for (const [i, name] of POOL_CUSTOMERS.entries()) {
    const c = await api.sun.post('/api/v1/objects/customer/records', { name, phone: `0573-8600123${i}` });
    assert.equal(c.status, 201, c.text);
    ids[name] = c.json.id;
    const r = await api.sun.post(`/api/v1/objects/customer/records/${c.json.id}/return`, { reason: 'no_contact' });
    assert.equal(r.status, 200, r.text);
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page, login) => signInAt(page, server.baseUrl, { login, password: DEMO_PASSWORD });

const unreadOf = async (page) => Number(await page.locator(t('notify-bell')).getAttribute('data-unread'));
const heldOf = async (page) => Number(await page.locator(t('pool-holding')).getAttribute('data-held'));
const rowOf = (page, name) => page.locator('.el-table__row', { has: page.locator(t('pool-row'), { hasText: name }) }).first();

describe('公海, the bell and the live record page', { concurrency: false }, () => {
  let liu;

  before(async () => {
    liu = await newPage(browser, { viewport: DESKTOP });
    await signIn(liu.page, PEOPLE.liu);
  });
  after(async () => {
    await liu?.context.close();
  });

  test('刘洋 claims a customer from the pool; over the limit the claim is refused clearly', async () => {
    const { page } = liu;
    await page.locator(t('nav-customers')).click();
    await page.locator(t('nav-pool')).click();
    await page.waitForURL(/\/pool/);
    await page.locator(t('pool-holding')).waitFor();
    assert.equal(await heldOf(page), 0);
    assert.equal(await page.locator(t('pool-holding')).getAttribute('data-limit'), '50');
    for (const name of POOL_CUSTOMERS) await rowOf(page, name).waitFor();
    await shot(page, 'pool-list-zh');

    await rowOf(page, POOL_CUSTOMERS[0]).locator(t('pool-claim')).click();
    await page.locator('.el-message--success').filter({ hasText: POOL_CUSTOMERS[0] }).waitFor();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-held') === '1', t('pool-holding'));
    await rowOf(page, POOL_CUSTOMERS[0]).waitFor({ state: 'detached' });
    const mine = await api.liu.get(`/api/v1/objects/customer/records/${ids[POOL_CUSTOMERS[0]]}`);
    assert.equal(mine.json.owner_id, api.liu.userId, 'the claimed customer is 刘洋’s now');

    // The administrator lowers the limit to 1: a second claim (two at once) is refused.
    const lowered = await api.admin.patch(`/api/v1/pools/${poolId}`, { claim_limit: 1 });
    assert.equal(lowered.status, 200, lowered.text);
    await page.locator(t('pool-refresh')).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-limit') === '1', t('pool-holding'));
    await rowOf(page, POOL_CUSTOMERS[1]).locator('.el-checkbox').click();
    await rowOf(page, POOL_CUSTOMERS[2]).locator('.el-checkbox').click();
    await page.locator(t('pool-claim-selected')).click();
    const problem = page.locator(t('pool-problem'));
    await problem.waitFor();
    assert.equal(await problem.getAttribute('data-kind'), 'limit');
    assert.match(await problem.innerText(), /超出领取上限/);
    assert.match(await problem.innerText(), /还可领取 0 个/);
    await shot(page, 'pool-limit-zh');
    assert.equal(await heldOf(page), 1, 'nothing was claimed');
    const restored = await api.admin.patch(`/api/v1/pools/${poolId}`, { claim_limit: 50 });
    assert.equal(restored.status, 200, restored.text);
  });

  test('张伟 assigns a pool customer to 刘洋 and 刘洋’s bell count rises without a reload', async () => {
    const { page } = liu;
    const before = await unreadOf(page);
    const navigations = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    const target = ids[POOL_CUSTOMERS[1]];
    const res = await api.zhang.post(`/api/v1/pools/${poolId}/assign`, { ids: [target], owner_id: api.liu.userId });
    assert.equal(res.status, 200, res.text);
    await page.waitForFunction(
      ([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-unread')) > n,
      [t('notify-bell'), before],
      { timeout: 15000 },
    );
    // The pool list on 刘洋's screen drops the customer by itself too.
    await rowOf(page, POOL_CUSTOMERS[1]).waitFor({ state: 'detached' });
    assert.deepEqual(navigations, [], 'no reload');
    assert.ok(Number(await page.locator(t('notify-badge')).innerText()) > before);

    await page.locator(t('notify-bell')).click();
    const panel = page.locator(t('notify-panel'));
    await panel.waitFor();
    await panel.locator(`${t('notify-item')}[data-kind="pool.assigned"]`).first().waitFor();
    assert.match(await panel.innerText(), new RegExp(POOL_CUSTOMERS[1]));
    await shot(page, 'pool-bell-zh');
    await panel.locator(t('notify-view-all')).click();
    await page.waitForURL(/\/notifications$/);
  });

  test('张伟 assigns another one in his own browser, through the dialog; 刘洋’s bell rises again', async () => {
    const zhang = await newPage(browser, { viewport: DESKTOP });
    try {
      const { page } = zhang;
      await signIn(page, PEOPLE.zhang);
      await page.goto(`${server.baseUrl}/pool`);
      const name = POOL_CUSTOMERS[2];
      await rowOf(page, name).locator(t('pool-assign')).click();
      const dialog = page.locator(t('pool-assign-dialog'));
      await dialog.waitFor({ state: 'visible' });
      await dialog.locator(t('pool-assign-submit')).click();
      await dialog.locator(t('pool-assign-error')).waitFor();
      await dialog.locator(t('pool-assign-user')).click();
      await dialog.locator(`${t('pool-assign-user')} input`).fill('刘洋');
      await page.locator('.el-select-dropdown__item', { hasText: '刘洋' }).filter({ visible: true }).first().click();
      const before = await unreadOf(liu.page);
      await shot(page, 'pool-assign-zh');
      await dialog.locator(t('pool-assign-submit')).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('.el-message--success').filter({ hasText: '刘洋' }).waitFor();
      await rowOf(page, name).waitFor({ state: 'detached' });
      await liu.page.waitForFunction(
        ([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-unread')) > n,
        [t('notify-bell'), before],
        { timeout: 15000 },
      );
      assert.deepEqual(zhang.problems, []);
    } finally {
      await zhang.context.close();
    }
  });

  test('the notification center filters unread, marks one and then all read, and leads to the record', async () => {
    const { page } = liu;
    await page.locator(t('notify-row')).first().waitFor();
    const unread = await unreadOf(page);
    assert.ok(unread >= 1);
    await page.locator(t('notify-filter-unread')).click();
    await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((r) => r.getAttribute('data-read') === '0'), t('notify-row'));
    assert.equal(await page.locator(t('notify-row')).count(), unread);
    await shot(page, 'pool-center-zh');

    await page.locator(t('notify-row')).first().locator(t('notify-mark-read')).click();
    await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-unread')) === n, [t('notify-bell'), unread - 1]);
    if (unread - 1 > 0) {
      await page.locator(t('notify-center-all-read')).click();
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-unread') === '0', t('notify-bell'));
    }
    await page.locator(t('notify-empty')).waitFor();
    const count = await api.liu.get('/api/v1/notifications/unread-count');
    assert.equal(count.json.count, 0);

    // Back to all: a pool assignment leads to the customer.
    await page.locator(t('notify-filter-all')).click();
    const row = page.locator(t('notify-row'), { hasText: POOL_CUSTOMERS[1] }).first();
    await row.locator(t('notify-open')).click();
    await page.waitForURL(new RegExp(`/o/customer/${ids[POOL_CUSTOMERS[1]]}$`));
    await page.locator(t('record-title')).waitFor();
  });

  test('the open customer page reloads when 张伟 changes it, and 刘洋 returns it to the pool', async () => {
    const { page } = liu;
    const id = ids[POOL_CUSTOMERS[1]];
    await page.locator(t('record-title')).waitFor();
    await page.getByRole('tab', { name: '详细资料' }).click().catch(() => {});
    const changed = await api.zhang.patch(`/api/v1/objects/customer/records/${id}`, { phone: '0519-88889999' });
    assert.equal(changed.status, 200, changed.text);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('0519-88889999'), t('detail-phone'), { timeout: 15000 });
    await page.locator('.el-message--info').filter({ hasText: '已为您刷新' }).waitFor();
    await shot(page, 'pool-live-zh');

    await page.locator(t('pool-return')).click();
    const dialog = page.locator(t('pool-return-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(t('pool-return-submit')).click();
    await dialog.locator('.el-form-item__error').filter({ hasText: '请选择退回原因' }).waitFor();
    await dialog.locator(t('pool-return-reason')).click();
    await page.locator('.el-select-dropdown__item').filter({ hasText: '暂无预算' }).filter({ visible: true }).click();
    await shot(page, 'pool-return-zh');
    await dialog.locator(t('pool-return-submit')).click();
    await page.locator(t('record-in-pool')).waitFor();
    const after = await api.admin.get(`/api/v1/objects/customer/records/${id}`);
    assert.equal(after.json.owner_id, null);
    assert.equal(after.json.return_reason, 'no_budget');
    assert.deepEqual(liu.problems, []);
  });
});

describe('the pages in English and at phone width', { concurrency: false }, () => {
  test('公海 and the notification center in English on a phone; the admin pages', async () => {
    const phone = await newPage(browser, { viewport: PHONE });
    await phone.context.addInitScript(() => localStorage.setItem('xieli.locale', 'en'));
    await signIn(phone.page, PEOPLE.liu);
    await phone.page.goto(`${server.baseUrl}/pool`);
    await phone.page.locator(t('pool-holding')).waitFor();
    await phone.page.locator(t('pool-claim')).first().waitFor();
    assert.match(await phone.page.locator(t('pool-holding')).innerText(), /My holding/);
    await shot(phone.page, 'pool-phone-en', { fullPage: true });
    await phone.page.locator(t('notify-bell')).click();
    await phone.page.locator(t('notify-panel')).waitFor();
    await shot(phone.page, 'pool-bell-phone-en');
    assert.deepEqual(phone.problems, []);
    await phone.context.close();

    const admin = await newPage(browser, { viewport: DESKTOP });
    await signIn(admin.page, PEOPLE.admin);
    for (const [path, marker, name] of [
      ['/admin/pools', 'pool-admin-table', 'pool-admin-pools-zh'],
      ['/admin/reminders', 'admin-reminder-rules', 'pool-admin-reminders-zh'],
      ['/admin/smtp', 'admin-smtp', 'pool-admin-smtp-zh'],
      ['/admin/jobs', 'jobs-table', 'pool-admin-jobs-zh'],
    ]) {
      await admin.page.goto(`${server.baseUrl}${path}`);
      await admin.page.locator(t(marker)).waitFor();
      await admin.page.waitForTimeout(400);
      await shot(admin.page, name, { fullPage: true });
    }
    // 定时任务 says what a run did: a customer handed to 刘洋 queues a notification mail, which has
    // no mail server to go to.
    const handed = await api.admin.post('/api/v1/objects/customer/records', { name: '定时任务结果测试公司' });
    assert.equal(handed.status, 201, handed.text);
    const moved = await api.admin.post('/api/v1/objects/customer/transfer', { ids: [handed.json.id], to_user_id: api.liu.userId });
    assert.equal(moved.status, 200, moved.text);
    const notMailed = '未发送邮件：未配置发信服务器，或收件人没有邮箱';
    let mailJob;
    for (const end = Date.now() + 10000; !mailJob && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const jobs = (await api.admin.get('/api/v1/admin/jobs')).json.records;
      mailJob = jobs.find((j) => j.name === 'notify.email' && j.status === 'done');
    }
    assert.ok(mailJob, 'the hand-over queued a notification mail that ran');
    assert.deepEqual(mailJob.runs.map((r) => r.result), [{ mailed: 0 }]);
    await admin.page.goto(`${server.baseUrl}/admin/jobs`);
    const mailRow = admin.page.locator('.el-table__row', { has: admin.page.locator(`${t('job-row')}[data-name="notify.email"]`) }).first();
    await mailRow.locator(t('job-last-result')).filter({ hasText: notMailed }).waitFor();
    await mailRow.locator('.el-table__expand-icon').click();
    await admin.page.locator(t('job-run-result')).filter({ hasText: notMailed }).first().waitFor();
    await shot(admin.page, 'pool-admin-jobs-run-zh');
    // A reminder rule made in the console, run at once.
    await admin.page.goto(`${server.baseUrl}/admin/reminders`);
    await admin.page.locator(t('rule-new')).click();
    const dialog = admin.page.locator(t('rule-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(t('rule-form-submit')).click();
    await admin.page.locator(`${t('rule-row')}[data-name="客户未跟进"]`).waitFor();
    const rules = await api.admin.get('/api/v1/reminder-rules');
    assert.equal(rules.json.records.length, 1);
    assert.equal(rules.json.records[0].kind, 'customer_no_followup');
    assert.deepEqual(admin.problems, []);
    await admin.context.close();
  });
});
