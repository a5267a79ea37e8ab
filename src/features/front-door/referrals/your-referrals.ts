/**
 * What a referrer sees: the referrals they made, that each was received, and when decided what was
 * decided; never the record, the MASH's notes or other agencies' answers.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { idOf } from '../access.ts';
import { decisionLabel } from '../codes.ts';
import type { AddressData, ChildSaidData, ConsentData, ReferrerData, RiskData } from './rules.ts';

export interface OwnReferral {
  id: string;
  reference: string;
  source: string;
  receivedAt: Date;
  decisionDue: string | null;
  status: 'received' | 'decided';
  decision: string | null;
  decisionLabel: string;
  decidedAt: Date | null;
  children: string;
}

export interface OwnSubject {
  kind: 'child' | 'adult';
  unborn: boolean;
  givenName: string;
  familyName: string;
  otherNames: string;
  dateOfBirth: string | null;
  expectedDate: string | null;
  ageYears: number | null;
  sex: string;
  nhsNumber: string | null;
  upn: string | null;
  relationship: string | null;
  relationshipDetail: string | null;
  livesWithChild: boolean | null;
}

export interface OwnReferralDetail extends OwnReferral {
  subjects: OwnSubject[];
  address: AddressData | null;
  concern: string;
  childSaid: ChildSaidData;
  risks: RiskData;
  consent: ConsentData;
  referrer: ReferrerData;
}

const COLS = `c.id, c.reference, c.source, c.received_at as "receivedAt", c.decision_due as "decisionDue",
  case when c.status = 'open' then 'received' else 'decided' end as status, c.decision, c.decided_at as "decidedAt",
  (select string_agg(nullif(trim(s.given_name || ' ' || s.family_name), ''), ', ' order by s.position)
     from contact_subject s where s.contact_id = c.id and s.kind = 'child') as children`;

function withLabel<T extends { decision: string | null; children: string | null }>(r: T) {
  return { ...r, decisionLabel: decisionLabel(r.decision), children: r.children ?? '' };
}

/** The actor's referrals, newest first (their own words; listing them is audited). */
export async function listOwnReferrals(db: Db, actor: Actor): Promise<OwnReferral[]> {
  requirePermission(actor, 'referral.make');
  const rows = await db.query<OwnReferral>(
    `select ${COLS} from contact c where c.partnership_id = $1 and c.referrer_user_id = $2
     order by c.received_at desc limit 200`,
    [actor.partnershipId, actor.userId],
  );
  if (rows.length) {
    await audit(db, actor, {
      action: 'contact.list_own',
      entityType: 'contact',
      detail: { count: rows.length },
    });
  }
  return rows.map(withLabel);
}

/** One of the actor's referrals; anyone else's is 404 (it does not say that it exists). */
export async function getOwnReferral(db: Db, actor: Actor, contactId: string): Promise<OwnReferralDetail> {
  requirePermission(actor, 'referral.make');
  const id = idOf(contactId);
  const [row] = await db.query<OwnReferralDetail>(
    `select ${COLS}, c.address, c.concern, c.child_said as "childSaid", c.immediate_risk as risks, c.consent, c.referrer
     from contact c where c.id = $1 and c.partnership_id = $2 and c.referrer_user_id = $3`,
    [id, actor.partnershipId, actor.userId],
  );
  if (!row) throw new NotFoundError();
  const subjects = await db.query<OwnSubject>(
    `select kind, unborn, given_name as "givenName", family_name as "familyName", other_names as "otherNames",
       date_of_birth as "dateOfBirth", expected_date as "expectedDate", age_years as "ageYears", sex,
       nhs_number as "nhsNumber", upn, relationship, relationship_detail as "relationshipDetail",
       lives_with_child as "livesWithChild"
     from contact_subject where contact_id = $1 and partnership_id = $2 order by position`,
    [id, actor.partnershipId],
  );
  await audit(db, actor, { action: 'contact.view_own', entityType: 'contact', entityId: id });
  return { ...withLabel(row), subjects };
}

/**
 * What the confirmation page shows: the referral's reference and clock, for the referrer or the
 * MASH officer who recorded it. Anyone else: 404.
 */
export async function confirmationFor(db: Db, actor: Actor, contactId: string) {
  const id = idOf(contactId);
  const [row] = await db.query<{
    id: string;
    reference: string;
    receivedAt: Date;
    decisionDue: string;
    source: string;
  }>(
    `select id, reference, received_at as "receivedAt", decision_due as "decisionDue", source from contact
     where id = $1 and partnership_id = $2 and (referrer_user_id = $3 or (source = 'phone' and recorded_by = $3))`,
    [id, actor.partnershipId, actor.userId],
  );
  if (!row) throw new NotFoundError();
  return row;
}
