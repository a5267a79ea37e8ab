/**
 * Dated plans of episodes of need, relative to the seed's today: every date obeys the rules the
 * casework services enforce (order of steps, conferences on working days, nothing after today) and
 * every clock is read from the one calendar (clockDue, intervalDue), so that the demo shows work
 * overdue, due soon and later whenever it is started.
 */
import { clockDue, DEFAULT_CASEWORK_SETTINGS, intervalDue } from '../features/casework/service.ts';
import { addMonths, addWorkingDays, isWorkingDay } from '../platform/calendar.ts';
import type { Timeline, Visit } from './casebook.ts';
import type { Family } from './population.ts';
import { addDays, type Rng } from './random.ts';

const VISIT_DAYS = DEFAULT_CASEWORK_SETTINGS.visitWorkingDays;
const CIN_REVIEW = DEFAULT_CASEWORK_SETTINGS.cinPlanReview;

export type Mode = 'ok' | 'soon' | 'overdue';

/** The last working day on or before d. */
export function onOrBefore(d: string): string {
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** n working days before d (from the last working day on or before it). */
export function subWd(d: string, n: number): string {
  let x = onOrBefore(d);
  for (let i = 0; i < n; i++) x = onOrBefore(addDays(x, -1));
  return x;
}

const addWd = addWorkingDays;

/** The latest working day on or before `latest` whose clock falls due on or before `target`. */
function startFor(due: (s: string) => string, target: string, latest: string): string {
  let s = onOrBefore(latest);
  while (due(s) > target) s = subWd(s, 1);
  return s;
}

/** Dates from `first`, each from the one before, while on or before `until`. */
function series(first: string, next: (prev: string) => string, until: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= until; d = next(d)) out.push(d);
  return out;
}

const SOURCES: Record<'protection' | 'need', { agency: string; source: string; weight: number }[]> = {
  protection: [
    { agency: 'police', source: '6', weight: 40 },
    { agency: 'school1', source: '2A', weight: 20 },
    { agency: 'hospital', source: '3E', weight: 15 },
    { agency: 'community', source: '3B', weight: 15 },
    { agency: 'gp', source: '3A', weight: 10 },
  ],
  need: [
    { agency: 'school1', source: '2A', weight: 35 },
    { agency: 'community', source: '3B', weight: 20 },
    { agency: 'gp', source: '3A', weight: 10 },
    { agency: 'police', source: '6', weight: 15 },
    { agency: 'housing', source: '4', weight: 10 },
    { agency: 'voluntary', source: '8', weight: 10 },
  ],
};

const NEEDS = [
  { value: 'N1', weight: 35 },
  { value: 'N4', weight: 20 },
  { value: 'N5', weight: 15 },
  { value: 'N3', weight: 10 },
  { value: 'N2', weight: 6 },
  { value: 'N8', weight: 7 },
  { value: 'N6', weight: 7 },
];

export class Planner {
  /** The last working day on or before today. */
  readonly last: string;
  constructor(
    readonly rng: Rng,
    readonly today: string,
  ) {
    this.last = onOrBefore(today);
  }

  /** A referral day before today (the contact came in and was decided on it). */
  private referralDay(d: string): string {
    const r = onOrBefore(d);
    return r < this.today ? r : subWd(r, 1);
  }

  private referral(kind: 'protection' | 'need', on: string, decision: 'section_17' | 'strategy_section_47') {
    const s = this.rng.weighted(SOURCES[kind].map((x) => ({ value: x, weight: x.weight })));
    return { on: this.referralDay(on), decision, source: s.source, agency: s.agency };
  }

  private factors(f: Family, protection: boolean): string[] {
    const { rng } = this;
    const out = new Set<string>();
    if (f.domesticAbuse) out.add('3B');
    if (rng.chance(0.3)) out.add('4B');
    if (rng.chance(0.2)) out.add(rng.pick(['1B', '2B']));
    if (protection) out.add(rng.pick(['16A', '16A', '17A', '18C']));
    else if (rng.chance(0.5)) out.add('16A');
    if (out.size === 0) out.add(rng.pick(['4B', '6B', '20']));
    return [...out];
  }

