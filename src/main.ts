import { ConfigError, loadConfig } from './config.ts';
import { DatabaseStartError, openDatabase, type Db } from './db/index.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { SeedRefusedError, seedDemo } from './demo/seed.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/organisation.ts';
import { purgeIdleSessions } from './platform/auth/sessions.ts';
import { createLogger } from './platform/logger.ts';

/** Refuses to serve production while demo accounts can still sign in. */
async function refuseDemoUsersInProduction(db: Db): Promise<void> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from app_user where is_demo and active',
  );
  if (row && row.n > 0) {
    throw new ConfigError(
      `Refusing to start in production: ${row.n} demo accounts are active. Deactivate them (npm run together -- deactivate-demo-users).`,
    );
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const state: { app?: Awaited<ReturnType<typeof buildApp>>; db?: Db } = {};
  let closing = false;
  const shutdown = async (signal: string, code = 0) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    // The embedded server's fast shutdown is quick, but a stuck one must not hold the process forever.
    const force = setTimeout(() => process.exit(1), 90_000);
    force.unref();
    await state.app?.close().catch(() => undefined);
    await state.db?.close().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  fatal = (message) => {
    console.error(message);
    void shutdown('fatal', 1);
  };

  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.TOGETHER_DATA_DIR,
    role: 'app',
    log: (level, msg) => log[level](msg),
    onLost: (err) =>
      fatal(
        `The database server stopped and could not be started again (${err.message}): start Together again.`,
      ),
  });
  state.db = db;
  if (closing) return void (await db.close());

  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (config.production) await refuseDemoUsersInProduction(db);
  let seeded = false;
  if (!config.production && config.SEED_DEMO !== false) {
    seeded = Boolean(await seedDemo(db, { production: false, children: config.DEMO_CHILDREN }));
    // Statistics for the planner now, not when autovacuum first comes round: until then the queries
    // over freshly loaded tables are planned blind (the record page ran at two thirds of its speed).
    if (seeded) await db.exec('analyze');
  }
  const app = await buildApp({ db, config });
  state.app = app;
  const housekeeping = setInterval(
    () => void purgeIdleSessions(db, config.SESSION_IDLE_MINUTES).catch(() => undefined),
    5 * 60_000,
  );
  housekeeping.unref();
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw err;
    throw new StartError(
      code === 'EADDRINUSE'
        ? `Port ${config.PORT} on ${config.HOST} is in use by another program: stop it, or set PORT to another port.`
        : `Together cannot listen on ${config.HOST}:${config.PORT} (${code}): set HOST and PORT to an address this user may use.`,
    );
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  log.info(
    { url, database: db.engine, seconds: (Date.now() - started) / 1000, rssMiB: rss },
    'Together is ready',
  );
  if (!config.production) {
    const lines = [
      '',
      `Together is running at ${url} on ${config.DATABASE_URL ? db.engine.replace('postgresql', 'PostgreSQL') : `the embedded PostgreSQL ${db.engine.split(' ')[1]} server (data in ${config.TOGETHER_DATA_DIR})`}.`,
      `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s${seeded ? ' (demo data seeded)' : ''}; resident memory ${rss} MiB.`,
      `Demo logins (password "${DEMO_PASSWORD}"):`,
      ...DEMO_USERS.map((u) => `  ${u.email.padEnd(36)} ${u.roles.join(', ')}`),
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
}

/** Stops the app with one line on stderr; set once the shutdown path exists. */
let fatal = (message: string): void => {
  console.error(message);
  process.exit(1);
};

/** A problem at start that the operator can fix; its message says how. */
class StartError extends Error {}

main().catch((err) => {
  const expected =
    err instanceof ConfigError ||
    err instanceof DatabaseStartError ||
    err instanceof StartError ||
    err instanceof SeedRefusedError;
  fatal(expected ? (err as Error).message : ((err as Error).stack ?? String(err)));
});
