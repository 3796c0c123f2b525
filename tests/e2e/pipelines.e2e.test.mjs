// Browser journey of 销售流程 (admin console → Sales pipelines) against the real server with the
// demo enterprise:
//   1. the administrator opens 销售流程 from the navigation, changes a stage's win probability,
//      adds a stage and saves; the change is what GET /api/v1/sales/pipelines answers;
//   2. a stage without a name is refused on the page before anything is sent;
//   3. removing a stage in which a deal stands is refused with the server's message (409);
//   4. 新建销售流程 with a name that is taken shows the server's 409 message; with a new name the
//      pipeline is created and gets its card, won and lost at the end;
//   5. a salesperson sees no 销售流程 and gets the 404 page at its address.
// Screenshots go to test-results/e2e/ and to /tmp/pipelines-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, signInAll } from '../api/lib/server.mjs';
import { DESKTOP, newPage, t } from './lib/browser.mjs';
import { openAdminPage, shot, signIn as signInAt, startWithBrowser, text } from './lib/journey.mjs';

const PEOPLE = { admin: '13800000000', liu: '13800000003' };
const NEW_STAGE = '方案演示';
const NEW_PIPELINE = '渠道合作销售';

let server;
let browser;
let api;

before(async () => {
  ({ server, browser } = await startWithBrowser({ demo: true }));
  api = await signInAll(server.baseUrl, PEOPLE);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page, login) => signInAt(page, server.baseUrl, { login, password: DEMO_PASSWORD });

/** Waits for the toast that says `pattern` (earlier toasts may still be on screen). */
const toast = (page, pattern) => page.locator('.el-message', { hasText: pattern }).first().waitFor();

async function pipelinesNow() {
  const res = await api.admin.get('/api/v1/sales/pipelines');
  assert.equal(res.status, 200, res.text);
  return res.json.records;
}

describe('销售流程 in the admin console', { concurrency: false }, () => {
  let session;
  let before_; // the default pipeline as the server had it at the start
  const card = () => session.page.locator(`${t('pipeline-card')}[data-value="${before_.value}"]`);

  before(async () => {
    session = await newPage(browser, { viewport: DESKTOP });
    const all = await pipelinesNow();
    before_ = all.find((p) => p.default) ?? all[0];
    assert.ok(before_, 'the demo enterprise has a pipeline');
    assert.ok(before_.stages.filter((s) => s.kind === 'open').length >= 2, JSON.stringify(before_));
  });
  after(async () => {
    await session?.context.close();
  });

  test('the administrator changes a probability, adds a stage and saves', async () => {
    const { page } = session;
    await signIn(page, PEOPLE.admin);
    await openAdminPage(page, 'pipelines');
    assert.equal(await text(page, 'page-title'), '销售流程');
    assert.equal(await text(page, 'nav-admin-pipelines'), '销售流程');
    await card().waitFor();
    assert.equal(await page.locator(t('pipeline-card')).count(), (await pipelinesNow()).length);
    assert.equal(await card().locator(t('pipeline-default')).innerText(), '默认');

    const open = before_.stages.filter((s) => s.kind === 'open');
    const rows = card().locator(t('stage-row'));
    assert.equal(await rows.count(), open.length);
    assert.deepEqual(await rows.locator(t('stage-label')).evaluateAll((els) => els.map((e) => e.value)), open.map((s) => s.label));
    // Won and lost are shown at the end, not editable.
    assert.deepEqual(await card().locator(t('stage-terminal')).evaluateAll((els) => els.map((e) => e.dataset.kind)), ['won', 'lost']);
    assert.equal(await card().locator(`${t('stage-terminal')} input`).count(), 0);
    assert.equal(await card().locator(t('pipeline-save')).isDisabled(), true, 'nothing to save yet');

    // The second stage's probability: something it is not.
    const newProbability = open[1].probability === 35 ? 45 : 35;
    const probability = rows.nth(1).locator(`${t('stage-probability')} input`);
    await probability.fill(String(newProbability));
    await probability.press('Tab');
    await card().locator(t('pipeline-unsaved')).waitFor();

    // A new stage at the end of the open ones.
    await card().locator(t('stage-add')).click();
    assert.equal(await rows.count(), open.length + 1);
    const added = rows.last();
    await added.locator(t('stage-label')).fill(NEW_STAGE);
    await added.locator(t('stage-label-en')).fill('Demo');
    await added.locator(`${t('stage-probability')} input`).fill('65');
    await added.locator(`${t('stage-probability')} input`).press('Tab');
    await shot(page, 'pipelines-edit-zh');

    await card().locator(t('pipeline-save')).click();
    await toast(page, /已保存/);
    await card().locator(t('pipeline-unsaved')).waitFor({ state: 'detached' });

    const saved = (await pipelinesNow()).find((p) => p.value === before_.value);
    const savedOpen = saved.stages.filter((s) => s.kind === 'open');
    assert.equal(savedOpen.length, open.length + 1, JSON.stringify(saved));
    assert.deepEqual(savedOpen.slice(0, open.length).map((s) => s.value), open.map((s) => s.value));
    assert.equal(savedOpen[1].probability, newProbability);
    assert.deepEqual(
      { label: savedOpen.at(-1).label, label_en: savedOpen.at(-1).label_en, probability: savedOpen.at(-1).probability },
      { label: NEW_STAGE, label_en: 'Demo', probability: 65 },
    );
    assert.deepEqual(saved.stages.slice(-2).map((s) => s.kind), ['won', 'lost']);
    // The page shows what was saved: the new stage now has its value.
    assert.equal(await rows.last().getAttribute('data-value'), savedOpen.at(-1).value);
  });

  test('a stage without a name is refused before anything is sent', async () => {
    const { page } = session;
    const rows = card().locator(t('stage-row'));
    await rows.last().locator(t('stage-label')).fill('');
    await card().locator(t('pipeline-save')).click();
    await toast(page, /没有名称/);
    assert.match(await card().locator(t('pipeline-problems')).innerText(), new RegExp(`第 ${await rows.count()} 个阶段没有名称`));
    await card().locator(t('pipeline-revert')).click();
    assert.equal(await rows.last().locator(t('stage-label')).inputValue(), NEW_STAGE);
    assert.equal(await card().locator(t('pipeline-problems')).count(), 0);
    const saved = (await pipelinesNow()).find((p) => p.value === before_.value);
    assert.ok(saved.stages.some((s) => s.label === NEW_STAGE), 'nothing was sent');
  });

  test('removing a stage in which a deal stands shows the server’s 409 message and keeps it', async () => {
    const { page } = session;
    const first = before_.stages.find((s) => s.kind === 'open');
    const customer = await api.liu.post('/api/v1/objects/customer/records', { name: '宁波阶段占用有限公司' });
    assert.equal(customer.status, 201, customer.text);
    const opp = await api.liu.post('/api/v1/objects/opportunity/records', {
      name: '占用第一阶段',
      customer_id: customer.json.id,
      pipeline: before_.value,
      stage: first.value,
    });
    assert.equal(opp.status, 201, opp.text);

    const rows = card().locator(t('stage-row'));
    const count = await rows.count();
    await rows.first().locator(t('stage-remove')).click();
    assert.equal(await rows.count(), count - 1);
    await card().locator(t('pipeline-save')).click();
    await toast(page, /还有 1 个商机处于要删除的阶段/);
    const saved = (await pipelinesNow()).find((p) => p.value === before_.value);
    assert.equal(saved.stages[0].value, first.value, 'the stage is still there');
    await card().locator(t('pipeline-revert')).click();
    assert.equal(await rows.count(), count);
  });

  test('新建销售流程: a taken name gets the server’s message; a new one gets its card', async () => {
    const { page } = session;
    await page.locator(t('pipeline-new')).click();
    const dialog = page.locator(t('pipeline-dialog'));
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator(t('pipeline-form-label')).fill(before_.label);
    await dialog.locator(`${t('stage-row')} ${t('stage-label')}`).first().fill('初次拜访');
    await dialog.locator(t('pipeline-form-submit')).click();
    assert.match(await dialog.locator(t('pipeline-form-error')).innerText(), /已有同名的销售流程/);

    await dialog.locator(t('pipeline-form-label')).fill(NEW_PIPELINE);
    await dialog.locator(t('pipeline-form-label-en')).fill('Channel sales');
    await dialog.locator(t('stage-add')).click();
    await dialog.locator(`${t('stage-row')} ${t('stage-label')}`).nth(1).fill('联合报价');
    const p2 = dialog.locator(`${t('stage-row')} ${t('stage-probability')} input`).nth(1);
    await p2.fill('50');
    await p2.press('Tab');
    await shot(page, 'pipelines-new-zh');
    await dialog.locator(t('pipeline-form-submit')).click();
    await dialog.waitFor({ state: 'hidden' });
    await toast(page, new RegExp(`已创建销售流程「${NEW_PIPELINE}」`));

    const created = (await pipelinesNow()).find((p) => p.label === NEW_PIPELINE);
    assert.ok(created, 'the pipeline exists');
    assert.equal(created.label_en, 'Channel sales');
    assert.deepEqual(
      created.stages.map((s) => [s.label, s.probability, s.kind]),
      [
        ['初次拜访', 10, 'open'],
        ['联合报价', 50, 'open'],
        ['赢单', 100, 'won'],
        ['输单', 0, 'lost'],
      ],
    );
    const newCard = page.locator(`${t('pipeline-card')}[data-value="${created.value}"]`);
    await newCard.waitFor();
    assert.equal(await newCard.locator(t('pipeline-name')).innerText(), NEW_PIPELINE);
    assert.equal(await newCard.locator(t('stage-row')).count(), 2);
    await shot(page, 'pipelines-zh', { fullPage: true });
  });

  test('no errors in the browser along the way', () => {
    assert.deepEqual(session.problems, []);
  });
});

describe('a salesperson', { concurrency: false }, () => {
  test('has no 销售流程 and gets the 404 page at its address', async () => {
    const session = await newPage(browser, { viewport: DESKTOP });
    try {
      const { page } = session;
      await signIn(page, PEOPLE.liu);
      assert.equal(await page.locator(t('nav-admin-pipelines')).count(), 0);
      await page.goto(`${server.baseUrl}/admin/pipelines`);
      await page.locator(t('not-found')).waitFor();
      assert.equal(await page.locator(t('admin-pipelines')).count(), 0);
      // The server refuses the change too.
      const res = await api.liu.put('/api/v1/sales/pipelines/x/stages', { stages: [{ label: 'A', probability: 10 }] });
      assert.equal(res.status, 403, res.text);
    } finally {
      await session.context.close();
    }
  });
});