  private base(
    f: Family,
    kind: 'protection' | 'need',
    on: string,
    decision: 'section_17' | 'strategy_section_47',
  ): Timeline {
    const need = kind === 'protection' ? 'N1' : this.rng.weighted(NEEDS);
    return {
      referral: this.referral(kind, on, decision),
      need,
      factors: this.factors(f, kind === 'protection'),
      visits: [],
      directWork: [],
    };
  }

  private category(f: Family): string {
    if (f.domesticAbuse && this.rng.chance(0.6)) return 'EMO';
    return this.rng.weighted([
      { value: 'NEG', weight: 55 },
      { value: 'PHY', weight: 15 },
      { value: 'EMO', weight: 20 },
      { value: 'MUL', weight: 10 },
    ]);
  }

  private visitsBetween(from: string, until: string, gap: [number, number]): Visit[] {
    const { rng } = this;
    return series(addWd(from, rng.int(1, 4)), (d) => addWd(d, rng.int(gap[0], gap[1])), until).map((on) => ({
      on,
      seen: rng.chance(0.9),
    }));
  }

  /** Statutory visits from the plan's start: at most 10 working days apart while the child is seen. */
  private planVisits(start: string, until: string, mode: Mode): Visit[] {
    const { rng } = this;
    let visits: Visit[] = [];
    for (let d = addWd(start, rng.int(3, 8)); d <= until;) {
      const seen = rng.chance(0.92);
      visits.push({ on: d, seen });
      d = addWd(d, seen ? rng.int(7, 10) : rng.int(1, 3));
    }
    if (until < this.today || mode === 'ok') return visits;
    // Due soon: the last visit with the child seen was nearly 10 working days ago. Overdue: the
    // worker has slipped, and it was more than 10 working days ago.
    const due = (s: string) => clockDue('visit', s, VISIT_DAYS);
    const target = mode === 'soon' ? addWd(this.today, rng.int(1, 3)) : subWd(this.today, rng.int(1, 4));
    const last = startFor(due, target, this.today);
    if (last <= start) return visits;
    visits = visits.filter((v) => v.on < last);
    visits.push({ on: last, seen: true });
    return visits;
  }

  /** Reviews of a child in need plan at the configured interval, the last one placed by `mode`. */
  private cinReviews(start: string, mode: Mode, until = this.today): string[] {
    const next = (prev: string) => onOrBefore(addDays(intervalDue(prev, CIN_REVIEW), -this.rng.int(0, 12)));
    let reviews = series(next(start), next, until);
    if (mode === 'ok' || until < this.today) return reviews;
    const target =
      mode === 'soon' ? addWd(this.today, this.rng.int(1, 4)) : subWd(this.today, this.rng.int(1, 6));
    const last = startFor((s) => intervalDue(s, CIN_REVIEW), target, this.today);
    if (last <= start) return reviews;
    reviews = reviews.filter((d) => d < last);
    reviews.push(last);
    return reviews;
  }

