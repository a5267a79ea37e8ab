// Fixtures for the chronology tests (imported by *.test.ts only).
import type { TestDb } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { countRows } from '../../../test/helpers/rows.ts';

/** A child no agency is involved with yet. */
export const makeChild = (t: TestDb, given = 'Ellie', family = 'Marsh'): Promise<string> =>
  insertPerson(t, { given, family, dob: '2016-05-04' });

export const countEntries = (t: TestDb, personId: string): Promise<number> =>
  countRows(t.db, 'chronology_entry where person_id = $1', [personId]);
