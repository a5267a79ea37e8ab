/** What other features and the routes call of independent scrutiny. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import type { ExecutivePanel } from '../../platform/charts.ts';
import { formatDate, londonToday } from '../../platform/dates.ts';
import { STATES, toChallenge } from './challenges.ts';
import * as repo from './repository/challenges.ts';
import { listReports as reportRows } from './repository/reports.ts';

export {
  addChallengeAction,
  challengeForAction,
  challengeableAgencies,
  challengeToAnswer,
  challengeToJudge,
  judgeChallenge,
  listChallenges,
  raiseChallenge,
  raisesAs,
  readChallenge,
  respondToChallenge,
  STATES,
  type Challenge,
  type ChallengeDetail,
  type StateKey,
} from './challenges.ts';
export {
  coverableChallenges,
  draftReport,
  draftToEdit,
  listReports,
  publishReport,
  readReport,
  updateReport,
} from './reports.ts';
export { scrutinyReads } from './reads.ts';
export { challengeSchema } from './schemas.ts';

/** The executive's page: challenges by state, and how many answers are overdue. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  requirePermission(actor, 'assurance.read');
  const today = londonToday();
  const all = (await repo.listChallenges(db, actor.partnershipId)).map((c) => toChallenge(c, today));
  const counts = STATES.map((s) => ({ ...s, n: all.filter((c) => c.state.key === s.key).length }));
  const open = all.filter((c) => c.status === 'open').length;
  const overdue = all.filter((c) => c.due?.status === 'overdue').length;
  const [latest] = await reportRows(db, actor.partnershipId, { published: true });
  return {
    title: 'Independent scrutiny',
    href: '/partnership/scrutiny',
    headlines: [
      `${open} open ${open === 1 ? 'challenge' : 'challenges'}`,
      `${overdue} with answers overdue`,
      `${counts.find((c) => c.key === 'escalated')!.n} escalated to the executive`,
      ...(latest ? [`Latest report: ${latest.title} (published ${formatDate(latest.publishedOn!)})`] : []),
    ],
    chart: {
      kind: 'bar',
      title: 'Challenges by state',
      description: `The scrutineer's ${all.length} challenges by where they stand: ${counts
        .map((c) => `${c.n} ${c.label.toLowerCase()}`)
        .join(', ')}.`,
      valueTitle: 'Challenges',
      data: counts.map((c) => ({ label: c.label, value: c.n })),
      table: {
        caption: 'Challenges by state',
        head: ['State', 'Challenges'],
        rows: counts.map((c) => [c.label, c.n]),
      },
    },
  };
}
