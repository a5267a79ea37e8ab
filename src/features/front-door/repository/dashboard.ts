/** The MASH dashboard's counts, from the contacts themselves: no names. */
import { maybeOne, type Db } from '../../../db/index.ts';
import { isRepeat } from './repeats.ts';

export interface Rates {
  received: number;
  decided: number;
  inTime: number;
  /** Decided after the day the decision was due. */
  breaches: number;
  toReferral: number;
  repeats: number;
}

const RATES = `count(*)::int as received,
  count(*) filter (where c.decided_at is not null)::int as decided,
  count(*) filter (where c.decided_at is not null
    and (c.decided_at at time zone 'Europe/London')::date <= c.decision_due)::int as "inTime",
  count(*) filter (where c.decided_at is not null
    and (c.decided_at at time zone 'Europe/London')::date > c.decision_due)::int as breaches,
  count(*) filter (where c.decision = any($4::text[]))::int as "toReferral",
  count(*) filter (where c.repeat)::int as repeats`;

// $1 partnership, $2 first day, $3 last day (London dates of receipt), $4 decisions that refer on.
const IN_PERIOD = `c.partnership_id = $1 and c.reference is not null
  and (c.received_at at time zone 'Europe/London')::date between $2::date and $3::date`;

/** The period's contacts, each with whether it is a repeat (repeats.ts: one rule). */
const CONTACTS = `(select c.*, (c.repeat_of is not null or ${isRepeat('c')}) as repeat
  from contact c where ${IN_PERIOD}) c`;

export interface Period {
  partnershipId: string;
  from: string;
  to: string;
  /** The decisions that make a referral to children's social care. */
  referralDecisions: readonly string[];
}

const args = (p: Period) => [p.partnershipId, p.from, p.to, p.referralDecisions];

export async function totals(db: Db, p: Period): Promise<Rates> {
  const row = await maybeOne<Rates>(db, `select ${RATES} from ${CONTACTS}`, args(p));
  return row!;
}

export async function ratesByAgency(db: Db, p: Period): Promise<(Rates & { agency: string })[]> {
  return db.query(
    `select coalesce(a.name, 'Member of the public or unknown') as agency, ${RATES}
     from ${CONTACTS} left join agency a on a.id = c.source_agency_id
     group by 1 order by received desc, agency`,
    args(p),
  );
}

export async function ratesByMonth(db: Db, p: Period): Promise<(Rates & { month: string })[]> {
  return db.query(
    `select to_char(c.received_at at time zone 'Europe/London', 'YYYY-MM') as month, ${RATES}
     from ${CONTACTS} group by 1 order by 1`,
    args(p),
  );
}

export async function decisionCounts(db: Db, p: Period): Promise<{ decision: string; count: number }[]> {
  return db.query(
    `select c.decision, count(*)::int as count from contact c
     where ${IN_PERIOD} and c.decision is not null group by 1`,
    args(p).slice(0, 3),
  );
}

/** How many contacts with a reference arrived on this London day. */
export async function receivedOn(db: Db, partnershipId: string, day: string): Promise<number> {
  const row = await maybeOne<{ n: number }>(
    db,
    `select count(*)::int as n from contact c where c.partnership_id = $1 and c.reference is not null
       and (c.received_at at time zone 'Europe/London')::date = $2::date`,
    [partnershipId, day],
  );
  return row?.n ?? 0;
}

/** Every open contact with a reference, whenever it arrived: the London day received, and the day due. */
export async function openContacts(
  db: Db,
  partnershipId: string,
): Promise<{ received: string; due: string | null }[]> {
  return db.query(
    `select to_char(received_at at time zone 'Europe/London', 'YYYY-MM-DD') as received, decision_due::text as due
     from contact where partnership_id = $1 and status = 'open' and reference is not null`,
    [partnershipId],
  );
}
