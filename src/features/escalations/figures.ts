/** Escalations counted by agency and stage: the data page and the executive's panel. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { addMonths } from '../../platform/calendar.ts';
import type { Chart, ExecutivePanel } from '../../platform/charts.ts';
import { londonToday } from '../../platform/dates.ts';
import { countsByAgency, totals } from './repository.ts';
import { STAGES } from './schemas.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Open escalations by agency (either side of the disagreement: an escalation counts for both) and
 * stage, with the partnership's totals, each escalation once.
 */
export async function escalationCounts(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const today = londonToday();
  const since = addMonths(today, -12);
  const rows = await countsByAgency(db, actor.partnershipId, today, since);
  const sum = await totals(db, actor.partnershipId, today, since);
  await audit(db, actor, { action: 'escalation.counts_viewed' });
  const open = sum.practitioners + sum.managers + sum.heads + sum.partnership;
  const busiest = rows
    .map((r) => ({ agency: r.agency, n: r.practitioners + r.managers + r.heads + r.partnership }))
    .sort((a, b) => b.n - a.n)[0];
  const chart: Chart = {
    kind: 'stacked-bar',
    title: 'Open escalations by agency and stage',
    description:
      open === 0 || !busiest
        ? 'No escalation is open.'
        : `${plural(open, 'escalation is', 'escalations are')} open: ` +
          STAGES.map((s) => `${sum[s.value]} with ${s.label.toLowerCase()}`).join(', ') +
          `. ${busiest.agency} is party to the most (${busiest.n}).`,
    valueTitle: 'Open escalations',
    seriesOrder: STAGES.map((s) => s.label),
    data: rows.flatMap((r) =>
      STAGES.map((s) => ({ label: r.agency, value: r[s.value], series: s.label })).filter((d) => d.value > 0),
    ),
    table: {
      caption: 'Escalations by agency: open at each stage, overdue, and resolved in the last 12 months',
      head: ['Agency', ...STAGES.map((s) => s.label), 'Overdue', 'Resolved in 12 months'],
      rows: rows.map((r) => [r.agency, ...STAGES.map((s) => r[s.value]), r.overdue, r.resolved]),
    },
  };
  return { totals: { ...sum, open }, rows, chart };
}

/** The executive's panel: open, overdue and resolved escalations, and the chart by agency and stage. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  const { totals: t, chart } = await escalationCounts(db, actor);
  return {
    title: 'Escalations',
    href: '/escalations/data',
    headlines: [
      `${plural(t.open, 'open escalation', 'open escalations')}`,
      `${t.overdue} overdue at their stage`,
      `${t.partnership} with the partnership`,
      `${t.resolved} resolved in the last 12 months`,
    ],
    chart,
  };
}
