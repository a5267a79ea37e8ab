/**
 * The one form pipeline for pages: read the body or query, parse it with the action's schema
 * (platform/validation.ts), and either redirect (post/redirect/get, with a flash message named by
 * a key) or re-render the form with status 400, the GOV.UK error summary and what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { UUID } from '../access/policy.ts';
import { formErrors, type Body } from '../validation.ts';
import { actorOf } from './actor.ts';

export type { Body };

/** The request's form (or JSON) body as a plain record: never an array, never null. */
export function bodyOf(req: FastifyRequest): Body {
  const b = req.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {};
}

/** The query string as a plain record. */
export function queryOf(req: FastifyRequest): Body {
  const q = req.query;
  return q && typeof q === 'object' ? (q as Body) : {};
}

/** One parameter of the address, whatever the route declared. */
export function paramOf(params: unknown, name: string): unknown {
  return params && typeof params === 'object' ? (params as Record<string, unknown>)[name] : undefined;
}

/**
 * A record's id from the address: anything that is not a UUID is a page that does not exist
 * (404), never a database error. The one check of ids in addresses.
 */
export function idParam(req: FastifyRequest | { params: unknown }, name = 'id'): string {
  const id = paramOf(req.params, name);
  if (typeof id !== 'string' || !UUID.test(id)) throw new NotFoundError();
  return id.toLowerCase();
}

/** A text parameter of the address (a page name, a code), or 404 when it is not one of `allowed`. */
export function textParam<const T extends readonly string[]>(
  req: FastifyRequest,
  name: string,
  allowed: T,
): T[number] {
  const v = paramOf(req.params, name);
  if (typeof v !== 'string' || !allowed.includes(v)) throw new NotFoundError();
  return v as T[number];
}

/** What was typed, to put back into a form: only strings and lists of strings, never objects. */
export function keepValues(body: Body): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v.slice(0, 20_000);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 100);
  }
  return out;
}

export interface FormSubmission {
  /** The form's template. */
  view: string;
  /** What the form shows besides what was typed (the person, the choices); read only on error. */
  page: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The body as posted, put back into the form on error. */
  body: Body;
  /** The action's schema, so that a service's error on a date names the date's first input. */
  schema?: z.ZodType;
  /** Makes the change and says where to go next. */
  change: () => Promise<string>;
}

/**
 * Post/redirect/get: runs the change and redirects (303) where it says; on bad input re-renders
 * the form with status 400, the error summary and what was typed (`values`).
 */
export async function submitForm(reply: FastifyReply, f: FormSubmission): Promise<FastifyReply> {
  try {
    return reply.redirect(await f.change(), 303);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return reply.status(400).render(f.view, {
      ...(await f.page()),
      values: keepValues(f.body),
      errors: formErrors(f.schema, err.errors),
    });
  }
}

/** What a form's POST is given: the request, the signed-in actor and the body as posted. */
export interface FormPost {
  req: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  body: Body;
}

/** A form's submission; its `body`, when given, is what goes back into the form instead of the post. */
export type Submission = Omit<FormSubmission, 'body'> & { body?: Body };

/**
 * Registers a signed-in form's POST: the actor and the body are read once, then submitForm with
 * the submission `form` makes of them (its view, the page around it, the change).
 */
export function formPost(
  app: FastifyInstance,
  url: string,
  form: (post: FormPost) => Submission | Promise<Submission>,
  options: RouteShorthandOptions = {},
): void {
  app.post(url, options, async (req, reply) => {
    const actor = actorOf(req);
    const body = bodyOf(req);
    return submitForm(reply, { body, ...(await form({ req, reply, actor, body })) });
  });
}

/**
 * The success message after a redirect, named by a key in the query (`?done=…`), never text from
 * the address. Each feature keeps its messages in one table.
 */
export function flashOf(req: FastifyRequest, messages: Record<string, string>): string | undefined {
  const key = queryOf(req).done;
  return typeof key === 'string' ? messages[key] : undefined;
}
