/**
 * Statutory casework, as other features and the pages use it: a child's casework with every open
 * clock, what the child has told us, its open work and drift facts. The changes live in
 * episodes.ts, assessments.ts, section-47.ts, conferences.ts and cin-plans.ts (re-exported here).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { due, type Due } from '../../platform/due.ts';
import { londonToday } from '../../platform/dates.ts';
import { maySeeChanges } from '../../platform/access/policy.ts';
import { personHeading, type PersonHeading } from '../people/service.ts';
import { openClocks, type Clock } from './due.ts';
import { mayChange, mayRead } from './guard.ts';
import { loadCasework } from './repository/casework.ts';
import { loadClockFacts } from './repository/clocks.ts';
import type { Casework, EpisodeRow } from './repository/rows.ts';
import { latestVoice, loadVoice, type VoiceEntry } from './repository/voice.ts';
import { caseworkSettings, type CaseworkSettings } from './settings.ts';
import { mayMake, type TransitionName } from './transitions.ts';

export { startEpisode, closeEpisode } from './episodes.ts';
export {
  startEpisodeFromDecision,
  referralSourceOf,
  type DecidedReferral,
  type EpisodeFromDecision,
} from './from-decision.ts';
export { startAssessment, submitAssessment, authoriseAssessment } from './assessments.ts';
export {
  recordStrategyDiscussion,
  startSection47,
  recordSection47Outcome,
  signOffSection47,
} from './section-47.ts';
export { recordInitialConference, recordReviewConference, startCpPlanFromConference } from './conferences.ts';
export { recordCoreGroup, endCpPlan } from './cp-plans.ts';
export { startCinPlan, reviewCinPlan, endCinPlan } from './cin-plans.ts';
export { recordVisit, recordDirectWork } from './visits.ts';
export { openWorkItems, type WorkItem, type WorkItemType } from './work-items.ts';
export { driftFacts, type DriftFact, type DriftKind } from './drift.ts';
export { caseworkSummary, type CaseworkSummary } from './summary.ts';
export {
  caseworkSettings,
  setCaseworkSettings,
  DEFAULT_CASEWORK_SETTINGS,
  type CaseworkSettings,
} from './settings.ts';
// The demo plans its casework with the same clocks and codes as the services.
export { clockDue, intervalDue } from './due.ts';
export {
  ABUSE_CATEGORIES,
  ASSESSMENT_OUTCOMES,
  CLOSURE_REASONS,
  CP_PLAN_END_REASONS,
  ICPC_DECISIONS,
  PRIMARY_NEEDS,
  REVIEW_DECISIONS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  VOICE_METHODS,
} from './codes.ts';

export interface EpisodeView {
  episode: EpisodeRow;
  parts: Omit<Casework, 'episodes'>;
}

function byEpisode(cw: Casework, id: string): Omit<Casework, 'episodes'> {
  const keep = <T extends { episodeId?: string }>(rows: T[]) => rows.filter((r) => r.episodeId === id);
  const cpPlans = keep(cw.cpPlans);
  const cinPlans = keep(cw.cinPlans);
  return {
    assessments: keep(cw.assessments),
    strategyDiscussions: keep(cw.strategyDiscussions),
    section47s: keep(cw.section47s),
    conferences: keep(cw.conferences),
    cpPlans,
    coreGroups: cw.coreGroups.filter((g) => cpPlans.some((pl) => pl.id === g.cpPlanId)),
    cinPlans,
    cinReviews: cw.cinReviews.filter((r) => cinPlans.some((pl) => pl.id === r.cinPlanId)),
    visits: keep(cw.visits),
    decisions: keep(cw.decisions),
  };
}

export interface Action {
  text: string;
  href: string;
  manager?: boolean;
}

/**
 * The next steps the actor may take, from the state of the open episode. Who reads by break-glass or
 * for scrutiny (`changes` false) is offered no step, as the service would refuse it.
 */
