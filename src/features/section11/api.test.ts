import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, sessionAs, useApp } from '../../../test/helpers/app.ts';
import { countRows } from '../../../test/helpers/rows.ts';
import { demoActor } from '../../demo/organisation.ts';
import { createRound, executivePanel, addStandard, editStandard, listStandards } from './service.ts';
import { addLeads } from './test-fixtures.ts';

const tokens: Record<string, string> = {};
let roundId: string;
let councilAssessment: string;
let standards: string[];

const t = useApp(async () => {
  await addLeads(t, ['council', 'police']);
  for (const key of ['bm', 'sw', 'lead-council', 'lead-police', 'scrutineer'])
    tokens[key] = await apiToken(t, key);
  ({ id: roundId } = await createRound(t.db, demoActor(t.org, 'bm'), {
    kind: 'section11',
    year: 2026,
    opensOn: '2026-04-01',
    closesOn: '2026-06-30',
    agencyIds: [t.org.agencies.council!, t.org.agencies.police!],
  }));
  const [a] = await t.db.query<{ id: string }>(
    'select id from s11_assessment where round_id = $1 and agency_id = $2',
    [roundId, t.org.agencies.council],
  );
  councilAssessment = a!.id;
  standards = (
    await t.db.query<{ id: string }>(
      `select id from s11_standard where partnership_id = $1 and kind = 'section11' order by position`,
      [t.org.partnershipId],
    )
  ).map((r) => r.id);
});

const call = (key: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${tokens[key]}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    payload: body !== undefined ? JSON.stringify(body) : undefined,
  });

const A = '/api/v1/self-assessments';

test('GET lists and reads for the partnership’s readers; practitioners refused', async () => {
  const list = await call('scrutineer', 'GET', `${A}?round=${roundId}`);
  assert.equal(list.statusCode, 200);
  assert.equal(list.json().selfAssessments.length, 2);
  assert.equal((await call('sw', 'GET', A)).statusCode, 403);
  assert.equal((await call('bm', 'GET', `${A}?round=nonsense`)).statusCode, 400);
  const one = await call('bm', 'GET', `${A}/${councilAssessment}`);
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().answers.length, 8);
  assert.equal((await call('bm', 'GET', `${A}/00000000-0000-4000-8000-000000000000`)).statusCode, 404);
  assert.equal((await call('sw', 'GET', `${A}/${councilAssessment}`)).statusCode, 403);
});

test('POST answers: problem documents for bad input, 403 for another agency, 409 once submitted', async () => {
  const bad = await call('lead-council', 'POST', `${A}/${councilAssessment}/answers`, { rating: 'blue' });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  const fields = JSON.stringify(bad.json());
  for (const f of ['rating', 'narrative', 'standardId']) assert.ok(fields.includes(f), f);
  const body = (standardId: string) => ({
    standardId,
    rating: 'green',
    narrative: 'Done',
    evidence: 'Minutes',
  });
  assert.equal(
    (await call('lead-police', 'POST', `${A}/${councilAssessment}/answers`, body(standards[0]!))).statusCode,
    403,
  );
  assert.equal(
    (await call('bm', 'POST', `${A}/${councilAssessment}/answers`, body(standards[0]!))).statusCode,
    403,
  );
  assert.equal(await countRows(t.db, 's11_answer'), 0);
  const early = await call('lead-council', 'POST', `${A}/${councilAssessment}/submit`);
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /Rate every standard/);
  for (const s of standards) {
    const res = await call('lead-council', 'POST', `${A}/${councilAssessment}/answers`, body(s));
    assert.equal(res.statusCode, 201, res.body);
  }
  const submitted = await call('lead-council', 'POST', `${A}/${councilAssessment}/submit`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal(submitted.json().status, 'submitted');
  const late = await call('lead-council', 'POST', `${A}/${councilAssessment}/answers`, body(standards[0]!));
  assert.equal(late.statusCode, 409);
  assert.match(String(late.headers['content-type']), /application\/problem\+json/);
  assert.equal((await call('lead-council', 'POST', `${A}/${councilAssessment}/submit`)).statusCode, 409);
});

test('standards: the business manager adds and retires one; others refused', async () => {
  const bm = demoActor(t.org, 'bm');
  const { id } = await addStandard(t.db, bm, {
    kind: 'section11',
    title: 'Contextual safeguarding',
    description: '',
  });
  await assert.rejects(
    addStandard(t.db, bm, { kind: 'section11', title: 'Contextual safeguarding', description: '' }),
    /already a standard/,
  );
  await editStandard(t.db, bm, id, {
    title: 'Contextual safeguarding',
    description: 'Harm outside the home',
    active: false,
  });
  const list = await listStandards(t.db, bm);
  assert.equal(list.find((s) => s.id === id)?.active, false);
  await assert.rejects(
    addStandard(t.db, demoActor(t.org, 'sw'), { kind: 'schools', title: 'X', description: '' }),
    {
      status: 403,
    },
  );
  const bmPage = await sessionAs(t, 'bm');
  const bad = await bmPage.post('/partnership/section-11/standards/new', { kind: '', title: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter the standard/);
});

test('the executive’s panel: the latest section 11 round by RAG, with its table', async () => {
  const panel = await executivePanel(t.db, demoActor(t.org, 'scrutineer'));
  assert.equal(panel.href, '/partnership/section-11');
  assert.ok(
    panel.headlines.some((h) => /0 red, 0 amber, 8 green/.test(h)),
    panel.headlines.join('; '),
  );
  assert.deepEqual(panel.chart?.table.head, ['Agency', 'Red', 'Amber', 'Green', 'Not rated']);
  assert.equal(panel.chart?.table.rows.length, 2);
  await assert.rejects(executivePanel(t.db, demoActor(t.org, 'sw')), { status: 403 });
});
