// The permission matrix (issue 4, ARCHITECTURE.md "Permissions"): every default role × every
// standard CRM object × every action × every owner relation, against the real server.
//
// The expected answers are written out by hand below (EXPECTED), from the product rules — the
// default roles' grants (server/src/modules/org/permissions.cpp DefaultRolePermissions) read as
// people would: a scope of `self` means the caller's own records, those of everyone below them in
// the supervisor chain and those they collaborate on; `department_tree` adds everything owned in
// their departments and below; `all` is everything; `none` is nothing, collaboration included.
// A collaborator without can_edit reads but does not write; no collaborator deletes. Nothing here is derived from the
// server's answers.
//
// For each role there is one fresh enterprise (so plain lists hold exactly our records), built
// through the org API:
//
//   root ─┬─ 矩阵一部 (D1): caller (the role under test), peer (a colleague, not a subordinate)
//         │    └─ 矩阵一部华东组 (D1a): branch (in a department below the caller's, not a subordinate)
//         └─ 矩阵二部 (D2): sub1 (reports to the caller), sub2 (reports to sub1), other
//
// and for every object one record per relation, created by the administrator with owner_id:
//
//   own       owned by the caller
//   peer      owned by a colleague in the same department
//   branch    owned by someone in a sub-department
//   sub1      owned by a direct subordinate (who sits in another department)
//   sub2      owned by a subordinate's subordinate (supervisor chain, another department)
//   other     owned by someone in another department, no relation at all
//   collab_r  owned by `other`; the caller is a collaborator without can_edit
//   collab_w  owned by `other`; the caller is a collaborator with can_edit
//
// Each role × object test checks: list, query (filters), keyword search (trigram and short-word
// paths, and a record's full name) and every `total` hold exactly the expected records; export
// (CSV, UTF-8 with BOM, name column labelled) holds exactly the same records, or is 403 without the
// export permission; get and history → 200 or 404 (never 403: a record outside the scope does not
// exist for the caller); update → 200, 403 when the record is readable but not writable, 404 when
// not readable; delete → 204 / 403 / 404 the same way; create → 201 or 403; and `_display` labels
// of lookups never name a customer the caller may not read.
//
// Customers: while the enterprise setting allow_customer_delete is off (the default, docs/api/
// crm.md) nobody deletes one (403 if readable, 404 if not); the test then turns it on and checks
// the delete scope as for the other objects.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, roleIdsByCode, rootOf } from './lib/org.mjs';
import { mustCreate } from './lib/records.mjs';
import { parseCsv as parseCsvRows } from './lib/xlsx.mjs';
import { startServer, registerEnterprise, signIn } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server exits cleanly on SIGTERM');
});

const PASSWORD = 'Welcome2026x';
const RELATIONS = ['own', 'peer', 'branch', 'sub1', 'sub2', 'other', 'collab_r', 'collab_w'];

// ---- the expected table, by hand -----------------------------------------------------------------

const ALL = RELATIONS;
const NONE = [];
// department_tree: everything but the unrelated other department's own records.
const TREE_READ = ['own', 'peer', 'branch', 'sub1', 'sub2', 'collab_r', 'collab_w'];
const TREE_WRITE = ['own', 'peer', 'branch', 'sub1', 'sub2', 'collab_w'];
// self: own, the supervisor chain below, collaborations (writing only with can_edit).
const SELF_READ = ['own', 'sub1', 'sub2', 'collab_r', 'collab_w'];
const SELF_WRITE = ['own', 'sub1', 'sub2', 'collab_w'];
// Deleting never comes from a collaboration, even one that may edit.
const SELF_DELETE = ['own', 'sub1', 'sub2'];

const NOTHING = { create: false, read: NONE, update: NONE, delete: NONE, export: false };
const READ_ALL = { create: false, read: ALL, update: NONE, delete: NONE, export: false };

