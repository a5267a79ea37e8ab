/** The early help picture for the partnership (counts, charts and their tables) and the executive's panel. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { addMonths } from '../../platform/calendar.ts';
import type { Chart, ExecutivePanel } from '../../platform/charts.ts';
import { londonToday } from '../../platform/dates.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import * as fig from './repository/picture.ts';
import { OUTCOMES } from './schemas.ts';
import { earlyHelpSettings } from './settings.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((100 * n) / d));

/** The partnership's pages (assurance.read) and the early help service see the picture. */
export function mayViewPicture(actor: Actor): boolean {
  return can(actor.roles, 'assurance.read') || can(actor.roles, 'early_help.service');
}

export async function earlyHelpPicture(db: Db, actor: Actor) {
  if (!mayViewPicture(actor)) throw new ForbiddenError();
  const today = londonToday();
  const since = addMonths(today, -12);
  const pid = actor.partnershipId;
  const [agencies, t, outs, dist, settings] = await Promise.all([
    fig.byAgency(db, pid, since),
    fig.totals(db, pid, since, today),
    fig.outcomes(db, pid, since),
    fig.distanceByArea(db, pid),
    earlyHelpSettings(db, pid),
  ]);
  await audit(db, actor, { action: 'early_help.picture_viewed' });
  const started = agencies.reduce((a, r) => a + r.started, 0);
  const schools = agencies.filter((a) => a.kind === 'school').reduce((a, r) => a + r.started, 0);
  const top = agencies[0];
  const byAgency: Chart = {
    kind: 'bar',
    title: 'Open early help by lead agency',
    description:
      t.open === 0 || !top
        ? 'No early help episode is open.'
        : `${plural(t.open, 'family is', 'families are')} in open early help; ${top.agency} leads the most (${top.open}). ` +
          `Schools led ${pct(schools, started)}% of the early help started in the last 12 months.`,
    valueTitle: 'Open episodes',
    data: agencies.filter((a) => a.open > 0).map((a) => ({ label: a.agency, value: a.open })),
    table: {
      caption:
        'Early help by lead agency: open now, started in the last 12 months, and the share each agency leads',
      head: ['Lead agency', 'Open', 'Started in 12 months', 'Share of early help started (%)'],
      rows: agencies.map((a) => [a.agency, a.open, a.started, pct(a.started, started)]),
    },
  };
  const outcomes: Chart = {
    kind: 'bar',
    title: 'Outcomes of early help closed in the last 12 months',
    description: outs.length
      ? outs.map((o) => `${OUTCOMES.labelOf(o.outcome as never)}: ${o.n}`).join('; ') + '.'
      : 'No early help episode closed in the last 12 months.',
    valueTitle: 'Episodes closed',
    data: outs.map((o) => ({ label: OUTCOMES.labelOf(o.outcome as never), value: o.n })),
    table: {
      caption: 'Episodes closed in the last 12 months, by outcome',
      head: ['Outcome', 'Episodes'],
      rows: outs.map((o) => [OUTCOMES.labelOf(o.outcome as never), o.n]),
    },
  };
  const label = (a: string) => settings.areas.find((x) => x.value === a)?.label ?? a;
  const distance: Chart = {
    kind: 'bar',
    title: 'Distance travelled by area of need',
    description: dist.length
      ? `The average change in each need's score (1 to 10) from the assessment to the latest review: ` +
        dist.map((d) => `${label(d.area)} ${d.change >= 0 ? '+' : ''}${d.change}`).join(', ') +
        '.'
      : 'No family’s needs have been scored again at a review yet.',
    valueTitle: 'Average change in score',
    data: dist.map((d) => ({ label: label(d.area), value: d.change })),
    table: {
      caption: 'Average change in score from the assessment to the latest review, by area of need',
      head: ['Area of need', 'Families re-scored', 'Average change'],
      rows: dist.map((d) => [label(d.area), d.families, d.change]),
    },
  };
  const assessed = t.assessedInTime + t.assessedLate;
  return {
    totals: { ...t, assessed, inTimePct: pct(t.assessedInTime, assessed), schoolsPct: pct(schools, started) },
    assessmentDays: settings.earlyHelpAssessmentWorkingDays,
    charts: { byAgency, outcomes, distance },
  };
}

export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  const p = await earlyHelpPicture(db, actor);
  const t = p.totals;
  return {
    title: 'Early help',
    href: '/early-help/picture',
    headlines: [
      `${plural(t.open, 'family', 'families')} in open early help`,
      `${t.inTimePct}% of assessments completed in time`,
      `${plural(t.stepUps, 'step-up', 'step-ups')} and ${plural(t.stepDowns, 'step-down', 'step-downs')} in 12 months`,
      `${t.schoolsPct}% of early help led by schools`,
    ],
    chart: p.charts.byAgency,
  };
}
