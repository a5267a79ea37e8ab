// Helpers for the person index's tests (imported by *.test.ts only).
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorFromRow } from '../../platform/auth/sessions.ts';
import type { TestDb } from '../../../test/helpers/app.ts';
import { indexPerson } from '../../../test/helpers/people.ts';
import type { PersonInput } from './schemas.ts';
import { createPerson } from './service.ts';

/** The actor of a user, as the request context would build it. */
export async function actorFor(db: Db, userId: string): Promise<Actor> {
  const [row] = await db.query<Parameters<typeof actorFromRow>[0]>(
    `select u.id as user_id, u.partnership_id, u.display_name, u.email, u.roles, u.team_id, u.active,
       a.id as agency_id, a.name as agency_name, a.kind as agency_kind
     from app_user u join agency a on a.id = u.agency_id where u.id = $1`,
    [userId],
  );
  if (!row) throw new Error(`no user ${userId}`);
  return actorFromRow(row, 'web', '127.0.0.1');
}

export function childInput(over: Partial<PersonInput> = {}): PersonInput {
  return {
    kind: 'child',
    unborn: false,
    givenName: 'Ellie',
    familyName: 'Marsh',
    dateOfBirth: '2016-05-04',
    expectedDate: null,
    sex: 'female',
    ethnicity: null,
    nhsNumber: null,
    upn: null,
    councilId: null,
    ...over,
  };
}

/** Creates a person as the actor (so the actor's agency is involved). */
export async function makePerson(db: Db, actor: Actor, over: Partial<PersonInput> = {}): Promise<string> {
  return createPerson(db, actor, childInput(over));
}

/** A person in the index no one is involved with: created directly in the database. */
export const makeStranger = (
  t: TestDb,
  over: { given?: string; family?: string; dob?: string; restricted?: boolean; kind?: string } = {},
): Promise<string> =>
  indexPerson(t, {
    ...over,
    given: over.given ?? 'Sam',
    family: over.family ?? 'Stranger',
    dob: over.dob ?? '2015-02-03',
  });
