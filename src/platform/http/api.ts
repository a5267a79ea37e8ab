import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../access/actor.ts';
import { UUID } from '../access/policy.ts';
import { audit } from '../audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { parse } from '../validation.ts';
import { actorOf } from './actor.ts';
import { idParam } from './forms.ts';
import { keyFromHeader, lockKey, requestHash, storeKey } from './idempotency.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiContext<B, Q> {
  /** The database handle to use: for a POST with an Idempotency-Key, the request's transaction. */
  db: Db;
  req: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  params: Record<string, string>;
  body: B;
  query: Q;
}

export interface ApiRouteSpec<B extends z.ZodType, Q extends z.ZodType> {
  method: Method;
  /** Fastify-style path under /api/v1, e.g. '/api/v1/people/:id'. */
  url: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  /**
   * The address's parameters. By default every `:name` is a record id (a UUID, lower-cased; any
   * other value answers 404); give a schema for anything else.
   */
  params?: z.ZodType<Record<string, string>>;
  /** Status codes this route answers besides 400/401/403/404: what each means, and its body's schema. */
  responses?: Record<number, string | { description: string; schema: z.ZodType }>;
  /**
   * Every POST takes an Idempotency-Key header: a retry with the same key and body answers with
   * the first response and makes nothing new. `required` refuses a POST without a key (with the
   * message given); `fromBody` takes the key from the body when there is no header.
   */
  idempotency?: { required?: string; fromBody?: (body: z.infer<B>) => string | undefined };
  handler: (ctx: ApiContext<z.infer<B>, z.infer<Q>>) => Promise<unknown>;
}

interface Registered {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  responses: Record<number, string | { description: string; schema: z.ZodType }>;
  keyRequired: boolean;
}

const registry: Registered[] = [];

/**
 * The one way to add a JSON API route: input validated with zod (bad input answers 400 with a
 * problem document naming each field), the caller authenticated by token, and the route described
 * in the OpenAPI document.
 */
export function apiRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  spec: ApiRouteSpec<B, Q>,
): void {
  if (!registry.some((r) => r.method === spec.method && r.url === spec.url)) {
    registry.push({
      method: spec.method,
      url: spec.url,
      summary: spec.summary,
      tag: spec.tag,
      body: spec.body,
      query: spec.query,
      params: spec.params,
      responses: spec.responses ?? { 200: 'OK' },
      keyRequired: Boolean(spec.idempotency?.required),
    });
  }
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const body = spec.body ? parse(spec.body, req.body) : undefined;
      const query = spec.query ? parse(spec.query, req.query) : undefined;
      const ctx = {
        db: app.db,
        req,
        reply,
        actor,
        params: routeParams(req, spec.params),
        body: body as z.infer<B>,
        query: query as z.infer<Q>,
      };
      const key = spec.method === 'POST' ? idempotencyKey(req, spec, ctx.body) : undefined;
      const result = key ? await once(ctx, key, spec.url, spec.handler) : await spec.handler(ctx);
      return reply.sent ? reply : result;
    },
  });
}

/** The address's parameters: each a record id unless the route gives a schema; 404 otherwise. */
function routeParams(
  req: FastifyRequest,
  schema?: z.ZodType<Record<string, string>>,
): Record<string, string> {
  if (schema) {
    const r = schema.safeParse(req.params);
    if (!r.success) throw new NotFoundError();
    return r.data;
  }
  const out: Record<string, string> = {};
  const names = req.params && typeof req.params === 'object' ? Object.keys(req.params) : [];
  for (const name of names) out[name] = idParam(req, name);
  return out;
}

function idempotencyKey<B extends z.ZodType, Q extends z.ZodType>(
  req: FastifyRequest,
  spec: ApiRouteSpec<B, Q>,
  body: z.infer<B>,
): string | undefined {
  const header = keyFromHeader(req.headers['idempotency-key']);
  if (header) return `key:${header}`;
  const fromBody = spec.idempotency?.fromBody?.(body);
  if (fromBody) return `ref:${fromBody}`;
  if (spec.idempotency?.required)
    throw new ValidationError([{ field: 'Idempotency-Key', message: spec.idempotency.required }]);
  return undefined;
}

