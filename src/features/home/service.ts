import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { admits, can } from '../../platform/access/roles.ts';
import { worksInMashHub } from '../../platform/access/policy.ts';
import { auditMany } from '../../platform/audit.ts';

export interface PersonRow {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  unborn: boolean;
  since: string | Date | null;
}

export interface HomeData {
  allocated: PersonRow[];
  openContacts: PersonRow[];
  involved: PersonRow[];
  involvedTotal: number;
  breakGlassToReview: number;
  counts?: { agencies: number; teams: number; users: number; locked: number };
}

const PERSON_COLS = `p.id, p.given_name as "givenName", p.family_name as "familyName", p.date_of_birth as "dateOfBirth", p.unborn`;

/**
 * What each user comes to do, from the records they have a working relationship with: their
 * allocated children, children on open MASH contacts, children their agency is involved with.
 * The names listed are reads of personal data, so each is audited.
 */
export async function homeData(db: Db, actor: Actor): Promise<HomeData> {
  const args = [actor.partnershipId, actor.userId];
  const allocated = await db.query<PersonRow>(
    `select ${PERSON_COLS}, a.started_at as since from allocation a join person p on p.id = a.person_id
     where a.partnership_id = $1 and a.user_id = $2 and a.ended_at is null and p.kind = 'child'
     order by p.family_name, p.given_name limit 100`,
    args,
  );
  // Only the council's MASH hub sees children through open contacts (partner MASH desks answer requests).
  const openContacts = worksInMashHub(actor)
    ? await db.query<PersonRow>(
        `select distinct on (c.received_at, p.id) ${PERSON_COLS}, c.received_at as since
         from contact c join contact_person cp on cp.contact_id = c.id join person p on p.id = cp.person_id
         where c.partnership_id = $1 and c.status = 'open' and p.kind = 'child' and not p.restricted
         order by c.received_at, p.id limit 50`,
        [actor.partnershipId],
      )
    : [];
  let involved: PersonRow[] = [];
  let involvedTotal = 0;
  // The children an involvement of the user's team (or of their agency, naming no team) opens to them.
  if (admits(actor.roles, 'record', 'team_involvement') && !worksInMashHub(actor)) {
    const involvedWhere = `i.partnership_id = $1 and i.agency_id = $2 and i.ended_on is null
       and (i.team_id = $3::uuid or i.team_id is null) and p.kind = 'child' and not p.restricted`;
    involved = await db.query<PersonRow>(
      `select distinct on (i.started_on, p.id) ${PERSON_COLS}, i.started_on as since
       from involvement i join person p on p.id = i.person_id
       where ${involvedWhere} order by i.started_on desc, p.id limit 20`,
      [actor.partnershipId, actor.agencyId, actor.teamId],
    );
    const [row] = await db.query<{ n: number }>(
      `select count(distinct p.id)::int as n from involvement i join person p on p.id = i.person_id
       where ${involvedWhere}`,
      [actor.partnershipId, actor.agencyId, actor.teamId],
    );
    involvedTotal = row?.n ?? 0;
  }
  let breakGlassToReview = 0;
  if (can(actor.roles, 'breakglass.review')) {
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from break_glass where partnership_id = $1 and reviewed_at is null`,
      [actor.partnershipId],
    );
    breakGlassToReview = row?.n ?? 0;
  }
  let counts: HomeData['counts'];
  if (can(actor.roles, 'admin.manage')) {
    const [row] = await db.query<NonNullable<HomeData['counts']>>(
      `select (select count(*)::int from agency where partnership_id = $1) as agencies,
         (select count(*)::int from team where partnership_id = $1) as teams,
         (select count(*)::int from app_user where partnership_id = $1 and active) as users,
         (select count(*)::int from app_user where partnership_id = $1 and locked_until > now()) as locked`,
      [actor.partnershipId],
    );
    counts = row;
  }
  const listed = [...allocated, ...openContacts, ...involved];
  await auditMany(
    db,
    actor,
    [...new Set(listed.map((p) => p.id))].map((id) => ({
      action: 'person.listed',
      entityType: 'person',
      entityId: id,
      personId: id,
      detail: { page: 'home' },
    })),
  );
  return { allocated, openContacts, involved, involvedTotal, breakGlassToReview, counts };
}
