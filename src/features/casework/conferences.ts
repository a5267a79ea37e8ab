/**
 * Child protection conferences and plans: the initial conference (within 15 working days of the
 * strategy discussion) that may start a plan, and review conferences. A plan never starts without
 * an initial conference; a child has one open plan at a time.
 */
import crypto from 'node:crypto';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { weekday } from '../../platform/calendar.ts';
import { ConflictError } from '../../platform/errors.ts';
import { Problems } from '../../platform/validation.ts';
import { ABUSE_CATEGORIES, ICPC_DECISIONS, REVIEW_DECISIONS } from './codes.ts';
import { changeChild, changed, change, checkSame, mayChange, requireOpenEpisode, show } from './guard.ts';
import { siblingsWithOpenEpisodes } from './repository/meetings.ts';
import {
  lastReviewConference,
  lockChild,
  openCinPlan,
  openCpPlan,
  planningConference,
  section47AwaitingConference,
} from './repository/current.ts';
import {
  endPlanRow,
  insertCinPlan,
  insertConference as insertConferenceRow,
  insertCpPlan,
  setPlanCategory,
} from './repository/writes.ts';
import { checkAgencies } from './section-47.ts';
import { actionsOf, readProgress, recordProgress } from './plan-progress.ts';
import { requireTransition } from './transitions.ts';
import {
  initialConferenceSchema,
  reviewConferenceSchema,
  type InitialConference,
  type ReviewConference,
} from './schemas.ts';
import { insertVoice, readVoice, type VoiceInput } from './voice.ts';

interface ConferenceFields {
  heldOn: string;
  chair: string;
  agencies: string[];
  attendanceNotes?: string;
  voice: VoiceInput;
}

/**
 * The rules every conference keeps: a weekday, and the child's voice, which is what the child said
 * or showed at the conference and so is dated the conference's date.
 */
function conferenceFields(
  p: Problems,
  actor: Actor,
  v: InitialConference | ReviewConference,
): ConferenceFields {
  if (weekday(v.heldOn) === 0 || weekday(v.heldOn) === 6) {
    p.add('heldOn', 'The date of the conference cannot be a Saturday or Sunday');
  }
  const voice = readVoice(p, v, { by: actor.name, on: v.heldOn });
  if (voice?.heard && voice.heard.gatheredOn !== v.heldOn) {
    p.add(
      'voice-gatheredOn',
      `What the child said or showed at the conference must be dated the conference’s date, ${show(v.heldOn)}, or left blank`,
    );
  }
  p.check();
  return {
    heldOn: v.heldOn,
    chair: v.chair,
    agencies: v.agencies,
    attendanceNotes: v.attendanceNotes,
    voice: voice!,
  };
}

async function insertConference(
  tx: Db,
  actor: Actor,
  c: ConferenceFields & {
    personId: string;
    episodeId: string;
    kind: 'initial' | 'review';
    section47Id: string | null;
    cpPlanId: string | null;
    decision: string;
    category: string | null;
    meetingId?: string | null;
  },
): Promise<string> {
  const id = await insertConferenceRow(tx, actor, {
    episodeId: c.episodeId,
    personId: c.personId,
    kind: c.kind,
    section47Id: c.section47Id,
    cpPlanId: c.cpPlanId,
    heldOn: c.heldOn,
    chair: c.chair,
    agencies: c.agencies,
    attendanceNotes: c.attendanceNotes ?? null,
    decision: c.decision,
    category: c.category,
    voiceAbsentReason: c.voice.absentReason ?? null,
    meetingId: c.meetingId ?? null,
  });
  await insertVoice(
    tx,
    actor,
    { personId: c.personId, episodeId: c.episodeId, context: 'conference', contextId: id },
    c.voice,
  );
  return id;
}

/**
 * Starts a child protection plan from an initial conference that decided on one: the plan starts
 * on the conference's date, with its category. Refused for anything else (no plan without an
 * initial conference) and while the child has an open plan. An open child in need plan ends.
 */