  /**
   * From a referral through a strategy discussion, a section 47 enquiry and an initial conference
   * on `start` to a child protection plan; `endAt` is the review conference that ends it.
   */
  cp(f: Family, start: string, o: { visits?: Mode; endAt?: number; escalate?: boolean } = {}): Timeline {
    const { rng } = this;
    const P = onOrBefore(start);
    const S = subWd(P, rng.int(8, 13));
    const escalate = o.escalate ?? rng.chance(0.25);
    const tl = this.base(
      f,
      'protection',
      escalate ? subWd(S, rng.int(20, 35)) : subWd(S, rng.int(0, 1)),
      escalate ? 'section_17' : 'strategy_section_47',
    );
    const R = tl.referral.on;
    if (escalate) {
      // Concerns of significant harm came out during the assessment.
      const completed = subWd(S, rng.int(1, 3));
      tl.assessment = {
        start: addWd(R, rng.int(0, 2)),
        status: 'authorised',
        completed,
        authorised: S,
        outcome: 'strategy_discussion',
      };
    } else {
      const completed = subWd(P, rng.int(1, 3));
      const authorised = addWd(completed, rng.int(0, 1));
      tl.assessment = {
        start: addWd(R, rng.int(0, 1)),
        status: 'authorised',
        completed,
        authorised: authorised < P ? authorised : P,
        outcome: 'cin_plan',
      };
    }
    const outcomeOn = addWd(S, rng.int(4, 6));
    tl.strategy = { on: S, decision: 'section_47' };
    tl.s47 = {
      start: S,
      status: 'completed',
      outcome: 'substantiated_at_risk',
      needed: true,
      outcomeOn,
      signedOff: addWd(outcomeOn, rng.int(0, 1)),
    };
    const category = this.category(f);
    tl.icpc = { on: P, decision: 'plan', category };
    tl.visits.push({ on: S, seen: true });

    const reviews: NonNullable<Timeline['plan']>['reviews'] = [];
    for (let due = clockDue('rcpc-first', P), i = 0; ; i++) {
      const held = onOrBefore(addDays(due, -rng.int(0, 10)));
      if (held > this.last) break;
      const ends = o.endAt === i;
      const recategorised = !ends && rng.chance(0.1) ? (category === 'MUL' ? 'NEG' : 'MUL') : undefined;
      reviews.push({ on: held, decision: ends ? 'end' : 'continue', category: recategorised });
      if (ends) break;
      due = clockDue('rcpc-next', held);
    }
    const end = reviews.at(-1)?.decision === 'end' ? reviews.at(-1)!.on : undefined;
    const until = end ?? this.today;
    tl.plan = {
      category,
      reviews,
      coreGroups: series(addWd(P, rng.int(4, 10)), (d) => addWd(d, rng.int(25, 35)), until),
      visits: this.planVisits(P, until, o.visits ?? 'ok'),
      end: end ? { on: end, reason: 'no_longer_at_risk' } : undefined,
    };
    tl.directWork = series(addDays(P, rng.int(20, 50)), (d) => addDays(d, rng.int(60, 110)), until);
    return tl;
  }

  /** A plan started `days` ago (its start on the last working day before). */
  cpStartedAgo(f: Family, days: number, visits: Mode = 'ok'): Timeline {
    return this.cp(f, addDays(this.today, -days), { visits });
  }

  /** A plan open 18 months or more (the drift report), its statutory visit overdue. */
  cpLong(f: Family): Timeline {
    return this.cp(f, addDays(addMonths(this.today, -18), -this.rng.int(20, 60)), { visits: 'overdue' });
  }

  /** A child protection plan that ended at a review conference, then a child in need plan. */
  cinAfterCp(f: Family, mode: Mode = 'ok'): Timeline {
    const days = this.rng.int(240, 470);
    const tl = this.cp(f, addDays(this.today, -days), { endAt: days > 330 && this.rng.chance(0.5) ? 1 : 0 });
    const end = tl.plan!.end!.on;
    tl.cin = { start: end, reviews: this.cinReviews(end, mode) };
    tl.visits.push(...this.visitsBetween(end, this.last, [20, 30]));
    return tl;
  }

  /** An assessment authorised with a child in need plan (some late), reviewed since. */
  cin(f: Family, mode: Mode = 'ok', o: { stepUp?: string; late?: boolean } = {}): Timeline {
    const { stepUp } = o;
    const { rng } = this;
    const tl = this.base(
      f,
      'need',
      addDays(this.today, -rng.int(mode === 'ok' ? 110 : 200, 420)),
      'section_17',
    );
    if (stepUp) tl.referral = { ...tl.referral, decision: null, source: '5D', agency: 'council', stepUp };
    const R = tl.referral.on;
    const start = addWd(R, rng.int(0, 2));
    const completed =
      (o.late ?? rng.chance(0.2))
        ? addWd(clockDue('assessment', R), rng.int(1, 10))
        : addWd(start, rng.int(20, 40));
    const authorised = addWd(completed, rng.int(1, 4));
    tl.assessment = { start, status: 'authorised', completed, authorised, outcome: 'cin_plan' };
    const cinStart = addWd(authorised, rng.int(0, 3));
    tl.cin = { start: cinStart, reviews: this.cinReviews(cinStart, mode) };
    tl.visits = this.visitsBetween(start, this.last, [20, 30]);
    if (rng.chance(0.4)) tl.directWork = [addDays(cinStart, rng.int(10, 40))];
    return tl;
  }

