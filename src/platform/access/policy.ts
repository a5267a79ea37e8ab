import type { Db } from '../../db/index.ts';
import { audit } from '../audit.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { can, MASH_ROLES } from './roles.ts';

export type AccessBasis = 'allocation' | 'involvement' | 'mash' | 'linked_child' | 'break_glass' | 'scrutiny';

export interface PersonAccess {
  personId: string;
  basis: AccessBasis;
  /** May see entries marked "MASH and allocated worker only" (police intelligence and the like). */
  seesMashAndAllocated: boolean;
}

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

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The relationship rules of the access model, for one or many people in one query: a user sees a
 * person when they hold an allocation, their agency has an open involvement, they work in the MASH
 * hub (worksInMashHub) and the person (or a child linked to this adult) is on an open contact, the
 * person is an adult linked to a child they may see through allocation or involvement, or they have
 * an unexpired break-glass. Restricted records: named users only.
 */
const FACTS_SQL = `
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
  exists (select 1 from allocation a where a.person_id = p.id and a.ended_at is null
          and (a.user_id = $3 or a.team_id = $6::uuid)) as allocated,
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

/**
 * The MASH hub is the local authority's: its MASH officers and managers work contacts and so see
 * the people on open contacts. Police, health and other partners' MASH staff do not get that
 * relationship; they see what the information requests addressed to their agency need.
 */
export function worksInMashHub(actor: Actor): boolean {
  return actor.agencyKind === 'local_authority' && actor.roles.some((r) => MASH_ROLES.includes(r));
}

async function factsMany(db: Db, actor: Actor, personIds: readonly string[]): Promise<Map<string, Facts>> {
  const ids = [...new Set(personIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  const out = new Map<string, Facts>();
  if (ids.length === 0) return out;
  const isMash = worksInMashHub(actor);
  const rows = await db.query<Facts>(FACTS_SQL, [
    ids,
    actor.partnershipId,
    actor.userId,
    actor.agencyId,
    isMash,
    // A team manager sees the children allocated to their team, as the allocated worker does.
    actor.roles.includes('team_manager') ? actor.teamId : null,
  ]);
  for (const f of rows) out.set(f.id, f);
  return out;
}

function decide(actor: Actor, f: Facts): AccessBasis | undefined {
  if (f.restricted && !f.named) return undefined;
  if (actor.roles.length === 0) return undefined;
  if (f.allocated) return 'allocation';
  if (f.mash) return 'mash';
  if (f.involved) return 'involvement';
  if (f.linked_child) return 'linked_child';
  if (f.break_glass) return 'break_glass';
  if (can(actor.roles, 'person.read_all')) return 'scrutiny';
  return undefined;
}

/**
 * Checks that the actor may read the person's record, before anything of it is read. Refusals are
 * audited. A record the actor may break glass into answers 403 (with the way in); anything else 404,
 * so that a restricted record does not show that it exists.
 */
export async function requirePersonAccess(db: Db, actor: Actor, personId: string): Promise<PersonAccess> {
  const f = (await factsMany(db, actor, [personId])).get(personId.toLowerCase());
  const basis = f && decide(actor, f);
  if (f && basis) {
    return {
      personId,
      basis,
      seesMashAndAllocated: basis === 'allocation' || basis === 'mash' || basis === 'break_glass',
    };
  }
  if (f) {
    await audit(db, actor, {
      action: 'person.access_refused',
      entityType: 'person',
      entityId: personId,
      personId,
    });
    if (!f.restricted && can(actor.roles, 'breakglass.use')) {
      throw new ForbiddenError(
        'You have no working relationship with this person. If you need to see the record to keep a child safe, you can use break-glass access: your reason is recorded and reviewed.',
        personId,
      );
    }
  }
  throw new NotFoundError();
}

export interface BatchAccess {
  /** The actor may open the record. */
  canOpen: boolean;
  /** A restricted record the actor is not named on: it must not be shown at all. */
  hidden: boolean;
}

/**
 * Access to many records at once, for lists and search results (no audit, no throw). Ids not in
 * the partnership, or malformed, are absent from the map.
 */
export async function personAccessMany(
  db: Db,
  actor: Actor,
  personIds: readonly string[],
): Promise<Map<string, BatchAccess>> {
  const out = new Map<string, BatchAccess>();
  for (const [id, f] of await factsMany(db, actor, personIds)) {
    out.set(id, { hidden: f.restricted && !f.named, canOpen: decide(actor, f) !== undefined });
  }
  return out;
}

/** Whether the actor may open the record (no audit, no throw). */
export async function hasPersonAccess(db: Db, actor: Actor, personId: string): Promise<boolean> {
  return (await personAccessMany(db, actor, [personId])).get(personId.toLowerCase())?.canOpen ?? false;
}

/** Throws 403 unless one of the actor's roles carries the permission. */
export function requirePermission(actor: Actor, permission: Parameters<typeof can>[1]): void {
  if (!can(actor.roles, permission)) throw new ForbiddenError();
}
