import type { Feature } from '../../platform/deps.ts';
import { ValidationError } from '../../platform/errors.ts';
import { bodyOf, queryOf } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { destroySession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { checkPassword } from './service.ts';
import { ensureSession, safeNext, signedInFirstFactor } from './session-cookie.ts';
import { twoFactorRoutes } from './two-factor-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { signInSchema } from './schemas.ts';

export const authFeature: Feature = (app, deps) => {
  const { db, config } = deps;
  app.get('/sign-in', { config: { public: true } }, async (req, reply) => {
    if (req.actor) return reply.redirect('/');
    await ensureSession(req, reply, db, config);
    const q = queryOf(req);
    return reply.render('auth/views/sign-in.njk', {
      next: safeNext(q.next),
      signedOut: q.signedOut === '1',
      oidc: Boolean(config.OIDC_ISSUER),
    });
  });

  app.post(
    '/sign-in',
    { config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      // Signing in answers with the session's redirect (302) as it always has, so it takes the
      // form's problems itself rather than through submitForm.
      const body = bodyOf(req);
      const next = safeNext(body.next);
      const email = typeof body.email === 'string' ? body.email : undefined;
      try {
        const input = parseForm(signInSchema, body);
        const result = await checkPassword(db, config, input.email, input.password, req.ip);
        if (!result.ok) {
          const message =
            result.reason === 'locked'
              ? `This account is locked after too many failed attempts. Try again in ${config.LOGIN_LOCK_MINUTES} minutes.`
              : 'Enter a correct email address and password';
          throw new ValidationError([{ field: 'email', message }]);
        }
        return signedInFirstFactor(req, reply, db, config, result.user, result.needsMfa, next, 'password');
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.status(400).render('auth/views/sign-in.njk', { errors: err.errors, email, next });
      }
    },
  );

  app.post('/sign-out', { config: { public: true } }, async (req, reply) => {
    if (req.session) await destroySession(db, req.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in?signedOut=1');
  });

  twoFactorRoutes(app, deps);
  accountRoutes(app, deps);
  oidcRoutes(app, deps);
};
