// Sales pipelines and an opportunity's stage rules: the stage sets the win probability and the
// status, winning needs the actual amount and date, losing a reason, every move is recorded with
// the days spent in the stage left; administrators arrange the stages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signInAll } from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = { admin: '13800000000', liu: '13800000003', sun: '13800000004' };
const opps = '/api/v1/objects/opportunity/records';

before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
});
after(async () => {
  await server.stop();
});

async function customer(client, name) {
  const res = await client.post('/api/v1/objects/customer/records', { name });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

test('the default pipelines come with ordered stages and probabilities', async () => {
  const res = await as.liu.get('/api/v1/sales/pipelines');
  assert.equal(res.status, 200, res.text);
  const [first, second] = res.json.records;
  assert.equal(first.value, 'new');
  assert.equal(first.default, true);
  assert.equal(second.value, 'repeat');
  assert.deepEqual(first.stages.map((s) => [s.value, s.probability, s.kind]), [
    ['initial', 10, 'open'], ['needs', 30, 'open'], ['proposal', 50, 'open'], ['negotiation', 80, 'open'],
    ['won', 100, 'won'], ['lost', 0, 'lost'],
  ]);
  assert.equal(first.stages[0].label, '初步接洽');
  const en = await as.liu.get('/api/v1/sales/pipelines', { headers: { 'Accept-Language': 'en' } });
  assert.equal(en.json.records[0].stages[0].label_en, 'Initial contact');
});

test('a new opportunity starts in the first stage; the stage sets probability and status; moves are recorded', async () => {
  const customerId = await customer(as.liu, '成都阶段测试有限公司');
  const created = await as.liu.post(opps, { name: '阶段测试商机', customer_id: customerId, amount: '100000.00' });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.pipeline, 'new');
  assert.equal(created.json.stage, 'initial');
  assert.equal(created.json.win_probability, 10);
  assert.equal(created.json.status, 'open');
  assert.ok(created.json.stage_changed_at);

  const moved = await as.liu.patch(`${opps}/${created.json.id}`, { stage: 'proposal', version: created.json.version });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.win_probability, 50);
  assert.equal((await as.liu.patch(`${opps}/${created.json.id}`, { win_probability: 99 })).status, 422, 'derived, not writable');
  assert.equal((await as.liu.patch(`${opps}/${created.json.id}`, { status: 'won' })).status, 422);

  const won = await as.liu.patch(`${opps}/${created.json.id}`, { stage: 'won' });
  assert.equal(won.status, 422, 'winning asks for the actual amount and date');
  const fields = won.json.error.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['actual_amount', 'actual_close_date']);
  const done = await as.liu.patch(`${opps}/${created.json.id}`, { stage: 'won', actual_amount: '95000.00', actual_close_date: '2026-11-20' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, 'won');
  assert.equal(done.json.win_probability, 100);

  const history = await as.liu.get(`/api/v1/sales/opportunities/${created.json.id}/stage-history`);
  assert.equal(history.status, 200, history.text);
  assert.deepEqual(history.json.records.map((h) => [h.from_stage, h.to_stage]), [
    ['proposal', 'won'], ['initial', 'proposal'], [null, 'initial'],
  ]);
  assert.equal(history.json.records[0].to_label, '赢单');
  assert.equal(history.json.records[0].actor_name, '刘洋');
  assert.equal(typeof history.json.records[0].days_in_stage, 'number');
  // Outside the caller's scope the history does not exist either.
  assert.equal((await as.sun.get(`/api/v1/sales/opportunities/${created.json.id}/stage-history`)).status, 404);
});

