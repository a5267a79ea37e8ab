/**
 * Every open clock of an episode of need, from the one calendar. The child's casework page and the
 * open work items (my work, the team manager's view) both come from here, so they always agree.
 *
 * - Single assessment: 45 working days from the referral date (a later assessment in the same
 *   episode: from its own start date).
 * - Strategy discussion: a local setting (default 1 working day) from a referral decided as
 *   "strategy discussion / section 47" or "immediate protection", or from an assessment authorised
 *   with that outcome, until one is held.
 * - Section 47 enquiry: its outcome is due by the initial conference's date (15 working days from the
 *   strategy discussion that began it); the conference itself once the enquiry says one is needed.
 * - Child protection plan: first core group 10 working days from the initial conference; review
 *   conferences 3 months after it, then 6 months after the last review; statutory visits a local
 *   setting (default 10 working days) after the last visit at which the child was seen.
 * - Child in need plan: reviews at the configured interval from its start, then from the last review.
 */
import type { Db } from '../../db/index.ts';
import { UUID } from '../../platform/access/policy.ts';
import { addMonths, addWorkingDays } from '../../platform/calendar.ts';
import { DEFAULT_SETTINGS, dueDate, type ClockName } from '../../platform/clocks.ts';
import type { CaseworkSettings, Interval } from './settings.ts';

/** The kinds of open work with a statutory clock. */
export type WorkItemType =
  | 'assessment'
  | 'strategy_discussion'
  | 'section_47'
  | 'icpc'
  | 'core_group'
  | 'review_conference'
  | 'cin_plan_review'
  | 'visit';

export interface ClockFacts {
  personId: string;
  episodeId: string;
  referralDate: string;
  referralDecision: string | null;
  assessments: {
    id: string;
    status: string;
    startDate: string;
    outcome: string | null;
    authorisedDate: string | null;
  }[];
  strategyDiscussions: { id: string; heldOn: string; decision: string }[];
  section47s: {
    id: string;
    strategyDiscussionId: string;
    strategyHeldOn: string;
    status: string;
    conferenceNeeded: boolean | null;
    hasInitialConference: boolean;
  }[];
  cpPlan?: {
    id: string;
    startDate: string;
    hasCoreGroup: boolean;
    lastReviewOn: string | null;
    lastSeenVisitOn: string | null;
  };
  cinPlan?: { id: string; startDate: string; lastReviewOn: string | null };
}

export interface Clock {
  type: WorkItemType;
  label: string;
  /** What started the clock, and when. */
  startedBy: string;
  start: string;
  dueDate: string;
  /** The page where the work is done. */
  href: string;
}

const memo = new Map<string, string>();
/** Due dates are pure functions of the calendar: remember them (many clocks share a start). */
function cached(key: string, compute: () => string): string {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size > 100_000) memo.clear();
    v = compute();
    memo.set(key, v);
  }
  return v;
}

export function clockDue(clock: ClockName, start: string, visitWorkingDays?: number): string {
  return cached(`${clock}|${start}|${visitWorkingDays ?? ''}`, () =>
    dueDate(clock, start, visitWorkingDays ? { ...DEFAULT_SETTINGS, visitWorkingDays } : undefined),
  );
}

export function intervalDue(start: string, i: Interval): string {
  return 'months' in i
    ? cached(`m|${start}|${i.months}`, () => addMonths(start, i.months))
    : cached(`w|${start}|${i.workingDays}`, () => addWorkingDays(start, i.workingDays));
}

const STRATEGY_REFERRALS = ['strategy_section_47', 'immediate_protection'];

