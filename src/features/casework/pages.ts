/**
 * The casework forms, one row each: the change it makes (for the access check of the page), the
 * template, what the page shows (the current record, read after the access check), the action's
 * schema and the service that saves it.
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError } from '../../platform/errors.ts';
import { londonToday } from '../../platform/dates.ts';
import { authoriseAssessment, currentAssessment, startAssessment, submitAssessment } from './assessments.ts';
import { currentCinPlan, endCinPlan, reviewCinPlan, startCinPlan } from './cin-plans.ts';
import { currentCpPlan, recordInitialConference, recordReviewConference } from './conferences.ts';
import { endCpPlan, recordCoreGroup } from './cp-plans.ts';
import { clockDue, intervalDue } from './due.ts';
import { closeBlockers, closeEpisode, startEpisode } from './episodes.ts';
import { requireOpenEpisode, show } from './guard.ts';
import {
  agencyChoices,
  openAssessment,
  openCpPlan,
  openEpisode,
  referralsToStart,
  section47AwaitingConference,
  strategyAwaitingEnquiry,
} from './repository/current.ts';
import { siblingChoices } from './meetings.ts';
import { addPlanAction, addPlanOutcome, outcomesOf } from './plan-content.ts';
import { actionsOf } from './plan-progress.ts';
import { voiceOf } from './repository/voice.ts';
import {
  currentSection47,
  recordSection47Outcome,
  recordStrategyDiscussion,
  signOffSection47,
  startSection47,
} from './section-47.ts';
import {
  assessmentAuthoriseSchema,
  assessmentStartSchema,
  assessmentSubmitSchema,
  cinPlanEndSchema,
  cinPlanStartSchema,
  cinReviewSchema,
  coreGroupSchema,
  cpPlanEndSchema,
  episodeCloseSchema,
  episodeStartSchema,
  initialConferenceSchema,
  planActionSchema,
  planOutcomeSchema,
  reviewConferenceSchema,
  section47OutcomeSchema,
  section47SignOffSchema,
  section47StartSchema,
  strategySchema,
  visitSchema,
} from './schemas.ts';
import { caseworkSettings, describeInterval } from './settings.ts';
import type { TransitionName } from './transitions.ts';
import { recordVisit } from './visits.ts';

type Data = Record<string, unknown>;

export interface FormPage<S extends z.ZodType = z.ZodType> {
  path: string;
  transition: TransitionName;
  template: string;
  title: string;
  /** The page's data; it may refuse (409) when the child's casework is not at this step. */
  load: (db: Db, actor: Actor, personId: string) => Promise<Data>;
  /** Values the form starts with (who heard the child's voice starts as the user, on every form). */
  initial?: (data: Data) => Record<string, string>;
  /** The action's schema (platform/validation.ts), as of today. */
  schema: () => S;
  save: (db: Db, actor: Actor, personId: string, input: z.infer<S>) => Promise<unknown>;
  /** The banner on the casework page after saving. */
  saved: string;
}

/** The hidden id of the record a form is for, from what its page loaded (`d.plan.id` as `planId`). */
const openedFor = (record: string, key: string) => (d: Data) => ({ [key]: (d[record] as { id: string }).id });

/** A row of the table, its save typed by its own schema. */
const form = <S extends z.ZodType>(f: FormPage<S>) => f as unknown as FormPage;

