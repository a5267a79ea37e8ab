// The returns through HTTP and through the command line (a real process on the test's database):
// the business manager's pages, the census's failures and the choice to export with them, Annex A's
// workbook, and refusals for everyone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { signedIn, useApp } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { ANNEX_A_LISTS, neutralise } from './service.ts';

let good = '';
let faulty = '';
const t = useApp(async () => {
  const { db, org } = t;
  good = await insertPerson(t, { given: 'Ava', family: 'Selby', dob: '2016-02-03', sex: 'female' });
  faulty = await insertPerson(t, { given: 'Leo', family: 'Rudd', dob: '2012-07-09', sex: 'male' });
  await db.query(`update person set council_id = 'EL900001', ethnicity = 'WBRI', upn = null where id = $1`, [
    good,
  ]);
  await db.query(`update person set ethnicity = 'WBRI' where id = $1`, [faulty]); // no LA child ID: rule 8500
  for (const [person, date] of [
    [good, '2025-06-02'],
    [faulty, '2025-07-01'],
  ] as const) {
    const [e] = await db.query<{ id: string }>(
      `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need)
       values ($1,$2,$3,'2A','N4') returning id`,
      [org.partnershipId, person, date],
    );
    await db.query(
      `insert into assessment (partnership_id, episode_id, person_id, start_date, status, factors, completed_date,
         authorised_date, outcome) values ($1,$2,$3,$4,'authorised','{4B}',$4::date + 20,$4::date + 21,'cin_plan')`,
      [org.partnershipId, e!.id, person, date],
    );
  }
  // A contact the MASH linked to Ava and to an adult: Annex A list 1 names the child only.
  const adult = await insertPerson(t, { given: 'Rae', family: 'Selby', dob: '1990-01-01', kind: 'adult' });
  const [c] = await db.query<{ id: string }>(
    `insert into contact (partnership_id, status, received_at) values ($1, 'open', '2025-05-10T09:00:00Z') returning id`,
    [org.partnershipId],
  );
  for (const person of [good, adult])
    await db.query(`insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)`, [
      c!.id,
      person,
      org.partnershipId,
    ]);
  // A worker's team whose name a spreadsheet would run as a formula.
  const [u] = await db.query<{ id: string; team_id: string }>(
    `select id, team_id from app_user where team_id is not null and 'social_worker' = any(roles) limit 1`,
  );
  await db.query(`update team set name = '=HYPERLINK("http://x")' where id = $1`, [u!.team_id]);
  await db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
    [org.partnershipId, good, u!.id, u!.team_id],
  );
});

test('the business manager sees the census year’s failures, naming the child and the rule', async () => {
  const bm = await signedIn(t.app, 'bm');
  const res = await bm.get('/returns/cin-census?year=2025');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<dd class="govuk-summary-list__value" id="children">2<\/dd>/);
  assert.match(res.body, /<dd class="govuk-summary-list__value" id="error-count">1<\/dd>/);
  assert.match(res.body, /8500[\s\S]*LA Child ID missing[\s\S]*The child’s record: identifiers/);
  assert.doesNotMatch(res.body, /Selby|Rudd/, 'no names on the page: the LA child ID names the child');
  assert.equal((await bm.get('/returns')).statusCode, 200);
});

test('a census with errors exports nothing unless the failures are chosen to go with it', async () => {
  const bm = await signedIn(t.app, 'bm');
  await bm.get('/returns/cin-census?year=2025');
  const refused = await bm.post('/returns/cin-census', { year: '2025' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /govuk-error-summary/);
  assert.match(refused.body, /href="#withFailures"/);
  const chosen = await bm.post('/returns/cin-census', { year: '2025', withFailures: 'yes' });
  assert.equal(chosen.statusCode, 303);
  const file = await bm.get(chosen.headers.location as string);
  assert.equal(file.statusCode, 200);
  assert.match(String(file.headers['content-disposition']), /cin-census-2025-26\.xml/);
  assert.match(file.body, /<LAchildID>EL900001<\/LAchildID>/);
  assert.match(file.body, /<Year>2026<\/Year>/);
  const [row] = await t.db.query<{ n: number }>(
    `select count(*)::int as n from audit_event where action = 'returns.cin_census_exported'`,
  );
  assert.equal(row!.n, 1);
  const csv = await bm.get('/returns/cin-census/failures.csv?year=2025');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /^\uFEFFRule,Kind,LA child ID,Message,Episode referred on\r\n/);
  assert.match(csv.body, /\r\n8500,error,child \d,LA Child ID missing,\r\n/);
  // Without the choice, the address alone does not export it.
  const plain = await bm.get('/returns/cin-census/download?year=2025');
  assert.equal(plain.statusCode, 303);
});