/** The open clocks of one open episode. */
export function openClocks(f: ClockFacts, s: CaseworkSettings): Clock[] {
  const base = `/people/${f.personId}/casework`;
  const out: Clock[] = [];

  const open = f.assessments.find((a) => a.status !== 'authorised');
  const first = f.assessments[0];
  if (open) {
    const fromReferral = open.id === first?.id;
    out.push({
      type: 'assessment',
      label:
        open.status === 'in_progress' ? 'Single assessment' : 'Single assessment: manager’s authorisation',
      startedBy: fromReferral ? 'Referral' : 'Assessment started',
      start: fromReferral ? f.referralDate : open.startDate,
      dueDate: clockDue('assessment', fromReferral ? f.referralDate : open.startDate),
      href: `${base}/assessment/${open.status === 'in_progress' ? 'complete' : 'authorise'}`,
    });
  } else if (!first) {
    out.push({
      type: 'assessment',
      label: 'Single assessment (not started)',
      startedBy: 'Referral',
      start: f.referralDate,
      dueDate: clockDue('assessment', f.referralDate),
      href: `${base}/assessment/start`,
    });
  }

  // A strategy discussion is owed from the latest trigger until one is held on or after it.
  let trigger: { on: string; by: string } | undefined;
  if (f.referralDecision && STRATEGY_REFERRALS.includes(f.referralDecision)) {
    trigger = { on: f.referralDate, by: 'Referral decision' };
  }
  for (const a of f.assessments) {
    if (
      a.outcome === 'strategy_discussion' &&
      a.authorisedDate &&
      (!trigger || a.authorisedDate >= trigger.on)
    ) {
      trigger = { on: a.authorisedDate, by: 'Assessment outcome' };
    }
  }
  const lastSd = f.strategyDiscussions.at(-1);
  if (trigger && !(lastSd && lastSd.heldOn >= trigger.on)) {
    out.push({
      type: 'strategy_discussion',
      label: 'Strategy discussion',
      startedBy: trigger.by,
      start: trigger.on,
      dueDate: intervalDue(trigger.on, { workingDays: s.strategyDiscussionWorkingDays }),
      href: `${base}/strategy-discussion/new`,
    });
  }

  // Section 47: the enquiry begun by the latest strategy discussion, and its conference.
  if (lastSd?.decision === 'section_47') {
    const s47 = f.section47s.find((x) => x.strategyDiscussionId === lastSd.id);
    const icpcDue = clockDue('icpc', lastSd.heldOn);
    if (!s47 || s47.status !== 'completed') {
      const stage = !s47
        ? { label: 'Section 47 enquiry (not started)', page: 'start' }
        : s47.status === 'open'
          ? { label: 'Section 47 enquiry: outcome', page: 'outcome' }
          : { label: 'Section 47 enquiry: manager’s sign-off', page: 'sign-off' };
      out.push({
        type: 'section_47',
        label: stage.label,
        startedBy: 'Strategy discussion',
        start: lastSd.heldOn,
        dueDate: icpcDue,
        href: `${base}/section-47/${stage.page}`,
      });
    }
    if (s47?.conferenceNeeded && s47.status !== 'open' && !s47.hasInitialConference) {
      out.push({
        type: 'icpc',
        label: 'Initial child protection conference',
        startedBy: 'Strategy discussion',
        start: lastSd.heldOn,
        dueDate: icpcDue,
        href: `${base}/conference/initial`,
      });
    }
  }

  const cp = f.cpPlan;
  if (cp) {
    if (!cp.hasCoreGroup) {
      out.push({
        type: 'core_group',
        label: 'First core group',
        startedBy: 'Initial conference',
        start: cp.startDate,
        dueDate: clockDue('core-group', cp.startDate),
        href: `${base}/core-group/new`,
      });
    }
    out.push({
      type: 'review_conference',
      label: cp.lastReviewOn ? 'Review conference' : 'First review conference',
      startedBy: cp.lastReviewOn ? 'Last review conference' : 'Initial conference',
      start: cp.lastReviewOn ?? cp.startDate,
      dueDate: cp.lastReviewOn
        ? clockDue('rcpc-next', cp.lastReviewOn)
        : clockDue('rcpc-first', cp.startDate),
      href: `${base}/conference/review`,
    });
    const from = cp.lastSeenVisitOn ?? cp.startDate;
    out.push({
      type: 'visit',
      label: 'Statutory visit',
      startedBy: cp.lastSeenVisitOn ? 'Last visit with the child seen' : 'Plan start',
      start: from,
      dueDate: clockDue('visit', from, s.visitWorkingDays),
      href: `${base}/visits/new`,
    });
  }

  const cin = f.cinPlan;
  if (cin) {
    const from = cin.lastReviewOn ?? cin.startDate;
    out.push({
      type: 'cin_plan_review',
      label: 'Child in need plan review',
      startedBy: cin.lastReviewOn ? 'Last review' : 'Plan start',
      start: from,
      dueDate: intervalDue(from, s.cinPlanReview),
      href: `${base}/cin-plan/review`,
    });
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

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
  }>(
    `select e.id, e.person_id as "personId", e.referral_date as "referralDate", r.decision
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
