import type { Db } from '../../db/index.ts';
import { aboutPerson, audit } from '../audit.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Actor } from './actor.ts';
import {
  admits,
  can,
  MASH_ROLES,
  RECORD_PARTS,
  RELATIONSHIPS,
  ROLE_RELATIONSHIPS,
  type RecordPart,
  type Relationship,
} from './roles.ts';

export type AccessBasis = Relationship;

export interface PersonAccess {
  personId: string;
  /** The part of the record this access was checked for. */
  part: RecordPart;
  basis: AccessBasis;
  /** Every part of the record the actor may read (the checked part among them). */
  parts: readonly RecordPart[];
  /** May see entries marked "MASH and allocated worker only" (police intelligence and the like). */
  seesMashAndAllocated: boolean;
}

/** The relationship facts of one person for one user, and whether the record is restricted. */
type Facts = { id: string; restricted: boolean; named: boolean } & Record<Relationship, boolean>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The relationship facts (roles.ts RELATIONSHIPS) for one or many people in one query. Whether a
 * fact admits the user is the role table's business (decide, below), not the SQL's.
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
  exists (select 1 from allocation a where a.person_id = p.id and a.ended_at is null and a.user_id = $3)
    as allocation,
  exists (select 1 from allocation a where a.person_id = p.id and a.ended_at is null and a.team_id = $5::uuid)
    as team_allocation,
  exists (select 1 from referral r where r.person_id = p.id and r.status = 'awaiting_allocation'
          and r.team_id = $5::uuid) as waiting_team,
  exists (select 1 from involvement i where i.person_id = p.id and i.ended_on is null
          and i.agency_id = $4 and i.team_id = $5::uuid) as team_involvement,
  exists (select 1 from involvement i where i.person_id = p.id and i.ended_on is null
          and i.agency_id = $4 and i.team_id is null) as agency_involvement,
  ($6 and exists (select 1 from contact_person cp join contact c on c.id = cp.contact_id
          where c.status = 'open' and (cp.person_id = p.id
            or cp.person_id in (select l.other from links l where l.subject = p.id)))) as mash_contact,
  exists (select 1 from links l where l.subject = p.id and (
          exists (select 1 from allocation a where a.person_id = l.other and a.user_id = $3 and a.ended_at is null)
          or exists (select 1 from involvement i where i.person_id = l.other and i.ended_on is null
                     and i.agency_id = $4 and (i.team_id is null or i.team_id = $5::uuid)))) as linked_child,
  exists (select 1 from break_glass b where b.person_id = p.id and b.user_id = $3 and b.expires_at > now())
    as break_glass,
  true as scrutiny,
  exists (select 1 from case_audit_child cc join case_audit ca on ca.id = cc.case_audit_id
          join case_audit_auditor au on au.case_audit_id = ca.id and au.user_id = $3 and au.agency_id = $4
          where cc.person_id = p.id and ca.status = 'open'
            and (now() at time zone 'Europe/London')::date between ca.starts_on and ca.ends_on) as audit_sample,
  exists (select 1 from eh_member m join eh_episode e on e.id = m.episode_id and e.status <> 'closed'
          where m.person_id = p.id and (e.lead_user_id = $3 or $7
            or (exists (select 1 from eh_team_member tm where tm.episode_id = e.id and tm.user_id = $3)
                and (e.consent = 'given' or e.safeguarding_by is not null)))) as early_help
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
  const rows = await db.query<Facts>(FACTS_SQL, [
    ids,
    actor.partnershipId,
    actor.userId,
    actor.agencyId,
    actor.teamId,
    worksInMashHub(actor),
    can(actor.roles, 'early_help.service'),
  ]);
  for (const f of rows) out.set(f.id, f);
  return out;
}

/** The first relationship (in the table's order) that admits the actor to this part, if any. */
function decide(actor: Actor, f: Facts, part: RecordPart): AccessBasis | undefined {
  if (f.restricted && !f.named) return undefined;
  return RELATIONSHIPS.find((r) => f[r] && admits(actor.roles, part, r));
}

const PARTS = Object.keys(RECORD_PARTS) as RecordPart[];