  /**
   * A single assessment due `dueIn` working days from today (negative: overdue), in progress,
   * completed and waiting for the manager's authorisation, or returned by the manager.
   */
  assessment(
    f: Family,
    dueIn: number,
    status: 'in_progress' | 'awaiting_authorisation' | 'returned' = 'in_progress',
  ): Timeline {
    const { rng } = this;
    const target = dueIn >= 0 ? addWd(this.today, dueIn) : subWd(this.today, -dueIn);
    const R = startFor((s) => clockDue('assessment', s), target, subWd(this.today, 1));
    const tl = this.base(f, 'need', R, 'section_17');
    const start = addWd(tl.referral.on, rng.int(0, 2));
    const a: NonNullable<Timeline['assessment']> = {
      start: start < this.last ? start : tl.referral.on,
      status: status === 'returned' ? 'in_progress' : status,
    };
    if (status !== 'in_progress') {
      a.completed = subWd(this.today, rng.int(status === 'returned' ? 4 : 0, status === 'returned' ? 7 : 3));
      a.outcome = rng.pick(['cin_plan', 'no_further_action', 'early_help']);
      if (a.completed < a.start) a.completed = a.start;
      if (status === 'returned') a.returnedOn = addWd(a.completed, rng.int(1, 2));
    }
    tl.assessment = a;
    tl.visits = this.visitsBetween(a.start, this.last, [8, 15]);
    return tl;
  }

  /** A referral for a strategy discussion yesterday: the discussion is due today. */
  strategyDue(f: Family): Timeline {
    return this.base(f, 'protection', subWd(this.today, 1), 'strategy_section_47');
  }

  /** A strategy discussion `ago` working days back started a section 47 enquiry. */
  private enquiry(f: Family, ago: number): Timeline {
    const { rng } = this;
    const S = subWd(this.today, ago);
    const tl = this.base(f, 'protection', subWd(S, rng.int(0, 1)), 'strategy_section_47');
    tl.assessment = { start: addWd(tl.referral.on, rng.int(0, 1)), status: 'in_progress' };
    tl.strategy = { on: S, decision: 'section_47' };
    tl.s47 = { start: S, status: 'open' };
    tl.visits = [{ on: S, seen: true }, ...this.visitsBetween(S, this.last, [5, 8])];
    return tl;
  }

  /** A section 47 enquiry in progress, or with its outcome waiting for the manager's sign-off. */
  s47(f: Family, status: 'open' | 'awaiting_sign_off'): Timeline {
    const { rng } = this;
    const tl = this.enquiry(f, rng.int(status === 'open' ? 2 : 5, status === 'open' ? 8 : 10));
    if (status === 'awaiting_sign_off') {
      const outcome = rng.chance(0.7) ? 'substantiated_at_risk' : 'substantiated_not_at_risk';
      tl.s47 = {
        ...tl.s47!,
        status,
        outcome,
        needed: outcome === 'substantiated_at_risk',
        outcomeOn: subWd(this.today, rng.int(0, 2)),
      };
    }
    return tl;
  }

  /** An enquiry signed off as needing an initial conference, due `dueIn` working days from today. */
  icpcDue(f: Family, dueIn: number): Timeline {
    const { rng } = this;
    const tl = this.enquiry(f, 15 - dueIn);
    const S = tl.strategy!.on;
    const outcomeOn = addWd(S, rng.int(4, 6));
    const signed = addWd(outcomeOn, rng.int(0, 2));
    tl.s47 = {
      ...tl.s47!,
      status: 'completed',
      outcome: 'substantiated_at_risk',
      needed: true,
      outcomeOn: outcomeOn < this.last ? outcomeOn : this.last,
      signedOff: signed < this.last ? signed : this.last,
    };
    return tl;
  }

