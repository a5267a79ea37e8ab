import type { FastifyInstance } from 'fastify';
import type { Environment } from 'nunjucks';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';

/** What every feature is built with: made once in app.ts and passed in. */
export interface Deps {
  db: Db;
  config: Config;
  views: Environment;
}

/** A feature registers its routes (pages and API) on the app. */
export type Feature = (app: FastifyInstance, deps: Deps) => void | Promise<void>;
