/**
 * Learning across reviews: the themes reviews found, recommendations that recur (a theme in the
 * recommendations of two reviews or more), and the progress of the recommendations' actions by
 * agency. No child's name: pseudonyms and references only. The scrutineer's view among others.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import type { Chart, ExecutivePanel } from '../../platform/charts.ts';
import { actionsFrom, type ActionSummary } from '../actions/service.ts';
import * as repo from './repository/index.ts';
import { THEMES } from './schemas.ts';
import { scopeOf } from './shared.ts';

const SERIES = ['Done', 'Open, on time', 'Overdue'] as const;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

async function figures(db: Db, actor: Actor) {
  const reviews = await repo.visibleReviews(db, actor.partnershipId, { ...scopeOf(actor), all: true });
  const recs = await repo.allRecommendations(db, actor.partnershipId);
  const withActions = await Promise.all(
    recs.map(async (r) => ({ ...r, actions: await actionsFrom(db, actor, 'review', r.id) })),
  );
  const themes = THEMES.map((t) => {
    const inReviews = reviews.filter((r) => r.themes.includes(t.value)).map((r) => r.reference);
    const recRefs = withActions.filter((r) => r.themes.includes(t.value));
    const reviewsWithRec = new Set(recRefs.map((r) => r.reference));
    return {
      label: t.label,
      reviews: new Set([...inReviews, ...reviewsWithRec]).size,
      recommendations: recRefs.length,
      recurring: reviewsWithRec.size >= 2,
    };
  });
  const byAgency = new Map<string, Record<(typeof SERIES)[number], number>>();
  const count = (a: ActionSummary) => {
    const row = byAgency.get(a.ownerAgency) ?? { Done: 0, 'Open, on time': 0, Overdue: 0 };
    if (a.status === 'done' || a.status === 'dropped') row.Done++;
    else if (a.rag.overdue) row.Overdue++;
    else row['Open, on time']++;
    byAgency.set(a.ownerAgency, row);
  };
  for (const r of withActions) r.actions.forEach(count);
  const agencies = [...byAgency.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = agencies.reduce((n, [, r]) => n + r.Done + r['Open, on time'] + r.Overdue, 0);
  const done = agencies.reduce((n, [, r]) => n + r.Done, 0);
  const overdue = agencies.reduce((n, [, r]) => n + r.Overdue, 0);
  const chart: Chart = {
    kind: 'stacked-bar',
    title: 'Actions from review recommendations, by agency',
    description:
      total === 0
        ? 'No review recommendation has actions yet.'
        : `${plural(total, 'action comes', 'actions come')} from review recommendations: ${done} done, ${overdue} overdue.`,
    valueTitle: 'Actions',
    seriesOrder: [...SERIES],
    data: agencies.flatMap(([agency, r]) =>
      SERIES.map((s) => ({ label: agency, value: r[s], series: s })).filter((d) => d.value > 0),
    ),
    table: {
      caption: 'Actions from review recommendations, by owner agency',
      head: ['Agency', ...SERIES],
      rows: agencies.map(([agency, r]) => [agency, ...SERIES.map((s) => r[s])]),
    },
  };
  const open = withActions.filter((r) => !r.closedOn).length;
  return { reviews, recommendations: withActions, themes, chart, totals: { total, done, overdue, open } };
}

export async function learningAcrossReviews(db: Db, actor: Actor) {
  requirePermission(actor, 'review.read');
  const f = await figures(db, actor);
  await audit(db, actor, { action: 'review.learning_viewed' });
  return f;
}

/** The executive's panel: reviews, recommendations still open, and actions by agency. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  requirePermission(actor, 'assurance.read');
  const f = await figures(db, actor);
  await audit(db, actor, { action: 'review.executive_panel' });
  const recurring = f.themes.filter((t) => t.recurring).map((t) => t.label.toLowerCase());
  return {
    title: 'Practice reviews',
    href: '/partnership/reviews/learning',
    headlines: [
      plural(f.reviews.length, 'review', 'reviews'),
      `${plural(f.totals.open, 'recommendation', 'recommendations')} open`,
      `${f.totals.overdue} overdue actions`,
      recurring.length ? `Recurring: ${recurring.join(', ')}` : 'No theme recurs yet',
    ],
    chart: f.chart,
  };
}
