/** The facts the clocks and the drift report are worked out from, for many children at once. */
import type { Db } from '../../../db/index.ts';
import { UUID } from '../../../platform/access/policy.ts';
import type { ClockFacts } from '../due.ts';

/**
 * The clock facts of open episodes, for some children or the whole partnership, in a fixed number
 * of set-based queries (the team manager's view and the drift report read thousands at once).
 */
export async function loadClockFacts(
  db: Db,
  partnershipId: string,
  personIds?: readonly string[],
): Promise<ClockFacts[]> {
  const ids = personIds ? personIds.filter((id) => UUID.test(id)) : null;
  if (ids && ids.length === 0) return [];
  // Two texts, not "$2 is null or ...": a prepared statement's generic plan would then scan every
  // episode of the partnership even when a few children are asked for.
  const p = ids ? [partnershipId, ids] : [partnershipId];
  const byPerson = ids ? 'and person_id = any($2::uuid[])' : '';
  const eps = `select id from episode where partnership_id = $1 and status = 'open' ${byPerson}`;
  const episodes = await db.query<{
    id: string;
    personId: string;
    referralDate: string;
    decision: string | null;
    strategyDecidedOn: string | null;
  }>(
    // The strategy clock starts on the day of the latest decision calling for one in the episode
    // (a referral recorded without its decision's time: its referral date).
    `select e.id, e.person_id as "personId", e.referral_date as "referralDate", r.decision,
       (select max(coalesce((x.decided_at at time zone 'Europe/London')::date, x.referral_date))
        from referral x where x.person_id = e.person_id and x.partnership_id = e.partnership_id
          and x.decision in ('strategy_section_47', 'immediate_protection')
          and x.referral_date >= e.referral_date) as "strategyDecidedOn"
     from episode e left join referral r on r.id = e.referral_id
     where e.partnership_id = $1 and e.status = 'open' ${byPerson.replace('person_id', 'e.person_id')}`,
    p,
  );
  if (episodes.length === 0) return [];
  const assessments = await db.query<ClockFacts['assessments'][number] & { episodeId: string }>(
    `select id, episode_id as "episodeId", status, start_date as "startDate", outcome,
       authorised_date as "authorisedDate"
     from assessment where episode_id in (${eps}) order by start_date, created_at`,
    p,
  );
  const sds = await db.query<ClockFacts['strategyDiscussions'][number] & { episodeId: string }>(
    `select id, episode_id as "episodeId", held_on as "heldOn", decision from strategy_discussion
     where episode_id in (${eps}) order by held_on, created_at`,
    p,
  );
  const s47s = await db.query<ClockFacts['section47s'][number] & { episodeId: string }>(
    `select s.id, s.episode_id as "episodeId", s.strategy_discussion_id as "strategyDiscussionId",
       sd.held_on as "strategyHeldOn", s.status, s.conference_needed as "conferenceNeeded",
       exists (select 1 from conference c where c.section_47_id = s.id) as "hasInitialConference"
     from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     where s.episode_id in (${eps})`,
    p,
  );
  const cps = await db.query<NonNullable<ClockFacts['cpPlan']> & { episodeId: string }>(
    `select pl.id, pl.episode_id as "episodeId", pl.start_date as "startDate",
       exists (select 1 from core_group g where g.cp_plan_id = pl.id) as "hasCoreGroup",
       (select max(c.held_on) from conference c where c.cp_plan_id = pl.id and c.kind = 'review') as "lastReviewOn",
       (select max(v.visited_on) from visit v where v.cp_plan_id = pl.id and v.seen) as "lastSeenVisitOn"
     from cp_plan pl where pl.status = 'open' and pl.episode_id in (${eps})`,
    p,
  );
  const cins = await db.query<NonNullable<ClockFacts['cinPlan']> & { episodeId: string }>(
    `select pl.id, pl.episode_id as "episodeId", pl.start_date as "startDate",
       (select max(r.held_on) from cin_plan_review r where r.cin_plan_id = pl.id) as "lastReviewOn"
     from cin_plan pl where pl.status = 'open' and pl.episode_id in (${eps})`,
    p,
  );
  const facts = new Map<string, ClockFacts>();
  for (const e of episodes) {
    facts.set(e.id, {
      personId: e.personId,
      episodeId: e.id,
      referralDate: e.referralDate,
      referralDecision: e.decision,
      strategyDecidedOn: e.strategyDecidedOn,
      assessments: [],
      strategyDiscussions: [],
      section47s: [],
    });
  }
  for (const a of assessments) facts.get(a.episodeId)?.assessments.push(a);
  for (const sd of sds) facts.get(sd.episodeId)?.strategyDiscussions.push(sd);
  for (const s of s47s) facts.get(s.episodeId)?.section47s.push(s);
  for (const c of cps) {
    const f = facts.get(c.episodeId);
    if (f) f.cpPlan = c;
  }
  for (const c of cins) {
    const f = facts.get(c.episodeId);
    if (f) f.cinPlan = c;
  }
  return [...facts.values()];
}

/** The partnership's open episodes with the date of their last review (none: null). */
export async function openEpisodesLastReviewed(
  db: Db,
  partnershipId: string,
): Promise<{ id: string; personId: string; referralDate: string; lastReview: string | null }[]> {
  return db.query(
    `select e.id, e.person_id as "personId", e.referral_date as "referralDate",
       greatest((select max(a.authorised_date) from assessment a where a.episode_id = e.id),
                (select max(c.held_on) from conference c where c.episode_id = e.id),
                (select max(r.held_on) from cin_plan_review r join cin_plan pl on pl.id = r.cin_plan_id
                  where pl.episode_id = e.id)) as "lastReview"
     from episode e where e.partnership_id = $1 and e.status = 'open'`,
    [partnershipId],
  );
}

/** The partnership's open child protection plans, with the end of the child's previous plan. */
export async function openCpPlansAfterPrevious(
  db: Db,
  partnershipId: string,
): Promise<
  { id: string; personId: string; episodeId: string; startDate: string; previousEnd: string | null }[]
> {
  return db.query(
    `select pl.id, pl.person_id as "personId", pl.episode_id as "episodeId", pl.start_date as "startDate",
       (select max(q.end_date) from cp_plan q where q.person_id = pl.person_id and q.id <> pl.id
          and q.end_date <= pl.start_date) as "previousEnd"
     from cp_plan pl where pl.partnership_id = $1 and pl.status = 'open'`,
    [partnershipId],
  );
}
