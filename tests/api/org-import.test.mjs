// Bulk import of employees (docs/api/org.md "Users": import and template), against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rootOf } from './lib/org.mjs';
import { startServer, Client, registerEnterprise, uniqueIdentity } from './lib/server.mjs';
import { zip } from './lib/xlsx.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.error?.code, code, res.text);
}

async function upload(client, body, contentType) {
  const res = await fetch(client.baseUrl + '/api/v1/users/import', {
    method: 'POST',
    headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': contentType, 'Accept-Language': client.lang },
    body,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** A minimal .xlsx as a spreadsheet program writes it: shared strings, numbers as numbers. Independent of the server's writer. */
function buildXlsx(rows) {
  const shared = [];
  const sharedIndex = (s) => {
    let i = shared.indexOf(s);
    if (i < 0) i = shared.push(s) - 1;
    return i;
  };
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const col = (i) => String.fromCharCode(65 + i);
  let sheet = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  rows.forEach((row, r) => {
    sheet += `<row r="${r + 1}">`;
    row.forEach((cell, c) => {
      if (cell === null || cell === '') return;
      const ref = `${col(c)}${r + 1}`;
      if (typeof cell === 'object' && 'number' in cell) sheet += `<c r="${ref}"><v>${cell.number}</v></c>`;
      else sheet += `<c r="${ref}" t="s"><v>${sharedIndex(cell)}</v></c>`;
    });
    sheet += '</row>';
  });
  sheet += '</sheetData></worksheet>';
  const sst =
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    shared.map((s) => `<si><t>${esc(s)}</t></si>`).join('') +
    '</sst>';
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    'xl/workbook.xml':
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="员工" sheetId="1" r:id="rId7"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
    'xl/worksheets/data.xml': sheet,
    'xl/sharedStrings.xml': sst,
  };
  return zip(files);
}

test('the import template downloads as CSV (UTF-8 with BOM) and as XLSX', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const csv = await client.request('GET', '/api/v1/users/import-template?format=csv', { raw: true });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /^attachment; filename="users-import-template.csv"; filename\*=UTF-8''%E5%91%98/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.subarray(3).toString('utf8'), '姓名,手机号,邮箱,部门,职位,直属上级,角色\r\n');

  const xlsx = await client.request('GET', '/api/v1/users/import-template?format=xlsx', { raw: true });
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers.get('content-type'), XLSX);
  const book = Buffer.from(await xlsx.arrayBuffer());
  assert.equal(book.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  // Sent straight back, it reads as a header with no employees.
  const back = await upload(client, book, XLSX);
  assertError(back, 422, 'validation_failed');
  assert.equal(back.json.error.details[0].field, 'file');
  assert.equal(back.json.error.details[0].code, 'empty');

  assertError(await client.get('/api/v1/users/import-template?format=pdf'), 400, 'bad_request');
});

