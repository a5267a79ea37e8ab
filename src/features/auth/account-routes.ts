import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { bodyOf, flashOf, formPost, submitForm } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { accountSummary, changePassword } from './account-service.ts';
import { disableTotp } from './mfa-service.ts';
import { codeSchema, passwordChangeSchema } from './schemas.ts';
import { mfaRequired } from './service.ts';
import { rotateSession } from './session-cookie.ts';
import { CODE_RATE_LIMIT, SET_UP_VIEW, setUpPage, submitSetUp, WRONG_CODE } from './two-factor-routes.ts';

const DONE: Record<string, string> = {
  password: 'Your password has been changed. You have been signed out everywhere else.',
  'two-factor-on': 'Two-factor authentication is on.',
  'two-factor-off': 'Two-factor authentication is off.',
};

const TURN_OFF_VIEW = 'auth/views/turn-off-two-factor.njk';

/** The signed-in user's own account: password and two-factor authentication. */
export function accountRoutes(app: FastifyInstance, deps: Deps) {
  const { db, config } = deps;

  app.get('/account', async (req, reply) => {
    const account = await accountSummary(db, config, actorOf(req));
    return reply.render('auth/views/account.njk', { account, flash: flashOf(req, DONE) });
  });

  app.get('/account/password', async (req, reply) => {
    const account = await accountSummary(db, config, actorOf(req));
    if (!account.hasPassword) return reply.redirect('/account');
    return reply.render('auth/views/change-password.njk');
  });

  formPost(
    app,
    '/account/password',
    ({ req, reply, actor, body }) => ({
      view: 'auth/views/change-password.njk',
      // Passwords typed are never sent back to the browser.
      body: {},
      page: () => ({}),
      change: async () => {
        const input = parseForm(passwordChangeSchema, body);
        await changePassword(db, config, actor, req.session?.id ?? '', input);
        await rotateSession(req, reply, db, config, {
          partnershipId: actor.partnershipId,
          userId: actor.userId,
        });
        return '/account?done=password';
      },
    }),
    { config: CODE_RATE_LIMIT },
  );

  const setUp = (userId: string) => ({
    userId,
    action: '/account/two-factor/set-up',
    required: false,
    otherwise: '/account',
  });

  app.get('/account/two-factor/set-up', async (req, reply) => {
    const page = await setUpPage(deps, setUp(actorOf(req).userId));
    return page ? reply.render(SET_UP_VIEW, page) : reply.redirect('/account');
  });

  app.post('/account/two-factor/set-up', { config: CODE_RATE_LIMIT }, async (req, reply) => {
    return submitSetUp(
      deps,
      req,
      reply,
      setUp(actorOf(req).userId),
      async () => '/account?done=two-factor-on',
    );
  });

  app.get('/account/two-factor/turn-off', async (req, reply) => {
    const account = await accountSummary(db, config, actorOf(req));
    if (!account.totpEnabled) return reply.redirect('/account');
    return reply.render(TURN_OFF_VIEW, { required: account.totpRequired });
  });

  app.post('/account/two-factor/turn-off', { config: CODE_RATE_LIMIT }, async (req, reply) => {
    const actor = actorOf(req);
    if (mfaRequired(config, actor.roles)) return reply.status(403).render(TURN_OFF_VIEW, { required: true });
    const body = bodyOf(req);
    return submitForm(reply, {
      view: TURN_OFF_VIEW,
      body,
      page: () => ({}),
      change: async () => {
        const result = await disableTotp(db, config, actor, parseForm(codeSchema, body).code);
        if (result === 'ok') return '/account?done=two-factor-off';
        if (result === 'required') throw new ForbiddenError();
        throw new ValidationError([
          {
            field: 'code',
            message:
              result === 'locked'
                ? `Your account is locked after too many failed attempts. Try again in ${config.LOGIN_LOCK_MINUTES} minutes.`
                : WRONG_CODE,
          },
        ]);
      },
    });
  });
}
