// The drift report over real casework rows: 60 children with episodes open long ago and never
// reviewed, each drifting twice (no review; the assessment never started and over 45 working days).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { DriftFact } from '../casework/service.ts';
import type { CaseworkReads } from './shared.ts';
import { DRIFT_FACTS_TTL_MS, partnershipDrift } from './drift.ts';
import { driftReport } from './service.ts';
import { fakeSource } from './test-fixtures.ts';

let scrutineer: Client;
const team = (name: string) => t.org.teams[`council:${name}`]!;

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  // Pager 01 to Pager 60, referred a day apart from 1 February 2025.
  const children = await t.db.query<{ id: string; n: number }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth)
     select $1, 'child', 'Pager', lpad(n::text, 2, '0'), '2016-05-01' from generate_series(1, 60) n
     returning id, family_name::int as n`,
    [pid],
  );
  for (const c of children) {
    await t.db.query(
      `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need)
       values ($1,$2,date '2025-01-31' + $3::int,'1A','N1')`,
      [pid, c.id, c.n],
    );
    // 1-30 in Assessment Team North, 31-50 in the Child Protection Team, 51-60 nobody.
    const [user, teamName] =
      c.n <= 30 ? ['sw', 'Assessment Team North'] : c.n <= 50 ? ['sw2', 'Child Protection Team'] : [];
    if (user)
      await t.db.query(
        `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
        [pid, c.id, t.org.users[user], team(teamName!)],
      );
  }
  scrutineer = await signedIn(t.app, 'scrutineer');
});

const names = (body: string) => [...body.matchAll(/>Pager (\d\d)</g)].map((m) => m[1]);
const listedFor = async (user: string) =>
  (
    await t.db.query<{ person_id: string }>(
      `select distinct person_id from audit_event where action = 'person.listed' and detail->>'page' = 'drift'
       and user_id = $1`,
      [t.org.users[user]],
    )
  ).map((r) => r.person_id);

