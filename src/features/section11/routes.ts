import { withDrawing } from '../../platform/charts.ts';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam } from '../../platform/http/forms.ts';
import { can } from '../../platform/access/roles.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { parseForm, type Body } from '../../platform/validation.ts';
import { AGREE, KINDS, OUTCOMES, RATING_TAG, RATINGS } from './codes.ts';
import {
  answerToChallenge,
  challengeView,
  raiseChallenge,
  resolveChallenge,
  respondToChallenge,
} from './challenges.ts';
import { actionPlanForm, addPlanAction } from './action-plan.ts';
import {
  actionPlanSchema,
  answerSchema,
  challengeSchema,
  resolveSchema,
  responseSchema,
  roundSchema,
  standardEditSchema,
  standardSchema,
} from './schemas.ts';
import * as svc from './service.ts';
import { comparison, gapView, roleLabel, submitSurvey, surveyForm, surveysFor } from './survey.ts';
import { apiRoutes } from './api.ts';

const BASE = '/partnership/section-11';
const V = (name: string) => `section11/views/${name}.njk`;

const DONE: Record<string, string> = {
  round: 'Round created. Each agency asked has a draft self-assessment.',
  standard: 'Standard saved.',
  answer: 'Answer saved.',
  action: 'Action added to the plan and the partnership’s action log.',
  submitted: 'Self-assessment submitted.',
  challenge: 'Challenge raised. The agency will respond.',
  responded: 'Response sent.',
  resolved: 'Challenge resolved.',
  survey: 'Thank you. Your answers are anonymous.',
};

/** Radio items of a code list, with the value chosen kept. */
const radios = (list: readonly { value: string; label: string; hint?: string }[], chosen: unknown) =>
  list.map((c) => ({
    value: c.value,
    text: c.label,
    ...(c.hint && { hint: { text: c.hint } }),
    checked: c.value === chosen,
  }));

const common = { ratingTag: RATING_TAG, ratings: RATINGS, kinds: KINDS, base: BASE };

