/**
 * Batched form of the relationship rules in platform/access/policy.ts: for lists and search results,
 * one query answers "may the actor open each of these records?" (no per-row queries, no audit).
 * Kept in step with FACTS_SQL and decide() there; meant to move into policy.ts.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { can, MASH_ROLES } from '../../platform/access/roles.ts';
import { UUID } from '../../platform/access/policy.ts';

export interface BatchAccess {
  /** The actor may open the record. */
  canOpen: boolean;
  /** A restricted record the actor is not named on: it must not be shown at all. */
  hidden: boolean;
}

const BATCH_FACTS_SQL = `
with p as (select id, kind, restricted from person where id = any($1::uuid[]) and partnership_id = $2),
links as (
  select p.id as subject, r.person_id as other from p join relationship r on r.related_person_id = p.id
    join person c on c.id = r.person_id and c.kind = 'child' where p.kind = 'adult'
  union
  select p.id, r.related_person_id from p join relationship r on r.person_id = p.id
    join person c on c.id = r.related_person_id and c.kind = 'child' where p.kind = 'adult'
)
select p.id, p.restricted,
  exists (select 1 from restricted_access ra where ra.person_id = p.id and ra.user_id = $3) as named,
  exists (select 1 from allocation a where a.person_id = p.id and a.user_id = $3 and a.ended_at is null) as allocated,
  exists (select 1 from involvement i where i.person_id = p.id and i.agency_id = $4 and i.ended_on is null) as involved,
  ($5 and exists (select 1 from contact_person cp join contact c on c.id = cp.contact_id
          where c.status = 'open' and (cp.person_id = p.id
            or cp.person_id in (select l.other from links l where l.subject = p.id)))) as mash,
  exists (select 1 from links l where l.subject = p.id and (
          exists (select 1 from allocation a where a.person_id = l.other and a.user_id = $3 and a.ended_at is null)
          or exists (select 1 from involvement i where i.person_id = l.other and i.agency_id = $4
                     and i.ended_on is null))) as linked_child,
  exists (select 1 from break_glass b where b.person_id = p.id and b.user_id = $3 and b.expires_at > now())
    as break_glass
from p`;

interface Facts {
  id: string;
  restricted: boolean;
  named: boolean;
  allocated: boolean;
  involved: boolean;
  mash: boolean;
  linked_child: boolean;
  break_glass: boolean;
}

/** Access to many records at once; ids not in the partnership (or malformed) are absent. */
export async function personAccessMany(
  db: Db,
  actor: Actor,
  personIds: readonly string[],
): Promise<Map<string, BatchAccess>> {
  const ids = [...new Set(personIds.filter((id) => UUID.test(id)))];
  const out = new Map<string, BatchAccess>();
  if (ids.length === 0) return out;
  const isMash = actor.roles.some((r) => MASH_ROLES.includes(r));
  const rows = await db.query<Facts>(BATCH_FACTS_SQL, [
    ids,
    actor.partnershipId,
    actor.userId,
    actor.agencyId,
    isMash,
  ]);
  const readAll = can(actor.roles, 'person.read_all');
  for (const f of rows) {
    const hidden = f.restricted && !f.named;
    const related = f.allocated || f.mash || f.involved || f.linked_child || f.break_glass;
    out.set(f.id, {
      hidden,
      canOpen: !hidden && actor.roles.length > 0 && (related || readAll),
    });
  }
  return out;
}
