/** The scrutineer's workspace, challenges and reports: pages and the API. */
import type { Feature } from '../../platform/deps.ts';
import { can } from '../../platform/access/roles.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam } from '../../platform/http/forms.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/validation.ts';
import { registerChallengeApi } from './api.ts';
import { challengeSchema, JUDGEMENTS, judgementSchema, responseSchema } from './schemas.ts';
import { newActionSchema } from '../actions/service.ts';
import {
  addChallengeAction,
  challengeForAction,
  challengeableAgencies,
  challengeToAnswer,
  challengeToJudge,
  judgeChallenge,
  listChallenges,
  raiseChallenge,
  readChallenge,
  respondToChallenge,
  STATES,
  type Challenge,
} from './service.ts';
import { registerReportPages } from './report-routes.ts';

const MESSAGES: Record<string, string> = {
  raised: 'Challenge raised: the agencies asked can now answer it.',
  answered: 'Your agency’s answer has been sent. It cannot be changed.',
  accepted: 'Challenge accepted and closed.',
  further: 'Further challenge sent: the agencies answer the new question.',
  escalated: 'Challenge escalated to the executive and closed.',
  action: 'Action added to the action log.',
};

type Form = Record<string, unknown>;

/** The agencies as checkboxes, statutory partners first, with what was ticked kept. */
export function agencyItems(agencies: { id: string; name: string; statutory: boolean }[], values: Form) {
  const ticked = [values.agencyIds].flat();
  return agencies.map((a) => ({
    value: a.id,
    text: a.name,
    hint: a.statutory ? { text: 'Statutory partner' } : undefined,
    checked: ticked.includes(a.id),
  }));
}

/** A conflict (the challenge closed, already answered) shown in the form's error summary. */
async function asFormError<T>(field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ConflictError) throw new ValidationError([{ field, message: err.message }]);
    throw err;
  }
}

export const scrutinyFeature: Feature = async (app, { db }) => {
  app.get('/partnership/scrutiny', async (req, reply) => {
    const actor = actorOf(req);
    const challenges = await listChallenges(db, actor);
    const groups = STATES.map((s) => ({ ...s, items: challenges.filter((c) => c.state.key === s.key) }));
    // The challenges the actor's agency has yet to answer, for those who answer for it.
    const forYou = can(actor.roles, 'scrutiny.respond')
      ? challenges.filter((c: Challenge) => c.waitingFor.some((a) => a.id === actor.agencyId))
      : [];
    return reply.render('scrutiny/views/workspace.njk', { groups, forYou, flash: flashOf(req, MESSAGES) });
  });

  const NEW = 'scrutiny/views/challenge-new.njk';
  const newPage = async (actor: ReturnType<typeof actorOf>, values: Form) => ({
    agencyItems: agencyItems(await challengeableAgencies(db, actor, 'scrutineer'), values),
    action: '/partnership/scrutiny/challenges/new',
    back: '/partnership/scrutiny',
    panel: false,
  });
  app.get('/partnership/scrutiny/challenges/new', async (req, reply) => {
    return reply.render(NEW, { values: {}, ...(await newPage(actorOf(req), {})) });
  });
  formPost(app, '/partnership/scrutiny/challenges/new', ({ actor, body }) => ({
    view: NEW,
    schema: challengeSchema,
    page: () => newPage(actor, body),
    change: async () => {
      const { id } = await raiseChallenge(db, actor, parseForm(challengeSchema, body), 'scrutineer');
      return `/partnership/scrutiny/challenges/${id}?done=raised`;
    },
  }));

  app.get('/partnership/scrutiny/challenges/:id', async (req, reply) => {
    const detail = await readChallenge(db, actorOf(req), idParam(req));
    return reply.render('scrutiny/views/challenge.njk', { ...detail, flash: flashOf(req, MESSAGES) });
  });

  const RESPOND = 'scrutiny/views/respond.njk';
  app.get('/partnership/scrutiny/challenges/:id/respond', async (req, reply) => {
    const challenge = await challengeToAnswer(db, actorOf(req), idParam(req));
    return reply.render(RESPOND, { challenge, values: {} });
  });
  formPost(app, '/partnership/scrutiny/challenges/:id/respond', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: RESPOND,
      schema: responseSchema,
      page: async () => ({ challenge: await readChallenge(db, actor, id).then((d) => d.challenge) }),
      change: async () => {
        await asFormError('answer', () => respondToChallenge(db, actor, id, parseForm(responseSchema, body)));
        return `/partnership/scrutiny/challenges/${id}?done=answered`;
      },
    };
  });

  const JUDGE = 'scrutiny/views/judge.njk';
  const judgeItems = (values: Form) =>
    JUDGEMENTS.map((j) => ({
      value: j.value,
      text: j.label,
      hint: { text: j.hint },
      checked: values.judgement === j.value,
    }));
  app.get('/partnership/scrutiny/challenges/:id/judge', async (req, reply) => {
    const detail = await challengeToJudge(db, actorOf(req), idParam(req));
    return reply.render(JUDGE, { ...detail, values: {}, judgeItems: judgeItems({}) });
  });
  formPost(app, '/partnership/scrutiny/challenges/:id/judge', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: JUDGE,
      schema: judgementSchema,
      page: async () => ({ ...(await readChallenge(db, actor, id)), judgeItems: judgeItems(body) }),
      change: async () => {
        const input = parseForm(judgementSchema, body);
        await asFormError('judgement', () => judgeChallenge(db, actor, id, input));
        return `/partnership/scrutiny/challenges/${id}?done=${input.judgement}`;
      },
    };
  });

  const ACTION = 'scrutiny/views/action-new.njk';
  app.get('/partnership/scrutiny/challenges/:id/actions/new', async (req, reply) => {
    const page = await challengeForAction(db, actorOf(req), idParam(req));
    return reply.render(ACTION, { ...page, values: {} });
  });
  formPost(app, '/partnership/scrutiny/challenges/:id/actions/new', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: ACTION,
      schema: newActionSchema,
      page: () => challengeForAction(db, actor, id, body),
      change: async () => {
        await addChallengeAction(db, actor, id, parseForm(newActionSchema, body));
        return `/partnership/scrutiny/challenges/${id}?done=action`;
      },
    };
  });

  registerReportPages(app, db);
  registerChallengeApi(app);
};
