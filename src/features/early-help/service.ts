/**
 * Early help led by any agency: a family's episode, its assessment, team around the family,
 * reviews and distance travelled, step-up to the MASH and step-down from social care, closure.
 * What other features, the pages and the API call. See docs/early-help.md.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/roles.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import type { Chart } from '../../platform/charts.ts';
import { londonToday } from '../../platform/dates.ts';
import { due, type Due } from '../../platform/due.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { actionsFrom } from '../actions/service.ts';
import { auditFamily, seen, type Seat } from './access.ts';
import * as repo from './repository/episodes.ts';
import * as work from './repository/work.ts';
import { OUTCOMES, SOURCES, STATUSES } from './schemas.ts';
import { earlyHelpSettings, reviewDue } from './settings.ts';
import { nextReviewDue } from './work.ts';
import { assessmentsBetween } from './repository/picture.ts';

export * from './schemas.ts';
export {
  allocateLead,
  closeEpisode,
  decideStepDown,
  leadChoices,
  mayStepDown,
  requestForm,
  startEpisode,
  startForm,
  startFromRequest,
  stepDown,
  stepDownForm,
  withdrawConsent,
} from './episodes.ts';
export {
  addAction,
  addTeamMember,
  recordAssessment,
  recordMeeting,
  recordReview,
  stepUp,
  teamChoices,
} from './work.ts';
export { earlyHelpSettings, settingsForPage, setEarlyHelpSettings } from './settings.ts';
export { earlyHelpPicture, executivePanel } from './picture.ts';

export interface ListItem extends repo.ListRow {
  statusLabel: string;
  sourceLabel: string;
  /** What is due next: the assessment, else the next review (open episodes). */
  next?: { what: string; due: Due };
  href: string;
}

async function present(db: Db, actor: Actor, rows: repo.ListRow[]): Promise<ListItem[]> {
  const today = londonToday();
  const settings = await earlyHelpSettings(db, actor.partnershipId);
  return rows.map((r) => {
    let next: ListItem['next'];
    if (r.status === 'open' && !r.assessmentCompletedOn)
      next = { what: 'Assessment', due: due(r.assessmentDue, today) };
    else if (r.status === 'open' && r.assessmentCompletedOn)
      next = {
        what: 'Review',
        due: due(reviewDue(r.lastReviewOn ?? r.assessmentCompletedOn, settings), today),
      };
    return {
      ...r,
      statusLabel: r.offeredToMe ? 'Offered to you' : STATUSES.labelOf(r.status),
      sourceLabel: SOURCES.labelOf(r.source),
      next,
      href: `/early-help/episodes/${r.id}`,
    };
  });
}

/**
 * The lead practitioner's early help: the families they lead, are offered, or are in the team
 * around, with what is due; for the early help service also the queue and every episode.
 */
export async function earlyHelpHome(db: Db, actor: Actor) {
  const lead = can(actor.roles, 'early_help.lead');
  const service = can(actor.roles, 'early_help.service');
  if (!lead && !service && !can(actor.roles, 'casework.record')) throw new ForbiddenError();
  const mine = await present(db, actor, await repo.myEpisodes(db, actor.partnershipId, actor.userId));
  const all = service
    ? await present(db, actor, await repo.allEpisodes(db, actor.partnershipId, actor.userId))
    : [];
  const requests = service ? await repo.waitingRequests(db, actor.partnershipId) : [];
  // Social care sees the early help history of the children allocated to them or their team.
  const allocated = can(actor.roles, 'casework.read')
    ? await present(
        db,
        actor,
        await repo.allocatedEpisodes(db, actor.partnershipId, actor.userId, actor.teamId),
      )
    : [];
  await audit(db, actor, {
    action: 'early_help.list_viewed',
    detail: { mine: mine.length, all: all.length },
  });
  // The children named in the lists are reads of their records' names. Requests name a child too.
  const listed = [...new Set([...mine, ...all, ...allocated].flatMap((e) => e.childIds))];
  await auditMany(db, actor, [
    ...listed.map((id) => aboutPerson(id, 'person.listed', { page: 'early-help' })),
    ...requests.map((r) => aboutPerson(r.personId, 'person.listed', { page: 'early-help' })),
  ]);
  return {
    mine,
    queue: all.filter((e) => e.status === 'offered' && !e.lead),
    open: all.filter((e) => e.status !== 'closed'),
    closed: all.filter((e) => e.status === 'closed'),
    requests,
    allocated,
    lead,
    service,
  };
}

