import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { FieldError } from '../../platform/errors.ts';
import { groupSecret, otpauthUri } from '../../platform/auth/totp.ts';
import { confirmEnrolment, enrolmentSecret, verifyCode } from './mfa-service.ts';
import { recordSignIn, type SignInUser } from './service.ts';
import { pendingSignIn, rotateSession, type PendingSignIn } from './session-cookie.ts';
import { fieldErrors, parseCode } from './forms.ts';

/** Code forms are rate limited per address on top of the per-account lockout. */
export const CODE_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export const WRONG_CODE =
  'The code is not correct or has already been used. Enter the code your app shows now';
export const WRONG_SET_UP_CODE =
  'The code is not correct. Check you entered the key exactly, then enter the code your app shows now';

/** The set-up page (secret, setup link, code form), shared by sign-in and the account page. */
export async function renderSetUp(
  deps: Deps,
  reply: FastifyReply,
  opts: { userId: string; action: string; required: boolean; otherwise: string; errors?: FieldError[] },
) {
  const enrol = await enrolmentSecret(deps.db, deps.config, opts.userId);
  if (!enrol) return reply.redirect(opts.otherwise);
  return reply.status(opts.errors ? 400 : 200).render('auth/views/set-up-two-factor.njk', {
    action: opts.action,
    required: opts.required,
    secret: groupSecret(enrol.secret),
    uri: otpauthUri(enrol.secret, enrol.email),
    errors: opts.errors,
  });
}

/** The second step of signing in: a code for users with two-factor on, set-up for those who must. */
export function twoFactorRoutes(app: FastifyInstance, deps: Deps) {
  const { db, config } = deps;

  async function finish(req: FastifyRequest, reply: FastifyReply, user: SignInUser, pending: PendingSignIn) {
    await rotateSession(req, reply, db, config, { partnershipId: user.partnership_id, userId: user.id });
    await recordSignIn(db, user, `${pending.method}+totp`, req.ip);
    return reply.redirect(pending.next);
  }

  // Reachable while the session is half signed in (no actor yet): these read req.session themselves.
  app.get('/sign-in/two-factor', { config: { public: true } }, async (req, reply) => {
    if (!pendingSignIn(req, 'verify')) return reply.redirect('/sign-in');
    return reply.render('auth/views/two-factor.njk');
  });

  app.post('/sign-in/two-factor', { config: { public: true, ...CODE_RATE_LIMIT } }, async (req, reply) => {
    const pending = pendingSignIn(req, 'verify');
    if (!pending) return reply.redirect('/sign-in');
    let code: string;
    try {
      code = parseCode(req.body);
    } catch (err) {
      return reply.status(400).render('auth/views/two-factor.njk', { errors: fieldErrors(err) });
    }
    const result = await verifyCode(db, config, pending.userId, code, req.ip);
    if (result.ok) return finish(req, reply, result.user, pending);
    if (result.reason === 'locked') {
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
    return reply
      .status(400)
      .render('auth/views/two-factor.njk', { errors: [{ field: 'code', message: WRONG_CODE }] });
  });

  const setUp = (userId: string, errors?: FieldError[]) => ({
    userId,
    action: '/sign-in/set-up-two-factor',
    required: true,
    otherwise: '/sign-in',
    errors,
  });

  app.get('/sign-in/set-up-two-factor', { config: { public: true } }, async (req, reply) => {
    const pending = pendingSignIn(req, 'enrol');
    if (!pending) return reply.redirect('/sign-in');
    return renderSetUp(deps, reply, setUp(pending.userId));
  });

  app.post(
    '/sign-in/set-up-two-factor',
    { config: { public: true, ...CODE_RATE_LIMIT } },
    async (req, reply) => {
      const pending = pendingSignIn(req, 'enrol');
      if (!pending) return reply.redirect('/sign-in');
      let code: string;
      try {
        code = parseCode(req.body);
      } catch (err) {
        return renderSetUp(deps, reply, setUp(pending.userId, fieldErrors(err)));
      }
      const user = await confirmEnrolment(db, config, null, pending.userId, code, req.ip);
      if (!user)
        return renderSetUp(
          deps,
          reply,
          setUp(pending.userId, [{ field: 'code', message: WRONG_SET_UP_CODE }]),
        );
      return finish(req, reply, user, pending);
    },
  );
}
