import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, type Body } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import {
  addDecision,
  addMeetingAction,
  addPaper,
  meetingActionItems,
  meetingFormChoices,
  meetingList,
  meetingPage,
  recordAttendance,
  recordMeeting,
} from './meetings.ts';
import {
  ATTENDANCE,
  decisionSchema,
  meetingActionSchema,
  meetingSchema,
  paperSchema,
} from './meetings-schemas.ts';

const MESSAGES: Record<string, string> = {
  added: 'The meeting is recorded',
  attendance: 'Attendance is recorded',
  paper: 'The paper is added',
  decision: 'The decision is added',
  action: 'The action is added to the action log',
};
const LABELS = { present: 'Present', apologies: 'Apologies', absent: 'Absent' } as const;

async function newMeetingModel(db: Db, actor: ReturnType<typeof actorOf>, values: Body) {
  const { bodies, chairs } = await meetingFormChoices(db, actor);
  return {
    title: 'Record a meeting',
    values,
    bodyItems: bodies.map((b) => ({ value: b.id, text: b.name, checked: values.bodyId === b.id })),
    chairItems: [
      { value: '', text: 'Choose the chair' },
      ...chairs.map((c) => ({
        value: c.id,
        text: `${c.name} (${c.agency})`,
        selected: values.chairUserId === c.id,
      })),
    ],
  };
}

async function attendanceModel(db: Db, actor: ReturnType<typeof actorOf>, id: string, values?: Body) {
  const page = await meetingPage(db, actor, id);
  return {
    title: 'Attendance',
    ...page,
    groups: page.attendance.map((a) => {
      const chosen = values ? values[`att-${a.agencyId}`] : a.status;
      return {
        ...a,
        items: ATTENDANCE.map((s) => ({ value: s, text: LABELS[s], checked: chosen === s })),
      };
    }),
  };
}

/** Attendance from the form: one radio group per agency (`att-<agency id>`); unanswered ones left out. */
function attendanceFrom(body: Body) {
  return {
    attendance: Object.entries(body)
      .filter(([k, v]) => k.startsWith('att-') && typeof v === 'string' && v !== '')
      .map(([k, v]) => ({ agencyId: k.slice(4), status: v as string })),
  };
}

export function meetingRoutes(app: FastifyInstance, db: Db): void {
  app.get('/partnership/meetings', async (req, reply) => {
    const data = await meetingList(db, actorOf(req));
    return reply.render('partnership/views/meetings.njk', { title: 'Meetings', ...data });
  });

  const NEW = 'partnership/views/meeting-new.njk';
  app.get('/partnership/meetings/new', async (req, reply) =>
    reply.render(NEW, await newMeetingModel(db, actorOf(req), {})),
  );
  formPost(app, '/partnership/meetings/new', ({ actor, body }) => ({
    view: NEW,
    schema: meetingSchema,
    page: () => newMeetingModel(db, actor, body),
    change: async () => {
      const { id } = await recordMeeting(db, actor, parseForm(meetingSchema, body));
      return `/partnership/meetings/${id}?done=added`;
    },
  }));

  app.get('/partnership/meetings/:id', async (req, reply) => {
    const page = await meetingPage(db, actorOf(req), idParam(req));
    return reply.render('partnership/views/meeting.njk', {
      title: page.meeting.body,
      ...page,
      flash: flashOf(req, MESSAGES),
    });
  });

  const ATT = 'partnership/views/meeting-attendance.njk';
  app.get('/partnership/meetings/:id/attendance', async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'partnership.manage');
    return reply.render(ATT, await attendanceModel(db, actor, idParam(req)));
  });
  formPost(app, '/partnership/meetings/:id/attendance', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: ATT,
      page: () => attendanceModel(db, actor, id, body),
      change: async () => {
        await recordAttendance(db, actor, id, attendanceFrom(body));
        return `/partnership/meetings/${id}?done=attendance`;
      },
    };
  });

  // Papers, decisions and actions: one small form each.
  const simple = [
    {
      path: 'papers',
      view: 'meeting-paper.njk',
      title: 'Add a paper',
      schema: paperSchema,
      add: addPaper,
      done: 'paper',
    },
    {
      path: 'decisions',
      view: 'meeting-decision.njk',
      title: 'Add a decision',
      schema: decisionSchema,
      add: addDecision,
      done: 'decision',
    },
  ] as const;
  for (const f of simple) {
    const view = `partnership/views/${f.view}`;
    const model = async (actor: ReturnType<typeof actorOf>, id: string) => {
      requirePermission(actor, 'partnership.manage');
      return { title: f.title, ...(await meetingPage(db, actor, id)) };
    };
    app.get(`/partnership/meetings/:id/${f.path}/new`, async (req, reply) =>
      reply.render(view, await model(actorOf(req), idParam(req))),
    );
    formPost(app, `/partnership/meetings/:id/${f.path}/new`, ({ req, actor, body }) => {
      const id = idParam(req);
      return {
        view,
        schema: f.schema,
        page: () => model(actor, id),
        change: async () => {
          requirePermission(actor, 'partnership.manage');
          await f.add(db, actor, id, parseForm(f.schema, body));
          return `/partnership/meetings/${id}?done=${f.done}`;
        },
      };
    });
  }

  const ACT = 'partnership/views/meeting-action.njk';
  const actionModel = async (actor: ReturnType<typeof actorOf>, id: string, values: Body) => ({
    title: 'Add an action',
    ...(await meetingPage(db, actor, id)),
    actionItems: await meetingActionItems(db, actor, values),
  });
  app.get('/partnership/meetings/:id/actions/new', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    const actionItems = await meetingActionItems(db, actor);
    return reply.render(ACT, { ...(await actionModel(actor, id, {})), actionItems });
  });
  formPost(app, '/partnership/meetings/:id/actions/new', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: ACT,
      schema: meetingActionSchema,
      page: () => actionModel(actor, id, body),
      change: async () => {
        await meetingActionItems(db, actor);
        await addMeetingAction(db, actor, id, parseForm(meetingActionSchema, body));
        return `/partnership/meetings/${id}?done=action#actions`;
      },
    };
  });
}
