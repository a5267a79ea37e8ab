import { Client, type TestApp } from '../../../test/helpers/app.ts';
import { createSession } from '../../platform/auth/sessions.ts';

/**
 * A client with a session for a demo user, made directly in the database: tests that act as many
 * users would otherwise run into the sign-in rate limit.
 */
export async function sessionAs(t: TestApp, key: string): Promise<Client> {
  const userId = t.org.users[key];
  if (!userId) throw new Error(`no demo user ${key}`);
  return sessionFor(t, userId);
}

export async function sessionFor(t: TestApp, userId: string): Promise<Client> {
  const { cookie, csrfToken } = await createSession(t.db, { partnershipId: t.org.partnershipId, userId });
  const c = new Client(t.app);
  c.cookie = `together_session=${cookie}`;
  c.csrf = csrfToken;
  return c;
}

/** The actions of the audit events about an entity, oldest first. */
export async function auditActions(t: TestApp, entityId: string): Promise<string[]> {
  const rows = await t.db.query<{ action: string }>(
    'select action from audit_event where entity_id = $1 order by seq',
    [entityId],
  );
  return rows.map((r) => r.action);
}