/**
 * Runs a POST once per key: in one transaction with the key's lock held, either answers with the
 * response stored for the key (the same request again) or runs the handler and stores its response.
 * The same key with a different request is refused. A request that fails stores nothing.
 */
async function once<C extends ApiContext<unknown, unknown>>(
  ctx: C,
  key: string,
  url: string,
  handler: (ctx: C) => Promise<unknown>,
): Promise<unknown> {
  const { actor, req, reply } = ctx;
  const personOf = (location: string | null) => {
    const created = /^\/api\/v1\/people\/([0-9a-f-]{36})$/i.exec(location ?? '')?.[1];
    const id = created ?? (url.startsWith('/api/v1/people/:id') ? ctx.params.id : undefined);
    return id && UUID.test(id) ? id.toLowerCase() : null;
  };
  const hash = requestHash(req.method, req.url.split('?')[0]!, ctx.body);
  return ctx.db.transaction(async (tx) => {
    const stored = await lockKey(tx, actor, key);
    if (stored) {
      if (stored.hash !== hash)
        throw new ConflictError(
          'This idempotency key was already used for a different request. Use a new key for a new request.',
        );
      await audit(tx, actor, {
        action: 'api.replayed',
        entityType: 'api_request',
        personId: personOf(stored.location),
        detail: { method: req.method, path: req.url.split('?')[0], status: stored.status },
      });
      reply.status(stored.status).header('idempotent-replayed', 'true');
      if (stored.location) reply.header('location', stored.location);
      return reply.type('application/json; charset=utf-8').send(stored.response);
    }
    const result = await handler({ ...ctx, db: tx });
    const location = reply.getHeader('location');
    await storeKey(tx, actor, key, {
      hash,
      status: reply.statusCode,
      location: typeof location === 'string' ? location : null,
      response: JSON.stringify(result ?? null),
      personId: personOf(typeof location === 'string' ? location : null),
    });
    return result;
  });
}

const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

function jsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** The OpenAPI 3.1 document for every route registered through apiRoute. */
export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const paramSchemas = r.params
      ? ((jsonSchema(r.params) as { properties?: Record<string, unknown> }).properties ?? {})
      : {};
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: paramSchemas[m[1]!] ?? { type: 'string', format: 'uuid' },
    }));
    const queryParams = r.query
      ? Object.entries(
          (jsonSchema(r.query) as { properties?: Record<string, unknown> }).properties ?? {},
        ).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    const responses: Record<string, unknown> = {};
    for (const [code, r2] of Object.entries(r.responses)) {
      responses[code] =
        typeof r2 === 'string'
          ? { description: r2 }
          : {
              description: r2.description,
              content: { 'application/json': { schema: jsonSchema(r2.schema) } },
            };
    }
    const headers =
      r.method === 'POST'
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: r.keyRequired,
              description:
                'Up to 200 visible characters, new for each new request: a retry with the same key and body answers with the first response (header Idempotent-Replayed: true) and makes nothing new.',
              schema: { type: 'string', maxLength: 200 },
            },
          ]
        : [];
    if (r.method === 'POST')
      responses['409'] ??= {
        description: 'The Idempotency-Key was used for a different request',
        content: { 'application/problem+json': { schema: problemSchema } },
      };
    for (const [code, description] of [
      ['400', 'Bad input: a problem document naming each field'],
      ['401', 'No valid API token'],
      ['403', 'Not permitted'],
      ['404', 'Not found, or not yours to see'],
    ] as const) {
      responses[code] ??= { description, content: { 'application/problem+json': { schema: problemSchema } } };
    }
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      parameters: [...params, ...queryParams, ...headers],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Together API',
      version: '1',
      description:
        'For partner systems. Authenticate with "Authorization: Bearer <token>"; a token acts as the user it was issued to, with that user\'s access. Every read and change is audited.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
