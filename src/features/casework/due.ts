/**
 * Every open clock of an episode of need, from the one calendar. The child's casework page and the
 * open work items (my work, the team manager's view) both come from here, so they always agree.
 *
 * - Single assessment: 45 working days from the referral date (a later assessment in the same
 *   episode: from its own start date).
 * - Strategy discussion: a local setting (default 1 working day) from the day a referral was decided
 *   as "strategy discussion / section 47" or "immediate protection", or from an assessment authorised
 *   with that outcome, until one is held.
 * - Section 47 enquiry: its outcome is due by the initial conference's date (15 working days from the
 *   strategy discussion that began it); the conference itself once the enquiry says one is needed.
 * - Child protection plan: first core group 10 working days from the initial conference; review
 *   conferences 3 months after it, then 6 months after the last review; statutory visits a local
 *   setting (default 10 working days) after the last visit at which the child was seen.
 * - Child in need plan: reviews at the configured interval from its start, then from the last review.
 */
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
  /**
   * The day (London) the latest referral in this episode calling for a strategy discussion was
   * decided: the strategy discussion clock starts then. Absent: the episode's own referral, from its date.
   */
  strategyDecidedOn?: string | null;
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
  if (f.strategyDecidedOn) {
    trigger = { on: f.strategyDecidedOn, by: 'Referral decision' };
  } else if (f.referralDecision && STRATEGY_REFERRALS.includes(f.referralDecision)) {
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
