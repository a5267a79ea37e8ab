/** /api/v1/my-work for partner systems: the caller's allocated children's open work, soonest due first. */
import type { FastifyInstance } from 'fastify';
import { londonToday } from '../../platform/dates.ts';
import { apiRoute } from '../../platform/http/api.ts';
import { myWork } from './service.ts';

const TAG = 'Casework';

type MyWork = Awaited<ReturnType<typeof myWork>>;
type Shown = MyWork['quiet'][number];

const childJson = (c: Shown) => ({
  personId: c.personId,
  // A restricted record the caller is not named on: no name.
  name: c.hidden ? null : c.name,
  dateOfBirth: c.dateOfBirth,
  hidden: c.hidden,
});

function myWorkJson(w: MyWork, today: string) {
  return {
    today,
    overdue: w.overdue,
    dueSoon: w.dueSoon,
    caseload: w.caseload,
    items: w.items.map((i) => ({
      child: childJson(i.child),
      episodeId: i.episodeId,
      type: i.type,
      typeLabel: i.typeLabel,
      label: i.label,
      startDate: i.startDate ?? null,
      dueDate: i.dueDate,
      dueStatus: i.state.status,
      workingDays: i.state.workingDays,
    })),
    childrenWithNothingDue: w.quiet.map(childJson),
  };
}

export function caseloadsApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/my-work',
    summary: "Your allocated children's open statutory work, soonest due first, and your caseload",
    tag: TAG,
    responses: {
      200: 'today; overdue; dueSoon; caseload; items [{child, episodeId, type, typeLabel, label, startDate, dueDate, dueStatus overdue|due_soon|on_time, workingDays}]; childrenWithNothingDue',
    },
    handler: async ({ db, actor }) => {
      const today = londonToday();
      return myWorkJson(await myWork(db, actor, { today }), today);
    },
  });
}
