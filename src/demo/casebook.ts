/**
 * Writes one child's statutory casework from a dated plan of it (a Timeline), as bulk rows: the
 * referral, the episode and everything in it, the child's voice, the manager's decisions and the
 * chronology entries the casework services would have written. Dates are planned in statutory.ts.
 */
import {
  ABUSE_CATEGORIES,
  ASSESSMENT_OUTCOMES,
  CLOSURE_REASONS,
  CP_PLAN_END_REASONS,
  ICPC_DECISIONS,
  PRIMARY_NEEDS,
  REVIEW_DECISIONS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  clockDue,
} from '../features/casework/service.ts';
import type { Family, Person } from './population.ts';
import { addDays, ageOn, type Rng } from './random.ts';
import type { DemoTables } from './tables.ts';
import {
  ADVOCATE,
  ANALYSIS,
  CHAIRS,
  CIN_REVIEW_NOTES,
  CORE_GROUP_NOTES,
  LATE_REASONS,
  notSeenReason,
  RATIONALE,
  S47_NOTES,
  visitNote,
} from './notes.ts';
import { ageBand, childSays, fill, voiceAbsent } from './voices.ts';

export interface Visit {
  on: string;
  seen: boolean;
}

/** A dated plan of one episode of need (shared by the brothers and sisters in it). */
export interface Timeline {
  referral: {
    on: string;
    /** The front door's decision; null for a step-up from early help recorded by hand. */
    decision: 'section_17' | 'strategy_section_47' | null;
    source: string;
    /** The agency (DEMO_AGENCIES key) that made the contact. */
    agency: string;
    stepUp?: string;
  };
  need: string;
  factors: string[];
  assessment?: {
    start: string;
    status: 'in_progress' | 'awaiting_authorisation' | 'authorised';
    completed?: string;
    authorised?: string;
    outcome?: string;
    /** The manager returned it for more work on this day (it is in progress again). */
    returnedOn?: string;
  };
  strategy?: { on: string; decision: 'section_47' | 'continue_assessment' | 'no_further_action' };
  s47?: {
    start: string;
    status: 'open' | 'awaiting_sign_off' | 'completed';
    outcome?: string;
    needed?: boolean;
    outcomeOn?: string;
    signedOff?: string;
  };
  icpc?: { on: string; decision: 'plan' | 'cin_plan' | 'no_plan'; category?: string };
  plan?: {
    category: string;
    reviews: { on: string; decision: 'continue' | 'end'; category?: string }[];
    coreGroups: string[];
    visits: Visit[];
    end?: { on: string; reason: string };
  };
  cin?: { start: string; reviews: string[]; end?: { on: string; reason: string } };
  /** Visits outside a child protection plan. */
  visits: Visit[];
  directWork: string[];
  closure?: { on: string; reason: string; stepDown?: string };
}

export interface Staff {
  id: string;
  name: string;
}

/** A chronology entry as the casework services write them (origin 'system'). */
export interface SystemEntry {
  personId: string;
  on: string;
  category: string;
  significance: 'high' | 'medium' | 'low';
  summary: string;
  recordedBy: string;
}

/** What the child calls the adult caring for them on a date. */
export function carerOn(f: Family, on: string): string {
  if (f.kinshipFrom && on >= f.kinshipFrom) return 'Nan';
  if (f.structure === 'single_father' || !f.mother) return 'Dad';
  return 'Mum';
}

export class Casebook {
  readonly entries: SystemEntry[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly t: DemoTables,
    private readonly pid: string,
    private readonly agencies: Record<string, string>,
    private readonly now: Date,
  ) {}

  /** A time on a day, in order through the day, never after now. */
  private at(on: string, minutes: number): string {
    const t = new Date(`${on}T14:00:00Z`).getTime() + minutes * 60_000;
    return new Date(Math.min(t, this.now.getTime())).toISOString();
  }

  private agencyIds(...keys: string[]): string {
    return keys.map((k) => this.agencies[k]!).join(',');
  }

