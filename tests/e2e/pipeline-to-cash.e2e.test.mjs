// The whole pipeline-to-cash story in the browser, as the sales rep 刘洋 of the demo enterprise
// with its sample records, against the real server — one test, every step through the pages:
//   1. the dashboard's 回款, 签约 and 待回款 of this month, read off the page before anything happens;
//   2. the kanban: a card dragged to the next stage moves there (the server agrees);
//   3. an open deal won on its page through the stage bar (StageCloseDialog: amount, date); only now
//      does 生成合同 show; a second viewer (in English) sees it too;
//   4. 生成合同 creates the deal's contract (amount = the won amount, sign date = the close date,
//      draft) and opens it; the deal now links to it, and the second viewer — still showing the
//      button — is told by the server (409) that the deal has its contract, and gets the link;
//   5. the contract set to 执行中 in its form (a draft does not count as signed), two instalments of
//      the contract amount, a payment against the first;
//   6. the dashboard again: 回款 grew by exactly the payment, 签约 by the contract amount, 待回款 by
//      what is left to pay.
// Screenshots go to test-results/e2e/ and to /tmp/p2c-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DESKTOP, newPage, newPhonePage, t } from './lib/browser.mjs';
import { apiAs, choose, field, form, lastMessage, openNav, shot, signIn as signInAt, startWithBrowser, text, waitFormClosed } from './lib/journey.mjs';

const LIU = { login: '13800000003', password: 'Demo@2026', tenant: 'demo' };
const WON = '36800.00';
const HALF = '18400.00';
const PAID = '12000.00';

let server;
let browser;
let api;

// Dates in China Standard Time, n days from today.
const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
/** "¥91,584.00" → 9158400 (fen), so sums are exact. */
const fen = (s) => {
  const m = /^¥(-?[\d,]+)\.(\d{2})$/.exec(s.trim());
  assert.ok(m, `a money figure: ${s}`);
  return Number(m[1].replace(/,/g, '')) * 100 + Number(m[2]);
};
const fenOf = (amount) => fen(`¥${amount}`);

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true, sampleData: true }));
  api = await apiAs(server.baseUrl, LIU);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** 回款, 签约 and 待回款 of this month as the dashboard shows them, in fen. */
async function dashboardFigures(page) {
  await openNav(page, 'sales', 'sales-dashboard');
  await page.waitForURL(/\/sales\/dashboard$/);
  const out = {};
  for (const key of ['payments', 'signed', 'unpaid']) {
    const value = page.locator(`${t(`figure-${key}`)} ${t('figure-value')}`);
    await value.waitFor();
    out[key] = fen(await value.innerText());
  }
  return out;
}

async function fillDate(page, name, value) {
  const input = field(page, name).locator('input').first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-picker__popper')].some((p) => p.offsetParent !== null && getComputedStyle(p).display !== 'none'));
}

async function submitForm(page) {
  await form(page).locator(t('record-form-submit')).click();
  await waitFormClosed(page);
}

/** Confirms the Element Plus message box that is open. */
async function confirmBox(page) {
  const box = page.locator('.deal-contract-confirm');
  await box.waitFor();
  await box.locator('.el-message-box__btns .el-button--primary').click();
}