test('the scrutineer’s report: counts over every page, 50 cases a page, only the page’s children audited', async () => {
  const first = await scrutineer.get('/reports/drift');
  assert.equal(first.statusCode, 200);
  const counts = [...first.body.matchAll(/govuk-table__cell--numeric">(\d+)</g)].map((m) => Number(m[1]));
  assert.deepEqual(counts, [60, 60, 0, 0]);
  assert.match(first.body, /120 cases; showing 1 to 50/);
  assert.equal(names(first.body).length, 50);
  assert.match(first.body, /govuk-pagination/);
  assert.match(first.body, /href="\/reports\/drift\?page=2"/);
  const report = await driftReport(t.db, demoActor(t.org, 'scrutineer'), {});
  const shown = new Set(report.rows.map((r) => r.personId));
  assert.ok(shown.size < 60, 'a page names fewer than every child');
  assert.deepEqual(new Set(await listedFor('scrutineer')), shown);

  const second = await scrutineer.get('/reports/drift?page=2');
  assert.equal(second.statusCode, 200);
  assert.match(second.body, /showing 51 to 100/);
  assert.equal(names(second.body).length, 50);
  // Longest first: no review since the referral (1 February to 1 April 2025) before the
  // assessments, late from early April.
  const pad = (n: number) => String(n).padStart(2, '0');
  assert.deepEqual(
    names(first.body),
    Array.from({ length: 50 }, (_, i) => pad(i + 1)),
  );
  assert.deepEqual(
    names(second.body).slice(0, 10),
    Array.from({ length: 10 }, (_, i) => pad(i + 51)),
  );
});

test('a page past the end shows the last page; a page that is not a number shows the first', async () => {
  const last = await scrutineer.get('/reports/drift?page=99');
  assert.equal(last.statusCode, 200);
  assert.match(last.body, /showing 101 to 120/);
  assert.equal(names(last.body).length, 20);
  for (const page of ['abc', '0', '-1', '1e3']) {
    const res = await scrutineer.get(`/reports/drift?page=${page}`);
    assert.equal(res.statusCode, 200, page);
    assert.match(res.body, /showing 1 to 50/, page);
  }
});

test('filter by kind: the counts stay those of every kind; page links keep the filter', async () => {
  const late = await scrutineer.get('/reports/drift?kind=assessment_over_45_days');
  assert.equal(late.statusCode, 200);
  assert.match(late.body, /60 cases; showing 1 to 50/);
  assert.match(late.body, /href="\/reports\/drift\?kind=assessment_over_45_days&amp;page=2"/);
  assert.doesNotMatch(late.body, /Episodes open for months without a review<\/td>/);
  const counts = [...late.body.matchAll(/govuk-table__cell--numeric">(\d+)</g)].map((m) => Number(m[1]));
  assert.deepEqual(counts, [60, 60, 0, 0]);
  const none = await scrutineer.get('/reports/drift?kind=repeat_plan');
  assert.equal(none.statusCode, 200);
  assert.match(none.body, /No drift matches these filters/);
});

test('a kind or team not in the lists is a 400 with the error summary, naming no child', async () => {
  for (const [query, field] of [
    ['kind=nonsense', 'kind'],
    ['kind=repeat_plan&kind=repeat_plan', 'kind'],
    ['team=not-a-team', 'team'],
    [`team=${team('MASH')}`, 'team'],
  ] as const) {
    const res = await scrutineer.get(`/reports/drift?${query}`);
    assert.equal(res.statusCode, 400, query);
    assert.match(res.body, /govuk-error-summary/, query);
    assert.match(res.body, new RegExp(`href="#${field}"`), query);
    assert.doesNotMatch(res.body, /Pager \d\d/, query);
  }
  await assert.rejects(
    // A direct call refuses what its type would not take, as the page does.
    driftReport(t.db, demoActor(t.org, 'scrutineer'), { kind: 'episode' } as never),
    ValidationError,
  );
});

test('filter by team (the scrutineer); a team manager sees their own team only', async () => {
  const cp = await scrutineer.get(`/reports/drift?team=${team('Child Protection Team')}`);
  assert.equal(cp.statusCode, 200);
  assert.match(cp.body, /40 cases/);
  assert.deepEqual(
    [...new Set(names(cp.body))].sort(),
    Array.from({ length: 20 }, (_, i) => String(31 + i)),
  );
  const tm = await signedIn(t.app, 'tm');
  const own = await tm.get('/reports/drift');
  assert.equal(own.statusCode, 200);
  assert.match(own.body, /60 cases; showing 1 to 50/);
  assert.ok(names(own.body).every((n) => Number(n) <= 30));
  assert.doesNotMatch(own.body, /id="team"/, 'no team filter for a team manager');
  const other = await tm.get(`/reports/drift?team=${team('Child Protection Team')}`);
  assert.equal(other.statusCode, 400);
  assert.doesNotMatch(other.body, /Pager \d\d/);
});

test('drift facts are worked out at most once a minute, and a failure is not kept', async () => {
  let calls = 0;
  const facts: DriftFact[] = [];
  const counting: CaseworkReads = {
    ...fakeSource([], facts),
    async driftFacts() {
      calls++;
      return facts;
    },
  };
  const pid = t.org.partnershipId;
  const now = Date.now();
  const [a, b] = await Promise.all([
    partnershipDrift(t.db, counting, pid, '2026-11-25', now),
    partnershipDrift(t.db, counting, pid, '2026-11-25', now + 10),
  ]);
  assert.equal(calls, 1, 'requests at once share one working out');
  assert.equal(a.at.getTime(), b.at.getTime());
  await partnershipDrift(t.db, counting, pid, '2026-11-25', now + DRIFT_FACTS_TTL_MS - 1);
  assert.equal(calls, 1);
  await partnershipDrift(t.db, counting, pid, '2026-11-25', now + DRIFT_FACTS_TTL_MS);
  assert.equal(calls, 2, 'worked out again after a minute');
  await partnershipDrift(t.db, counting, pid, '2026-11-26', now + DRIFT_FACTS_TTL_MS);
  assert.equal(calls, 3, 'and on a new day');

  let fail = true;
  const flaky: CaseworkReads = {
    ...fakeSource([]),
    async driftFacts() {
      if (fail) throw new Error('database went away');
      return [];
    },
  };
  await assert.rejects(partnershipDrift(t.db, flaky, pid, '2026-11-25', now), /went away/);
  fail = false;
  assert.deepEqual((await partnershipDrift(t.db, flaky, pid, '2026-11-25', now + 1)).facts, []);
});
