/** The adults linked to a contact's children, and the agencies involved with them. */
import type { Db } from '../../../db/index.ts';

/** An adult linked to the contact's children: on the contact itself, or related to a child on it. */
export interface AdultOnContact {
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  /**
   * How the record links the adult to the contact's children, if it does: the relationship's kind
   * read from the child's side ('label': the adult is the child's parent) or the adult's ('inverse').
   */
  links: { kind: string; childName: string; side: 'label' | 'inverse' }[];
  /** Named in the referral (or linked on the contact by the MASH). */
  onContact: boolean;
}

/**
 * Every adult linked to the contact's children: the adults on the contact (the referral named them)
 * and the adults the person index relates to a child on it (open relationships, either direction).
 */
export function adultsLinkedTo(db: Db, partnershipId: string, contactId: string) {
  return db.query<AdultOnContact>(
    `with kids as (
       select p.id, trim(p.given_name || ' ' || p.family_name) as name from contact_person cp
         join person p on p.id = cp.person_id and p.kind = 'child'
       where cp.contact_id = $1 and cp.partnership_id = $2),
     rels as (
       select r.related_person_id as adult, r.kind, k.name, 'label' as side from relationship r
         join kids k on k.id = r.person_id
       where r.partnership_id = $2 and (r.to_date is null or r.to_date >= current_date)
       union
       select r.person_id, r.kind, k.name, 'inverse' from relationship r join kids k on k.id = r.related_person_id
       where r.partnership_id = $2 and (r.to_date is null or r.to_date >= current_date)),
     adults as (
       select cp.person_id as id from contact_person cp where cp.contact_id = $1 and cp.partnership_id = $2
       union select adult from rels)
     select p.id as "personId", p.given_name as "givenName", p.family_name as "familyName",
       p.date_of_birth as "dateOfBirth",
       coalesce((select json_agg(json_build_object('kind', r.kind, 'childName', r.name, 'side', r.side) order by r.name, r.kind)
                 from rels r where r.adult = p.id), '[]') as links,
       exists (select 1 from contact_person cp where cp.contact_id = $1 and cp.person_id = p.id) as "onContact"
     from adults a join person p on p.id = a.id and p.kind = 'adult' and p.partnership_id = $2
     order by p.family_name, p.given_name, p.id`,
    [contactId, partnershipId],
  );
}

export interface InvolvementOfAdult {
  personId: string;
  agencyName: string;
  teamName: string | null;
  role: string;
  startedOn: string;
  endedOn: string | null;
}

/** The agencies' involvements with these people, open ones first. */
export function involvementsOf(db: Db, partnershipId: string, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([] as InvolvementOfAdult[]);
  return db.query<InvolvementOfAdult>(
    `select i.person_id as "personId", a.name as "agencyName", t.name as "teamName", i.role,
       i.started_on as "startedOn", i.ended_on as "endedOn"
     from involvement i join agency a on a.id = i.agency_id left join team t on t.id = i.team_id
     where i.partnership_id = $1 and i.person_id = any($2::uuid[])
     order by (i.ended_on is null) desc, i.started_on desc, a.name`,
    [partnershipId, personIds],
  );
}
