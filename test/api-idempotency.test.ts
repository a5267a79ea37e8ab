// Every POST of the API that creates a record takes an Idempotency-Key: the same request sent three
// times at once makes one record; the same key with a different body is refused; a request that
// failed leaves the key free.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, useApp } from './helpers/app.ts';
import { demoActor } from '../src/demo/organisation.ts';
import { makeChild, makeReferral } from '../src/features/casework/test-support.ts';
import { startEpisode } from '../src/features/casework/episodes.ts';

let child: string;
let sw: string;
let tm: string;

const t = useApp(async () => {
  child = await makeChild(t, 'Ellie', { involved: false });
  await t.db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
    [t.org.partnershipId, child, t.org.users.sw, t.org.teams['council:Assessment Team North']],
  );
  const referral = await makeReferral(t, child, '2024-02-29', 'section_17');
  await startEpisode(t.db, demoActor(t.org, 'sw'), child, {
    referral,
    referralSource: '2A',
    primaryNeed: 'N1',
  });
  sw = await apiToken(t, 'sw');
  tm = await apiToken(t, 'tm');
});

function post(token: string, url: string, body: unknown, key?: string) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: JSON.stringify(body),
  });
}

async function count(sql: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`);
  return row!.n;
}

const CREATES = () => [
  {
    url: '/api/v1/people',
    body: { kind: 'child', givenName: 'Retry', familyName: 'Person', dateOfBirth: '2015-01-01' },
    records: () => count(`person where family_name = 'Person'`),
  },
  {
    url: `/api/v1/people/${child}/chronology`,
    body: {
      occurredOn: '2024-03-01',
      category: 'education',
      significance: 'low',
      visibility: 'partnership',
      summary: 'Retried',
    },
    records: () => count(`chronology_entry where summary = 'Retried'`),
  },
  {
    url: `/api/v1/people/${child}/visits`,
    body: {
      visitedOn: '2024-03-04',
      seen: true,
      seenAlone: true,
      bedroomSeen: true,
      voiceAbsentReason: 'Asleep',
    },
    records: () => count(`visit where person_id = '${child}'`),
  },
  {
    url: `/api/v1/people/${child}/voice`,
    body: { words: 'I said it once', methods: ['seen_alone'], gatheredOn: '2024-03-04' },
    records: () => count(`child_voice where words = 'I said it once'`),
  },
  {
    url: '/api/v1/referrals',
    body: {
      children: [{ givenName: 'Retry', familyName: 'Referral', dateOfBirth: '2016-05-04', sex: 'female' }],
      address: null,
      concern: 'Sent three times',
      childSaid: { status: 'not_asked' },
      immediateRisk: { status: 'no' },
      consent: { familyAware: true, consent: 'given' },
      referrer: { jobTitle: 'Social worker' },
    },
    records: () => count(`contact where concern = 'Sent three times'`),
  },
];

test('three identical POSTs at once with one key make one record, and the retries say so', async () => {
  for (const c of CREATES()) {
    const before = await c.records();
    const replies = await Promise.all([1, 2, 3].map(() => post(sw, c.url, c.body, `retry-${c.url}`)));
    assert.deepEqual(
      replies.map((r) => r.statusCode),
      [201, 201, 201],
      `${c.url}: ${replies.map((r) => r.body.slice(0, 120)).join(' | ')}`,
    );
    assert.equal((await c.records()) - before, 1, `${c.url}: one record`);
    assert.equal(new Set(replies.map((r) => r.body)).size, 1, `${c.url}: the same answer each time`);
    assert.equal(replies.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 2, c.url);
    assert.equal(new Set(replies.map((r) => String(r.headers.location))).size, 1);
    // Later, the same again: still one record.
    const later = await post(sw, c.url, c.body, `retry-${c.url}`);
    assert.equal(later.statusCode, 201);
    assert.equal((await c.records()) - before, 1, `${c.url}: still one record`);
  }
});

test('the same key with a different body is refused with 409, and nothing is made', async () => {
  const url = `/api/v1/people/${child}/chronology`;
  const body = {
    occurredOn: '2024-03-02',
    category: 'education',
    significance: 'low',
    visibility: 'partnership',
    summary: 'First',
  };
  assert.equal((await post(sw, url, body, 'k-409')).statusCode, 201);
  const other = await post(sw, url, { ...body, summary: 'Second' }, 'k-409');
  assert.equal(other.statusCode, 409);
  assert.equal(other.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.match(other.json().detail, /already used for a different request/);
  assert.equal(await count(`chronology_entry where summary = 'Second'`), 0);
  // Keys are each user's own: another user's request with the same key is a new one.
  assert.equal((await post(tm, url, { ...body, summary: 'Second' }, 'k-409')).statusCode, 201);
});

test('a request that failed keeps nothing: the corrected retry with the same key is made', async () => {
  const url = `/api/v1/people/${child}/chronology`;
  const bad = await post(
    sw,
    url,
    { occurredOn: '2024-02-31', category: 'education', summary: 'Fixed' },
    'k-fix',
  );
  assert.equal(bad.statusCode, 400);
  const good = await post(
    sw,
    url,
    {
      occurredOn: '2024-02-28',
      category: 'education',
      significance: 'low',
      visibility: 'partnership',
      summary: 'Fixed',
    },
    'k-fix',
  );
  assert.equal(good.statusCode, 201);
  assert.equal(await count(`chronology_entry where summary = 'Fixed'`), 1);
});

test('a key that is not 1 to 200 visible characters is refused by name', async () => {
  const res = await post(
    sw,
    `/api/v1/people/${child}/voice`,
    { words: 'x', methods: ['play'], gatheredOn: '2024-03-04' },
    ' ',
  );
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().errors[0].field, 'Idempotency-Key');
});

test('a replay is audited against the child', async () => {
  const rows = await t.db.query(
    `select 1 from audit_event where action = 'api.replayed' and person_id = $1`,
    [child],
  );
  assert.ok(rows.length >= 4, `${rows.length} replays of the child's records audited`);
});