// role code → object → {create, read, update, delete: the relations allowed; export}
const EXPECTED = {
  // 管理员: everything.
  admin: {
    lead: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    customer: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    contact: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    opportunity: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    followup: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    product: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    competitor: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    quote: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
    contract: { create: true, read: ALL, update: ALL, delete: ALL, export: true },
  },
  // 销售经理: the department tree for the sales road, deletes only their own (and below);
  // the catalogue is read-only but exportable.
  sales_manager: {
    lead: { create: true, read: TREE_READ, update: TREE_WRITE, delete: SELF_DELETE, export: true },
    customer: { create: true, read: TREE_READ, update: TREE_WRITE, delete: SELF_DELETE, export: true },
    contact: { create: true, read: TREE_READ, update: TREE_WRITE, delete: SELF_DELETE, export: true },
    opportunity: { create: true, read: TREE_READ, update: TREE_WRITE, delete: SELF_DELETE, export: true },
    followup: { create: true, read: TREE_READ, update: TREE_WRITE, delete: SELF_DELETE, export: true },
    product: { ...READ_ALL, export: true },
    competitor: { ...READ_ALL, export: true },
    quote: { create: true, read: TREE_READ, update: TREE_WRITE, delete: SELF_DELETE, export: true },
    // Contracts are finance objects: the tree to read and write, nobody in sales deletes one.
    contract: { create: true, read: TREE_READ, update: TREE_WRITE, delete: NONE, export: true },
  },
  // 销售: their own (and below, and collaborations), no delete, no export; the catalogue read-only.
  sales: {
    lead: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
    customer: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
    contact: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
    opportunity: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
    followup: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
    product: READ_ALL,
    competitor: READ_ALL,
    quote: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
    contract: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
  },
  // 客服: reads every customer and contact, writes only their own follow-ups; no leads or deals.
  service: {
    lead: NOTHING,
    customer: READ_ALL,
    contact: READ_ALL,
    opportunity: NOTHING,
    followup: { create: true, read: SELF_READ, update: SELF_WRITE, delete: NONE, export: false },
    product: READ_ALL,
    competitor: READ_ALL,
    quote: NOTHING,
    contract: NOTHING,
  },
  // 财务: reads customers, contacts, opportunities and products; nothing else of the sales road.
  finance: {
    lead: NOTHING,
    customer: READ_ALL,
    contact: READ_ALL,
    opportunity: READ_ALL,
    followup: NOTHING,
    product: READ_ALL,
    competitor: NOTHING,
    quote: NOTHING,
    // Finance keeps the books: every contract, read and write, no delete.
    contract: { create: true, read: ALL, update: ALL, delete: NONE, export: true },
  },
};

// ---- the objects ---------------------------------------------------------------------------------

// The field that names a record (follow-ups have none: their content identifies them), its label
// as an export header, and a harmless field an update may change.
const OBJECTS = {
  lead: { nameField: 'name', label: '姓名', update: { remark: '矩阵修改' } },
  customer: { nameField: 'name', label: '客户名称', update: { remark: '矩阵修改' } },
  contact: { nameField: 'name', label: '姓名', update: { remark: '矩阵修改' } },
  opportunity: { nameField: 'name', label: '商机名称', update: { remark: '矩阵修改' } },
  followup: { nameField: 'content', label: '跟进内容', update: { next_followup_at: '2031-01-02T10:00:00+08:00' } },
  product: { nameField: 'name', label: '产品名称', update: { description: '矩阵修改' } },
  competitor: { nameField: 'name', label: '名称', update: { remark: '矩阵修改' } },
  quote: { nameField: 'name', label: '报价单标题', update: { remark: '矩阵修改' } },
  contract: { nameField: 'name', label: '合同名称', update: { remark: '矩阵修改' } },
};
// Customers come first in set-up (the others point to them). The tests run customer last: its
// deletes would otherwise blank the lookup labels the contact/opportunity/follow-up tests check.
const TEST_ORDER = ['lead', 'contact', 'opportunity', 'followup', 'product', 'competitor', 'quote', 'contract', 'customer'];
const WITH_CUSTOMER = new Set(['contact', 'opportunity', 'followup', 'quote', 'contract']);

// The customer a record of a relation points to: the same relation, except that the caller's
// read-only collaboration points to the unrelated department's customer, so a record the caller
// may read links to a customer they may not (its label must not show).
const customerRelationFor = (rel) => (rel === 'collab_r' ? 'other' : rel);

const ROLE_SHORT = { admin: 'ad', sales_manager: 'sm', sales: 'sa', service: 'sv', finance: 'fi' };
const nameOf = (role, object, rel) => `权限矩阵 ${ROLE_SHORT[role]} ${object} ${rel}`;

function bodyFor(object, name, extra = {}) {
  if (object === 'followup') return { type: 'phone', content: name, ...extra };
  if (object === 'contract') return { name, amount: '1000.00', ...extra };
  return { name, ...extra };
}

// ---- helpers -------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The server writes every cell quoted where needed; blank lines are not rows.
const parseCsv = (text) => parseCsvRows(text).filter((r) => !(r.length === 1 && r[0] === ''));

