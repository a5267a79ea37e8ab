import type { TestDb } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { demoActor } from '../../demo/organisation.ts';
import type { Actor } from '../../platform/access/actor.ts';

/** A demo user as an actor from an address, for writing audit events as they would. */
export const actorAt = (t: TestDb, key: string, ip = '203.0.113.9'): Actor => ({
  ...demoActor(t.org, key),
  ip,
});

export const insertChild = (t: TestDb, family: string, restricted = false): Promise<string> =>
  insertPerson(t, { given: 'Test', family, dob: '2016-04-01', restricted });
