// The demo county's CIN census exports with no errors: the demo's casework keeps the DfE's rules
// (queries, which ask for a check, may remain), for the census year that has ended and the one running.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';
import { cinCensus, commandLinePartnership } from '../features/returns/service.ts';
import { seedDemo } from './seed.ts';

const TODAY = '2026-06-15';
let db: Db;

before(async () => {
  db = await freshDb();
  await seedDemo(db, { production: false, children: 400, today: TODAY, now: new Date(`${TODAY}T10:00:00Z`) });
});
after(() => db?.close());

test('the demo’s CIN census has children and no errors, last year and this year', async () => {
  const maker = (await commandLinePartnership(db))!;
  for (const year of [2025, 2026]) {
    const result = await cinCensus(db, maker, year);
    assert.ok(result.census.children.length > 10, `${year}: ${result.census.children.length} children`);
    const errors = result.failures.filter((f) => f.kind === 'error');
    assert.deepEqual(
      errors.map((f) => `${f.code} ${f.childId}`),
      [],
      `${year}: ${errors.map((f) => `${f.code} ${f.childId} ${f.message}`).join('; ')}`,
    );
  }
});
