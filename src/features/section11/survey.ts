/**
 * The practitioners' survey beside a round (anonymous: agency and role kept, never the person),
 * the gap view where an agency's own rating and its practitioners disagree, and the comparison
 * across agencies and rounds.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { ROLE_LABELS } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import type { Chart, ExecutivePanel } from '../../platform/charts.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { AGREEING, GAP_GREEN_BELOW, GAP_MIN_ANSWERS, GAP_RED_ABOVE, KINDS, RATINGS } from './codes.ts';
import { roundById, standards, type RoundRow, type StandardRow } from './repository.ts';
import {
  gapRows,
  hasTaken,
  insertSurvey,
  isAsked,
  openSurveys,
  ratingCounts,
  type GapRow,
} from './repository-more.ts';
import { surveySchema } from './schemas.ts';

export async function surveysFor(db: Db, actor: Actor) {
  requirePermission(actor, 'training.book');
  const rows = await openSurveys(db, actor.partnershipId, actor.agencyId, actor.userId, londonToday());
  return rows.map((r) => ({ ...r, kindLabel: KINDS.labelOf(r.kind) }));
}

export interface SurveyForm {
  round: RoundRow;
  questions: (StandardRow & { name: string })[];
  taken: boolean;
}

/** The survey of a round, for a practitioner of an agency asked in it, while the round is open. */
export async function surveyForm(db: Db, actor: Actor, roundId: string): Promise<SurveyForm> {
  requirePermission(actor, 'training.book');
  const round = await roundById(db, actor.partnershipId, roundId);
  if (!round) throw new NotFoundError();
  if (!(await isAsked(db, actor.partnershipId, roundId, actor.agencyId)))
    throw new ForbiddenError('Your agency was not asked in this round, so its survey is not for you.');
  const today = londonToday();
  if (today < round.opensOn || today > round.closesOn)
    throw new ConflictError('This round’s survey is not open.');
  const list = (await standards(db, actor.partnershipId, round.kind)).filter((s) => s.active);
  const taken = Boolean(await hasTaken(db, actor.partnershipId, roundId, actor.userId));
  return { round, questions: list.map((s) => ({ ...s, name: `s${s.position}` })), taken };
}

export async function submitSurvey(db: Db, actor: Actor, roundId: string, input: Record<string, unknown>) {
  const form = await surveyForm(db, actor, roundId);
  if (form.taken) throw new ConflictError('You have already answered this round’s survey: once each.');
  const given = parse(surveySchema(form.questions.map((q) => q.position)), input) as Record<string, string>;
  const answers = Object.fromEntries(form.questions.map((q) => [q.id, given[q.name]!]));
  // The role kept is the one the survey is about (a practitioner's), never who it was.
  const role = actor.roles.find((r) => r !== 'referrer') ?? actor.roles[0]!;
  await db.transaction(async (tx) => {
    const first = await insertSurvey(tx, actor.partnershipId, {
      roundId,
      userId: actor.userId,
      agencyId: actor.agencyId,
      role,
      answers,
    });
    if (!first) throw new ConflictError('You have already answered this round’s survey: once each.');
    // No answers in the audit: the survey is anonymous.
    await audit(tx, actor, {
      action: 'section11.survey_answered',
      entityType: 's11_round',
      entityId: roundId,
    });
  });
}

export interface Gap extends GapRow {
  /** Per cent agreeing, or null when too few answered. */
  share: number | null;
  flag: string | null;
}

export function gapOf(r: GapRow): Gap {
  const share = r.answers >= GAP_MIN_ANSWERS ? Math.round((100 * r.agreeing) / r.answers) : null;
  let flag: string | null = null;
  if (share !== null && r.rating === 'green' && share < GAP_GREEN_BELOW)
    flag = `Rated green, but only ${share}% of practitioners agree`;
  if (share !== null && r.rating === 'red' && share > GAP_RED_ABOVE)
    flag = `Rated red, but ${share}% of practitioners agree`;
  return { ...r, share, flag };
}

