// /api/v1 casework refusals: no token, a child the caller may not see, bad input as problem
// documents, malformed bodies and casework rules; nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { call, childOnPlan, count, useApi, visit } from './api-support.ts';
import { auditCount, auditRows } from '../../../test/helpers/rows.ts';
import { makeChild } from './test-support.ts';

const api = useApi();
const { t } = api;

test('a token is required on every casework route (401)', async () => {
  for (const [method, url, body] of [
    ['GET', `/api/v1/people/${api.poppy}/casework`],
    ['GET', `/api/v1/people/${api.poppy}/voice`],
    ['GET', '/api/v1/my-work'],
    ['POST', `/api/v1/people/${api.poppy}/visits`, visit()],
    [
      'POST',
      `/api/v1/people/${api.poppy}/voice`,
      { words: 'x', methods: ['play'], gatheredOn: '2024-05-01' },
    ],
  ] as const) {
    const anon = await call(method, url, body, { token: null });
    assert.equal(anon.statusCode, 401, `${method} ${url}`);
    assert.match(String(anon.headers['content-type']), /application\/problem\+json/);
    const forged = await call(method, url, body, { token: 'not-a-real-token' });
    assert.equal(forged.statusCode, 401, `${method} ${url} with a forged token`);
  }
  assert.equal(await count('visit', api.poppy), 0);
});

test('access: an unrelated child 403, a restricted child 404 like one that does not exist, nothing leaked or written', async () => {
  const stranger = await makeChild(t, 'Zebedee', { involved: false });
  await t.db.query(`update person set family_name = 'Quarrington' where id = $1`, [stranger]);
  const hidden = await makeChild(t, 'Xanthe', { involved: false });
  await t.db.query(`update person set restricted = true, family_name = 'Quarrington' where id = $1`, [
    hidden,
  ]);
  const missing = crypto.randomUUID();
  const routes = (id: string) =>
    [
      ['GET', `/api/v1/people/${id}/casework`],
      ['GET', `/api/v1/people/${id}/voice`],
      ['POST', `/api/v1/people/${id}/visits`, visit()],
      ['POST', `/api/v1/people/${id}/voice`, { words: 'x', methods: ['play'], gatheredOn: '2024-05-01' }],
    ] as const;
  for (const [method, url, body] of routes(stranger)) {
    const res = await call(method, url, body);
    assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
    assert.doesNotMatch(res.body, /Zebedee|Quarrington/);
  }
  for (const [i, [method, url, body]] of routes(hidden).entries()) {
    const res = await call(method, url, body);
    assert.equal(res.statusCode, 404, `${method} ${url}`);
    assert.doesNotMatch(res.body, /Xanthe|Quarrington/);
    const [, otherUrl] = routes(missing)[i]!;
    const none = await call(method, otherUrl, body);
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().detail, res.json().detail, 'a restricted child answers as missing');
  }
  for (const [method, url, body] of routes('not-a-uuid')) {
    assert.equal((await call(method, url, body)).statusCode, 404, `${method} ${url}`);
  }
  // Refused looks are audited; nothing was recorded.
  assert.ok((await auditRows(t.db, { action: 'person.access_refused', personId: stranger })).length >= 4);
  assert.ok((await auditRows(t.db, { action: 'person.access_refused', personId: hidden })).length >= 4);
  for (const id of [stranger, hidden]) {
    assert.equal(await count('visit', id), 0);
    assert.equal(await count('child_voice', id), 0);
    assert.equal(await auditCount(t.db, { personId: id, action: 'casework.view' }), 0);
  }
  // A partner practitioner's role may not read or record casework, even for a child their agency knows.
  await t.db.query(
    `insert into involvement (partnership_id, person_id, agency_id, role, started_on) values ($1,$2,$3,'school','2024-01-01')`,
    [t.org.partnershipId, api.poppy, t.org.agencies.school1],
  );
  for (const [method, url, body] of routes(api.poppy)) {
    const res = await call(method, url, body, { token: api.teacherToken });
    assert.equal(res.statusCode, 403, `teacher ${method} ${url}`);
    assert.doesNotMatch(res.body, /Poppy/);
  }
  assert.equal(await count('visit', api.poppy), 0);
});

