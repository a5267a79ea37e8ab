import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { ValidationError } from '../../platform/errors.ts';
import { bodyOf, submitForm } from '../../platform/http/forms.ts';
import { groupSecret, otpauthUri } from '../../platform/auth/totp.ts';
import { parseForm } from '../../platform/validation.ts';
import { confirmEnrolment, enrolmentSecret, verifyCode } from './mfa-service.ts';
import { codeSchema } from './schemas.ts';
import { recordSignIn, type SignInUser } from './service.ts';
import { pendingSignIn, rotateSession, type PendingSignIn } from './session-cookie.ts';

/** Code forms are rate limited per address on top of the per-account lockout. */
export const CODE_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export const WRONG_CODE =
  'The code is not correct or has already been used. Enter the code your app shows now';
export const WRONG_SET_UP_CODE =
  'The code is not correct. Check you entered the key exactly, then enter the code your app shows now';

export const SET_UP_VIEW = 'auth/views/set-up-two-factor.njk';

/** The set-up page's secret and setup link, or undefined when two-factor is on already. */
export async function setUpPage(deps: Deps, opts: { userId: string; action: string; required: boolean }) {
  const enrol = await enrolmentSecret(deps.db, deps.config, opts.userId);
  if (!enrol) return undefined;
  return {
    action: opts.action,
    required: opts.required,
    secret: groupSecret(enrol.secret),
    uri: otpauthUri(enrol.secret, enrol.email),
  };
}

/**
 * The set-up form's post, shared by sign-in and the account page: a right code turns two-factor
 * on and goes where `then` says; a wrong one shows the page again.
 */
export async function submitSetUp(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { userId: string; action: string; required: boolean; otherwise: string },
  then: (user: SignInUser) => Promise<string>,
) {
  const page = await setUpPage(deps, opts);
  if (!page) return reply.redirect(opts.otherwise);
  const body = bodyOf(req);
  return submitForm(reply, {
    view: SET_UP_VIEW,
    body,
    page: () => page,
    change: async () => {
      const { code } = parseForm(codeSchema, body);
      const actor = req.actor ?? null;
      const user = await confirmEnrolment(deps.db, deps.config, actor, opts.userId, code, req.ip);
      if (!user) throw new ValidationError([{ field: 'code', message: WRONG_SET_UP_CODE }]);
      return then(user);
    },
  });
}

/** The account locked while signing in: the sign-in step ends and the sign-in page says so. */
class LockedOut extends Error {}

/** The second step of signing in: a code for users with two-factor on, set-up for those who must. */
export function twoFactorRoutes(app: FastifyInstance, deps: Deps) {
  const { db, config } = deps;

  /** Signed in: the session rotates again, and the sign-in is recorded; where to go next. */
  async function finish(req: FastifyRequest, reply: FastifyReply, user: SignInUser, pending: PendingSignIn) {
    await rotateSession(req, reply, db, config, { partnershipId: user.partnership_id, userId: user.id });
    await recordSignIn(db, user, `${pending.method}+totp`, req.ip);
    return pending.next;
  }

  // Reachable while the session is half signed in (no actor yet): these read req.session themselves.
  app.get('/sign-in/two-factor', { config: { public: true } }, async (req, reply) => {
    if (!pendingSignIn(req, 'verify')) return reply.redirect('/sign-in');
    return reply.render('auth/views/two-factor.njk');
  });

  app.post('/sign-in/two-factor', { config: { public: true, ...CODE_RATE_LIMIT } }, async (req, reply) => {
    const pending = pendingSignIn(req, 'verify');
    if (!pending) return reply.redirect('/sign-in');
    const body = bodyOf(req);
    try {
      return await submitForm(reply, {
        view: 'auth/views/two-factor.njk',
        body,
        page: () => ({}),
        change: async () => {
          const { code } = parseForm(codeSchema, body);
          const result = await verifyCode(db, config, pending.userId, code, req.ip);
          if (result.ok) return finish(req, reply, result.user, pending);
          if (result.reason === 'locked') throw new LockedOut();
          throw new ValidationError([{ field: 'code', message: WRONG_CODE }]);
        },
      });
    } catch (err) {
      if (!(err instanceof LockedOut)) throw err;
      // The half-signed-in session ends: back to the sign-in page with a new anonymous session.
      const csrfToken = await rotateSession(req, reply, db, config, {});
      const message = `This account is locked after too many failed attempts. Try again in ${config.LOGIN_LOCK_MINUTES} minutes.`;
      return reply.status(400).render('auth/views/sign-in.njk', {
        csrfToken,
        next: pending.next,
        errors: [{ field: 'email', message }],
        oidc: Boolean(config.OIDC_ISSUER),
      });
    }
  });

  const setUp = (userId: string) => ({
    userId,
    action: '/sign-in/set-up-two-factor',
    required: true,
    otherwise: '/sign-in',
  });

  app.get('/sign-in/set-up-two-factor', { config: { public: true } }, async (req, reply) => {
    const pending = pendingSignIn(req, 'enrol');
    if (!pending) return reply.redirect('/sign-in');
    const page = await setUpPage(deps, setUp(pending.userId));
    return page ? reply.render(SET_UP_VIEW, page) : reply.redirect('/sign-in');
  });

  app.post(
    '/sign-in/set-up-two-factor',
    { config: { public: true, ...CODE_RATE_LIMIT } },
    async (req, reply) => {
      const pending = pendingSignIn(req, 'enrol');
      if (!pending) return reply.redirect('/sign-in');
      return submitSetUp(deps, req, reply, setUp(pending.userId), (user) =>
        finish(req, reply, user, pending),
      );
    },
  );
}