  /** An enquiry that did not substantiate the concerns; the assessment goes on. */
  notSubstantiated(f: Family): Timeline {
    const { rng } = this;
    const tl = this.enquiry(f, rng.int(12, 28));
    const outcomeOn = addWd(tl.s47!.start, rng.int(5, 8));
    tl.s47 = {
      ...tl.s47!,
      status: 'completed',
      outcome: 'not_substantiated',
      needed: false,
      outcomeOn,
      signedOff: addWd(outcomeOn, rng.int(0, 2)),
    };
    return tl;
  }

  /** An assessment authorised a few days ago with another service to follow: nothing due, closing soon. */
  quiet(f: Family): Timeline {
    const { rng } = this;
    const tl = this.base(f, 'need', subWd(this.today, rng.int(25, 40)), 'section_17');
    const completed = subWd(this.today, rng.int(3, 8));
    tl.assessment = {
      start: addWd(tl.referral.on, rng.int(0, 2)),
      status: 'authorised',
      completed,
      authorised: addWd(completed, rng.int(1, 2)),
      outcome: rng.pick(['other_service', 'no_further_action']),
    };
    tl.visits = this.visitsBetween(tl.assessment.start, completed, [8, 12]);
    return tl;
  }

  /** A past episode, closed before `before`: after an assessment, or after a child in need plan (RC7). */
  closed(f: Family, before: string, reason: 'RC5' | 'RC7' | 'RC8' | 'RC9'): Timeline {
    const { rng } = this;
    if (reason === 'RC7') {
      const tl = this.base(f, 'need', addDays(before, -rng.int(210, 560)), 'section_17');
      const start = addWd(tl.referral.on, rng.int(0, 2));
      const completed = addWd(start, rng.int(20, 38));
      const authorised = addWd(completed, rng.int(1, 3));
      const cinStart = addWd(authorised, rng.int(0, 2));
      const reviews = this.cinReviews(cinStart, 'ok', subWd(before, 10)).slice(0, rng.int(1, 2));
      const end = reviews.at(-1)!;
      tl.assessment = { start, status: 'authorised', completed, authorised, outcome: 'cin_plan' };
      tl.cin = { start: cinStart, reviews, end: { on: end, reason: 'needs_met' } };
      tl.visits = this.visitsBetween(start, end, [25, 40]);
      tl.closure = { on: addWd(end, rng.int(1, 8)), reason };
      return tl;
    }
    const span = rng.int(40, 400);
    // Calendar days are at least as many as working days: the episode still closes before `before`.
    const tl = this.base(f, 'need', addDays(before, -Math.round(span * 1.5)), 'section_17');
    const start = addWd(tl.referral.on, rng.int(0, 2));
    const completed = addWd(start, rng.int(15, Math.min(50, span - 12)));
    const authorised = addWd(completed, rng.int(1, 3));
    const outcome =
      reason === 'RC8' ? 'no_further_action' : reason === 'RC9' ? 'early_help' : 'other_service';
    tl.assessment = { start, status: 'authorised', completed, authorised, outcome };
    tl.visits = this.visitsBetween(start, completed, [10, 20]);
    const on = addWd(authorised, rng.int(0, 5));
    tl.closure = {
      on,
      reason,
      stepDown: reason === 'RC9' ? `Early Help Hub, EH-${on.slice(0, 4)}-${rng.int(1000, 9999)}` : undefined,
    };
    return tl;
  }

  /** A plan that ended, in an episode closed since (the earlier plan of a repeat plan). */
  closedAfterCp(f: Family, start: string): Timeline {
    const tl = this.cp(f, start, { endAt: 1 });
    const end = tl.plan!.end?.on ?? tl.icpc!.on;
    tl.closure = { on: addWd(end, this.rng.int(10, 25)), reason: 'RC7' };
    return tl;
  }

  /** A referral waiting for allocation, made `ago` working days back. */
  waiting(f: Family, ago: number): Timeline {
    return this.base(f, 'need', subWd(this.today, ago), 'section_17');
  }
}