/** For the home page: the families the user leads and what is due (no names beyond the list's). */
export async function earlyHelpReminders(db: Db, actor: Actor) {
  if (!can(actor.roles, 'early_help.lead')) return [];
  const rows = await repo.myEpisodes(db, actor.partnershipId, actor.userId);
  if (rows.length)
    await audit(db, actor, { action: 'early_help.reminders_viewed', detail: { n: rows.length } });
  return (await present(db, actor, rows)).map((r) => ({
    reference: r.reference,
    statusLabel: r.statusLabel,
    next: r.next,
    href: r.href,
  }));
}

export interface Progress {
  area: string;
  label: string;
  scores: (number | null)[];
  change: number | null;
}

/** Each need's scores at the assessment and each review, and the distance travelled as a chart. */
function distance(
  scores: work.ScoreRow[],
  reviews: work.ReviewRow[],
  areas: { value: string; label: string }[],
  reference: string,
): { rows: Progress[]; chart: Chart | null; points: string[] } {
  const points = ['Assessment', ...reviews.map((_, i) => `Review ${i + 1}`)];
  const keys = [null, ...reviews.map((r) => r.id)];
  const needs = [...new Set(scores.filter((s) => !s.reviewId).map((s) => s.area))];
  const label = (a: string) => areas.find((x) => x.value === a)?.label ?? a;
  const rows = needs.map((area) => {
    const series = keys.map((k) => scores.find((s) => s.area === area && s.reviewId === k)?.score ?? null);
    const known = series.filter((x): x is number => x !== null);
    return {
      area,
      label: label(area),
      scores: series,
      change: known.length > 1 ? known.at(-1)! - known[0]! : null,
    };
  });
  if (rows.length === 0) return { rows, chart: null, points };
  const moved = rows.filter((r) => r.change !== null);
  return {
    rows,
    points,
    chart: {
      kind: 'line',
      title: `Distance travelled: early help ${reference}`,
      description: moved.length
        ? `Each need scored from 1 (serious need) to 10 (thriving) at the assessment and ${reviews.length} review${reviews.length === 1 ? '' : 's'}: ` +
          moved.map((r) => `${r.label} ${r.change! >= 0 ? 'up' : 'down'} ${Math.abs(r.change!)}`).join(', ') +
          '.'
        : 'Each need as scored at the assessment; no review has scored them again yet.',
      valueTitle: 'Score (1 to 10)',
      seriesOrder: rows.map((r) => r.label),
      data: rows.flatMap((r) =>
        r.scores.flatMap((s, i) => (s === null ? [] : [{ label: points[i]!, value: s, series: r.label }])),
      ),
      table: {
        caption: 'Each need’s score at the assessment and at each review',
        head: ['Need', ...points, 'Change'],
        rows: rows.map((r) => [r.label, ...r.scores.map((s) => s ?? '–'), r.change ?? '–']),
      },
    },
  };
}

/** One episode with everything recorded in it, and what the actor may do. Audited for each family member. */
export async function episodePage(db: Db, actor: Actor, id: string) {
  const s = await seen(db, actor, id);
  const e = s.episode;
  const members = await repo.members(db, id);
  const team = await work.team(db, id);
  const meetings = await work.meetings(db, id);
  const reviews = await work.reviews(db, id);
  const scores = await work.scores(db, id);
  const steps = await work.steps(db, id);
  const settings = await earlyHelpSettings(db, actor.partnershipId);
  const children = members.filter((m) => m.kind === 'child');
  const voice = await work.voiceOf(
    db,
    actor.partnershipId,
    children.map((c) => c.personId),
  );
  const back = await repo.closedWithinYear(
    db,
    actor.partnershipId,
    children.map((c) => c.personId),
    e.startedOn,
  );
  const today = londonToday();
  const reviewDueOn = await nextReviewDue(db, actor.partnershipId, e);
  await auditFamily(
    db,
    actor,
    members.map((m) => m.personId),
    'early_help.viewed',
    id,
  );
  return {
    episode: {
      ...e,
      statusLabel: STATUSES.labelOf(e.status),
      sourceLabel: SOURCES.labelOf(e.source),
      outcomeLabel: e.outcome ? OUTCOMES.labelOf(e.outcome as never) : null,
      assessment: e.assessmentCompletedOn ? null : e.status === 'open' ? due(e.assessmentDue, today) : null,
      review: reviewDueOn ? { on: reviewDueOn, due: due(reviewDueOn, today) } : null,
    },
    seat: s.seat as Seat,
    mayChange: s.mayChange,
    mayMeet: s.mayMeet,
    mayDecide: s.seat === 'offered',
    mayAllocate: can(actor.roles, 'early_help.service') && e.status !== 'closed',
    members,
    children: children.map((c) => ({ ...c, voice: voice.filter((v) => v.personId === c.personId) })),
    team,
    meetings,
    reviews,
    steps,
    back,
    progress: distance(scores, reviews, settings.areas, e.reference),
    actions: await actionsFrom(db, actor, 'early_help', id),
  };
}

