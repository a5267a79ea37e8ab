import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../test/helpers/app.ts';
import { reviewFamily } from '../features/reviews/test-fixtures.ts';
import { insertPerson } from '../../test/helpers/people.ts';
import { seedReviews } from './reviews.ts';

const TODAY = '2026-12-07';
const t = useDb(async () => {
  // Four children with an adult linked and chronology entries: one per review.
  for (let i = 0; i < 4; i++) await reviewFamily(t);
  await insertPerson(t, { given: 'Unlinked', family: 'Child' });
  await seedReviews(t.db, t.org, { today: TODAY });
});

test('one review in each state, each child restricted, the published one with recommendations part-done', async () => {
  const rows = await t.db.query<{
    stage: string;
    restricted: boolean;
    chronology: number;
    published: string | null;
  }>(
    `select r.stage, p.restricted, r.published_on::text as published,
       (select count(*) from review_chronology c where c.review_id = r.id)::int as chronology
     from review r join person p on p.id = r.person_id order by r.notified_on desc`,
  );
  assert.deepEqual(
    rows.map((r) => r.stage),
    ['notified', 'not_commissioned', 'published', 'not_published'],
  );
  assert.ok(rows.every((r) => r.restricted));
  assert.equal(rows[0]!.chronology, 0, 'awaiting its rapid review');
  assert.ok(
    rows.slice(1).every((r) => r.chronology > 0),
    'assembled for the others',
  );
  assert.ok(rows[2]!.published! <= TODAY);
  const recs = await t.db.query<{ closed: boolean; open: number }>(
    `select rc.closed_on is not null as closed,
       (select count(*) from partnership_action a where a.source_kind = 'review' and a.source_id = rc.id::text
          and a.status not in ('done', 'dropped'))::int as open
     from review_recommendation rc order by rc.number`,
  );
  assert.deepEqual(recs, [
    { closed: true, open: 0 },
    { closed: false, open: 1 },
    { closed: false, open: 1 },
  ]);
  const [notPublished] = await t.db.query<{ reasons: string; signed: number }>(
    `select publish_reasons as reasons, (select count(*) from review_sign_off s where s.review_id = r.id)::int as signed
     from review r where stage = 'not_published'`,
  );
  assert.match(notPublished!.reasons, /harm them/);
  assert.equal(notPublished!.signed, 3);
  assert.equal((await t.db.query(`select 1 from audit_event`)).length, 0, 'demo rows write no audit events');
});
