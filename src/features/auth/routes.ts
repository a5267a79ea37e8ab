import { z } from 'zod';
import type { Feature } from '../../platform/deps.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { destroySession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { checkPassword } from './service.ts';
import { ensureSession, safeNext, signedInFirstFactor } from './session-cookie.ts';
import { twoFactorRoutes } from './two-factor-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { oidcRoutes } from './oidc-routes.ts';

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(320, { error: 'Enter a valid email address' }),
  password: z.string().min(1, { error: 'Enter your password' }).max(1000, { error: 'Enter your password' }),
  next: z.string().max(2000).optional(),
});

export const authFeature: Feature = (app, deps) => {
  const { db, config } = deps;
  app.get('/sign-in', { config: { public: true } }, async (req, reply) => {
    if (req.actor) return reply.redirect('/');
    await ensureSession(req, reply, db, config);
    const q = req.query as Record<string, string | undefined>;
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
      const body = req.body as Record<string, unknown>;
      const next = safeNext(body?.next);
      const fail = (message: string, field = 'email') => {
        const errors = [{ field, message }];
        return reply.status(400).render('auth/views/sign-in.njk', { errors, email: body?.email, next });
      };
      let input: z.infer<typeof signInSchema>;
      try {
        input = parse(signInSchema, body);
      } catch (err) {
        if (err instanceof ValidationError)
          return reply
            .status(400)
            .render('auth/views/sign-in.njk', { errors: err.errors, email: body?.email, next });
        throw err;
      }
      const result = await checkPassword(db, config, input.email, input.password, req.ip);
      if (!result.ok) {
        return result.reason === 'locked'
          ? fail(
              `This account is locked after too many failed attempts. Try again in ${config.LOGIN_LOCK_MINUTES} minutes.`,
            )
          : fail('Enter a correct email address and password');
      }
      return signedInFirstFactor(req, reply, db, config, result.user, result.needsMfa, next, 'password');
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
