import { Client, type TestApp } from '../../../test/helpers/app.ts';
import { DEMO_USERS } from '../../demo/organisation.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { createSession } from '../../platform/auth/sessions.ts';

/** A client signed in as a demo user through a session made in the database (no sign-in rate limit). */
export async function clientAs(t: TestApp, key: string): Promise<Client> {
  const { cookie, csrfToken } = await createSession(t.db, {
    partnershipId: t.org.partnershipId,
    userId: t.org.users[key],
  });
  const c = new Client(t.app);
  c.cookie = `together_session=${cookie}`;
  c.csrf = csrfToken;
  return c;
}

/** A demo user as an actor, for writing audit events as they would. */
export function demoActor(t: TestApp, key: string, ip = '203.0.113.9'): Actor {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return {
    userId: t.org.users[key]!,
    partnershipId: t.org.partnershipId,
    name: u.name,
    email: u.email,
    agencyId: t.org.agencies[u.agency]!,
    agencyName: u.agency,
    agencyKind: 'local_authority',
    teamId: null,
    roles: u.roles,
    via: 'web',
    ip,
  };
}

export async function insertChild(t: TestApp, family: string, restricted = false): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, restricted)
     values ($1, 'child', 'Test', $2, '2016-04-01', $3) returning id`,
    [t.org.partnershipId, family, restricted],
  );
  return row!.id;
}