export async function gapView(db: Db, actor: Actor, roundId: string) {
  requirePermission(actor, 'assurance.read');
  const round = await roundById(db, actor.partnershipId, roundId);
  if (!round) throw new NotFoundError();
  const rows = (await gapRows(db, actor.partnershipId, roundId, AGREEING)).map(gapOf);
  const agencies = [...new Set(rows.map((r) => r.agencyName))].map((name) => ({
    name,
    rows: rows.filter((r) => r.agencyName === name),
  }));
  await audit(db, actor, { action: 'section11.gaps_read', entityType: 's11_round', entityId: roundId });
  return {
    round,
    agencies,
    flagged: rows.filter((r) => r.flag).length,
    limits: { green: GAP_GREEN_BELOW, red: GAP_RED_ABOVE, min: GAP_MIN_ANSWERS },
  };
}

const roundLabel = (r: { kind: string; year: number }) => `${KINDS.labelOf(r.kind)} ${r.year}`;

/** Ratings by RAG for each round (a stacked bar) and each agency in each round (the table). */
export async function comparison(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const rows = await ratingCounts(db, actor.partnershipId);
  await audit(db, actor, { action: 'section11.comparison_read', entityType: 's11_round' });
  const rounds = [...new Map(rows.map((r) => [r.roundId, r])).values()];
  const sum = (id: string, k: 'red' | 'amber' | 'green') =>
    rows.filter((r) => r.roundId === id).reduce((n, r) => n + r[k], 0);
  const chart: Chart = {
    kind: 'stacked-bar',
    title: 'Self-assessment ratings by round',
    description: 'For each round, how many standards the agencies rated red, amber and green.',
    valueTitle: 'Standards',
    data: rounds.flatMap((r) =>
      RATINGS.map((g) => ({ label: roundLabel(r), value: sum(r.roundId, g.value), series: g.label })),
    ),
    table: {
      caption: 'Ratings by round',
      head: ['Round', 'Red', 'Amber', 'Green'],
      rows: rounds.map((r) => [
        roundLabel(r),
        sum(r.roundId, 'red'),
        sum(r.roundId, 'amber'),
        sum(r.roundId, 'green'),
      ]),
    },
  };
  return { chart, rows: rows.map((r) => ({ ...r, round: roundLabel(r) })) };
}

/** The executive's page: the ratings of the latest section 11 round by RAG. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  requirePermission(actor, 'assurance.read');
  const rows = await ratingCounts(db, actor.partnershipId);
  await audit(db, actor, { action: 'section11.panel_read', entityType: 's11_round' });
  const latest = rows.filter((r) => r.kind === 'section11').at(-1);
  const panel: ExecutivePanel = {
    title: 'Section 11 self-assessments',
    href: '/partnership/section-11',
    headlines: [],
  };
  if (!latest) return { ...panel, headlines: ['No section 11 round yet'] };
  const mine = rows.filter((r) => r.roundId === latest.roundId);
  const total = (k: 'red' | 'amber' | 'green' | 'unrated') => mine.reduce((n, r) => n + r[k], 0);
  panel.headlines = [
    `${roundLabel(latest)}: ${mine.length} agencies`,
    `${total('red')} red, ${total('amber')} amber, ${total('green')} green`,
    ...(total('unrated') ? [`${total('unrated')} standards not yet rated`] : []),
  ];
  panel.chart = {
    kind: 'stacked-bar',
    title: `${roundLabel(latest)}: ratings by agency`,
    description:
      'For each agency, how many standards it rated red, amber and green in the latest section 11 round.',
    valueTitle: 'Standards',
    data: mine.flatMap((r) =>
      RATINGS.map((g) => ({ label: r.agencyName, value: r[g.value], series: g.label })),
    ),
    table: {
      caption: `${roundLabel(latest)}: ratings by agency`,
      head: ['Agency', 'Red', 'Amber', 'Green', 'Not rated'],
      rows: mine.map((r) => [r.agencyName, r.red, r.amber, r.green, r.unrated]),
    },
  };
  return panel;
}

export const roleLabel = (r: string) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r;