export async function startCpPlan(
  tx: Db,
  actor: Actor,
  personId: string,
  conferenceId: string,
): Promise<string> {
  requireTransition(actor, 'cp_plan.start');
  const c = await planningConference(tx, actor.partnershipId, personId, conferenceId);
  if (!c) {
    throw new ConflictError(
      'A child protection plan starts only at an initial child protection conference that decided on a plan.',
    );
  }
  if (c.planned) throw new ConflictError('That conference has already started a child protection plan.');
  const open = await openCpPlan(tx, actor.partnershipId, personId);
  if (open) {
    throw new ConflictError(
      `This child already has an open child protection plan, started on ${show(open.startDate)}. A child has one plan at a time.`,
    );
  }
  const cin = await openCinPlan(tx, actor.partnershipId, personId);
  if (cin) {
    // A child in need plan and a child protection plan never run together (CIN census 4001).
    const endDate = cin.startDate > c.heldOn ? cin.startDate : c.heldOn;
    await endPlanRow(tx, actor, 'cin_plan', cin.id, { endDate, endReason: 'child_protection' });
    await changed(tx, actor, personId, {
      action: 'casework.cin_plan_end',
      entityType: 'cin_plan',
      entityId: cin.id,
    });
  }
  const planId = await insertCpPlan(tx, actor, {
    episodeId: c.episodeId,
    personId,
    initialConferenceId: conferenceId,
    startDate: c.heldOn,
    category: c.category,
  });
  await changed(
    tx,
    actor,
    personId,
    { action: 'casework.cp_plan_start', entityType: 'cp_plan', entityId: planId },
    {
      category: 'child_protection',
      occurredOn: c.heldOn,
      significance: 'high',
      summary: `Child protection plan started: ${ABUSE_CATEGORIES.labelOf(c.category).toLowerCase()}`,
    },
  );
  return planId;
}

/** The same, as a change of its own (the transaction, the lock, the access check). */
export async function startCpPlanFromConference(
  db: Db,
  actor: Actor,
  personId: string,
  conferenceId: string,
) {
  await mayChange(db, actor, personId, 'cp_plan.start');
  return changeChild(db, actor, personId, (tx) => startCpPlan(tx, actor, personId, conferenceId));
}

/** One child's part of an initial conference: their decision, category and voice. */
interface ChildAtConference {
  personId: string;
  decision: string;
  category: string | null;
  voice: VoiceInput;
  /** A brother or sister: named in the problems, which are on their own fields. */
  name?: string;
  field?: { date: string; decision: string };
}

/**
 * One child's record of an initial conference: the rules on the child's own enquiry (not before
 * its strategy discussion, its start or its outcome), the row, the voice, audit, chronology, and
 * the plan it starts. A problem names a brother or sister and the date.
 */
