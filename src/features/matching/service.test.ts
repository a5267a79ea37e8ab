import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshDb } from '../../../test/helpers/db.ts';
import type { Db } from '../../db/index.ts';
import { postcodeKey } from '../../platform/identifiers.ts';
import { normaliseName } from '../../platform/names.ts';
import { findCandidates } from './service.ts';

interface Seed {
  given: string;
  family: string;
  dob: string | null;
  sex?: string;
  nhs?: string;
  kind?: 'child' | 'adult';
  formerFamily?: string;
  postcode?: string;
  line1?: string;
  household?: string;
}

let db: Db;
let pid: string;
let otherPid: string;
const ids: Record<string, string> = {};

async function addPerson(partnershipId: string, key: string, s: Seed): Promise<void> {
  const [row] = await db.query<{ id: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, sex, nhs_number)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [partnershipId, s.kind ?? 'child', s.given, s.family, s.dob, s.sex ?? 'unknown', s.nhs ?? null],
  );
  const id = row?.id as string;
  ids[key] = id;
  const names: [string, string][] = [['current', s.family]];
  if (s.formerFamily) names.push(['former', s.formerFamily]);
  for (const [kind, family] of names) {
    await db.query(
      `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm,
         given_key, family_key) values ($1, $2, $3, $4, $5, $6::text, $7::text, dmetaphone($6::text), dmetaphone($7::text))`,
      [partnershipId, id, kind, s.given, family, normaliseName(s.given), normaliseName(family)],
    );
  }
  if (s.postcode) {
    await db.query(
      `insert into address (partnership_id, person_id, line1, postcode, postcode_norm) values ($1, $2, $3, $4, $5)`,
      [partnershipId, id, s.line1 ?? '1 High Street', s.postcode, postcodeKey(s.postcode)],
    );
  }
  if (s.household) {
    const [h] = await db.query<{ id: string }>(
      'select id from household where label = $1 and partnership_id = $2',
      [s.household, partnershipId],
    );
    const hid =
      h?.id ??
      (
        await db.query<{ id: string }>(
          'insert into household (partnership_id, label) values ($1, $2) returning id',
          [partnershipId, s.household],
        )
      )[0]?.id;
    await db.query(
      'insert into household_member (partnership_id, household_id, person_id) values ($1, $2, $3)',
      [partnershipId, hid, id],
    );
  }
}

before(async () => {
  db = await freshDb();
  const rows = await db.query<{ id: string }>(
    `insert into partnership (name) values ('Matching test'), ('Elsewhere') returning id`,
  );
  pid = rows[0]?.id as string;
  otherPid = rows[1]?.id as string;
  const home = { postcode: 'NR10 3EZ', line1: '12 Mill Lane', household: 'h1' };
  await addPerson(pid, 'william', {
    given: 'William',
    family: 'Hughes',
    dob: '2015-03-07',
    sex: 'male',
    ...home,
  });
  await addPerson(pid, 'oscar', {
    given: 'Oscar',
    family: 'Hughes',
    dob: '2015-03-07',
    sex: 'male',
    ...home,
  });
  await addPerson(pid, 'mother', {
    given: 'Margaret',
    family: 'Hughes',
    formerFamily: 'Doyle',
    dob: '1988-11-02',
    sex: 'female',
    kind: 'adult',
    nhs: '9434765919',
    ...home,
  });
  await addPerson(pid, 'namesake', {
    given: 'William',
    family: 'Hughes',
    dob: '1961-05-20',
    sex: 'male',
    kind: 'adult',
  });
  await addPerson(pid, 'cousin', { given: 'Willow', family: 'Hughes', dob: '2015-09-12', sex: 'female' });
  await addPerson(otherPid, 'elsewhere', {
    given: 'William',
    family: 'Hughes',
    dob: '2015-03-07',
    sex: 'male',
  });
});

after(async () => {
  await db.close();
});

describe('findCandidates', () => {
  it('ranks the right child first, through a nickname and a transposed date of birth, and explains why', async () => {
    const found = await findCandidates(db, pid, {
      givenName: 'Bill',
      familyName: 'Hughes',
      dateOfBirth: '2015-07-03',
      address: { postcode: 'nr10 3ez' },
    });
    assert.equal(found[0]?.personId, ids.william);
    const why = Object.fromEntries(found[0]?.score.fields.map((f) => [f.field, f]) ?? []);
    assert.equal(why.given?.level, 'nickname');
    assert.equal(why.dob?.level, 'transposed');
    assert.ok((why.given?.weight ?? 0) > 0);
    assert.equal(why.nhs?.level, null, 'no NHS number given: neutral');
    assert.ok((found[0]?.score.probability ?? 0) > 0.5, String(found[0]?.score.probability));
    assert.ok(!found.some((c) => c.personId === ids.elsewhere), 'another partnership never appears');
  });

  it('does not take the twin for the child, and says why', async () => {
    const found = await findCandidates(db, pid, {
      givenName: 'William',
      familyName: 'Hughes',
      dateOfBirth: '2015-03-07',
      sex: 'male',
      address: { line1: '12 Mill Lane', postcode: 'NR10 3EZ' },
    });
    assert.equal(found[0]?.personId, ids.william);
    const twin = found.find((c) => c.personId === ids.oscar);
    if (twin) {
      assert.ok(twin.score.probability <= 0.01);
      assert.match(twin.score.caution ?? '', /twins/);
    }
  });

  it('finds an adult under her former family name, and an NHS number that differs counts against', async () => {
    const found = await findCandidates(db, pid, {
      givenName: 'Peggy',
      familyName: 'Doyle',
      dateOfBirth: '1988-11-02',
      household: [{ given: 'William', family: 'Hughes', dob: '2015-03-07' }],
    });
    assert.equal(found[0]?.personId, ids.mother);
    const withNhs = await findCandidates(db, pid, {
      givenName: 'Peggy',
      familyName: 'Doyle',
      dateOfBirth: '1988-11-02',
      nhsNumber: '9434765870',
    });
    const nhs = withNhs[0]?.score.fields.find((f) => f.field === 'nhs');
    assert.equal(nhs?.level, 'disagree');
    assert.ok((nhs?.weight ?? 0) < -5);
    assert.ok((withNhs[0]?.score.weight ?? 0) < (found[0]?.score.weight ?? 0));
  });

  it('a partial date of birth still finds the person', async () => {
    const found = await findCandidates(db, pid, {
      givenName: 'William',
      familyName: 'Hughes',
      dateOfBirth: '2015',
    });
    assert.equal(found[0]?.personId, ids.william);
    assert.equal(found[0]?.score.fields.find((f) => f.field === 'dob')?.level, 'partial');
  });

  it('answers nothing for someone unknown, and copes with an empty query', async () => {
    assert.deepEqual(
      await findCandidates(db, pid, {
        givenName: 'Zebedee',
        familyName: 'Quartermaine',
        dateOfBirth: '1999-01-01',
      }),
      [],
    );
    assert.deepEqual(await findCandidates(db, pid, {}), []);
    // An impossible date, a malformed NHS number: no error, the rest still matches.
    const odd = await findCandidates(db, pid, {
      givenName: 'William',
      familyName: 'Hughes',
      dateOfBirth: '2015-03-32',
      nhsNumber: 'not a number <script>',
      address: { postcode: '!!' },
    });
    assert.ok(odd.some((c) => c.personId === ids.william));
  });
});