export const section11Feature: Feature = async (app, { db }) => {
  app.get(BASE, async (req, reply) => {
    const actor = actorOf(req);
    const list = await svc.listRounds(db, actor);
    return reply.render(V('index'), {
      ...common,
      title: 'Section 11 and schools’ self-assessments',
      ...list,
      mayManage: can(actor.roles, 'partnership.manage'),
      maySurvey: can(actor.roles, 'training.book'),
      flash: flashOf(req, DONE),
    });
  });

  app.get(`${BASE}/standards`, async (req, reply) => {
    const actor = actorOf(req);
    const standards = await svc.listStandards(db, actor);
    return reply.render(V('standards'), {
      ...common,
      title: 'Standards',
      groups: KINDS.map((k) => ({ ...k, standards: standards.filter((s) => s.kind === k.value) })),
      mayManage: can(actor.roles, 'partnership.manage'),
      flash: flashOf(req, DONE),
    });
  });

  const standardPage = (values: Body, standard?: { id: string; title: string }) => ({
    title: standard ? `Change ${standard.title}` : 'Add a standard',
    standard,
    values,
    kindItems: radios(KINDS, values.kind),
  });
  app.get(`${BASE}/standards/new`, async (req, reply) => {
    requirePermission(actorOf(req), 'partnership.manage');
    return reply.render(V('standard-form'), standardPage({}));
  });
  formPost(app, `${BASE}/standards/new`, ({ actor, body }) => ({
    view: V('standard-form'),
    schema: standardSchema,
    page: () => standardPage(body),
    change: async () => {
      requirePermission(actor, 'partnership.manage');
      await svc.addStandard(db, actor, parseForm(standardSchema, body));
      return `${BASE}/standards?done=standard`;
    },
  }));
  app.get(`${BASE}/standards/:id/edit`, async (req, reply) => {
    const s = await svc.standardFor(db, actorOf(req), idParam(req));
    return reply.render(
      V('standard-form'),
      standardPage({ title: s.title, description: s.description, active: s.active ? 'yes' : 'no' }, s),
    );
  });
  formPost(app, `${BASE}/standards/:id/edit`, async ({ req, actor, body }) => {
    const s = await svc.standardFor(db, actor, idParam(req));
    return {
      view: V('standard-form'),
      schema: standardEditSchema,
      page: () => standardPage(body, s),
      change: async () => {
        await svc.editStandard(db, actor, s.id, parseForm(standardEditSchema, body));
        return `${BASE}/standards?done=standard`;
      },
    };
  });

  const roundPage = async (actor: ReturnType<typeof actorOf>, values: Body) => {
    const choices = await svc.agencyChoices(db, actor);
    const chosen = new Set([values.agencyIds ?? []].flat());
    const items = (list: { id: string; name: string }[]) =>
      list.map((a) => ({ value: a.id, text: a.name, checked: chosen.has(a.id) }));
    return {
      title: 'Start a round',
      values,
      kindItems: radios(KINDS, values.kind),
      section11Items: items(choices.section11),
      schoolItems: items(choices.schools),
    };
  };
  app.get(`${BASE}/rounds/new`, async (req, reply) =>
    reply.render(V('round-form'), await roundPage(actorOf(req), {})),
  );
  formPost(app, `${BASE}/rounds/new`, ({ actor, body }) => ({
    view: V('round-form'),
    schema: roundSchema,
    page: () => roundPage(actor, body),
    change: async () => {
      requirePermission(actor, 'partnership.manage');
      const { id } = await svc.createRound(db, actor, parseForm(roundSchema, body));
      return `${BASE}/rounds/${id}?done=round`;
    },
  }));

  app.get(`${BASE}/rounds/:id`, async (req, reply) => {
    const view = await svc.roundView(db, actorOf(req), idParam(req));
    return reply.render(V('round'), {
      ...common,
      ...view,
      title: `${KINDS.labelOf(view.round.kind)} ${view.round.year}`,
      flash: flashOf(req, DONE),
    });
  });

  app.get(`${BASE}/rounds/:id/gaps`, async (req, reply) => {
    const view = await gapView(db, actorOf(req), idParam(req));
    return reply.render(V('gaps'), {
      ...common,
      ...view,
      title: `Gaps between ratings and practitioners: ${KINDS.labelOf(view.round.kind)} ${view.round.year}`,
    });
  });

  app.get(`${BASE}/comparison`, async (req, reply) => {
    const view = await comparison(db, actorOf(req));
    return reply.render(V('comparison'), {
      ...common,
      ...view,
      chart: await withDrawing(view.chart),
      title: 'Ratings across agencies and rounds',
    });
  });

  const assessmentPage = async (actor: ReturnType<typeof actorOf>, id: string) => {
    const view = await svc.assessmentView(db, actor, id);
    return {
      ...common,
      ...view,
      title: `${view.assessment.agencyName}: ${KINDS.labelOf(view.assessment.kind)} ${view.assessment.year}`,
    };
  };
  app.get(`${BASE}/assessments/:id`, async (req, reply) =>
    reply.render(V('assessment'), {
      ...(await assessmentPage(actorOf(req), idParam(req))),
      flash: flashOf(req, DONE),
    }),
  );
  formPost(app, `${BASE}/assessments/:id/submit`, ({ req, actor }) => {
    const id = idParam(req);
    return {
      view: V('assessment'),
      page: () => assessmentPage(actor, id),
      change: async () => {
        await svc.submitAssessment(db, actor, id);
        return `${BASE}/assessments/${id}?done=submitted`;
      },
    };
  });

  const planPage = async (actor: ReturnType<typeof actorOf>, id: string, values: Body = {}) => ({
    ...common,
    ...(await actionPlanForm(db, actor, id, values)),
    title: 'Add an action to the plan',
    values,
  });
  app.get(`${BASE}/assessments/:id/actions/new`, async (req, reply) =>
    reply.render(V('action-form'), await planPage(actorOf(req), idParam(req))),
  );
  formPost(app, `${BASE}/assessments/:id/actions/new`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V('action-form'),
      schema: actionPlanSchema,
      page: () => planPage(actor, id, body),
      change: async () => {
        await actionPlanForm(db, actor, id, {});
        await addPlanAction(db, actor, id, parseForm(actionPlanSchema, body));
        return `${BASE}/assessments/${id}?done=action#actions`;
      },
    };
  });

  const answerPage = async (
    actor: ReturnType<typeof actorOf>,
    id: string,
    standardId: string,
    values?: Body,
  ) => {
    const { assessment, answer } = await svc.answerForm(db, actor, id, standardId);
    const v = values ?? {
      rating: answer.rating ?? '',
      narrative: answer.narrative,
      evidence: answer.evidence,
    };
    return {
      ...common,
      title: answer.title,
      assessment,
      answer,
      values: v,
      ratingItems: radios(RATINGS, v.rating),
    };
  };
  app.get(`${BASE}/assessments/:id/standards/:standardId`, async (req, reply) =>
    reply.render(V('answer-form'), await answerPage(actorOf(req), idParam(req), idParam(req, 'standardId'))),
  );
  formPost(app, `${BASE}/assessments/:id/standards/:standardId`, ({ req, actor, body }) => {
    const [id, standardId] = [idParam(req), idParam(req, 'standardId')];
    return {
      view: V('answer-form'),
      schema: answerSchema,
      page: () => answerPage(actor, id, standardId, body),
      change: async () => {
        await svc.answerForm(db, actor, id, standardId);
        await svc.saveAnswer(db, actor, id, standardId, parseForm(answerSchema, body));
        return `${BASE}/assessments/${id}?done=answer#standard-${standardId}`;
      },
    };
  });

  const challengeFormPage = async (
    actor: ReturnType<typeof actorOf>,
    answerId: string,
    values: Body = {},
  ) => {
    const answer = await answerToChallenge(db, actor, answerId);
    const a = await svc.assessmentView(db, actor, answer.assessmentId);
    return { ...common, title: 'Challenge an answer', answer, assessment: a.assessment, values };
  };
  app.get(`${BASE}/answers/:id/challenge`, async (req, reply) =>
    reply.render(V('challenge-form'), await challengeFormPage(actorOf(req), idParam(req))),
  );
  formPost(app, `${BASE}/answers/:id/challenge`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V('challenge-form'),
      schema: challengeSchema,
      page: () => challengeFormPage(actor, id, body),
      change: async () => {
        await answerToChallenge(db, actor, id);
        const c = await raiseChallenge(db, actor, id, parseForm(challengeSchema, body));
        return `${BASE}/challenges/${c.id}?done=challenge`;
      },
    };
  });

  const challengePage = async (actor: ReturnType<typeof actorOf>, id: string, values: Body = {}) => ({
    ...common,
    ...(await challengeView(db, actor, id)),
    title: 'Peer challenge',
    values,
    outcomeItems: radios(OUTCOMES, values.outcome),
    ratingItems: radios(RATINGS, values.rating),
  });
  app.get(`${BASE}/challenges/:id`, async (req, reply) =>
    reply.render(V('challenge'), {
      ...(await challengePage(actorOf(req), idParam(req))),
      flash: flashOf(req, DONE),
    }),
  );
  formPost(app, `${BASE}/challenges/:id/respond`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V('challenge'),
      schema: responseSchema,
      page: () => challengePage(actor, id, body),
      change: async () => {
        await respondToChallenge(db, actor, id, parseForm(responseSchema, body));
        return `${BASE}/challenges/${id}?done=responded`;
      },
    };
  });
  formPost(app, `${BASE}/challenges/:id/resolve`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V('challenge'),
      schema: resolveSchema,
      page: () => challengePage(actor, id, body),
      change: async () => {
        await resolveChallenge(db, actor, id, parseForm(resolveSchema, body));
        return `${BASE}/challenges/${id}?done=resolved`;
      },
    };
  });

  app.get(`${BASE}/survey`, async (req, reply) =>
    reply.render(V('surveys'), {
      title: 'Practitioners’ survey',
      surveys: await surveysFor(db, actorOf(req)),
      base: BASE,
      flash: flashOf(req, DONE),
    }),
  );
  const surveyPage = async (actor: ReturnType<typeof actorOf>, id: string, values: Body = {}) => {
    const form = await surveyForm(db, actor, id);
    return {
      ...form,
      title: `Practitioners’ survey: ${KINDS.labelOf(form.round.kind)} ${form.round.year}`,
      base: BASE,
      role: roleLabel(actor.roles.find((r) => r !== 'referrer') ?? actor.roles[0]!),
      items: Object.fromEntries(form.questions.map((q) => [q.name, radios(AGREE, values[q.name])])),
      values,
    };
  };
  app.get(`${BASE}/rounds/:id/survey`, async (req, reply) =>
    reply.render(V('survey-form'), await surveyPage(actorOf(req), idParam(req))),
  );
  formPost(app, `${BASE}/rounds/:id/survey`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V('survey-form'),
      page: () => surveyPage(actor, id, body),
      change: async () => {
        await submitSurvey(db, actor, id, body);
        return `${BASE}/survey?done=survey`;
      },
    };
  });

  apiRoutes(app);
};
