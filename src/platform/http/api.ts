import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { parse } from '../validation.ts';
import { actorOf } from './actor.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiContext<B, Q> {
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
  /** Status codes this route answers besides 400/401/403/404, with what they mean. */
  responses?: Record<number, string>;
  handler: (ctx: ApiContext<z.infer<B>, z.infer<Q>>) => Promise<unknown>;
}

interface Registered {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Record<number, string>;
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
      responses: spec.responses ?? { 200: 'OK' },
    });
  }
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const body = spec.body ? parse(spec.body, req.body) : undefined;
      const query = spec.query ? parse(spec.query, req.query) : undefined;
      const result = await spec.handler({
        req,
        reply,
        actor,
        params: req.params as Record<string, string>,
        body: body as z.infer<B>,
        query: query as z.infer<Q>,
      });
      return reply.sent ? reply : result;
    },
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
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = r.query
      ? Object.entries(
          (jsonSchema(r.query) as { properties?: Record<string, unknown> }).properties ?? {},
        ).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    const responses: Record<string, unknown> = {};
    for (const [code, description] of Object.entries(r.responses)) responses[code] = { description };
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
      parameters: [...params, ...queryParams],
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
