/** Test data for caseloads: children, referrals awaiting allocation, and a fake casework source. */
import type { TestDb } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import type { DriftFact, WorkItem } from '../casework/service.ts';
import type { CaseworkReads } from './shared.ts';

/** A child (or an adult) no one is involved with yet, born 14 March 2015. */
export const addChild = (
  t: TestDb,
  given: string,
  family: string,
  opts: { restricted?: boolean; kind?: 'child' | 'adult' } = {},
): Promise<string> => insertPerson(t, { given, family, dob: '2015-03-14', ...opts });

/** A referral of the child awaiting allocation, as the front door's decision leaves it. */
export async function addReferral(
  { db, org }: TestDb,
  personId: string,
  referralDate: string,
): Promise<string> {
  const contact = await insertedId(
    db,
    `insert into contact (partnership_id, status, decision, decided_at) values ($1,'decided','section_17',now()) returning id`,
    [org.partnershipId],
  );
  return insertedId(
    db,
    `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at)
     values ($1,$2,$3,'section_17',$4,$4::date) returning id`,
    [org.partnershipId, contact, personId, referralDate],
  );
}

/** An open episode of need (the unallocated list reads work only for children with one). */
export const addEpisode = ({ db, org }: TestDb, personId: string, referralDate: string): Promise<string> =>
  insertedId(
    db,
    `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need)
     values ($1,$2,$3,'1A','N1') returning id`,
    [org.partnershipId, personId, referralDate],
  );

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
