import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { queryOf } from '../../platform/http/forms.ts';
import { setSessionData } from '../../platform/auth/sessions.ts';
import {
  createOidcClient,
  OidcError,
  oidcEnabled,
  type OidcChecks,
  type OidcIdentity,
} from '../../platform/auth/oidc.ts';
import { findOidcUser } from './oidc-service.ts';
import { mfaStep } from './service.ts';
import { rotateSession, safeNext, signedInFirstFactor } from './session-cookie.ts';

type Problem = 'unavailable' | 'failed' | 'expired' | 'unknown' | 'inactive' | 'locked';

function problems(lockMinutes: number): Record<Problem, { title: string; text: string }> {
  return {
    unavailable: {
      title: 'Your organisation’s sign-in is not available',
      text: 'Try again later, or sign in with your email address and password.',
    },
    failed: {
      title: 'Signing in did not finish',
      text: 'Your organisation’s sign-in did not complete. Start again.',
    },
    expired: {
      title: 'Your sign-in has expired',
      text: 'Signing in took too long or was started in another window. Start again.',
    },
    unknown: {
      title: 'There is no Together account for you',
      text: 'Your organisation’s account is not linked to a Together account. Ask your system administrator to set one up with your work email address.',
    },
    inactive: {
      title: 'Your Together account is not active',
      text: 'Ask your system administrator to reactivate your account.',
    },
    locked: {
      title: 'Your account is locked',
      text: `Your account is locked after too many failed attempts. Try again in ${lockMinutes} minutes.`,
    },
  };
}

interface SavedChecks extends OidcChecks {
  next: string;
}

function savedChecks(value: unknown): SavedChecks | undefined {
  const v = value as Partial<Record<keyof SavedChecks, unknown>> | undefined;
  if (!v || typeof v !== 'object') return undefined;
  const { state, nonce, verifier, next } = v;
  if (typeof state !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string')
    return undefined;
  return { state, nonce, verifier, next: safeNext(next) };
}

/** Sign-in with the organisation's OpenID Connect provider, when the configuration names one. */
export function oidcRoutes(app: FastifyInstance, { db, config }: Deps) {
  const oidc = oidcEnabled(config) ? createOidcClient(config) : undefined;
  const texts = problems(config.LOGIN_LOCK_MINUTES);
  const problem = (reply: FastifyReply, status: number, kind: Problem) =>
    reply.status(status).render('auth/views/oidc-problem.njk', { problem: texts[kind] });

  app.get('/sign-in/oidc', { config: { public: true } }, async (req, reply) => {
    if (!oidc) throw new NotFoundError('The page you asked for does not exist.');
    if (req.actor) return reply.redirect('/');
    const next = safeNext(queryOf(req).next);
    let start: Awaited<ReturnType<typeof oidc.start>>;
    try {
      start = await oidc.start();
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      req.log.warn({ problem: err.message }, 'OpenID Connect provider unavailable');
      return problem(reply, 503, 'unavailable');
    }
    // A new anonymous session carries the checks until the provider sends the browser back.
    await rotateSession(req, reply, db, config, { data: { oidc: { ...start.checks, next } } });
    return reply.redirect(start.url);
  });

  app.get('/sign-in/oidc/callback', { config: { public: true } }, async (req, reply) => {
    if (!oidc) throw new NotFoundError('The page you asked for does not exist.');
    const saved = savedChecks(req.session?.data.oidc);
    if (!req.session || !saved) return problem(reply, 400, 'expired');
    // Single use: the checks leave the session before the provider's answer is looked at.
    await setSessionData(db, req.session.id, {});
    const at = req.url.indexOf('?');
    let identity: OidcIdentity;
    try {
      identity = await oidc.finish(at >= 0 ? req.url.slice(at) : '', saved);
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      req.log.warn({ problem: err.message }, 'OpenID Connect sign-in failed');
      return err.kind === 'unavailable' ? problem(reply, 503, 'unavailable') : problem(reply, 400, 'failed');
    }
    const found = await findOidcUser(db, identity, req.ip);
    if (!found.ok) {
      if (found.reason === 'unknown') req.log.warn('OpenID Connect sign-in refused: no matching user');
      return problem(reply, 403, found.reason);
    }
    const user = found.user;
    return signedInFirstFactor(req, reply, db, config, user, mfaStep(config, user), saved.next, 'oidc');
  });
}