/** Runs an export to the contract (202 job → poll → file); returns {status, job?, csv?, error?}. */
async function runExport(client, object, body = { format: 'csv' }) {
  const start = await client.post(`/api/v1/objects/${object}/export`, body);
  if (start.status !== 202) return { status: start.status, res: start };
  let job = start.json;
  const deadline = Date.now() + 30000;
  while (job && job.status !== 'done' && job.status !== 'failed' && Date.now() < deadline) {
    await sleep(100);
    const poll = await client.get(`/api/v1/jobs/${start.json.id}`);
    if (poll.status !== 200) return { status: 202, job, error: `GET job → ${poll.status} ${poll.text}` };
    job = poll.json;
  }
  if (job?.status !== 'done') return { status: 202, job, error: `export job did not finish: ${JSON.stringify(job)}` };
  const file = await client.get(`/api/v1/jobs/${start.json.id}/file`, { raw: true });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes); // keeps the BOM
  if (file.status !== 200) return { status: 202, job, error: `GET job file → ${file.status} ${text.slice(0, 200)}` };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { status: 202, job, csv: parseCsv(text), bom };
}

// ---- one enterprise per role ---------------------------------------------------------------------

/**
 * Builds the enterprise for `role` and returns
 * {admin, caller, users: {rel → user}, records: {object → {rel → record}}, collabProblems: []}.
 */
async function buildWorld(role) {
  const { client: admin } = await registerEnterprise(server.baseUrl, { company: `权限矩阵${ROLE_SHORT[role]}有限公司` });
  const roles = await roleIdsByCode(admin);
  const root = await rootOf(admin);
  const d1 = await mustCreate(admin, '/api/v1/departments', { name: '矩阵一部', parent_id: root.id });
  const d1a = await mustCreate(admin, '/api/v1/departments', { name: '矩阵一部华东组', parent_id: d1.id });
  const d2 = await mustCreate(admin, '/api/v1/departments', { name: '矩阵二部', parent_id: root.id });

  const makeUser = (name, dept, roleCode, supervisorId = null) =>
    addUser(admin, { name, dept, roleIds: [roles[roleCode]], password: PASSWORD, supervisorId });
  const [callerUser, peer, branch, other] = await Promise.all([
    makeUser('调用者', d1, role),
    makeUser('同部门同事', d1, 'sales'),
    makeUser('下级部门员工', d1a, 'sales'),
    makeUser('其他部门员工', d2, 'sales'),
  ]);
  const owners = { own: callerUser, peer, branch, other };
  owners.sub1 = await makeUser('直属下属', d2, 'sales', callerUser.id);
  owners.sub2 = await makeUser('下属的下属', d2, 'sales', owners.sub1.id);
  owners.collab_r = owners.other;
  owners.collab_w = owners.other;
  const caller = await signIn(server.baseUrl, callerUser.phone, PASSWORD);

  const records = {};
  const collabProblems = [];
  const createAll = async (object) => {
    records[object] = {};
    await Promise.all(
      RELATIONS.map(async (rel) => {
        const extra = { owner_id: owners[rel].id };
        if (WITH_CUSTOMER.has(object)) extra.customer_id = records.customer[customerRelationFor(rel)].id;
        records[object][rel] = await mustCreate(admin, `/api/v1/objects/${object}/records`, bodyFor(object, nameOf(role, object, rel), extra));
      }),
    );
    await Promise.all(
      [['collab_r', false], ['collab_w', true]].map(async ([rel, canEdit]) => {
        const path = `/api/v1/objects/${object}/records/${records[object][rel].id}/collaborators`;
        const res = await admin.post(path, { user_id: callerUser.id, can_edit: canEdit });
        if (res.status !== 201) collabProblems.push(`POST ${path} → ${res.status} ${res.text.slice(0, 120)}`);
      }),
    );
  };
  await createAll('customer'); // the others point to customers
  await Promise.all(TEST_ORDER.filter((o) => o !== 'customer').map(createAll));
  return { admin, caller, owners, records, collabProblems };
}

// ---- the matrix ----------------------------------------------------------------------------------

let cellsChecked = 0;