test('losing needs a reason; a stage must belong to the pipeline', async () => {
  const customerId = await customer(as.liu, '重庆阶段测试有限公司');
  const opp = (await as.liu.post(opps, { name: '输单测试', customer_id: customerId, pipeline: 'repeat' })).json;
  assert.equal(opp.stage, 'needs', 'the first stage of the repeat pipeline');
  assert.equal(opp.win_probability, 40);
  assert.equal((await as.liu.patch(`${opps}/${opp.id}`, { stage: 'initial' })).status, 422, 'not a stage of repeat');
  const lost = await as.liu.patch(`${opps}/${opp.id}`, { stage: 'lost' });
  assert.equal(lost.status, 422);
  assert.equal(lost.json.error.details[0].field, 'lost_reason');
  const ok = await as.liu.patch(`${opps}/${opp.id}`, { stage: 'lost', lost_reason: 'price' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.status, 'lost');
  assert.equal(ok.json.win_probability, 0);
  assert.equal((await as.liu.post(opps, { name: 'x', customer_id: customerId, pipeline: 'nope' })).status, 422);
});

test('administrators arrange stages; stages in use cannot be removed; bad input is 4xx', async () => {
  const body = { stages: [{ value: 'initial', label: '初步接洽', probability: 5 }, { label: '样品测试', label_en: 'Trial', probability: 40 }, { value: 'negotiation', label: '商务谈判', probability: 75 }] };
  assert.equal((await as.liu.put('/api/v1/sales/pipelines/new/stages', body)).status, 403);
  // An open deal in 'needs' of the new pipeline keeps that stage from being removed.
  const customerId = await customer(as.liu, '西安阶段测试有限公司');
  const opp = (await as.liu.post(opps, { name: '占用阶段', customer_id: customerId, stage: 'needs' })).json;
  assert.equal(opp.stage, 'needs');
  assert.equal((await as.admin.put('/api/v1/sales/pipelines/new/stages', body)).status, 409);
  await as.liu.patch(`${opps}/${opp.id}`, { stage: 'negotiation' });
  const put = await as.admin.put('/api/v1/sales/pipelines/new/stages', body);
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.stages.map((s) => [s.label, s.probability]), [
    ['初步接洽', 5], ['样品测试', 40], ['商务谈判', 75], ['赢单', 100], ['输单', 0],
  ]);
  const after = (await as.liu.get(`${opps}/${opp.id}`)).json;
  assert.equal(after._display.stage, '商务谈判', 'a renamed stage shows its new name on old records');

  const created = await as.admin.post('/api/v1/sales/pipelines', { label: '渠道销售', label_en: 'Channel', stages: [{ label: '渠道报备', probability: 20 }, { label: '样品测试', probability: 50 }] });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.stages[1].value, put.json.stages[1].value, 'the same stage name is the same stage');
  assert.equal((await as.admin.post('/api/v1/sales/pipelines', { label: '渠道销售', stages: [{ label: 'a', probability: 1 }] })).status, 409);

  for (const bad of [
    {},
    { stages: [] },
    { stages: [{ label: '', probability: 10 }] },
    { stages: [{ label: 'A', probability: 101 }] },
    { stages: [{ label: 'A' }] },
    { stages: [{ label: 'A', probability: 1 }, { label: 'A', probability: 2 }] },
    { stages: [{ value: 'won', label: '赢', probability: 100 }] },
    { stages: [{ value: 'no_such', label: 'A', probability: 1 }] },
  ]) {
    const res = await as.admin.put('/api/v1/sales/pipelines/new/stages', bad);
    assert.equal(res.status, 422, `${JSON.stringify(bad)} → ${res.text}`);
  }
  assert.equal((await as.admin.put('/api/v1/sales/pipelines/nope/stages', body)).status, 404);
});

test('a pipeline added in the data dictionary (no stages yet) does not become the default for new deals', async () => {
  const before = (await as.admin.get('/api/v1/sales/pipelines')).json.records.find((p) => p.default);
  const picklist = (await as.admin.get('/api/v1/meta/picklists/opportunity_pipeline')).json;
  const options = [{ label: '字典新流程' }, ...picklist.options.map((o) => ({ value: o.value, label: o.label, label_en: o.label_en }))];
  const added = await as.admin.patch('/api/v1/meta/picklists/opportunity_pipeline', { options });
  assert.equal(added.status, 200, added.text);
  const pipelines = (await as.admin.get('/api/v1/sales/pipelines')).json.records;
  const fresh = pipelines.find((p) => p.label === '字典新流程');
  assert.ok(fresh, JSON.stringify(pipelines));
  assert.equal(fresh.stages.length, 0);
  assert.equal(pipelines.find((p) => p.default).value, before.value, 'the default keeps its stages');
  const customerId = await customer(as.liu, '字典流程测试有限公司');
  const opp = await as.liu.post(opps, { name: '字典流程后的新商机', customer_id: customerId });
  assert.equal(opp.status, 201, opp.text);
  assert.equal(opp.json.pipeline, before.value);
});

test("re-weighting a stage moves its open deals' win probability, so the forecast follows", async () => {
  const pipelines = (await as.admin.get('/api/v1/sales/pipelines')).json.records;
  const old = pipelines.find((p) => p.value === 'renewal') ?? pipelines.find((p) => !p.default && p.stages.length > 0);
  assert.ok(old, JSON.stringify(pipelines.map((p) => p.value)));
  const stage = old.stages.find((x) => x.kind === 'open');
  const customerId = await customer(as.liu, '重设赢率测试有限公司');
  const opp = (await as.liu.post(opps, { name: '赢率跟随', customer_id: customerId, pipeline: old.value, stage: stage.value })).json;
  assert.equal(opp.win_probability, stage.probability);
  const weight = stage.probability === 55 ? 60 : 55;
  const stages = old.stages.filter((x) => x.kind === 'open').map((x) => ({
    value: x.value, label: x.label, probability: x.value === stage.value ? weight : x.probability,
  }));
  const put = await as.admin.put(`/api/v1/sales/pipelines/${old.value}/stages`, { stages });
  assert.equal(put.status, 200, put.text);
  const after = (await as.liu.get(`${opps}/${opp.id}`)).json;
  assert.equal(after.win_probability, weight);
  assert.equal(after.version, opp.version, 'a derived figure: nobody editing the deal gets a conflict');
});
