import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { FieldError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { accountSummary, changePassword, parsePasswordChange } from './account-service.ts';
import { confirmEnrolment, disableTotp } from './mfa-service.ts';
import { rotateSession } from './session-cookie.ts';
import { fieldErrors, parseCode } from './forms.ts';
import { CODE_RATE_LIMIT, renderSetUp, WRONG_CODE, WRONG_SET_UP_CODE } from './two-factor-routes.ts';

const DONE: Record<string, string> = {
  password: 'Your password has been changed. You have been signed out everywhere else.',
  'two-factor-on': 'Two-factor authentication is on.',
  'two-factor-off': 'Two-factor authentication is off.',
};

/** The signed-in user's own account: password and two-factor authentication. */
export function accountRoutes(app: FastifyInstance, deps: Deps) {
  const { db, config } = deps;

  app.get('/account', async (req, reply) => {
    const actor = actorOf(req);
    const account = await accountSummary(db, config, actor);
    const done = (req.query as Record<string, unknown>).done;
    return reply.render('auth/views/account.njk', {
      account,
      flash: typeof done === 'string' ? DONE[done] : undefined,
    });
  });

  app.get('/account/password', async (req, reply) => {
    const account = await accountSummary(db, config, actorOf(req));
    if (!account.hasPassword) return reply.redirect('/account');
    return reply.render('auth/views/change-password.njk');
  });

  app.post('/account/password', { config: CODE_RATE_LIMIT }, async (req, reply) => {
    const actor = actorOf(req);
    try {
      await changePassword(db, config, actor, req.session?.id ?? '', parsePasswordChange(req.body));
    } catch (err) {
      return reply.status(400).render('auth/views/change-password.njk', { errors: fieldErrors(err) });
    }
    await rotateSession(req, reply, db, config, { partnershipId: actor.partnershipId, userId: actor.userId });
    return reply.redirect('/account?done=password');
  });

  const setUp = (userId: string, errors?: FieldError[]) => ({
    userId,
    action: '/account/two-factor/set-up',
    required: false,
    otherwise: '/account',
    errors,
  });

  app.get('/account/two-factor/set-up', async (req, reply) => {
    return renderSetUp(deps, reply, setUp(actorOf(req).userId));
  });

  app.post('/account/two-factor/set-up', { config: CODE_RATE_LIMIT }, async (req, reply) => {
    const actor = actorOf(req);
    let code: string;
    try {
      code = parseCode(req.body);
    } catch (err) {
      return renderSetUp(deps, reply, setUp(actor.userId, fieldErrors(err)));
    }
    const user = await confirmEnrolment(db, config, actor, actor.userId, code, req.ip);
    if (!user)
      return renderSetUp(deps, reply, setUp(actor.userId, [{ field: 'code', message: WRONG_SET_UP_CODE }]));
    return reply.redirect('/account?done=two-factor-on');
  });

  app.get('/account/two-factor/turn-off', async (req, reply) => {
    const account = await accountSummary(db, config, actorOf(req));
    if (!account.totpEnabled) return reply.redirect('/account');
    return reply.render('auth/views/turn-off-two-factor.njk', { required: account.totpRequired });
  });

  app.post('/account/two-factor/turn-off', { config: CODE_RATE_LIMIT }, async (req, reply) => {
    const actor = actorOf(req);
    const page = (errors: FieldError[]) =>
      reply.status(400).render('auth/views/turn-off-two-factor.njk', { errors });
    let code: string;
    try {
      code = parseCode(req.body);
    } catch (err) {
      return page(fieldErrors(err));
    }
    const result = await disableTotp(db, config, actor, code);
    if (result === 'ok') return reply.redirect('/account?done=two-factor-off');
    if (result === 'required')
      return reply.status(403).render('auth/views/turn-off-two-factor.njk', { required: true });
    const message =
      result === 'locked'
        ? `Your account is locked after too many failed attempts. Try again in ${config.LOGIN_LOCK_MINUTES} minutes.`
        : WRONG_CODE;
    return page([{ field: 'code', message }]);
  });
}
