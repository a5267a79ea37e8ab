// The practice reviews API: the pages' rules and access through tokens, with problem documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, useApp } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { auditCount, countRows } from '../../../test/helpers/rows.ts';
import { londonToday } from '../../platform/dates.ts';
import { reviewFamily, type Family } from './test-fixtures.ts';

let f: Family;
let stranger = '';
const tokens: Record<string, string> = {};
const t = useApp(async () => {
  f = await reviewFamily(t);
  stranger = await insertPerson(t, { given: 'Otto', family: 'Farrowdale', dob: '2013-02-03' });
  for (const k of ['tm', 'bm', 'leadpolice', 'leadschool', 'scrutineer', 'sw'])
    tokens[k] = await apiToken(t, k);
});

async function call(key: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${tokens[key]}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.statusCode, json: res.body ? res.json() : undefined, body: res.body };
}
const fields = (json: { errors?: { field: string }[] }) => (json.errors ?? []).map((e) => e.field).sort();
const notifyBody = (personId: string) => ({
  personId,
  criteria: ['serious_harm', 'abuse_or_neglect'],
  whatHappened: 'Found severely neglected.',
  awareOn: londonToday(),
  pseudonym: 'Child Ak',
});
let id = '';

test('bad input is a 400 problem document naming each field; nothing is written', async () => {
  const res = await call('tm', 'POST', '/api/v1/serious-incidents', {
    criteria: ['nonsense'],
    awareOn: '2026-02-30',
  });
  assert.equal(res.status, 400);
  assert.deepEqual(fields(res.json), ['awareOn', 'criteria-0', 'pseudonym', 'whatHappened']);
  assert.equal(await countRows(t.db, 'review'), 0);
});

test('a notification for a child the caller cannot see is refused and leaks nothing', async () => {
  const res = await call('tm', 'POST', '/api/v1/serious-incidents', notifyBody(stranger));
  assert.ok([403, 404].includes(res.status), String(res.status));
  assert.doesNotMatch(res.body, /Farrowdale|Otto/);
  assert.equal((await call('sw', 'POST', '/api/v1/serious-incidents', notifyBody(f.child))).status, 403);
  assert.equal(await countRows(t.db, 'review'), 0);
});

test('the council notifies; a rapid review without a notification is not found', async () => {
  const res = await call('tm', 'POST', '/api/v1/serious-incidents', notifyBody(f.child));
  assert.equal(res.status, 201, res.body);
  id = res.json.id;
  const missing = await call(
    'bm',
    'POST',
    '/api/v1/rapid-reviews/00000000-0000-4000-8000-000000000000/chronology',
    {
      periodFrom: '2025-01-01',
      periodTo: londonToday(),
    },
  );
  assert.equal(missing.status, 404);
  const assembled = await call('bm', 'POST', `/api/v1/rapid-reviews/${id}/chronology`, {
    periodFrom: '2025-01-01',
    periodTo: londonToday(),
  });
  assert.equal(assembled.status, 200, assembled.body);
  assert.deepEqual(assembled.json, { entries: 3, people: 3 });
  const read = await call('scrutineer', 'GET', `/api/v1/rapid-reviews/${id}`);
  assert.equal(read.status, 200);
  assert.ok(
    read.json.agencies.some((a: { entries: { subject: string }[] }) =>
      a.entries.some((e) => e.subject === 'Adult 1'),
    ),
  );
  assert.ok(await auditCount(t.db, { action: 'review.report_viewed', entityId: id }));
  // The school takes part (its records are in the chronology); an agency that does not sees nothing.
  assert.equal((await call('leadschool', 'GET', `/api/v1/serious-incidents/${id}`)).status, 200);
});

test('the decision, a recommendation closed only when its actions are done, publication refused unsigned', async () => {
  const decided = await call('bm', 'POST', `/api/v1/rapid-reviews/${id}/decision`, {
    meetingOn: londonToday(),
    meetingNotes: 'Met',
    learning: 'Share the next day',
    themes: ['information_sharing'],
    commission: true,
    decisionReasons: 'Learning for all',
  });
  assert.equal(decided.status, 200, decided.body);
  const rec = await call('bm', 'POST', `/api/v1/practice-reviews/${id}/recommendations`, {
    text: 'Share the next day',
    ownerAgencyId: t.org.agencies.police,
    themes: ['information_sharing'],
  });
  assert.equal(rec.status, 201, rec.body);
  const action = await call(
    'bm',
    'POST',
    `/api/v1/practice-reviews/${id}/recommendations/${rec.json.id}/actions`,
    {
      title: 'Next-day notifications',
      ownerAgencyId: t.org.agencies.police,
      dueOn: '2030-01-31',
    },
  );
  assert.equal(action.status, 201, action.body);
  const open = await call(
    'bm',
    'POST',
    `/api/v1/practice-reviews/${id}/recommendations/${rec.json.id}/close`,
  );
  assert.equal(open.status, 409);
  assert.match(open.json.detail, /Next-day notifications/);
  const decision = await call('bm', 'POST', `/api/v1/practice-reviews/${id}/publication`, {
    publish: true,
    publishReasons: 'Learning',
    publicationOn: londonToday(),
    publishedText: 'Jonathan was not heard.',
  });
  assert.equal(decision.status, 204, decision.body);
  // The practitioners who recorded the chronology stay named for anonymising (none was listed here).
  const professionals = await countRows(
    t.db,
    `review_subject where review_id = $1 and role = 'professional'`,
    [id],
  );
  assert.equal(professionals, 3, 'the teacher, the police officer and the health visitor');
  const unsigned = await call('bm', 'POST', `/api/v1/practice-reviews/${id}/publish`);
  assert.equal(unsigned.status, 400);
  assert.match(JSON.stringify(unsigned.json), /must sign off/);
  assert.match(JSON.stringify(unsigned.json), /“Jonathan” \(a name of Child Ak\), line 1/);
  assert.equal((await call('leadpolice', 'POST', `/api/v1/practice-reviews/${id}/publish`)).status, 403);
});