// The roles' enterprises are independent: their suites run side by side; within one, in order.
describe('permission matrix', { concurrency: true }, () => {
  for (const role of Object.keys(EXPECTED)) {
    describe(`role ${role}`, { concurrency: 1 }, () => {
      let world;
      before(async () => {
        world = await buildWorld(role);
      });

      test(`${role}: collaborators were added (set-up for the collab_r / collab_w columns)`, () => {
        assert.deepEqual(world.collabProblems, [], 'POST …/collaborators must work for the matrix to hold');
      });

      for (const object of TEST_ORDER) {
        test(`${role} × ${object}: create, get, list, query, search, update, delete, export × owner relations`, async () => {
          const exp = EXPECTED[role][object];
          const meta = OBJECTS[object];
          const { caller, records } = world;
          const wrong = [];
          const check = (ok, what) => {
            cellsChecked += 1;
            if (!ok) wrong.push(what);
          };
          const base = `/api/v1/objects/${object}`;
          const nameToRel = new Map(RELATIONS.map((rel) => [nameOf(role, object, rel), rel]));
          const allIds = RELATIONS.map((rel) => records[object][rel].id);
          const expectedRead = new Set(exp.read);
          const describeSet = (got) => `got [${[...got].sort()}] expected [${[...expectedRead].sort()}]`;

          // A page of records → the set of relations it holds (and anything unexpected).
          const relsOf = (res, action) => {
            const got = new Set();
            if (res.status !== 200) {
              wrong.push(`${action}: ${res.status} ${res.text.slice(0, 200)}`);
              return got;
            }
            for (const r of res.json.records) {
              const rel = nameToRel.get(r[meta.nameField]);
              if (!rel) wrong.push(`${action}: unexpected record ${JSON.stringify(r[meta.nameField])} (id ${r.id})`);
              else got.add(rel);
            }
            return got;
          };
          const checkPage = (res, action) => {
            const got = relsOf(res, action);
            for (const rel of RELATIONS) check(got.has(rel) === expectedRead.has(rel), `${action} ${rel}: ${describeSet(got)}`);
            if (res.status === 200) {
              check(res.json.total === expectedRead.size, `${action}: total ${res.json.total} != ${expectedRead.size}`);
              check(res.json.next_cursor === null, `${action}: next_cursor should be null`);
            }
            return res.status === 200 ? res.json.records : [];
          };

          // list, query, search (trigram and short-word paths), each with its total
          const listed = checkPage(await caller.get(`${base}/records?limit=200`), 'list');
          checkPage(await caller.post(`${base}/query`, { filter: { field: 'id', op: 'in', value: allIds }, limit: 200 }), 'query id in');
          checkPage(
            await caller.post(`${base}/query`, { filter: { field: meta.nameField, op: 'starts_with', value: '权限矩阵' }, limit: 200 }),
            'query starts_with',
          );
          checkPage(await caller.get(`${base}/records?limit=200&q=${encodeURIComponent('权限矩阵')}`), 'search q (GET)');
          checkPage(await caller.post(`${base}/query`, { q: '矩阵', limit: 200 }), 'search q two characters');
          // A record's own full name, for one readable and one unreadable record (when there are).
          for (const rel of [exp.read[0], RELATIONS.find((r) => !expectedRead.has(r))].filter(Boolean)) {
            const res = await caller.post(`${base}/query`, { q: nameOf(role, object, rel), limit: 10 });
            const want = expectedRead.has(rel) ? 1 : 0;
            check(res.status === 200 && res.json.records.length === want && res.json.total === want, `search by name ${rel}: ${res.status} ${res.json?.total}, expected ${want}`);
          }
          // Counts alone (a list of one row still counts everything in scope).
          const one = await caller.get(`${base}/records?limit=1`);
          check(one.status === 200 && one.json.total === expectedRead.size, `list limit=1 total ${one.json?.total} != ${expectedRead.size}`);

          // Lookup labels never name a customer the caller may not read.
          if (WITH_CUSTOMER.has(object)) {
            const customerRead = new Set(EXPECTED[role].customer.read);
            for (const r of listed) {
              const rel = nameToRel.get(r[meta.nameField]);
              if (!rel) continue;
              const crel = customerRelationFor(rel);
              const want = customerRead.has(crel) ? nameOf(role, 'customer', crel) : null;
              check(r._display?.customer_id === want, `_display.customer_id of ${rel}: ${JSON.stringify(r._display?.customer_id)} expected ${JSON.stringify(want)}`);
            }
          }

          // export: the same records as the list, or 403
          const ex = await runExport(caller, object, { format: 'csv' });
          if (!exp.export) {
            check(ex.status === 403, `export: ${ex.status} expected 403 ${ex.res?.text?.slice(0, 200) ?? ''}`);
          } else if (ex.status !== 202 || !ex.csv) {
            check(false, `export: ${ex.status} ${ex.error ?? ex.res?.text?.slice(0, 200)}`);
          } else {
            check(ex.bom, 'export: the CSV starts with a UTF-8 BOM');
            const [header, ...rows] = ex.csv;
            check(header.includes(meta.label), `export: header ${JSON.stringify(header)} lacks ${meta.label}`);
            const got = new Set();
            for (const row of rows) {
              const rel = row.map((cell) => nameToRel.get(cell)).find(Boolean);
              if (!rel) wrong.push(`export: a row that is none of ours: ${JSON.stringify(row).slice(0, 200)}`);
              else got.add(rel);
            }
            for (const rel of RELATIONS) check(got.has(rel) === expectedRead.has(rel), `export ${rel}: ${describeSet(got)}`);
            check(rows.length === expectedRead.size, `export: ${rows.length} rows, expected ${expectedRead.size}`);
          }

          // get: 200 when readable, else 404 — never 403
          await Promise.all(
            RELATIONS.map(async (rel) => {
              const want = expectedRead.has(rel) ? 200 : 404;
              const [res, hist] = await Promise.all([
                caller.get(`${base}/records/${records[object][rel].id}`),
                caller.get(`${base}/records/${records[object][rel].id}/history`), // answers like get
              ]);
              check(res.status === want, `get ${rel}: ${res.status} expected ${want}`);
              if (res.status === 200) check(res.json[meta.nameField] === nameOf(role, object, rel), `get ${rel}: wrong record`);
              check(hist.status === want, `history ${rel}: ${hist.status} expected ${want}`);
            }),
          );

          // update: 200 writable, 403 readable only, 404 unreadable
          await Promise.all(
            RELATIONS.map(async (rel) => {
              const res = await caller.patch(`${base}/records/${records[object][rel].id}`, meta.update);
              const want = exp.update.includes(rel) ? 200 : expectedRead.has(rel) ? 403 : 404;
              check(res.status === want, `update ${rel}: ${res.status} expected ${want} ${res.status >= 400 && res.status !== want ? res.text.slice(0, 150) : ''}`);
            }),
          );

          // delete: 204 allowed, 403 readable only, 404 unreadable
          const deletePass = (allowed, label) =>
            Promise.all(
              RELATIONS.map(async (rel) => {
                const res = await caller.delete(`${base}/records/${records[object][rel].id}`);
                const want = allowed.includes(rel) ? 204 : expectedRead.has(rel) ? 403 : 404;
                check(res.status === want, `${label} ${rel}: ${res.status} expected ${want}`);
                if (res.status === 204) {
                  const gone = await caller.get(`${base}/records/${records[object][rel].id}`);
                  check(gone.status === 404, `${label} ${rel}: still readable after delete (${gone.status})`);
                }
              }),
            );
          if (object === 'customer') {
            // Customers cannot be deleted while the enterprise's allow_customer_delete is off (the
            // default, docs/api/crm.md): then nobody deletes, whatever the role; out of scope is
            // still 404. Once an administrator allows it, the delete scope decides.
            await deletePass(NONE, 'delete (customer deletion off)');
            const on = await world.admin.patch('/api/v1/settings/crm', { allow_customer_delete: true });
            check(on.status === 200, `PATCH /settings/crm: ${on.status} ${on.text.slice(0, 150)}`);
          }
          await deletePass(exp.delete, 'delete');

          // create: 201 as the owner, or 403
          const extra = WITH_CUSTOMER.has(object) ? { customer_id: records.customer.own.id } : {};
          const created = await caller.post(`${base}/records`, bodyFor(object, `${nameOf(role, object, 'own')} 新建`, extra));
          check(created.status === (exp.create ? 201 : 403), `create: ${created.status} expected ${exp.create ? 201 : 403} ${created.text.slice(0, 150)}`);
          if (created.status === 201) {
            check(created.json.owner_id === caller.userId, 'create: the caller owns what they create');
            const back = await caller.get(`${base}/records/${created.json.id}`);
            check(back.status === 200, `create: own new record readable (${back.status})`);
          }

          assert.deepEqual(wrong, [], `${role} × ${object}: ${wrong.length} wrong cells`);
        });
      }
    });
  }
});

test('matrix size', (t) => {
  // 5 roles × 9 objects × (8 relations × 14 checks + a few more); reported so a shrinking matrix is noticed.
  t.diagnostic(`${cellsChecked} cells checked`);
  assert.ok(cellsChecked >= 5 * 9 * 100, `only ${cellsChecked} cells were checked`);
});
