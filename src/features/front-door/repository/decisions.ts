/**
 * The threshold decision and what it hands on: a referral awaiting allocation, or the early help
 * waiting list, for each child on the contact.
 */
import { maybeOne, one, type Db } from '../../../db/index.ts';

export interface DecisionRecord {
  partnershipId: string;
  contactId: string;
  /** The version of the contact the manager saw: a contact changed since is not decided. */
  version: number;
  decision: string;
  rationale: string;
  /** What the referrer is told happens next. */
  feedback: string;
  at: Date;
  by: string;
}

/** Decides an open contact at the version seen; false when it was decided or changed meanwhile. */
export async function decideOpenContact(tx: Db, d: DecisionRecord): Promise<boolean> {
  const rows = await tx.query(
    `update contact set status = 'decided', decision = $3, decision_rationale = $4, decided_at = $5, decided_by = $6,
       referrer_feedback = $8, version = version + 1
     where id = $1 and partnership_id = $2 and status = 'open' and version = $7 returning id`,
    [d.contactId, d.partnershipId, d.decision, d.rationale, d.at, d.by, d.version, d.feedback],
  );
  return rows.length > 0;
}

/** Where a contact stands now, and who decided it. */
export function decisionState(tx: Db, contactId: string) {
  return maybeOne<{
    status: string;
    by: string | null;
    at: Date | null;
    decision: string | null;
  }>(
    tx,
    `select c.status, u.display_name as by, c.decided_at as at, c.decision from contact c
     left join app_user u on u.id = c.decided_by where c.id = $1`,
    [contactId],
  );
}

/** The children's records on the contact, by name. */
export async function childrenOn(db: Db, contactId: string): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(
    `select p.id, trim(p.given_name || ' ' || p.family_name) as name
     from contact_person cp join person p on p.id = cp.person_id
     where cp.contact_id = $1 and p.kind = 'child' order by p.family_name, p.given_name, p.id`,
    [contactId],
  );
}

/** The decision for one child on the contact. */
export async function recordChildDecision(tx: Db, contactId: string, personId: string, decision: string) {
  await tx.query(`update contact_person set decision = $3 where contact_id = $1 and person_id = $2`, [
    contactId,
    personId,
    decision,
  ]);
}

export interface HandOn {
  partnershipId: string;
  contactId: string;
  personId: string;
  createdBy: string;
}

/** A referral awaiting allocation, a repeat when the child had one in the 12 months before; its id. */
export async function insertReferral(
  tx: Db,
  h: HandOn & {
    decision: string;
    referralDate: string;
    receivedAt: Date;
    teamId: string | null;
    decidedAt: Date;
    rag: string | null;
    immediateRisk: boolean;
  },
): Promise<string> {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at, created_by,
       team_id, decided_at, rag, immediate_risk, repeat_of)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, (select r.id from referral r where r.person_id = $3 and r.partnership_id = $1
       and r.referral_date < $5 and r.referral_date >= ($5::date - interval '12 months')
       order by r.referral_date desc limit 1))
     returning id`,
    [
      h.partnershipId,
      h.contactId,
      h.personId,
      h.decision,
      h.referralDate,
      h.receivedAt,
      h.createdBy,
      h.teamId,
      h.decidedAt,
      h.rag,
      h.immediateRisk,
    ],
  );
  return id;
}

export interface TeamChoice {
  id: string;
  name: string;
}

/** The teams the work may wait for: the deciding agency's active teams, the MASH apart. */
export function teamsToWaitFor(db: Db, partnershipId: string, agencyId: string) {
  return db.query<TeamChoice>(
    `select t.id, t.name from team t where t.partnership_id = $1 and t.agency_id = $2 and t.active and not t.is_mash
     order by t.name`,
    [partnershipId, agencyId],
  );
}

/** The child on the early help waiting list. */
export async function insertEarlyHelpRequest(tx: Db, h: HandOn): Promise<void> {
  await tx.query(
    `insert into early_help_request (partnership_id, contact_id, person_id, created_by) values ($1,$2,$3,$4)`,
    [h.partnershipId, h.contactId, h.personId, h.createdBy],
  );
}
