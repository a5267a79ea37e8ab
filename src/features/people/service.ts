import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePersonAccess, type PersonAccess } from '../../platform/access/policy.ts';

export interface PersonHeading {
  id: string;
  kind: 'child' | 'adult';
  unborn: boolean;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDate: string | null;
  restricted: boolean;
}

/**
 * Checks access and returns what every page about a person shows at its top. Does not audit: the
 * page that shows it audits its own read. (The people feature owns this; keep the signature.)
 */
export async function personHeading(
  db: Db,
  actor: Actor,
  personId: string,
): Promise<{ access: PersonAccess; person: PersonHeading }> {
  const access = await requirePersonAccess(db, actor, personId);
  const [row] = await db.query<PersonHeading>(
    `select id, kind, unborn, given_name as "givenName", family_name as "familyName", date_of_birth as "dateOfBirth",
       expected_date as "expectedDate", restricted from person where id = $1 and partnership_id = $2`,
    [personId, actor.partnershipId],
  );
  if (!row) throw new Error('person vanished after the access check');
  return { access, person: row };
}