function actionsFor(actor: Actor, personId: string, cw: Casework, changes: boolean): Action[] {
  const base = `/people/${personId}/casework`;
  const out: Action[] = [];
  const add = (t: TransitionName, text: string, path: string) => {
    if (changes && mayMake(actor.roles, t))
      out.push({
        text,
        href: `${base}${path}`,
        manager:
          t.endsWith('authorise') || t.endsWith('sign_off') || t.endsWith('end') || t.endsWith('close'),
      });
  };
  const open = cw.episodes.find((e) => e.status === 'open');
  if (!open) {
    add('episode.start', 'Start an episode of need', '/episode/start');
    return out;
  }
  const parts = byEpisode(cw, open.id);
  const a = parts.assessments.find((x) => x.status !== 'authorised');
  if (!a) add('assessment.start', 'Start an assessment', '/assessment/start');
  else if (a.status === 'in_progress')
    add('assessment.submit', 'Complete the assessment', '/assessment/complete');
  else add('assessment.authorise', 'Authorise the assessment', '/assessment/authorise');
  const s47 = parts.section47s.find((x) => x.status !== 'completed');
  const lastSd = parts.strategyDiscussions.at(-1);
  if (!s47) add('strategy_discussion.record', 'Record a strategy discussion', '/strategy-discussion/new');
  if (
    lastSd?.decision === 'section_47' &&
    !parts.section47s.some((x) => x.strategyDiscussionId === lastSd.id)
  ) {
    add('section_47.start', 'Start the section 47 enquiry', '/section-47/start');
  }
  if (s47?.status === 'open')
    add('section_47.outcome', 'Record the outcome of the enquiry', '/section-47/outcome');
  if (s47?.status === 'awaiting_sign_off')
    add('section_47.sign_off', 'Sign off the enquiry’s outcome', '/section-47/sign-off');
  if (
    parts.section47s.some((x) => x.status === 'completed' && x.conferenceNeeded && !x.hasInitialConference)
  ) {
    add('conference.record', 'Record the initial child protection conference', '/conference/initial');
  }
  const cp = parts.cpPlans.find((x) => x.status === 'open');
  const cin = parts.cinPlans.find((x) => x.status === 'open');
  if (cp) {
    out.push({ text: 'The child protection plan: outcomes and actions', href: `${base}/cp-plan` });
    add('core_group.record', 'Record a core group meeting', '/core-group/new');
    add('conference.record', 'Record a review conference', '/conference/review');
  }
  add('visit.record', 'Record a visit', '/visits/new');
  if (cin) add('cin_plan.review', 'Record a child in need plan review', '/cin-plan/review');
  if (!cp && !cin) add('cin_plan.start', 'Start a child in need plan', '/cin-plan/start');
  if (cp) add('cp_plan.end', 'End the child protection plan', '/cp-plan/end');
  if (cin) add('cin_plan.end', 'End the child in need plan', '/cin-plan/end');
  add('episode.close', 'Close the episode of need', '/episode/close');
  return out;
}

export interface Overview {
  person: PersonHeading;
  episodes: EpisodeView[];
  clocks: (Clock & { due: Due })[];
  actions: Action[];
  settings: CaseworkSettings;
  today: string;
  /** The child's latest words, oldest of them first, and how many records there are. */
  voice: { entries: VoiceEntry[]; total: number };
}

/** A child's casework page: every episode, the open clocks with their due dates, the next steps. */
export async function caseworkOverview(
  db: Db,
  actor: Actor,
  personId: string,
  today = londonToday(),
): Promise<Overview> {
  const access = await mayRead(db, actor, personId);
  const { person } = await personHeading(db, actor, personId, 'casework');
  const cw = await loadCasework(db, actor.partnershipId, personId);
  const settings = await caseworkSettings(db, actor.partnershipId);
  const [facts] = await loadClockFacts(db, actor.partnershipId, [personId]);
  const voice = await latestVoice(db, actor.partnershipId, personId, 3);
  const clocks = facts ? openClocks(facts, settings).map((c) => ({ ...c, due: due(c.dueDate, today) })) : [];
  await audit(db, actor, { action: 'casework.view', entityType: 'person', entityId: personId, personId });
  const episodes = [...cw.episodes]
    .reverse()
    .map((episode) => ({ episode, parts: byEpisode(cw, episode.id) }));
  const actions = actionsFor(actor, personId, cw, maySeeChanges(access));
  return { person, episodes, clocks, actions, settings, today, voice };
}

/** "What the child has told us", in time order, and where the voice was not heard and why. */
export async function childVoicePage(db: Db, actor: Actor, personId: string) {
  const access = await mayRead(db, actor, personId);
  const { person } = await personHeading(db, actor, personId, 'casework');
  const voice = await loadVoice(db, actor.partnershipId, personId);
  await audit(db, actor, aboutPerson(personId, 'casework.voice_view'));
  return { person, ...voice, canRecord: maySeeChanges(access) && mayMake(actor.roles, 'voice.record') };
}

/** A form page's access check (the change's role, then the child), its heading and its audited read. */
export async function formPerson(db: Db, actor: Actor, personId: string, t: TransitionName, page: string) {
  await mayChange(db, actor, personId, t);
  const { person } = await personHeading(db, actor, personId, 'casework');
  await audit(db, actor, aboutPerson(personId, 'casework.view', { page }));
  return person;
}

export { childVoiceMeasure, type VoiceMeasureRow } from './voice-measure.ts';
