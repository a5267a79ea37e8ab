import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError, openDatabase, type Db } from './db/index.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { seedDemo } from './demo/seed.ts';
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
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.TOGETHER_DATA_DIR });
  const state: { app?: Awaited<ReturnType<typeof buildApp>> } = {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await state.app?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (config.production) await refuseDemoUsersInProduction(db);
  let seeded = false;
  if (!config.production && config.SEED_DEMO !== false) {
    seeded = Boolean(await seedDemo(db, { production: false, children: config.DEMO_CHILDREN }));
  }
  const app = await buildApp({ db, config });
  state.app = app;
  const housekeeping = setInterval(
    () => void purgeIdleSessions(db, config.SESSION_IDLE_MINUTES).catch(() => undefined),
    5 * 60_000,
  );
  housekeeping.unref();
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  log.info(
    { url, database: db.kind, seconds: (Date.now() - started) / 1000, rssMiB: rss },
    'Together is ready',
  );
  if (!config.production) {
    const lines = [
      '',
      `Together is running at ${url} (${db.kind === 'pglite' ? `embedded database in ${config.TOGETHER_DATA_DIR}` : 'PostgreSQL'})`,
      `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s${seeded ? ' (demo data seeded)' : ''}; resident memory ${rss} MiB.`,
      `Demo logins (password "${DEMO_PASSWORD}"):`,
      ...DEMO_USERS.map((u) => `  ${u.email.padEnd(36)} ${u.roles.join(', ')}`),
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