/** An episode as the API shows it. */
export async function episodeJson(db: Db, actor: Actor, id: string) {
  const p = await episodePage(db, actor, id);
  const e = p.episode;
  return {
    id: e.id,
    reference: e.reference,
    source: e.source,
    status: e.status,
    lead: e.lead,
    leadAgency: e.leadAgency,
    consent: e.consent,
    safeguardingDecision: e.safeguardingReason
      ? { reason: e.safeguardingReason, by: e.safeguardingBy }
      : null,
    startedOn: e.startedOn,
    assessmentDue: e.assessmentDue,
    assessmentCompletedOn: e.assessmentCompletedOn,
    familyView: e.familyView,
    plan: e.plan,
    closedOn: e.closedOn,
    outcome: e.outcome,
    feedback: e.feedback,
    family: p.members.map((m) => ({ personId: m.personId, kind: m.kind, name: m.name })),
    team: p.team.map((t) => ({ name: t.name, agency: t.agency, role: t.role })),
    meetings: p.meetings.map((m) => ({
      heldOn: m.heldOn,
      notes: m.notes,
      attended: m.attended,
      absent: m.absent,
    })),
    reviews: p.reviews.map((r) => ({ heldOn: r.heldOn, dueOn: r.dueOn, summary: r.summary })),
    scores: p.progress.rows.map((r) => ({
      area: r.area,
      label: r.label,
      scores: r.scores,
      change: r.change,
    })),
    steps: p.steps.map((s) => ({
      kind: s.kind,
      reason: s.reason,
      requestedAt: s.requestedAt,
      contactReference: s.contactReference,
      offeredTo: s.offeredTo,
      decision: s.decision,
      decisionReason: s.decisionReason,
    })),
  };
}

/** The episodes the actor may list through the API: their own, or every one for the service. */
export async function episodesJson(db: Db, actor: Actor) {
  const h = await earlyHelpHome(db, actor);
  const rows = h.service ? [...h.open, ...h.closed] : h.mine;
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    source: r.source,
    lead: r.lead,
    leadAgency: r.leadAgency,
    startedOn: r.startedOn,
    assessmentDue: r.assessmentDue,
    assessmentCompletedOn: r.assessmentCompletedOn,
    closedOn: r.closedOn,
  }));
}

/**
 * Early help assessments started or completed between two dates (inclusive), per child, for Ofsted's
 * Annex A list 2: dates, the child's id and the lead agency, no record. The returns service checks
 * `returns.produce` and audits the workbook before it asks.
 */
export function earlyHelpAssessmentsBetween(db: Db, partnershipId: string, from: string, to: string) {
  return assessmentsBetween(db, partnershipId, from, to);
}

export type FormKind = 'change' | 'meet' | 'decide' | 'allocate';

/**
 * An episode for one of its forms: the actor may make that change now (else 403, or 409 when the
 * episode's state does not allow it). Audited as a read of the family.
 */
export async function episodeForForm(db: Db, actor: Actor, id: string, kind: FormKind) {
  const s = await seen(db, actor, id);
  const e = s.episode;
  const ok =
    kind === 'decide'
      ? s.seat === 'offered'
      : kind === 'allocate'
        ? can(actor.roles, 'early_help.service') && e.status !== 'closed'
        : kind === 'meet'
          ? s.mayMeet
          : s.mayChange;
  if (!ok) throw new ForbiddenError();
  const members = await repo.members(db, id);
  await auditFamily(
    db,
    actor,
    members.map((m) => m.personId),
    'early_help.form_viewed',
    id,
  );
  const scores = await work.scores(db, id);
  const settings = await earlyHelpSettings(db, actor.partnershipId);
  const needs = [...new Set(scores.filter((x) => !x.reviewId).map((x) => x.area))];
  return {
    episode: { ...e, href: `/early-help/episodes/${id}` },
    members,
    children: members.filter((m) => m.kind === 'child'),
    team: await work.team(db, id),
    areas: settings.areas,
    needs: needs.map((a) => ({ value: a, label: settings.areas.find((x) => x.value === a)?.label ?? a })),
    steps: await work.steps(db, id),
  };
}
