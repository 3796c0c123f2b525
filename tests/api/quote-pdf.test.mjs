// The printed quote as a page and as a PDF (docs/api/sales.md): one layout, rendered by the
// server from what GET …/print returns, escaped; the PDF is that page printed by headless
// chromium. Both answer only to who may read the quote, and a server without chromium says so
// with a 503 instead of failing.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {create} from './lib/records.mjs';
import {Client, signInAll, startServer} from './lib/server.mjs';

let server;
const as = {};
const PEOPLE = { admin: '13800000000', liu: '13800000003', sun: '13800000004' };
const HOSTILE = '坏人科技</html><script>alert("x")</script><img src=x onerror=alert(1)>';

let quote;
before(async () => {
  server = await startServer({ demo: true });
  Object.assign(as, await signInAll(server.baseUrl, PEOPLE));
  const customer = await create(as.liu, 'customer', { name: HOSTILE });
  quote = await create(as.liu, 'quote', {
    name: 'PDF 测试报价',
    customer_id: customer.id,
    lines: JSON.stringify([
      { name: '协力 CRM 专业版', unit: '套', quantity: 2, unit_price: '3000.00', tax_rate: 13 },
      { name: '上门实施服务', quantity: 1, unit_price: '800.00', tax_rate: 6 },
    ]),
  });
});
after(async () => {
  await server?.stop();
});

async function bytesOf(client, path, lang = 'zh-CN') {
  const res = await client.request('GET', path, { raw: true, headers: { 'Accept-Language': lang } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

test('the printed page escapes what users typed and runs nothing', async () => {
  const res = await as.liu.get(`/api/v1/sales/quotes/${quote.id}/print.html`);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
  const html = res.text;
  assert.ok(html.includes('坏人科技&lt;/html&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img'), 'the name, escaped');
  assert.equal(html.indexOf('<script'), -1);
  assert.equal(html.indexOf('<img'), -1);
  assert.equal(html.match(/<\/html>/g).length, 1, 'only the page ends the page');
  assert.match(html, /data-test="print-code">BJ-\d{4}-\d{4}</);
  // 2 × 3000 × 1.13 = 6780, 800 × 1.06 = 848 → 7628
  assert.match(html, /data-test="lines-total">7,628.00</);
  assert.match(html, /柒仟陆佰贰拾捌元整/);
  assert.match(html, /<html lang="zh-CN">/);

  const en = await as.liu.get(`/api/v1/sales/quotes/${quote.id}/print.html`, { headers: { 'Accept-Language': 'en' } });
  assert.match(en.text, /<html lang="en">/);
  assert.match(en.text, /CNY 7,628.00/);
});

test('a quote downloads as an A4 PDF named after its code', async () => {
  const res = await bytesOf(as.liu, `/api/v1/sales/quotes/${quote.id}/pdf`);
  assert.equal(res.status, 200, res.body.toString());
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const encoded = encodeURIComponent(`报价单-${quote.code}.pdf`);
  assert.equal(
    res.headers.get('content-disposition'),
    `attachment; filename="quote-${quote.code}.pdf"; filename*=UTF-8''${encoded}`
  );
  assert.equal(res.body.subarray(0, 5).toString('latin1'), '%PDF-');
  const pdf = res.body.toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length, 1, 'one page');
  assert.match(pdf, /\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12]/, 'A4 (595 × 842 pt)');
  assert.match(pdf, /\/FontName\s*\/[A-Z]{6}\+Noto\w*CJK/, 'Chinese set in an embedded CJK font');

  const en = await bytesOf(as.liu, `/api/v1/sales/quotes/${quote.id}/pdf`, 'en');
  assert.equal(en.status, 200);
  assert.match(en.headers.get('content-disposition'), /filename\*=UTF-8''Quotation-BJ-/);
});

test('only who may read the quote gets its page or PDF', async () => {
  for (const path of ['pdf', 'print.html']) {
    const hidden = await as.sun.get(`/api/v1/sales/quotes/${quote.id}/${path}`);
    assert.equal(hidden.status, 404, `孙丽 cannot read 刘洋's quote: ${path}`);
    assert.equal(hidden.json.error.code, 'not_found');
    assert.equal((await as.liu.get(`/api/v1/sales/quotes/999999/${path}`)).status, 404);
    assert.equal((await as.liu.get(`/api/v1/sales/quotes/abc/${path}`)).status, 404);
    assert.equal((await new Client(server.baseUrl).get(`/api/v1/sales/quotes/${quote.id}/${path}`)).status, 401);
  }
  assert.equal((await bytesOf(as.admin, `/api/v1/sales/quotes/${quote.id}/pdf`)).status, 200, 'the admin sees all');
});

test('a burst of PDF requests is served or told to retry, never failed', async () => {
  const all = await Promise.all(
    Array.from({ length: 5 }, () => bytesOf(as.liu, `/api/v1/sales/quotes/${quote.id}/pdf`))
  );
  for (const res of all) {
    assert.ok([200, 503].includes(res.status), `status ${res.status}`);
    if (res.status === 503) assert.equal(JSON.parse(res.body.toString()).error.code, 'unavailable');
  }
  assert.ok(all.some((r) => r.status === 200));
  // Five at once against two render slots: some are told when to come back.
  const busy = all.filter((r) => r.status === 503 && Number(r.headers.get('retry-after')) > 0);
  assert.ok(busy.length >= 1, 'at most two render at once');
});

test('without chromium the PDF is a 503 that says why', async () => {
  const bare = await startServer({ demo: true, env: { XIELI_CHROMIUM: '/nonexistent/chromium' } });
  try {
    const people = await signInAll(bare.baseUrl, { liu: '13800000003' });
    const customer = await create(people.liu, 'customer', { name: '无 chromium 测试公司' });
    const q = await create(people.liu, 'quote', { name: '无 chromium 报价', customer_id: customer.id });
    const res = await people.liu.get(`/api/v1/sales/quotes/${q.id}/pdf`);
    assert.equal(res.status, 503, res.text);
    assert.equal(res.json.error.code, 'unavailable');
    assert.match(res.json.error.message, /chromium/);
    assert.match(res.json.error.message, /管理员/);
    people.liu.lang = 'en';
    const en = await people.liu.get(`/api/v1/sales/quotes/${q.id}/pdf`);
    assert.match(en.json.error.message, /chromium is not installed/);
    // The page itself needs no chromium.
    assert.equal((await people.liu.get(`/api/v1/sales/quotes/${q.id}/print.html`)).status, 200);
  } finally {
    await bare.stop();
  }
});

test('the OpenAPI document lists the page and the PDF', async () => {
  const doc = (await new Client(server.baseUrl).get('/api/v1/openapi.json')).json;
  for (const path of ['/api/v1/sales/quotes/{id}/pdf', '/api/v1/sales/quotes/{id}/print.html']) {
    assert.ok(doc.paths[path]?.get, `GET ${path}`);
    assert.deepEqual(doc.paths[path].get.tags, ['sales']);
  }
});
