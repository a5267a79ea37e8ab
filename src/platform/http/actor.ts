import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.ts';
import { AppError } from '../errors.ts';

/** The signed-in actor; the request-context hook has already refused anonymous requests. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'Sign in', 'You need to sign in.');
  return req.actor;
}

export function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}