async function initialForChild(
  tx: Db,
  actor: Actor,
  f: ConferenceFields,
  c: ChildAtConference,
  p: Problems,
  opts: { sectionId?: string; meetingId?: string },
): Promise<{ conferenceId: string; planId?: string } | undefined> {
  const { personId, decision, category, name } = c;
  const whose = name ? `${name}’s ` : 'the ';
  const dateField = c.field?.date ?? 'heldOn';
  const episode = await requireOpenEpisode(tx, actor, personId);
  const s47 = await section47AwaitingConference(tx, episode.id);
  if (!s47) {
    if (name) {
      p.add(
        c.field!.decision,
        `${name} has no section 47 enquiry signed off as needing an initial conference`,
      );
      return undefined;
    }
    throw new ConflictError(
      'An initial child protection conference follows a section 47 enquiry whose outcome a manager has signed off as needing one. There is none waiting for a conference.',
    );
  }
  if (!name) checkSame(opts.sectionId, s47.id, 'enquiry');
  if (f.heldOn < s47.strategyHeldOn) {
    p.add(
      dateField,
      `The conference cannot be before ${name ? `${name}’s` : 'its'} strategy discussion of ${show(s47.strategyHeldOn)}`,
    );
  } else if (f.heldOn < s47.startDate) {
    p.add(
      dateField,
      `The conference cannot be before ${whose}section 47 enquiry started, ${show(s47.startDate)}`,
    );
  } else if (s47.outcomeDate && f.heldOn < s47.outcomeDate) {
    p.add(
      dateField,
      `The conference date must be on or after ${whose}section 47 outcome, ${show(s47.outcomeDate)}`,
    );
  }
  if (decision === 'plan') {
    const open = await openCpPlan(tx, actor.partnershipId, personId);
    if (open) {
      const message = `${name ?? 'This child'} already has an open child protection plan, started on ${show(open.startDate)}. A child has one plan at a time.`;
      if (!name) throw new ConflictError(message);
      p.add(c.field!.decision, message);
    }
  }
  if (p.errors.length) return undefined;
  const conferenceId = await insertConference(tx, actor, {
    ...f,
    voice: c.voice,
    personId,
    episodeId: episode.id,
    kind: 'initial',
    section47Id: s47.id,
    cpPlanId: null,
    decision,
    category,
    meetingId: opts.meetingId ?? null,
  });
  await changed(
    tx,
    actor,
    personId,
    {
      action: 'casework.conference_initial',
      entityType: 'conference',
      entityId: conferenceId,
      detail: { decision, ...(opts.meetingId ? { meetingId: opts.meetingId } : {}) },
    },
    {
      category: 'child_protection',
      occurredOn: f.heldOn,
      significance: 'high',
      summary: `Initial child protection conference: ${ICPC_DECISIONS.labelOf(decision).toLowerCase()}`,
    },
  );
  if (decision === 'plan')
    return { conferenceId, planId: await startCpPlan(tx, actor, personId, conferenceId) };
  if (decision === 'cin_plan' && !(await openCinPlan(tx, actor.partnershipId, personId))) {
    const cinId = await insertCinPlan(tx, actor, {
      episodeId: episode.id,
      personId,
      startDate: f.heldOn,
    });
    await changed(tx, actor, personId, {
      action: 'casework.cin_plan_start',
      entityType: 'cin_plan',
      entityId: cinId,
    });
  }
  return { conferenceId };
}

/**
 * The brothers and sisters at the same conference, from the form: each chosen child's decision
 * (a plan with its category, or no plan) and their own voice, or why it is not recorded. Each is
 * one of the children the form offered (siblings awaiting a conference), once.
 */
async function siblingsAtConference(
  db: Db,
  actor: Actor,
  personId: string,
  v: InitialConference,
  heldOn: string,
  p: Problems,
): Promise<ChildAtConference[]> {
  const offered = v.siblingIds ?? [];
  const words = v.siblingWords ?? [];
  const absent = v.siblingAbsent ?? [];
  const decisions = new Map<string, string>();
  const methods = new Map<string, string>();
  for (const s of v.siblingDecisions ?? []) {
    const [id, d] = s.split(':') as [string, string];
    if (decisions.has(id)) p.add('siblingDecisions', 'Choose one decision for each child');
    decisions.set(id, d);
  }
  for (const s of v.siblingMethods ?? []) {
    const [id, m] = s.split(':') as [string, string];
    methods.set(id, m);
  }
  if (decisions.size === 0) return [];
  for (const id of decisions.keys()) await mayChange(db, actor, id, 'conference.record');
  const known = new Map(
    (await siblingsWithOpenEpisodes(db, actor.partnershipId, personId, { awaitingConference: true })).map(
      (k) => [k.personId, `${k.givenName} ${k.familyName}`.trim()],
    ),
  );
  const aligned = words.length === offered.length && absent.length === offered.length;
  if (!aligned || [...decisions.keys()].some((id) => !known.has(id) || !offered.includes(id))) {
    p.add('siblingDecisions', 'Choose brothers and sisters from the list, each once');
    return [];
  }
  const out: ChildAtConference[] = [];
  for (const [i, id] of offered.entries()) {
    const d = decisions.get(id);
    if (!d) continue;
    const name = known.get(id)!;
    const said = words[i] ?? '';
    const why = absent[i] ?? '';
    let voice: VoiceInput | undefined;
    if (said && why)
      p.add(
        `siblingAbsent-${i}`,
        `Record either what ${name} said or showed, or why it is not recorded: not both`,
      );
    else if (said) {
      const method = methods.get(id);
      if (!method) p.add(`siblingMethods-${i}`, `Select how ${name}’s voice was gathered`);
      else voice = { heard: { words: said, methods: [method], gatheredBy: actor.name, gatheredOn: heldOn } };
    } else if (why) voice = { absentReason: why };
    else
      p.add(
        `siblingWords-${i}`,
        `Record what ${name} said or showed, in their own words, or explain why their voice is not recorded`,
      );
    const plan = d.startsWith('plan_');
    if (plan) requireTransition(actor, 'cp_plan.start');
    if (voice)
      out.push({
        personId: id,
        decision: plan ? 'plan' : d,
        category: plan ? d.slice(5).toUpperCase() : null,
        voice,
        name,
        field: { date: 'heldOn', decision: 'siblingDecisions' },
      });
  }
  return out;
}