/** The key of a form's banner in the address after saving (`?done=episode-start`). */
export const doneKey = (f: FormPage) => f.path.slice(1).replace(/\//g, '-');

const today = () => londonToday();
const withAgencies = async (db: Db, actor: Actor, data: Data) => ({
  ...data,
  agencies: await agencyChoices(db, actor.partnershipId),
});

export const FORMS: FormPage[] = [
  form({
    path: '/episode/start',
    transition: 'episode.start',
    template: 'episode-start',
    title: 'Start an episode of need',
    async load(db, actor, personId) {
      const open = await openEpisode(db, actor.partnershipId, personId);
      if (open) {
        throw new ConflictError(
          `This child already has an open episode of need, from the referral of ${show(open.referralDate)}. Episodes of one child never overlap.`,
        );
      }
      return { referrals: await referralsToStart(db, actor.partnershipId, personId) };
    },
    schema: episodeStartSchema,
    save: startEpisode,
    saved: 'Episode of need started',
  }),
  form({
    path: '/episode/close',
    transition: 'episode.close',
    template: 'episode-close',
    title: 'Close the episode of need',
    async load(db, actor, personId) {
      const episode = await requireOpenEpisode(db, actor, personId);
      return { episode, blockers: await closeBlockers(db, actor, personId, episode.id) };
    },
    initial: openedFor('episode', 'episodeId'),
    schema: episodeCloseSchema,
    save: closeEpisode,
    saved: 'Episode of need closed',
  }),
  form({
    path: '/assessment/start',
    transition: 'assessment.start',
    template: 'date-step',
    title: 'Start an assessment',
    async load(db, actor, personId) {
      const episode = await requireOpenEpisode(db, actor, personId);
      const open = await openAssessment(db, episode.id);
      if (open) throw new ConflictError(`An assessment started on ${show(open.startDate)} is still open.`);
      return {
        field: { id: 'startDate', legend: 'When did the assessment start?' },
        intro: `The assessment is due by ${show(clockDue('assessment', episode.referralDate))}: 45 working days from the referral date, ${show(episode.referralDate)}.`,
      };
    },
    schema: assessmentStartSchema,
    save: startAssessment,
    saved: 'Assessment started',
  }),
  form({
    path: '/assessment/complete',
    transition: 'assessment.submit',
    template: 'assessment-complete',
    title: 'Complete the assessment',
    async load(db, actor, personId) {
      const current = await currentAssessment(db, actor, personId);
      if (current.assessment.status !== 'in_progress') {
        throw new ConflictError('The assessment is waiting for a manager’s authorisation.');
      }
      return current;
    },
    initial: openedFor('assessment', 'assessmentId'),
    schema: assessmentSubmitSchema,
    save: submitAssessment,
    saved: 'Assessment sent to a manager for authorisation',
  }),
  form({
    path: '/assessment/authorise',
    transition: 'assessment.authorise',
    template: 'decision',
    title: 'Authorise the assessment',
    async load(db, actor, personId) {
      const current = await currentAssessment(db, actor, personId);
      if (current.assessment.status !== 'awaiting_authorisation') {
        throw new ConflictError('The assessment has not been completed yet.');
      }
      const voice = await voiceOf(db, actor.partnershipId, current.assessment.id);
      return { ...current, voice, kind: 'assessment', subjectId: current.assessment.id };
    },
    initial: (d) => ({ assessmentId: d.subjectId as string, ...todayParts('decidedOn') }),
    schema: assessmentAuthoriseSchema,
    save: authoriseAssessment,
    saved: 'Manager’s decision recorded',
  }),
  form({
    path: '/strategy-discussion/new',
    transition: 'strategy_discussion.record',
    template: 'strategy',
    title: 'Record a strategy discussion',
    load: async (db, actor, personId) =>
      withAgencies(db, actor, {
        episode: await requireOpenEpisode(db, actor, personId),
        siblings: await siblingChoices(db, actor, personId),
      }),
    schema: strategySchema,
    save: recordStrategyDiscussion,
    saved: 'Strategy discussion recorded',
  }),
  form({
    path: '/section-47/start',
    transition: 'section_47.start',
    template: 'date-step',
    title: 'Start the section 47 enquiry',
    async load(db, actor, personId) {
      const episode = await requireOpenEpisode(db, actor, personId);
      const sd = await strategyAwaitingEnquiry(db, episode.id);
      if (!sd)
        throw new ConflictError('No strategy discussion is waiting for a section 47 enquiry to start.');
      return {
        sd,
        field: { id: 'startDate', legend: 'When did the enquiry start?' },
        intro: `The strategy discussion of ${show(sd.heldOn)} decided on a section 47 enquiry. The initial child protection conference, if one is needed, is due by ${show(clockDue('icpc', sd.heldOn))}.`,
      };
    },
    initial: openedFor('sd', 'strategyDiscussionId'),
    schema: section47StartSchema,
    save: startSection47,
    saved: 'Section 47 enquiry started',
  }),
  form({
    path: '/section-47/outcome',
    transition: 'section_47.outcome',
    template: 's47-outcome',
    title: 'Record the outcome of the section 47 enquiry',
    async load(db, actor, personId) {
      const current = await currentSection47(db, actor, personId);
      if (current.s47.status !== 'open')
        throw new ConflictError('The outcome is waiting for a manager’s sign-off.');
      return { ...current, icpcDue: clockDue('icpc', current.s47.strategyHeldOn) };
    },
    initial: openedFor('s47', 'section47Id'),
    schema: section47OutcomeSchema,
    save: recordSection47Outcome,
    saved: 'Outcome of the enquiry recorded',
  }),
  form({
    path: '/section-47/sign-off',
    transition: 'section_47.sign_off',
    template: 'decision',
    title: 'Sign off the outcome of the section 47 enquiry',
    async load(db, actor, personId) {
      const current = await currentSection47(db, actor, personId);
      if (current.s47.status !== 'awaiting_sign_off')
        throw new ConflictError('The enquiry’s outcome has not been recorded yet.');
      return { ...current, kind: 'section_47', subjectId: current.s47.id };
    },
    initial: (d) => ({ section47Id: d.subjectId as string, ...todayParts('decidedOn') }),
    schema: section47SignOffSchema,
    save: signOffSection47,
    saved: 'Manager’s decision recorded',
  }),
  form({
    path: '/conference/initial',
    transition: 'conference.record',
    template: 'conference',
    title: 'Record the initial child protection conference',
    async load(db, actor, personId) {
      const episode = await requireOpenEpisode(db, actor, personId);
      const s47 = await section47AwaitingConference(db, episode.id);
      if (!s47) {
        throw new ConflictError(
          'There is no section 47 enquiry signed off as needing an initial conference.',
        );
      }
      return withAgencies(db, actor, {
        kind: 'initial',
        s47,
        dueDate: clockDue('icpc', s47.strategyHeldOn),
        // Brothers and sisters whose own enquiry calls for a conference may be recorded with the child.
        conferenceSiblings: await siblingChoices(db, actor, personId, { awaitingConference: true }),
      });
    },
    initial: openedFor('s47', 'section47Id'),
    schema: initialConferenceSchema,
    save: recordInitialConference,
    saved: 'Initial child protection conference recorded',
  }),
  form({
    path: '/conference/review',
    transition: 'conference.record',
    template: 'conference',
    title: 'Record a review child protection conference',
    async load(db, actor, personId) {
      const current = await currentCpPlan(db, actor, personId);
      const dueDate = current.lastReview
        ? clockDue('rcpc-next', current.lastReview.heldOn)
        : clockDue('rcpc-first', current.plan.startDate);
      const actions = await actionsOf(db, actor, current.plan.id);
      return withAgencies(db, actor, { kind: 'review', ...current, dueDate, actions });
    },
    initial: openedFor('plan', 'planId'),
    schema: reviewConferenceSchema,
    save: recordReviewConference,
    saved: 'Review conference recorded',
  }),
  form({
    path: '/core-group/new',
    transition: 'core_group.record',
    template: 'core-group',
    title: 'Record a core group meeting',
    async load(db, actor, personId) {
      const current = await currentCpPlan(db, actor, personId);
      return withAgencies(db, actor, { ...current, actions: await actionsOf(db, actor, current.plan.id) });
    },
    initial: openedFor('plan', 'planId'),
    schema: coreGroupSchema,
    save: recordCoreGroup,
    saved: 'Core group recorded',
  }),
  form({
    path: '/cp-plan/outcome/new',
    transition: 'cp_plan.content',
    template: 'plan-outcome',
    title: 'Add an outcome for the child',
    load: async (db, actor, personId) => currentCpPlan(db, actor, personId),
    initial: openedFor('plan', 'planId'),
    schema: planOutcomeSchema,
    save: addPlanOutcome,
    saved: 'Outcome added to the plan',
  }),
  form({
    path: '/cp-plan/action/new',
    transition: 'cp_plan.content',
    template: 'plan-action',
    title: 'Add an action to the plan',
    async load(db, actor, personId) {
      const current = await currentCpPlan(db, actor, personId);
      return withAgencies(db, actor, { ...current, outcomes: await outcomesOf(db, actor, current.plan.id) });
    },
    initial: openedFor('plan', 'planId'),
    schema: planActionSchema,
    save: addPlanAction,
    saved: 'Action added to the plan',
  }),
  form({
    path: '/cp-plan/end',
    transition: 'cp_plan.end',
    template: 'plan-end',
    title: 'End the child protection plan',
    load: async (db, actor, personId) => ({ kind: 'cp', ...(await currentCpPlan(db, actor, personId)) }),
    initial: openedFor('plan', 'planId'),
    schema: cpPlanEndSchema,
    save: endCpPlan,
    saved: 'Child protection plan ended',
  }),
  form({
    path: '/cin-plan/start',
    transition: 'cin_plan.start',
    template: 'date-step',
    title: 'Start a child in need plan',
    async load(db, actor, personId) {
      await requireOpenEpisode(db, actor, personId);
      if (await openCpPlan(db, actor.partnershipId, personId)) {
        throw new ConflictError(
          'This child is on a child protection plan: a child in need plan cannot run at the same time.',
        );
      }
      const settings = await caseworkSettings(db, actor.partnershipId);
      return {
        field: { id: 'startDate', legend: 'When did the plan start?' },
        intro: `Child in need plans are reviewed ${describeInterval(settings.cinPlanReview)}: for a plan starting today, the first review is due by ${show(intervalDue(today(), settings.cinPlanReview))}.`,
      };
    },
    schema: cinPlanStartSchema,
    save: startCinPlan,
    saved: 'Child in need plan started',
  }),
  form({
    path: '/cin-plan/review',
    transition: 'cin_plan.review',
    template: 'cin-review',
    title: 'Record a child in need plan review',
    async load(db, actor, personId) {
      const current = await currentCinPlan(db, actor, personId);
      const settings = await caseworkSettings(db, actor.partnershipId);
      return {
        ...current,
        dueDate: intervalDue(current.lastReviewOn ?? current.plan.startDate, settings.cinPlanReview),
      };
    },
    initial: openedFor('plan', 'planId'),
    schema: cinReviewSchema,
    save: reviewCinPlan,
    saved: 'Child in need plan review recorded',
  }),
  form({
    path: '/cin-plan/end',
    transition: 'cin_plan.end',
    template: 'plan-end',
    title: 'End the child in need plan',
    load: async (db, actor, personId) => ({ kind: 'cin', ...(await currentCinPlan(db, actor, personId)) }),
    initial: openedFor('plan', 'planId'),
    schema: cinPlanEndSchema,
    save: endCinPlan,
    saved: 'Child in need plan ended',
  }),
  form({
    path: '/visits/new',
    transition: 'visit.record',
    template: 'visit',
    title: 'Record a visit',
    async load(db, actor, personId) {
      const episode = await requireOpenEpisode(db, actor, personId);
      return { episode, plan: await openCpPlan(db, actor.partnershipId, personId) };
    },
    schema: visitSchema,
    save: recordVisit,
    saved: 'Visit recorded',
  }),
];

function todayParts(prefix: string): Record<string, string> {
  const [y, m, d] = today().split('-');
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y!,
  };
}