  /**
   * One child's episode. `contactId` is the family's contact behind the referral (none for a
   * step-up). Returns the episode id, or undefined when the child was not born by the referral.
   */
  write(
    f: Family,
    child: Person,
    tl: Timeline,
    worker: Staff,
    manager: Staff,
    contactId: string | undefined,
    referral: { status: string; repeatOf: string | null; receivedAt: string },
  ): { episodeId: string; referralId: string | null } | undefined {
    if (!child.dob || child.dob > tl.referral.on) return undefined;
    const { rng, t, pid } = this;
    const name = child.given;
    const carer = (on: string) => carerOn(f, on);
    const note = (text: string, on: string) => fill(text, name, carer(on));
    const base = { partnership_id: pid, person_id: child.id };
    const event = (
      on: string,
      category: string,
      significance: SystemEntry['significance'],
      summary: string,
    ) =>
      this.entries.push({ personId: child.id, on, category, significance, summary, recordedBy: worker.id });
    const decide = (point: string, subjectId: string, decision: string, on: string, text: string) =>
      t.manager_decision.add({
        ...base,
        episode_id: episodeId,
        point,
        subject_id: subjectId,
        decision,
        note: text,
        decided_on: on,
        decided_by: manager.id,
        decided_by_name: manager.name,
        created_at: this.at(on, this.entries.length % 50),
      });

    let referralId: string | null = null;
    if (contactId && tl.referral.decision) {
      referralId = rng.uuid();
      t.referral.add({
        id: referralId,
        ...base,
        contact_id: contactId,
        decision: tl.referral.decision,
        referral_date: tl.referral.on,
        received_at: referral.receivedAt,
        status: referral.status,
        repeat_of: referral.repeatOf,
        created_by: null,
      });
    }
    const episodeId = rng.uuid();
    const closure = tl.closure;
    t.episode.add({
      id: episodeId,
      ...base,
      referral_id: referralId,
      referral_date: tl.referral.on,
      referral_source: tl.referral.source,
      primary_need: tl.need,
      step_up_reference: tl.referral.stepUp ?? null,
      status: closure ? 'closed' : 'open',
      closure_date: closure?.on ?? null,
      closure_reason: closure?.reason ?? null,
      step_down_reference: closure?.stepDown ?? null,
      created_by: worker.id,
      closed_at: closure ? `${closure.on}T16:30:00Z` : null,
      closed_by: closure ? manager.id : null,
    });
    event(
      tl.referral.on,
      'referral',
      'medium',
      `Episode of need started: ${PRIMARY_NEEDS.labelOf(tl.need)}${tl.referral.stepUp ? ' (step-up from early help)' : ''}`,
    );

    // The child's words, or why they are not recorded (returned for the row's voice_absent_reason).
    const heard = new Set<string>();
    const voice = (
      on: string,
      context: 'assessment' | 'conference' | 'cin_plan_review' | 'visit' | 'direct_work',
      contextId: string | null,
      heardOn = on,
    ): string | null => {
      const band = ageBand(ageOn(child.dob!, heardOn));
      const said = childSays(rng, context, band, name, carer(heardOn), heard);
      if (!said || (context === 'visit' && rng.chance(0.15)))
        return voiceAbsent(rng, band, name, carer(on), context);
      t.child_voice.add({
        ...base,
        episode_id: episodeId,
        gathered_on: heardOn,
        words: said.words,
        _methods: said.methods.join(','),
        gathered_by: said.methods.includes('advocate') ? ADVOCATE : `${worker.name} (social worker)`,
        gathered_by_user: worker.id,
        context,
        context_id: contextId,
        created_by: worker.id,
      });
      return null;
    };

    const a = tl.assessment;
    if (a) {
      const id = rng.uuid();
      const completed = a.completed ?? null;
      // Completed or authorised after the 45 working days: the services require the reason.
      const due = clockDue('assessment', tl.referral.on);
      const late =
        (completed !== null && completed > due) || (a.authorised !== undefined && a.authorised > due);
      let absent: string | null = null;
      if (completed) {
        const heard = a.start < completed ? addDays(completed, -1) : completed;
        absent = voice(completed, 'assessment', id, heard >= tl.referral.on ? heard : completed);
      }
      t.assessment.add({
        id,
        ...base,
        episode_id: episodeId,
        start_date: a.start,
        status: a.status,
        _factors: completed ? tl.factors.join(',') : null,
        analysis: completed ? note(rng.pick(ANALYSIS), completed) : null,
        outcome: completed ? (a.outcome ?? null) : null,
        completed_date: completed,
        late_reason: late ? rng.pick(LATE_REASONS) : null,
        voice_absent_reason: absent,
        authorised_date: a.authorised ?? null,
        authorised_by: a.authorised ? manager.id : null,
        created_by: worker.id,
      });
      if (a.returnedOn)
        decide(
          'assessment_authorisation',
          id,
          'returned',
          a.returnedOn,
          'Returned: please add the school’s view and what the child has said about contact with the father.',
        );
      if (a.authorised) {
        decide('assessment_authorisation', id, 'agreed', a.authorised, 'Authorised: a clear analysis.');
        event(
          a.authorised,
          'assessment',
          'medium',
          `Single assessment authorised: ${ASSESSMENT_OUTCOMES.labelOf(a.outcome)}`,
        );
      }
    }

    const sd = tl.strategy;
    let sdId: string | undefined;
    if (sd) {
      sdId = rng.uuid();
      t.strategy_discussion.add({
        id: sdId,
        ...base,
        episode_id: episodeId,
        held_on: sd.on,
        _agencies: this.agencyIds('council', 'police', 'icb'),
        participants: `${worker.name} (social worker), DS Kate Morley (police), Nadia Rahman (health)`,
        decision: sd.decision,
        rationale: note(RATIONALE[sd.decision], sd.on),
        created_by: worker.id,
      });
      event(
        sd.on,
        'child_protection',
        'high',
        `Strategy discussion: ${STRATEGY_DECISIONS.labelOf(sd.decision).toLowerCase()}`,
      );
    }

    const s = tl.s47;
    let s47Id: string | undefined;
    if (s && sdId) {
      s47Id = rng.uuid();
      t.section_47.add({
        id: s47Id,
        ...base,
        episode_id: episodeId,
        strategy_discussion_id: sdId,
        start_date: s.start,
        status: s.status,
        outcome: s.outcome ?? null,
        conference_needed: s.needed ?? null,
        outcome_date: s.outcomeOn ?? null,
        outcome_notes: s.outcome ? note(S47_NOTES[s.outcome as keyof typeof S47_NOTES], s.start) : null,
        signed_off_date: s.signedOff ?? null,
        signed_off_by: s.signedOff ? manager.id : null,
        created_by: worker.id,
      });
      event(s.start, 'child_protection', 'high', 'Section 47 enquiry started');
      if (s.signedOff) {
        decide(
          'section_47_sign_off',
          s47Id,
          'agreed',
          s.signedOff,
          'Agreed: the findings are well evidenced.',
        );
        event(
          s.signedOff,
          'child_protection',
          'high',
          `Section 47 enquiry completed: ${S47_OUTCOMES.labelOf(s.outcome).toLowerCase()}${s.needed ? '; initial conference to be held' : ''}`,
        );
      }
    }

    const conference = (
      rows: DemoTables['conference'],
      c: { on: string; kind: 'initial' | 'review'; decision: string; category: string | null },
      links: { s47: string | null; plan: string | null },
    ) => {
      const id = rng.uuid();
      // What the child says at a conference is dated the conference's date (the services' rule);
      // the draw that once dated it a few days before is kept, so the rest of the demo is unchanged.
      if (c.on > tl.referral.on) rng.int(1, 3);
      rows.add({
        id,
        ...base,
        episode_id: episodeId,
        kind: c.kind,
        section_47_id: links.s47,
        cp_plan_id: links.plan,
        held_on: c.on,
        chair: `${rng.pick(CHAIRS)} (independent chair)`,
        _agencies: this.agencyIds('council', 'police', 'gp', 'community', f.town.primary),
        attendance_notes: `${carer(c.on)} attended with a friend for support. Apologies from the GP, who sent a report.`,
        decision: c.decision,
        category: c.category,
        voice_absent_reason: voice(c.on, 'conference', id),
        created_by: worker.id,
      });
      return id;
    };

    const plan = tl.plan;
    if (tl.icpc && s47Id) {
      const icpcId = conference(
        t.conference,
        { on: tl.icpc.on, kind: 'initial', decision: tl.icpc.decision, category: tl.icpc.category ?? null },
        { s47: s47Id, plan: null },
      );
      event(
        tl.icpc.on,
        'child_protection',
        'high',
        `Initial child protection conference: ${ICPC_DECISIONS.labelOf(tl.icpc.decision).toLowerCase()}`,
      );
      if (plan && tl.icpc.decision === 'plan') {
        const planId = rng.uuid();
        const latest = plan.reviews.reduce((cat, r) => r.category ?? cat, plan.category);
        t.cp_plan.add({
          id: planId,
          ...base,
          episode_id: episodeId,
          initial_conference_id: icpcId,
          start_date: tl.icpc.on,
          initial_category: plan.category,
          latest_category: latest,
          status: plan.end ? 'ended' : 'open',
          end_date: plan.end?.on ?? null,
          end_reason: plan.end?.reason ?? null,
          ended_by: plan.end ? manager.id : null,
          created_by: worker.id,
        });
        event(
          tl.icpc.on,
          'child_protection',
          'high',
          `Child protection plan started: ${ABUSE_CATEGORIES.labelOf(plan.category).toLowerCase()}`,
        );
        for (const r of plan.reviews) {
          conference(
            t.review_conference,
            { on: r.on, kind: 'review', decision: r.decision, category: r.category ?? null },
            { s47: null, plan: planId },
          );
          event(
            r.on,
            'child_protection',
            'medium',
            `Review child protection conference: ${REVIEW_DECISIONS.labelOf(r.decision).toLowerCase()}`,
          );
        }
        for (const on of plan.coreGroups) {
          t.core_group.add({
            id: rng.uuid(),
            ...base,
            cp_plan_id: planId,
            held_on: on,
            _agencies: this.agencyIds('council', 'community', f.town.primary),
            notes: note(rng.pick(CORE_GROUP_NOTES), on),
            created_by: worker.id,
          });
        }
        for (const v of plan.visits) this.visit(base, episodeId, planId, v, worker, voice, child, carer);
        if (plan.end) {
          decide(
            'cp_plan_end',
            planId,
            'agreed',
            plan.end.on,
            'Agreed with the review conference: the plan ends.',
          );
          event(
            plan.end.on,
            'child_protection',
            'high',
            `Child protection plan ended: ${CP_PLAN_END_REASONS.labelOf(plan.end.reason).toLowerCase()}`,
          );
        }
      }
    }

    const cin = tl.cin;
    if (cin) {
      const cinId = rng.uuid();
      t.cin_plan.add({
        id: cinId,
        ...base,
        episode_id: episodeId,
        start_date: cin.start,
        status: cin.end ? 'ended' : 'open',
        end_date: cin.end?.on ?? null,
        end_reason: cin.end?.reason ?? null,
        ended_by: cin.end ? manager.id : null,
        created_by: worker.id,
      });
      event(cin.start, 'other', 'medium', 'Child in need plan started');
      for (const on of cin.reviews) {
        const id = rng.uuid();
        t.cin_plan_review.add({
          id,
          ...base,
          cin_plan_id: cinId,
          held_on: on,
          notes: note(rng.pick(CIN_REVIEW_NOTES), on),
          voice_absent_reason: voice(on, 'cin_plan_review', id),
          created_by: worker.id,
        });
      }
      if (cin.end) {
        decide('cin_plan_end', cinId, 'agreed', cin.end.on, 'Agreed: the plan’s outcomes are met.');
        event(
          cin.end.on,
          'other',
          'medium',
          'Child in need plan ended: needs met: no longer a child in need',
        );
      }
    }
    for (const v of tl.visits) this.visit(base, episodeId, null, v, worker, voice, child, carer);
    for (const on of tl.directWork) voice(on, 'direct_work', null);
    if (closure) {
      decide('episode_closure', episodeId, 'agreed', closure.on, 'Agreed: close the episode.');
      event(
        closure.on,
        closure.reason === 'RC9' ? 'early_help' : 'other',
        'medium',
        `Episode of need closed: ${CLOSURE_REASONS.labelOf(closure.reason)}`,
      );
    }
    return { episodeId, referralId };
  }

  private visit(
    base: { partnership_id: string; person_id: string },
    episodeId: string,
    planId: string | null,
    v: Visit,
    worker: Staff,
    voice: (on: string, context: 'visit', id: string) => string | null,
    child: Person,
    carer: (on: string) => string,
  ): void {
    const { rng } = this;
    const id = rng.uuid();
    const reason = v.seen ? null : notSeenReason(rng, child.given, carer(v.on));
    // Babies and toddlers are seen with their carer; older children mostly alone too.
    const alone = v.seen && ageOn(child.dob!, v.on) >= 3 && rng.chance(0.8);
    this.t.visit.add({
      id,
      ...base,
      episode_id: episodeId,
      cp_plan_id: planId,
      visited_on: v.on,
      seen: v.seen,
      seen_alone: alone,
      bedroom_seen: v.seen && rng.chance(0.8),
      not_seen_reason: reason,
      notes: visitNote(rng, child.given, carer(v.on)),
      voice_absent_reason: v.seen ? voice(v.on, 'visit', id) : `The child was not seen: ${reason}`,
      created_by: worker.id,
    });
  }
}