test('bad input answers 400 with a problem document naming each field, and writes nothing', async () => {
  const child = await childOnPlan('Nell');
  const visits = await count('visit', child);
  const voices = await count('child_voice', child);
  const cases: [string, unknown, string, RegExp][] = [
    ['visits', visit({ seen: 'maybe' }), 'seen', /whether the child was seen: answer yes or no/],
    ['visits', visit({ visitedOn: 20240425 }), 'visitedOn', /date like 2024-03-28/],
    ['visits', visit({ visitedOn: '25/04/2024' }), 'visitedOn', /date like 2024-03-28/],
    ['visits', visit({ visitedOn: '2024-02-31' }), 'visitedOn', /real date/],
    ['visits', visit({ visitedOn: '2099-01-01' }), 'visitedOn', /today or in the past/],
    ['visits', visit({ visitedOn: '2024-01-02' }), 'visitedOn', /before the referral date, 29 February 2024/],
    ['visits', visit({ shoeSize: 9 }), 'form', /shoeSize/],
    ['visits', visit({ seenAlone: undefined }), 'seenAlone', /whether the child was seen alone/],
    [
      'visits',
      visit({ seen: false, notSeenReason: 'Out' }),
      'seenAlone',
      /not seen cannot have been seen alone/,
    ],
    ['visits', visit({ seen: false, seenAlone: false }), 'notSeenReason', /why the child was not seen/],
    ['visits', visit({ voice: undefined }), 'voice', /own words, or explain why/],
    [
      'visits',
      visit({ voiceAbsentReason: 'Asleep' }),
      'voiceAbsentReason',
      /what the child said or showed, or why it is not recorded: not both/,
    ],
    ['visits', visit({ notes: 'x'.repeat(20_001) }), 'notes', /20,000 characters or fewer/],
    ['visits', visit({ notes: 42 }), 'notes', /must be text/],
    ['visits', visit({ voice: 'I am fine' }), 'voice', /voice must be an object/],
    [
      'visits',
      visit({ voice: { words: 'Hi', methods: ['telepathy'] } }),
      'voice-methods-0',
      /“telepathy” is not one of the choices/,
    ],
    ['visits', visit({ voice: { words: 'Hi', methods: ['play'], mood: 'ok' } }), 'voice', /mood/],
    [
      'visits',
      visit({ voice: { words: 'Hi', methods: ['play'], gatheredOn: '2099-01-01' } }),
      'voice-gatheredOn',
      /today or in the past/,
    ],
    ['visits', [visit()], 'form', /.+/],
    ['voice', { methods: ['play'], gatheredOn: '2024-05-01' }, 'words', /Enter what the child said/],
    ['voice', { words: 'Hi', methods: [], gatheredOn: '2024-05-01' }, 'methods', /how the child’s voice/],
    [
      'visits',
      visit({ notSeenReason: 'Out' }),
      'notSeenReason',
      /only for a visit at which the child was not seen/,
    ],
    ['voice', { words: 'Hi', methods: ['play'] }, 'gatheredOn', /Enter the date the child said/],
    [
      'voice',
      { words: 'Hi', methods: ['play'], gatheredOn: '2099-12-31' },
      'gatheredOn',
      /today or in the past/,
    ],
    ['voice', { words: 'Hi', methods: ['play'], gatheredOn: '2024-05-01', context: 'x' }, 'form', /context/],
  ];
  for (const [path, body, field, message] of cases) {
    const res = await call('POST', `/api/v1/people/${child}/${path}`, body);
    const what = `${path} ${field}: ${res.body.slice(0, 300)}`;
    assert.equal(res.statusCode, 400, what);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, what);
    const problem = res.json();
    assert.equal(problem.status, 400);
    const e = (problem.errors as { field: string; message: string }[]).find((x) => x.field === field);
    assert.ok(e, `${field} named in ${JSON.stringify(problem.errors)}`);
    assert.match(e.message, message, what);
  }
  // Every problem at once, not only the first.
  const many = await call('POST', `/api/v1/people/${child}/visits`, { seen: 1, bedroomSeen: 'maybe' });
  assert.deepEqual(
    many.json().errors.map((e: { field: string }) => e.field),
    ['visitedOn', 'seen', 'bedroomSeen'],
  );
  assert.equal(await count('visit', child), visits);
  assert.equal(await count('child_voice', child), voices);
});

test('malformed JSON and an empty body are 400, other content types 415; never a server error', async () => {
  const url = `/api/v1/people/${api.poppy}/visits`;
  const broken = await call('POST', url, '{"visitedOn":', { type: 'application/json' });
  assert.equal(broken.statusCode, 400);
  assert.match(broken.json().detail, /not valid JSON/);
  const empty = await call('POST', url, '', { type: 'application/json' });
  assert.equal(empty.statusCode, 400);
  const nul = await call('POST', url, 'null');
  assert.equal(nul.statusCode, 400);
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await call('POST', url, 'visitedOn=2024-04-25&seen=yes', { type });
    assert.equal(res.statusCode, 415, `${type}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
  const voiceUrl = `/api/v1/people/${api.poppy}/voice`;
  assert.equal((await call('POST', voiceUrl, '{', { type: 'application/json' })).statusCode, 400);
  assert.equal((await call('POST', voiceUrl, 'words=hi', { type: 'text/plain' })).statusCode, 415);
  assert.equal(await count('visit', api.poppy), 0);
});

test('rule refusals: no open episode is 409; an adult’s record has no casework to record', async () => {
  const child = await makeChild(t, 'Otto');
  const res = await call('POST', `/api/v1/people/${child}/visits`, visit());
  assert.equal(res.statusCode, 409, res.body);
  assert.match(res.json().detail, /no open episode of need/);
  const cw = (await call('GET', `/api/v1/people/${child}/casework`)).json();
  assert.equal(cw.current.status, 'none');
  assert.deepEqual(cw.clocks, []);
  assert.deepEqual(cw.episodes, []);
  const adult = await makeChild(t, 'Parent');
  await t.db.query(`update person set kind = 'adult' where id = $1`, [adult]);
  const voiceRes = await call('POST', `/api/v1/people/${adult}/voice`, {
    words: 'Hello',
    methods: ['conversation'],
    gatheredOn: '2024-05-01',
  });
  assert.equal(voiceRes.statusCode, 409);
  assert.match(voiceRes.json().detail, /for children/);
});