test('pipeline to cash: kanban, won deal, 生成合同, instalments, a payment, and the dashboard follows', async () => {
  // The deals this story works on, picked from 刘洋's sample deals: one in the first stage of the
  // default pipeline to drag, and another open one to win.
  const pipelines = (await api.get('/api/v1/sales/pipelines')).json.records;
  const pipeline = pipelines.find((p) => p.default) ?? pipelines[0];
  const [first, second] = pipeline.stages.map((s) => s.value);
  const open = (
    await api.post('/api/v1/objects/opportunity/query', {
      filter: { and: [{ field: 'status', op: 'eq', value: 'open' }, { field: 'pipeline', op: 'eq', value: pipeline.value }] },
      sort: [{ field: 'id', dir: 'asc' }],
      limit: 50,
    })
  ).json.records;
  const dragged = open.find((d) => d.stage === first);
  const deal = open.find((d) => d !== dragged && d.stage !== first);
  assert.ok(dragged && deal, `刘洋 has open sample deals to work on: ${JSON.stringify(open.map((d) => [d.id, d.stage]))}`);

  const session = await newPage(browser, { viewport: DESKTOP });
  const { page } = session;
  await signInAt(page, server.baseUrl, LIU);

  // 1. The dashboard before.
  const before = await dashboardFigures(page);

  // 2. The kanban: drag a card to the next stage.
  await openNav(page, 'sales', 'opportunity-kanban');
  await page.waitForURL(/\/sales\/kanban$/);
  const card = page.locator(t(`kanban-column-${first}`)).locator(t(`kanban-card-${dragged.id}`));
  await card.waitFor();
  await card.dragTo(page.locator(t(`kanban-column-${second}`)));
  await page.locator(t(`kanban-column-${second}`)).locator(t(`kanban-card-${dragged.id}`)).waitFor();
  await page.waitForFunction(
    ([stage, id]) => !document.querySelector(`[data-test="kanban-column-${stage}"] [data-test="kanban-card-${id}"]`),
    [first, dragged.id],
  );
  assert.equal((await api.get(`/api/v1/objects/opportunity/records/${dragged.id}`)).json.stage, second, 'the server has the move');

  // 3. Win the other deal on its page: no 生成合同 while it is open.
  await page.locator(t(`kanban-card-${deal.id}`)).locator('.card-name').click();
  await page.waitForURL(new RegExp(`/o/opportunity/${deal.id}$`));
  await page.locator(t('stage-bar')).locator(t('stage-won')).waitFor();
  assert.equal(await page.locator(t('deal-contract-create')).count(), 0, 'an open deal offers no contract');
  await page.locator(t('stage-won')).click();
  const dialog = page.locator(`.el-dialog${t('stage-dialog')}`);
  await dialog.waitFor();
  await dialog.locator(`${t('stage-actual-amount')} input`).fill(WON);
  // The close date starts at today.
  assert.equal(await dialog.locator(`${t('stage-actual-date')} input`).inputValue(), day(0));
  await page.locator(t('stage-dialog-submit')).click();
  await dialog.waitFor({ state: 'hidden' });
  const create = page.locator(t('deal-contract-create'));
  await create.waitFor();
  assert.equal((await create.innerText()).trim(), '生成合同');
  assert.equal(await page.locator(t('stage-won')).getAttribute('data-state'), 'won');
  await shot(page, 'p2c-deal-won-zh');

  // A second viewer, in English, opens the won deal too: the button is there for them as well.
  const en = await newPage(browser, { viewport: DESKTOP });
  await en.context.addInitScript(() => localStorage.setItem('xieli.locale', 'en'));
  await signInAt(en.page, server.baseUrl, LIU);
  await en.page.goto(`${server.baseUrl}/o/opportunity/${deal.id}`);
  const enCreate = en.page.locator(t('deal-contract-create'));
  await enCreate.waitFor();
  assert.equal((await enCreate.innerText()).trim(), 'Create contract');
  await shot(en.page, 'p2c-deal-won-en');

  // 4. 生成合同: a confirmation saying what the contract will hold, then the new contract's page.
  await create.click();
  const box = page.locator('.deal-contract-confirm');
  await box.waitFor();
  assert.match(await box.innerText(), new RegExp(`¥36,800\\.00[\\s\\S]*${day(0)}`));
  await shot(page, 'p2c-deal-confirm-zh');
  await confirmBox(page);
  await page.waitForURL(/\/o\/contract\/\d+$/);
  const contractId = Number(/\/o\/contract\/(\d+)$/.exec(page.url())[1]);
  assert.match(await lastMessage(page, /^已生成合同 HT-\d{4}-\d{4}$/), /^已生成合同 HT-\d{4}-\d{4}$/);
  assert.equal(await text(page, 'record-title'), deal.name);
  const money = page.locator(t('contract-money'));
  await money.locator(t('money-amount')).waitFor();
  assert.match(await text(money, 'money-amount'), /36,800\.00/);
  assert.match(await text(money, 'money-unpaid'), /36,800\.00/);
  await page.locator('.el-tabs__item', { hasText: '详细资料' }).click();
  assert.equal(await text(page, 'detail-status'), '草稿');
  assert.equal(await text(page, 'detail-sign_date'), day(0));
  assert.equal(await text(page, 'detail-opportunity_id'), deal.name);
  const code = await text(page, 'detail-code');
  assert.match(code, /^HT-\d{4}-\d{4}$/);
  await shot(page, 'p2c-contract-new-zh', { fullPage: true });

  // The deal now links to its contract instead of offering a second one.
  await page.goBack();
  await page.waitForURL(new RegExp(`/o/opportunity/${deal.id}$`));
  const link = page.locator(t('deal-contract-link'));
  await link.waitFor();
  assert.equal((await link.innerText()).trim(), `合同 ${code}`);
  assert.equal(await page.locator(t('deal-contract-create')).count(), 0);
  await shot(page, 'p2c-deal-linked-zh');

  // The second viewer still shows the button: the server answers 409 naming the contract, the
  // page says so and links to it.
  await enCreate.click();
  await confirmBox(en.page);
  const refusal = await lastMessage(en.page);
  assert.match(refusal, new RegExp(code), `the server's message: ${refusal}`);
  await en.page.locator(t('deal-contract-link')).waitFor();
  await shot(en.page, 'p2c-deal-conflict-en');
  assert.equal((await en.page.locator(t('deal-contract-link')).innerText()).trim(), `Contract ${code}`);
  assert.equal(await en.page.locator(t('deal-contract-create')).count(), 0);
  await en.page.locator(t('deal-contract-link')).click();
  await en.page.waitForURL(new RegExp(`/o/contract/${contractId}$`));
  await en.page.locator(t('money-amount')).waitFor();
  await shot(en.page, 'p2c-contract-new-en', { fullPage: true });
  assert.deepEqual(en.problems, []);
  await en.context.close();
  const contracts = (await api.post('/api/v1/objects/contract/query', { filter: { field: 'opportunity_id', op: 'eq', value: deal.id } })).json;
  assert.equal(contracts.records.length, 1, 'still one contract for the deal');

  // 5. On the contract: signed (执行中) through its form — a draft does not count as 签约.
  await link.click();
  await page.waitForURL(new RegExp(`/o/contract/${contractId}$`));
  await page.locator(t('record-edit')).click();
  await form(page).waitFor();
  await choose(page, field(page, 'status'), '执行中');
  await submitForm(page);
  await page.locator('.el-tabs__item', { hasText: '详细资料' }).click();
  await page.waitForFunction(() => document.querySelector('[data-test="detail-status"]')?.textContent?.trim() === '执行中');

  // Two instalments of the contract amount: the first form starts with all of it, the second with what is left.
  await money.locator(t('money-new-plan')).click();
  await form(page).waitFor();
  assert.equal(await field(page, 'amount').locator('input').inputValue(), WON);
  await field(page, 'amount').locator('input').fill(HALF);
  await fillDate(page, 'due_date', day(10));
  await submitForm(page);
  await money.locator(t('money-plan-row')).first().waitFor();
  await money.locator(t('money-new-plan')).click();
  await form(page).waitFor();
  assert.equal(await field(page, 'amount').locator('input').inputValue(), HALF);
  await fillDate(page, 'due_date', day(40));
  await submitForm(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-test="money-plan-row"]').length === 2);

  // 回款 against the first instalment, part of it.
  await money.locator(t('money-plan-receive')).first().click();
  await form(page).waitFor();
  assert.equal(await field(page, 'amount').locator('input').inputValue(), HALF);
  await field(page, 'amount').locator('input').fill(PAID);
  await submitForm(page);
  await page.waitForFunction(() => /12,000\.00/.test(document.querySelector('[data-test="money-paid"]')?.textContent ?? ''));
  assert.match(await text(money, 'money-unpaid'), /24,800\.00/);
  assert.equal(await money.locator(t('money-plan-row')).first().getAttribute('data-status'), 'partial');
  assert.equal(await money.locator(t('money-payment-row')).count(), 1);
  await shot(page, 'p2c-contract-paid-zh', { fullPage: true });

  // 6. The dashboard after: exactly the payment, the contract, and what is left to pay.
  const after = await dashboardFigures(page);
  assert.equal(after.payments - before.payments, fenOf(PAID), `回款 ${JSON.stringify({ before, after })}`);
  assert.equal(after.signed - before.signed, fenOf(WON), `签约 ${JSON.stringify({ before, after })}`);
  assert.equal(after.unpaid - before.unpaid, fenOf(WON) - fenOf(PAID), `待回款 ${JSON.stringify({ before, after })}`);
  await shot(page, 'p2c-dashboard-zh');

  // At phone width: the won deal's link and the contract.
  const phone = await newPhonePage(browser);
  await signInAt(phone.page, server.baseUrl, LIU);
  await phone.page.goto(`${server.baseUrl}/o/opportunity/${deal.id}`);
  await phone.page.locator(t('deal-contract-link')).waitFor();
  await shot(phone.page, 'p2c-deal-linked-phone');
  assert.deepEqual(phone.problems, []);
  await phone.context.close();

  assert.deepEqual(session.problems, [], 'no errors in the browser');
  await session.context.close();
});