test('a CSV with good and bad rows: each row is created or fails alone, with the reasons', async () => {
  const { client, body: owner } = await registerEnterprise(server.baseUrl, { company: '导入测试有限公司' });
  const root = await rootOf(client);
  const sales = (await client.post('/api/v1/departments', { name: '销售部', parent_id: root.id })).json;
  const east = (await client.post('/api/v1/departments', { name: '华东大区', parent_id: sales.id })).json;
  const p = Array.from({ length: 9 }, () => uniqueIdentity().phone);
  const lines = [
    '\uFEFF姓名,手机号,邮箱,部门,职位,直属上级,角色',
    `张三,${p[0]},ZhangSan.Import@Example.com,销售部/华东大区,经理,,销售`, // row 2: created
    `李四,${p[1]},,销售部 / 华东大区,代表,${p[0]},"销售、客服"`, // row 3: created, supervisor from row 2
    `,${p[2]},,,,,`, // row 4: no name
    '王五,12345,,销售部,,,', // row 5: bad phone
    `赵六,${owner.phone},,,,,`, // row 6: taken by the owner
    `钱七,${p[3]},,不存在部,,,`, // row 7: unknown department
    `孙八,${p[4]},,,,,不存在的角色`, // row 8: unknown role
    `周九,${p[5]},,,,19999999999,`, // row 9: unknown supervisor
    `吴十,${p[0]},,,,,`, // row 10: same phone as row 2
    ',,,,,,', // row 11: blank, skipped
    `"郑,十一",${p[6]},,导入测试有限公司/销售部,"He said ""hi""",,`, // row 12: quoted cells, path from the root's name
    `陈十二,,chen12@example.com,,,,`, // row 13: e-mail only, root department
  ];
  const res = await upload(client, lines.join('\r\n') + '\r\n', 'text/csv; charset=utf-8');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.total, 11);
  assert.equal(res.json.created, 4);
  assert.equal(res.json.failed, 7);
  const byRow = Object.fromEntries(res.json.rows.map((r) => [r.row, r]));
  assert.deepEqual(Object.keys(byRow).map(Number), [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13]);
  const fieldsOf = (row) => byRow[row].errors.map((e) => e.field);
  for (const row of [2, 3, 12, 13]) {
    assert.equal(byRow[row].status, 'created', JSON.stringify(byRow[row]));
    assert.deepEqual(byRow[row].errors, []);
    assert.match(byRow[row].initial_password, /^[A-Za-z0-9]{12}$/);
  }
  assert.deepEqual(fieldsOf(4), ['name']);
  assert.deepEqual(fieldsOf(5), ['phone']);
  assert.deepEqual(fieldsOf(6), ['phone']);
  assert.equal(byRow[6].errors[0].code, 'duplicate');
  assert.deepEqual(fieldsOf(7), ['department']);
  assert.match(byRow[7].errors[0].message, /不存在部/);
  assert.deepEqual(fieldsOf(8), ['roles']);
  assert.deepEqual(fieldsOf(9), ['supervisor']);
  assert.deepEqual(fieldsOf(10), ['phone']);
  for (const row of [4, 5, 6, 7, 8, 9, 10]) assert.equal(byRow[row].status, 'failed');
  assert.equal(byRow[3].name, '李四');

  const zhang = (await client.get(`/api/v1/users/${byRow[2].user_id}`)).json;
  assert.equal(zhang.email, 'zhangsan.import@example.com');
  assert.equal(zhang.main_department_id, east.id);
  assert.equal(zhang.position, '经理');
  assert.equal(zhang.status, 'pending');
  const li = (await client.get(`/api/v1/users/${byRow[3].user_id}`)).json;
  assert.equal(li.supervisor_id, zhang.id);
  assert.deepEqual(li.roles.map((r) => r.code).sort(), ['sales', 'service']);
  const zheng = (await client.get(`/api/v1/users/${byRow[12].user_id}`)).json;
  assert.equal(zheng.name, '郑,十一');
  assert.equal(zheng.position, 'He said "hi"');
  assert.equal(zheng.main_department_id, sales.id);
  const chen = (await client.get(`/api/v1/users/${byRow[13].user_id}`)).json;
  assert.equal(chen.main_department_id, root.id);
  assert.equal(chen.phone, null);

  const login = await new Client(server.baseUrl).post('/api/v1/auth/login', { login: p[0], password: byRow[2].initial_password });
  assert.equal(login.status, 200, login.text);
  const me = await new Client(server.baseUrl, login.json.token).get('/api/v1/me');
  assert.equal(me.json.user.must_change_password, true);
  assert.equal((await client.get('/api/v1/users')).json.total, 5);

  // English callers get English row messages.
  client.lang = 'en';
  const en = await upload(client, `name,phone\r\nX,${p[7]}\r\nY,bad\r\n`, 'text/csv');
  assert.equal(en.status, 200, en.text);
  assert.equal(en.json.created, 1);
  assert.match(en.json.rows[1].errors[0].message, /Not a valid mobile number/);
});

