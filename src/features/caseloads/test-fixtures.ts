/** Test data for caseloads: children, referrals awaiting allocation, and a fake casework source. */
import type { Db } from '../../db/index.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { DriftFact, WorkItem } from '../casework/service.ts';
import type { CaseworkReads } from './shared.ts';

export async function addChild(
  db: Db,
  org: DemoOrganisation,
  given: string,
  family: string,
  opts: { restricted?: boolean; kind?: 'child' | 'adult' } = {},
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, restricted)
     values ($1,$2,$3,$4,'2015-03-14',$5) returning id`,
    [org.partnershipId, opts.kind ?? 'child', given, family, opts.restricted ?? false],
  );
  return row!.id;
}

/** A referral of the child awaiting allocation, as the front door's decision leaves it. */
export async function addReferral(
  db: Db,
  org: DemoOrganisation,
  personId: string,
  referralDate: string,
): Promise<string> {
  const [c] = await db.query<{ id: string }>(
    `insert into contact (partnership_id, status, decision, decided_at) values ($1,'decided','section_17',now()) returning id`,
    [org.partnershipId],
  );
  const [r] = await db.query<{ id: string }>(
    `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at)
     values ($1,$2,$3,'section_17',$4,$4::date) returning id`,
    [org.partnershipId, c!.id, personId, referralDate],
  );
  return r!.id;
}

/** An open episode of need (the unallocated list reads work only for children with one). */
export async function addEpisode(
  db: Db,
  org: DemoOrganisation,
  personId: string,
  referralDate: string,
): Promise<string> {
  const [e] = await db.query<{ id: string }>(
    `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need)
     values ($1,$2,$3,'1A','N1') returning id`,
    [org.partnershipId, personId, referralDate],
  );
  return e!.id;
}

/** An open allocation made directly (as the demo seed does). */
export async function allocateDirect(
  db: Db,
  org: DemoOrganisation,
  personId: string,
  user: string,
  team: string,
): Promise<void> {
  await db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
    [org.partnershipId, personId, org.users[user], org.teams[`council:${team}`]],
  );
}

export function workItem(personId: string, type: WorkItem['type'], dueDate: string): WorkItem {
  return {
    personId,
    episodeId: `00000000-0000-4000-8000-${personId.slice(-12)}`,
    type,
    label: `Label ${type}`,
    dueDate,
    href: `/casework/x/${type}`,
    startDate: '2026-01-05',
  };
}

/** A casework source holding the given items and facts. */
export function fakeSource(items: WorkItem[], drift: DriftFact[] = []): CaseworkReads {
  return {
    async openWorkItems(_db, _pid, personIds) {
      return personIds ? items.filter((i) => personIds.includes(i.personId)) : items;
    },
    async driftFacts() {
      return drift;
    },
  };
}
