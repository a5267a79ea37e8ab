// Helpers for the person index's tests (imported by *.test.ts only).
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorFromRow, createSession } from '../../platform/auth/sessions.ts';
import { apiToken, Client, type TestApp } from '../../../test/helpers/app.ts';
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

/** A person with no involvement of anyone: created directly in the database. */
export async function makeStranger(
  db: Db,
  partnershipId: string,
  over: { given?: string; family?: string; dob?: string; restricted?: boolean; kind?: string } = {},
): Promise<string> {
  const given = over.given ?? 'Sam';
  const family = over.family ?? 'Stranger';
  const [row] = await db.query<{ id: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, restricted)
     values ($1,$2,$3,$4,$5,$6) returning id`,
    [partnershipId, over.kind ?? 'child', given, family, over.dob ?? '2015-02-03', over.restricted ?? false],
  );
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  await db.query(
    `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm,
       given_key, family_key) values ($1,$2,'current',$3,$4,$5::text,$6::text,dmetaphone($5::text),dmetaphone($6::text))`,
    [partnershipId, row!.id, given, family, norm(given), norm(family)],
  );
  return row!.id;
}

/** A signed-in client made straight in the database (no sign-in rate limit). */
export async function sessionAs(t: TestApp, key: string): Promise<Client> {
  const userId = t.org.users[key];
  if (!userId) throw new Error(`no demo user ${key}`);
  const { cookie, csrfToken } = await createSession(t.db, { partnershipId: t.org.partnershipId, userId });
  const c = new Client(t.app);
  c.cookie = `together_session=${cookie}`;
  c.csrf = csrfToken;
  return c;
}

/** An API bearer token for a demo user. */
export const apiTokenFor = (t: TestApp, key: string): Promise<string> => apiToken(t, key);

export async function auditRows(db: Db, where: { action: string; personId?: string; userId?: string }) {
  return db.query<{
    action: string;
    person_id: string | null;
    detail: Record<string, unknown>;
    reason: string | null;
  }>(
    `select action, person_id, detail, reason from audit_event
     where action = $1 and ($2::uuid is null or person_id = $2) and ($3::uuid is null or user_id = $3) order by seq`,
    [where.action, where.personId ?? null, where.userId ?? null],
  );
}