test('GBK (Excel on Chinese Windows) CSV and Excel .xlsx files import too', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  const root = await rootOf(client);
  await client.post('/api/v1/departments', { name: '销售部', parent_id: root.id });
  const gbkPhone = uniqueIdentity().phone;
  const gbk = Buffer.concat([
    Buffer.from('d0d5c3fb2c' + 'cad6bbfabac5' + '2c' + 'b2bfc3c5' + '0d0a', 'hex'), // 姓名,手机号,部门
    Buffer.from('b2e2cad4', 'hex'), // 测试
    Buffer.from(`,${gbkPhone},`, 'latin1'),
    Buffer.from('cffacadbb2bf0d0a', 'hex'), // 销售部
  ]);
  const viaGbk = await upload(client, gbk, 'application/vnd.ms-excel');
  assert.equal(viaGbk.status, 200, viaGbk.text);
  assert.equal(viaGbk.json.created, 1, viaGbk.text);
  const user = (await client.get(`/api/v1/users/${viaGbk.json.rows[0].user_id}`)).json;
  assert.equal(user.name, '测试');
  assert.equal(user.main_department_name, '销售部');

  const a = uniqueIdentity().phone;
  const b = uniqueIdentity().phone;
  const book = buildXlsx([
    ['姓名', '手机号', '邮箱', '部门', '职位', '直属上级', '角色'],
    ['表格甲', { number: a }, '', '销售部', '主管', '', '销售经理'],
    [],
    ['表格乙', { number: `${b.slice(0, 1)}.${b.slice(1)}E10` }, 'yi@example.com', '', '', { number: a }, ''],
    ['表格丙', 'x', '', '', '', '', ''],
  ]);
  const viaXlsx = await upload(client, book, XLSX);
  assert.equal(viaXlsx.status, 200, viaXlsx.text);
  assert.equal(viaXlsx.json.total, 3);
  assert.equal(viaXlsx.json.created, 2, viaXlsx.text);
  assert.deepEqual(viaXlsx.json.rows.map((r) => r.row), [2, 4, 5]);
  const yi = (await client.get(`/api/v1/users/${viaXlsx.json.rows[1].user_id}`)).json;
  assert.equal(yi.phone, b, 'a phone stored as a number in exponent form reads back as digits');
  assert.equal(yi.supervisor_name, '表格甲');
  assert.equal(viaXlsx.json.rows[2].errors[0].field, 'phone');

  // Sniffed by content when the browser says octet-stream.
  const c = uniqueIdentity().phone;
  const sniffed = await upload(client, buildXlsx([['姓名', '手机号'], ['表格丁', c]]), 'application/octet-stream');
  assert.equal(sniffed.json.created, 1, sniffed.text);
});

test('files that cannot be imported at all are refused as a whole', async () => {
  const { client } = await registerEnterprise(server.baseUrl);
  assertError(await upload(client, '{"a":1}', 'application/json'), 415, 'unsupported_media_type');
  assertError(await upload(client, 'x', 'image/png'), 415, 'unsupported_media_type');

  const noHeader = await upload(client, '张三,13900000000\r\n', 'text/csv');
  assertError(noHeader, 422, 'validation_failed');
  assert.equal(noHeader.json.error.details[0].code, 'bad_header');
  assertError(await upload(client, '', 'text/csv'), 422, 'validation_failed');
  assertError(await upload(client, '姓名,手机号\r\n', 'text/csv'), 422, 'validation_failed');

  const broken = await upload(client, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 7)]), XLSX);
  assertError(broken, 422, 'validation_failed');
  assert.equal(broken.json.error.details[0].code, 'unreadable');

  const many = ['姓名,手机号'];
  for (let i = 0; i < 1001; i++) many.push(`人${i},139${String(i).padStart(8, '0')}`);
  const tooMany = await upload(client, many.join('\n'), 'text/csv');
  assertError(tooMany, 422, 'validation_failed');
  assert.equal(tooMany.json.error.details[0].code, 'too_many_rows');
  assert.equal((await client.get('/api/v1/users')).json.total, 1, 'nothing was created');
});