/**
 * An initial child protection conference, for the child and for any brothers and sisters at the
 * same conference (`siblingDecisions`, each with their own decision, category and voice): one
 * record each, sharing the meeting, all in one transaction; each child's plan starts as the
 * conference decides. Each sibling's record is checked like the child's (access first).
 */
export const recordInitialConference = change(
  'conference.record',
  initialConferenceSchema,
  async ({ db, actor, personId, v }): Promise<{ conferenceId: string; planId?: string }> => {
    const { decision } = v;
    const category = decision === 'plan' ? v.category : undefined;
    const p = new Problems();
    if (decision === 'plan' && !category) p.add('category', 'Select the category of abuse');
    const siblings = await siblingsAtConference(db, actor, personId, v, v.heldOn, p);
    const f = conferenceFields(p, actor, v);
    if (decision === 'plan') requireTransition(actor, 'cp_plan.start');
    const meetingId = siblings.length ? crypto.randomUUID() : undefined;
    return changeChild(db, actor, personId, async (tx) => {
      await checkAgencies(tx, actor, p, 'agencies', f.agencies);
      p.check();
      const mine = await initialForChild(
        tx,
        actor,
        f,
        { personId, decision, category: category ?? null, voice: f.voice },
        p,
        { sectionId: v.section47Id, meetingId },
      );
      for (const sib of siblings) {
        await lockChild(tx, actor.partnershipId, sib.personId);
        await initialForChild(tx, actor, f, sib, p, { meetingId });
      }
      p.check();
      return mine!;
    });
  },
);

export async function currentCpPlan(db: Db, actor: Actor, personId: string) {
  const episode = await requireOpenEpisode(db, actor, personId);
  const plan = await openCpPlan(db, actor.partnershipId, personId);
  if (!plan) throw new ConflictError('This child has no open child protection plan.');
  return { episode, plan, lastReview: await lastReviewConference(db, plan.id) };
}

export const recordReviewConference = change(
  'conference.record',
  reviewConferenceSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { decision, category } = v;
    const f = conferenceFields(new Problems(), actor, v);
    const p = new Problems();
    return changeChild(db, actor, personId, async (tx) => {
      const { episode, plan, lastReview } = await currentCpPlan(tx, actor, personId);
      checkSame(v.planId, plan.id, 'plan');
      await checkAgencies(tx, actor, p, 'agencies', f.agencies);
      if (f.heldOn <= plan.startDate) {
        p.add('heldOn', `A review conference must be after the plan started, ${show(plan.startDate)}`);
      } else if (lastReview && f.heldOn <= lastReview.heldOn) {
        p.add(
          'heldOn',
          `A review conference must be after the last review conference, ${show(lastReview.heldOn)}`,
        );
      }
      const progress = readProgress(p, v.progress, await actionsOf(tx, actor, plan.id));
      p.check();
      const id = await insertConference(tx, actor, {
        ...f,
        personId,
        episodeId: episode.id,
        kind: 'review',
        section47Id: null,
        cpPlanId: plan.id,
        decision,
        category: category ?? null,
      });
      await recordProgress(tx, actor, {
        personId,
        coreGroupId: null,
        conferenceId: id,
        reviewedOn: f.heldOn,
        progress,
      });
      if (category) {
        await setPlanCategory(tx, plan.id, category);
      }
      await changed(
        tx,
        actor,
        personId,
        {
          action: 'casework.conference_review',
          entityType: 'conference',
          entityId: id,
          detail: { decision },
        },
        {
          category: 'child_protection',
          occurredOn: f.heldOn,
          summary: `Review child protection conference: ${REVIEW_DECISIONS.labelOf(decision).toLowerCase()}`,
        },
      );
      return id;
    });
  },
);