test('Annex A: a bad period is refused with the error summary; a good one is a workbook of lists 1-7', async () => {
  const bm = await signedIn(t.app, 'bm');
  await bm.get('/returns/annex-a');
  const bad = await bm.post('/returns/annex-a', {
    'from-day': '1',
    'from-month': '4',
    'from-year': '2026',
    'to-day': '31',
    'to-month': '3',
    'to-year': '2026',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /The end of the period must be on or after its start/);
  const res = await t.app.inject({
    url: '/returns/annex-a/download?from=2025-04-01&to=2026-03-31',
    headers: { cookie: (bm as unknown as { cookie: string }).cookie },
  });
  assert.equal(res.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(
    book.worksheets.map((s) => s.name),
    ANNEX_A_LISTS.map((l) => `List ${l.number}`),
  );
  const list1 = book.getWorksheet('List 1')!;
  assert.equal(list1.rowCount, 2, 'one contact, one child on it');
  assert.equal(list1.getRow(2).getCell(1).value, 'EL900001');
  const list6 = book.getWorksheet('List 6')!;
  const header = (list6.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(
    header,
    ANNEX_A_LISTS[5]!.columns.map((c) => c.name),
  );
  assert.equal(list6.rowCount, 3);
  const goodRow = [2, 3].map((r) => list6.getRow(r)).find((r) => r.getCell(1).value === 'EL900001')!;
  assert.equal(goodRow.getCell(2).value, 'b) Female');
  assert.equal(goodRow.getCell(3).value, 'a) WBRI');
  assert.equal(goodRow.getCell(8).value, 'N4 - Family in acute stress');
  assert.equal(goodRow.getCell(13).value, `'=HYPERLINK("http://x")`, 'the formula is neutralised');
});

test('formula injection is neutralised at the start of any text cell', () => {
  for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) assert.equal(neutralise(s), `'${s}`);
  assert.equal(neutralise('Kingsmead'), 'Kingsmead');
});

test('everyone without returns.produce is refused the pages and the downloads', async () => {
  for (const key of ['sw', 'mash']) {
    const c = await signedIn(t.app, key);
    for (const url of [
      '/returns',
      '/returns/cin-census',
      '/returns/cin-census/failures.csv',
      '/returns/annex-a',
      '/returns/annex-a/download',
    ])
      assert.equal((await c.get(url)).statusCode, 403, `${key} ${url}`);
  }
});

test('the command line: cin-census refuses a census with errors unless --allow-errors; validate-cin and annex-a', async () => {
  const [{ name }] = (await t.db.query<{ name: string }>('select current_database() as name')) as [
    { name: string },
  ];
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'together-returns-'));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url.toString(), NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  try {
    const out = path.join(dir, 'census.xml');
    const refused = run('cin-census', '--year', '2025', '--out', out);
    assert.equal(refused.code, 1, refused.err);
    assert.match(refused.err, /^8500\t/m);
    assert.ok(!fs.existsSync(out));
    const allowed = run('cin-census', '--year', '2025', '--out', out, '--allow-errors');
    assert.equal(allowed.code, 0, allowed.err);
    const checked = run('validate-cin', out);
    assert.equal(checked.code, 1);
    assert.match(checked.out, /^8500\tchild \d\tLA Child ID missing$/m);
    const fixture = run('validate-cin', 'test/fixtures/cin-census/CIN_la_issues_2887Q.xml');
    assert.match(fixture.out, /^2887Q\t\tPlease check/m);
    fs.writeFileSync(path.join(dir, 'bad.xml'), '<Message>\n<Header>\n</Message>');
    const bad = run('validate-cin', path.join(dir, 'bad.xml'));
    assert.equal(bad.code, 1);
    assert.match(bad.err, /line 3/);
    assert.match(bad.err, /Expected closing tag 'Header'/);
    // An import from another system: kept with what the validator found; a malformed file is refused.
    const imported = run('import-cin', 'test/fixtures/cin-census/fake_CIN_data.xml');
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.err, /Imported 332 children/);
    const [kept] = await t.db.query<{ children: number; errors: number; file_name: string }>(
      'select children, errors, file_name from cin_census_import',
    );
    assert.equal(kept!.children, 332);
    assert.ok(kept!.errors > 0);
    assert.equal(kept!.file_name, 'fake_CIN_data.xml');
    const refusedImport = run('import-cin', path.join(dir, 'bad.xml'));
    assert.equal(refusedImport.code, 1);
    assert.match(refusedImport.err, /^Refused .*bad\.xml: line 3: /m);
    const [{ n }] = (await t.db.query<{ n: number }>('select count(*)::int as n from cin_census_import')) as [
      { n: number },
    ];
    assert.equal(n, 1);
    const page = await (await signedIn(t.app, 'bm')).get('/returns');
    assert.match(page.body, /fake_CIN_data\.xml/);
    const xlsx = path.join(dir, 'annex.xlsx');
    const annex = run('annex-a', '--from', '2025-04-01', '--to', '2026-03-31', '--out', xlsx);
    assert.equal(annex.code, 0, annex.err);
    assert.ok(fs.statSync(xlsx).size > 1000);
    assert.equal(run('annex-a', '--from', '2025-13-01', '--to', '2026-03-31', '--out', xlsx).code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