/** Police intelligence and the like: the allocated worker and team, the MASH, and break-glass. */
const SEES_MASH_AND_ALLOCATED: readonly AccessBasis[] = [
  'allocation',
  'team_allocation',
  'waiting_team',
  'mash_contact',
  'break_glass',
];

/**
 * Checks that the actor may read the person's record, before anything of it is read. Refusals are
 * audited. A record the actor may break glass into answers 403 (with the way in); anything else 404,
 * so that a restricted record does not show that it exists.
 */
export async function requirePersonAccess(
  db: Db,
  actor: Actor,
  personId: string,
  part: RecordPart = 'record',
): Promise<PersonAccess> {
  const f = (await factsMany(db, actor, [personId])).get(personId.toLowerCase());
  const basis = f && decide(actor, f, part);
  if (f && basis) {
    return {
      personId,
      part,
      basis,
      parts: PARTS.filter((x) => x === part || decide(actor, f, x) !== undefined),
      seesMashAndAllocated: SEES_MASH_AND_ALLOCATED.includes(basis),
    };
  }
  if (f) {
    await audit(db, actor, aboutPerson(personId, 'person.access_refused', { part }));
    if (!f.restricted && admits(actor.roles, part, 'break_glass')) {
      throw new ForbiddenError(
        'You have no working relationship with this person. If you need to see the record to keep a child safe, you can use break-glass access: your reason is recorded and reviewed.',
        personId,
      );
    }
  }
  throw new NotFoundError();
}

/**
 * Checks that the actor may change this part of the person's record: they may read it through a
 * working relationship. Break-glass opens a record to read in an emergency, never to change it.
 */
export async function requirePersonWriteAccess(
  db: Db,
  actor: Actor,
  personId: string,
  part: RecordPart = 'record',
): Promise<PersonAccess> {
  const access = await requirePersonAccess(db, actor, personId, part);
  if (!maySeeChanges(access)) {
    await audit(db, actor, aboutPerson(personId, 'person.change_refused', { part, basis: access.basis }));
    throw new ForbiddenError(READ_ONLY_MESSAGES[access.basis as ReadOnlyBasis]);
  }
  return access;
}

/** Ways in that open a record to read, never to change. */
const READ_ONLY_MESSAGES = {
  break_glass:
    'Break-glass access lets you read this record, not change it. To record anything, ask for the child to be allocated to you or your team to be involved.',
  scrutiny: 'You read this record for scrutiny: nothing in it can be changed from here.',
  audit_sample: 'You read this record for a case audit: nothing in it can be changed from here.',
} as const;
type ReadOnlyBasis = keyof typeof READ_ONLY_MESSAGES;

/** Whether access lets the actor change the record (pages show their change links only then). */
export function maySeeChanges(access: Pick<PersonAccess, 'basis'>): boolean {
  return !(access.basis in READ_ONLY_MESSAGES);
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
  part: RecordPart = 'record',
): Promise<Map<string, BatchAccess>> {
  const out = new Map<string, BatchAccess>();
  for (const [id, f] of await factsMany(db, actor, personIds)) {
    out.set(id, { hidden: f.restricted && !f.named, canOpen: decide(actor, f, part) !== undefined });
  }
  return out;
}

/** Whether the actor may open this part of the record (no audit, no throw). */
export async function hasPersonAccess(
  db: Db,
  actor: Actor,
  personId: string,
  part: RecordPart = 'record',
): Promise<boolean> {
  return (await personAccessMany(db, actor, [personId], part)).get(personId.toLowerCase())?.canOpen ?? false;
}

/** Whether the actor reads across the partnership (the scrutineer), for reports that scope by it. */
export function readsAcrossPartnership(actor: Actor): boolean {
  return actor.roles.some((r) => ROLE_RELATIONSHIPS[r].includes('scrutiny'));
}

/** Throws 403 unless the access checked for the record covers this part too. */
export function requirePart(access: PersonAccess, part: RecordPart): void {
  if (!access.parts.includes(part)) throw new ForbiddenError();
}

/** Throws 403 unless one of the actor's roles carries the permission. */
export function requirePermission(actor: Actor, permission: Parameters<typeof can>[1]): void {
  if (!can(actor.roles, permission)) throw new ForbiddenError();
}
