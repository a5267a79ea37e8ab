/** What a referrer may read of the contacts their referrals made: never the record. */
import { maybeOne, one, type Db } from '../../../db/index.ts';
import type { AddressData, ReferralInput } from '../referrals/data.ts';

export interface OwnReferralRow {
  id: string;
  reference: string;
  source: string;
  receivedAt: Date;
  decisionDue: string | null;
  status: 'received' | 'decided';
  decision: string | null;
  decidedAt: Date | null;
  children: string | null;
}

/** With what the referrer told the MASH (the address is null when not known). */
export interface OwnReferralDetailRow
  extends OwnReferralRow, Pick<ReferralInput, 'concern' | 'childSaid' | 'risks' | 'consent' | 'referrer'> {
  address: AddressData | null;
  /** What the MASH told the referrer happens next, once decided. */
  feedback: string | null;
}

/** Whose referrals: the user who made them, in their partnership. */
export interface Referrer {
  partnershipId: string;
  userId: string;
}

const COLS = `c.id, c.reference, c.source, c.received_at as "receivedAt", c.decision_due as "decisionDue",
  case when c.status = 'open' then 'received' else 'decided' end as status, c.decision, c.decided_at as "decidedAt",
  (select string_agg(nullif(trim(s.given_name || ' ' || s.family_name), ''), ', ' order by s.position)
     from contact_subject s where s.contact_id = c.id and s.kind = 'child') as children`;

/** The referrer's referrals, newest first. */
export function referralsBy(db: Db, r: Referrer, slice: { limit: number; offset: number }) {
  return db.query<OwnReferralRow>(
    `select ${COLS} from contact c where c.partnership_id = $1 and c.referrer_user_id = $2
     order by c.received_at desc, c.id limit $3 offset $4`,
    [r.partnershipId, r.userId, slice.limit, slice.offset],
  );
}

export async function countReferralsBy(db: Db, r: Referrer) {
  const { n } = await one<{ n: number }>(
    db,
    `select count(*)::int as n from contact c where c.partnership_id = $1 and c.referrer_user_id = $2`,
    [r.partnershipId, r.userId],
  );
  return n;
}

/** One of the referrer's referrals, with what they told the MASH. */
export function referralBy(db: Db, r: Referrer, contactId: string) {
  return maybeOne<OwnReferralDetailRow>(
    db,
    `select ${COLS}, c.address, c.concern, c.child_said as "childSaid", c.immediate_risk as risks, c.consent, c.referrer,
       case when c.status <> 'open' then c.referrer_feedback end as feedback
     from contact c where c.id = $1 and c.partnership_id = $2 and c.referrer_user_id = $3`,
    [contactId, r.partnershipId, r.userId],
  );
}

/** A referral's receipt, for its referrer or the MASH officer who recorded it by phone. */
export function receiptFor(db: Db, r: Referrer, contactId: string) {
  return maybeOne<{
    id: string;
    reference: string;
    receivedAt: Date;
    decisionDue: string;
    source: string;
    immediateRisk: boolean;
  }>(
    db,
    `select id, reference, received_at as "receivedAt", decision_due as "decisionDue", source,
       coalesce(immediate_risk->>'status' = 'yes', false) as "immediateRisk" from contact
     where id = $1 and partnership_id = $2 and (referrer_user_id = $3 or (source = 'phone' and recorded_by = $3))`,
    [contactId, r.partnershipId, r.userId],
  );
}
