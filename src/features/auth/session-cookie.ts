import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import { createSession, destroySession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { cookieOptions } from '../../platform/http/request-context.ts';
import { recordSignIn, type SignInUser } from './service.ts';

/**
 * Replaces the request's session with a new one (rotation): signing in, finishing a second
 * factor and signing out never keep a session id that existed before.
 */
export async function rotateSession(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  config: Config,
  opts: { partnershipId?: string | null; userId?: string | null; mfaPending?: boolean; data?: object },
): Promise<string> {
  if (req.session) await destroySession(db, req.session.id);
  const { cookie, csrfToken } = await createSession(db, { ...opts, ip: req.ip });
  reply.setCookie(SESSION_COOKIE, cookie, cookieOptions(config));
  return csrfToken;
}

/** Makes sure an anonymous visitor has a session, so their sign-in form carries a CSRF token. */
export async function ensureSession(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  config: Config,
): Promise<string> {
  if (req.session) return req.session.csrf_token;
  const csrf = await rotateSession(req, reply, db, config, {});
  req.session = {
    id: '',
    user_id: null,
    csrf_token: csrf,
    mfa_pending: false,
    data: {},
    last_seen_at: new Date(),
  };
  return csrf;
}

/** A relative path on this site to go to after signing in; anything else goes home. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}

export type SignInMethod = 'password' | 'oidc';

/**
 * After the first factor (password or the organisation's sign-in): a full session, or a session
 * pending the second factor, which cannot reach any signed-in page until the code is right.
 */
export async function signedInFirstFactor(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  config: Config,
  user: SignInUser,
  needsMfa: 'verify' | 'enrol' | false,
  next: string,
  method: SignInMethod,
) {
  await rotateSession(req, reply, db, config, {
    partnershipId: user.partnership_id,
    userId: user.id,
    mfaPending: needsMfa !== false,
    data: needsMfa ? { next, mfa: needsMfa, method } : {},
  });
  if (needsMfa === 'verify') return reply.redirect('/sign-in/two-factor');
  if (needsMfa === 'enrol') return reply.redirect('/sign-in/set-up-two-factor');
  await recordSignIn(db, user, method, req.ip);
  return reply.redirect(next);
}

export interface PendingSignIn {
  userId: string;
  next: string;
  method: SignInMethod;
}

/** The half-signed-in user of a session waiting for this second-factor step, if any. */
export function pendingSignIn(req: FastifyRequest, step: 'verify' | 'enrol'): PendingSignIn | undefined {
  const s = req.session;
  if (!s?.user_id || !s.mfa_pending || s.data.mfa !== step) return undefined;
  return {
    userId: s.user_id,
    next: safeNext(s.data.next),
    method: s.data.method === 'oidc' ? 'oidc' : 'password',
  };
}
