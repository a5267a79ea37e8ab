import type { Feature } from '../../platform/deps.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { UUID } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { withDrawing } from '../../platform/charts.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, queryOf, type Body } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { actionFormItems } from '../actions/service.ts';
import { VOICE_METHODS } from '../casework/service.ts';
import { earlyHelpApi } from './api.ts';
import * as eh from './service.ts';
import { assessmentForm, choices, reviewForm } from './forms.ts';

const V = 'early-help/views';
const MESSAGES: Record<string, string> = {
  started: 'Early help has started: the assessment’s clock is running',
  stepped_down: 'The family is stepped down: the lead practitioner you named is asked to accept',
  accepted: 'You lead early help for this family now',
  declined: 'You declined: the family is back with the early help service to find a lead',
  allocated: 'The lead practitioner is named',
  assessment: 'The assessment is recorded',
  team: 'The team around the family is updated',
  meeting: 'The meeting is recorded',
  action: 'The action is in the partnership’s action log',
  review: 'The review is recorded',
  stepped_up: 'The family is stepped up: the MASH has a contact with the early help history',
  consent: 'The withdrawal of consent is recorded',
  closed: 'The early help episode is closed',
  settings: 'The early help settings are saved',
};

export const earlyHelpFeature: Feature = (app, { db }) => {
  app.get('/early-help', async (req, reply) => {
    const data = await eh.earlyHelpHome(db, actorOf(req));
    return reply.render(`${V}/home.njk`, { title: 'Early help', ...data, flash: flashOf(req, MESSAGES) });
  });

  app.get('/early-help/picture', async (req, reply) => {
    const p = await eh.earlyHelpPicture(db, actorOf(req));
    return reply.render(`${V}/picture.njk`, {
      title: 'The early help picture',
      ...p,
      charts: {
        byAgency: await withDrawing(p.charts.byAgency),
        outcomes: await withDrawing(p.charts.outcomes),
        distance: await withDrawing(p.charts.distance),
      },
    });
  });

  const settingsPage = async (actor: Actor, values?: Body) => {
    const s = await eh.settingsForPage(db, actor);
    return {
      title: 'Early help settings',
      values: values ?? {
        earlyHelpAssessmentWorkingDays: String(s.earlyHelpAssessmentWorkingDays),
        earlyHelpReviewWeeks: String(s.earlyHelpReviewWeeks),
        areas: s.areas.map((a) => a.label).join('\n'),
      },
    };
  };
  app.get('/early-help/settings', async (req, reply) =>
    reply.render(`${V}/settings.njk`, {
      ...(await settingsPage(actorOf(req))),
      flash: flashOf(req, MESSAGES),
    }),
  );
  formPost(app, '/early-help/settings', ({ actor, body }) => ({
    view: `${V}/settings.njk`,
    schema: eh.settingsSchema,
    page: () => settingsPage(actor, body),
    change: async () => {
      await eh.setEarlyHelpSettings(db, actor, parseForm(eh.settingsSchema, body));
      return '/early-help/settings?done=settings';
    },
  }));

  // Started by a lead practitioner for a child they work with.
  const startPage = async (actor: Actor, person: string) => ({
    title: 'Start early help',
    ...(await eh.startForm(db, actor, person)),
  });
  app.get('/early-help/episodes/new', async (req, reply) => {
    const actor = actorOf(req);
    const person = queryOf(req).person;
    if (person === undefined || person === '') {
      if (!can(actor.roles, 'early_help.lead')) throw new ForbiddenError();
      return reply.render(`${V}/start.njk`, { title: 'Start early help' });
    }
    if (typeof person !== 'string' || !UUID.test(person)) throw new NotFoundError();
    return reply.render(`${V}/new.njk`, { ...(await startPage(actor, person)), values: { consent: '' } });
  });
  formPost(app, '/early-help/episodes/new', ({ actor, body }) => ({
    view: `${V}/new.njk`,
    schema: eh.startSchema,
    page: () => startPage(actor, String(body.personId)),
    change: async () => {
      const e = await eh.startEpisode(db, actor, parseForm(eh.startSchema, body));
      return `/early-help/episodes/${e.id}?done=started`;
    },
  }));

  // A MASH early help decision, taken up by the early help service.
  const requestPage = async (actor: Actor, id: string, values: Body = {}) => {
    const f = await eh.requestForm(db, actor, id);
    return { title: 'Start early help from the MASH', ...f, leadItems: choices(f.leads, values.leadUserId) };
  };
  app.get('/early-help/requests/:id', async (req, reply) =>
    reply.render(`${V}/request.njk`, { ...(await requestPage(actorOf(req), idParam(req))), values: {} }),
  );
  formPost(app, '/early-help/requests/:id', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: `${V}/request.njk`,
      schema: eh.fromRequestSchema,
      page: () => requestPage(actor, id, body),
      change: async () => {
        const e = await eh.startFromRequest(
          db,
          actor,
          parseForm(eh.fromRequestSchema, { ...body, requestId: id }),
        );
        return `/early-help/episodes/${e.id}?done=started`;
      },
    };
  });

  // Step-down from social care, after the episode of need closed as RC9.
  const stepDownPage = async (actor: Actor, person: string, values: Body = {}) => {
    const f = await eh.stepDownForm(db, actor, person);
    return { title: 'Step down to early help', ...f, leadItems: choices(f.leads, values.leadUserId) };
  };
  app.get('/early-help/step-down/new', async (req, reply) => {
    const actor = actorOf(req);
    const person = queryOf(req).person;
    if (person === undefined || person === '') {
      if (!eh.mayStepDown(actor)) throw new ForbiddenError();
      return reply.render(`${V}/step-down-start.njk`, { title: 'Step down to early help' });
    }
    if (typeof person !== 'string' || !UUID.test(person)) throw new NotFoundError();
    return reply.render(`${V}/step-down.njk`, { ...(await stepDownPage(actor, person)), values: {} });
  });
  formPost(app, '/early-help/step-down/new', ({ actor, body }) => ({
    view: `${V}/step-down.njk`,
    schema: eh.stepDownSchema,
    page: () => stepDownPage(actor, String(body.personId), body),
    change: async () => {
      const e = await eh.stepDown(db, actor, parseForm(eh.stepDownSchema, body));
      return `/early-help/episodes/${e.id}?done=stepped_down`;
    },
  }));

  app.get('/early-help/episodes/:id', async (req, reply) => {
    const actor = actorOf(req);
    const data = await eh.episodePage(db, actor, idParam(req));
    return reply.render(`${V}/show.njk`, {
      title: `Early help ${data.episode.reference}`,
      ...data,
      chart: data.progress.chart ? await withDrawing(data.progress.chart) : null,
      flash: flashOf(req, MESSAGES),
    });
  });

  /** One form of an episode: its page, and its post that changes it and returns to the episode. */
  function step(
    path: string,
    kind: eh.FormKind,
    view: string,
    title: string,
    schema: Parameters<typeof parseForm>[0],
    extra: (
      actor: Actor,
      f: Awaited<ReturnType<typeof eh.episodeForForm>>,
      values: Body,
    ) => Promise<object> | object,
    change: (actor: Actor, id: string, body: Body) => Promise<string>,
  ) {
    const page = async (actor: Actor, id: string, values: Body = {}) => {
      const f = await eh.episodeForForm(db, actor, id, kind);
      return { title, ...f, ...(await extra(actor, f, values)) };
    };
    app.get(`/early-help/episodes/:id/${path}`, async (req, reply) =>
      reply.render(`${V}/${view}`, { ...(await page(actorOf(req), idParam(req))), values: {} }),
    );
    formPost(app, `/early-help/episodes/:id/${path}`, ({ req, actor, body }) => {
      const id = idParam(req);
      return {
        view: `${V}/${view}`,
        schema,
        page: () => page(actor, id, body),
        change: async () => `/early-help/episodes/${id}?done=${await change(actor, id, body)}`,
      };
    });
  }

  step(
    'assessment',
    'change',
    'assessment.njk',
    'Early help assessment',
    eh.assessmentSchema,
    () => ({ methods: VOICE_METHODS }),
    async (actor, id, body) => {
      await eh.recordAssessment(db, actor, id, parseForm(eh.assessmentSchema, assessmentForm(body)));
      return 'assessment';
    },
  );
  step(
    'team',
    'change',
    'team.njk',
    'Team around the family',
    eh.teamMemberSchema,
    async (actor, _f, values) => ({ userItems: choices(await eh.teamChoices(db, actor), values.userId) }),
    async (actor, id, body) => {
      await eh.addTeamMember(db, actor, id, parseForm(eh.teamMemberSchema, body));
      return 'team';
    },
  );
  step(
    'meetings/new',
    'meet',
    'meeting.njk',
    'Record a team around the family meeting',
    eh.meetingSchema,
    () => ({}),
    async (actor, id, body) => {
      await eh.recordMeeting(db, actor, id, parseForm(eh.meetingSchema, body));
      return 'meeting';
    },
  );
  step(
    'actions/new',
    'meet',
    'action.njk',
    'Add an action',
    eh.actionSchema,
    async (actor, _f, values) => ({ actionItems: await actionFormItems(db, actor, values) }),
    async (actor, id, body) => {
      await eh.addAction(db, actor, id, parseForm(eh.actionSchema, body));
      return 'action';
    },
  );
  step(
    'reviews/new',
    'change',
    'review.njk',
    'Review the plan',
    eh.reviewSchema,
    () => ({}),
    async (actor, id, body) => {
      await eh.recordReview(db, actor, id, parseForm(eh.reviewSchema, reviewForm(body)));
      return 'review';
    },
  );
  step(
    'step-up',
    'change',
    'step-up.njk',
    'Step up to social care',
    eh.stepUpSchema,
    () => ({}),
    async (actor, id, body) => {
      await eh.stepUp(db, actor, id, parseForm(eh.stepUpSchema, body));
      return 'stepped_up';
    },
  );
  step(
    'step-down-decision',
    'decide',
    'decision.njk',
    'Lead early help for this family?',
    eh.stepDecisionSchema,
    () => ({}),
    async (actor, id, body) => {
      const d = await eh.decideStepDown(db, actor, id, parseForm(eh.stepDecisionSchema, body));
      return d.accepted ? 'accepted' : 'declined';
    },
  );
  step(
    'lead',
    'allocate',
    'lead.njk',
    'Name the lead practitioner',
    eh.allocateSchema,
    async (actor, _f, values) => ({ leadItems: choices(await eh.leadChoices(db, actor), values.leadUserId) }),
    async (actor, id, body) => {
      await eh.allocateLead(db, actor, id, parseForm(eh.allocateSchema, body));
      return 'allocated';
    },
  );
  step(
    'consent',
    'change',
    'consent.njk',
    'The family withdraws consent',
    eh.consentSchema,
    () => ({}),
    async (actor, id, body) => {
      await eh.withdrawConsent(db, actor, id, parseForm(eh.consentSchema, body));
      return 'consent';
    },
  );
  step(
    'close',
    'change',
    'close.njk',
    'Close early help',
    eh.closeSchema,
    () => ({ outcomes: eh.OUTCOMES }),
    async (actor, id, body) => {
      await eh.closeEpisode(db, actor, id, parseForm(eh.closeSchema, body));
      return 'closed';
    },
  );

  earlyHelpApi(app);
};
