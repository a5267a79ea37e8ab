import crypto from 'node:crypto';
import { after, before } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import {
  seedOrganisation,
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoOrganisation,
} from '../../src/demo/organisation.ts';
import { createSession, sha256 } from '../../src/platform/auth/sessions.ts';
import { freshDb } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  org: DemoOrganisation;
  close(): Promise<void>;
}

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await freshDb();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const org = await seedOrganisation(db);
  const app = await buildApp({ db, config, logger: false });
  await app.ready();
  return {
    app,
    db,
    config,
    org,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

type Setup = () => Promise<void>;

/**
 * The test file's app, made before its tests and closed after them; `setup` runs next, in the same
 * hook (Node 20 runs a file's top-level `before` hooks side by side, so a second hook could start
 * before the app is there).
 */
export function useApp(setup?: Setup): TestApp;
export function useApp(env: Record<string, string>, setup?: Setup): TestApp;
export function useApp(a?: Record<string, string> | Setup, b?: Setup): TestApp {
  const [env, setup] = typeof a === 'function' ? [{}, a] : [a ?? {}, b];
  const t = {} as TestApp;
  before(async () => {
    Object.assign(t, await testApp(env));
    await setup?.();
  });
  after(() => t.close?.());
  return t;
}

export interface TestDb {
  db: Db;
  org: DemoOrganisation;
}

/** A fresh database holding the demo organisation, for a file of service tests, as useApp. */
export function useDb(setup?: Setup, password?: string): TestDb {
  const t = {} as TestDb;
  before(async () => {
    t.db = await freshDb();
    t.org = await seedOrganisation(t.db, password);
    await setup?.();
  });
  after(() => t.db?.close());
  return t;
}

/** A browser-like client: keeps the session cookie and the page's CSRF token. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    const set = res.cookies.find((c) => c.name === 'together_session');
    if (set) this.cookie = set.value ? `together_session=${set.value}` : '';
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m?.[1]) this.csrf = m[1];
    return res;
  }

  async get(url: string) {
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: this.cookie ? { cookie: this.cookie } : {} }),
    );
  }

  /** Posts a form with the CSRF token (unless the form sets _csrf itself). */
  async post(url: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(this.cookie ? { cookie: this.cookie } : {}),
        },
        payload: body.toString(),
      }),
    );
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}

/** Signs in as a demo user by key ('sw', 'mash', 'admin', ...). */
export async function signedIn(app: FastifyInstance, key: string): Promise<Client> {
  const user = DEMO_USERS.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  const c = new Client(app);
  const res = await c.signIn(user.email);
  if (res.statusCode !== 302) throw new Error(`sign-in as ${key} failed: ${res.statusCode}`);
  await c.get('/');
  return c;
}

/**
 * A client with a session for a user made straight in the database: tests that act as many users
 * would otherwise run into the sign-in rate limit.
 */
export async function sessionFor(t: TestApp, userId: string): Promise<Client> {
  const { cookie, csrfToken } = await createSession(t.db, { partnershipId: t.org.partnershipId, userId });
  const c = new Client(t.app);
  c.cookie = `together_session=${cookie}`;
  c.csrf = csrfToken;
  return c;
}

/** The same for a demo user by key. */
export async function sessionAs(t: TestApp, key: string): Promise<Client> {
  const userId = t.org.users[key];
  if (!userId) throw new Error(`no demo user ${key}`);
  return sessionFor(t, userId);
}

/** An API bearer token for a demo user by key; returns the value to send. */
export async function apiToken(t: Pick<TestApp, 'db' | 'org'>, key: string): Promise<string> {
  const token = crypto.randomBytes(24).toString('hex');
  await t.db.query(
    `insert into api_token (partnership_id, user_id, name, token_hash) values ($1,$2,'test',$3)`,
    [t.org.partnershipId, t.org.users[key], sha256(token)],
  );
  return token;
}
