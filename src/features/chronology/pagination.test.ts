import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { allocate } from '../../../test/helpers/people.ts';
import { makeChild } from './test-fixtures.ts';

let sw: Client;
let child: string;
const t = useApp(async () => {
  child = await makeChild(t);
  await allocate(t, child, 'sw');
  // 120 entries, one a day, so "Entry 120" is the newest.
  await t.db.query(
    `insert into chronology_entry (partnership_id, person_id, occurred_on, source_agency_id, category, significance,
       visibility, summary)
     select $1, $2, date '2020-01-01' + n, $3, 'health', 'low', 'partnership', 'Entry ' || n
     from generate_series(1, 120) n`,
    [t.org.partnershipId, child, t.org.agencies.gp],
  );
  sw = await signedIn(t.app, 'sw');
});

const shown = (body: string) => [...body.matchAll(/>Entry (\d+)</g)].map((m) => Number(m[1]));

test('the record page shows the newest 50 entries and pages through the rest', async () => {
  const first = await sw.get(`/people/${child}`);
  assert.equal(first.statusCode, 200);
  assert.deepEqual(shown(first.body).slice(0, 2), [120, 119]);
  assert.equal(shown(first.body).length, 50);
  assert.match(first.body, /120 entries; showing 1 to 50/);
  assert.match(first.body, /govuk-pagination/);
  const third = await sw.get(`/people/${child}?page=3`);
  assert.deepEqual(
    shown(third.body),
    Array.from({ length: 20 }, (_, i) => 20 - i),
  );
  assert.match(third.body, /showing 101 to 120/);
});

test('a page past the end, or a nonsense page, shows the first page', async () => {
  for (const page of ['99', '0', '-1', 'abc', '1e3']) {
    const res = await sw.get(`/people/${child}?page=${page}`);
    assert.equal(res.statusCode, 200, page);
    assert.equal(shown(res.body)[0], 120, page);
  }
});

test('filters carry into the page links; the exports take every entry', async () => {
  const res = await sw.get(`/people/${child}?category=health&page=2`);
  assert.match(res.body, /href="\/people\/[^"]+\?category=health&amp;page=3#chronology"/);
  assert.match(res.body, /chronology\.csv\?category=health"/);
  const csv = await sw.get(`/people/${child}/chronology.csv`);
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.body.match(/Entry \d+/g)?.length, 120);
});
