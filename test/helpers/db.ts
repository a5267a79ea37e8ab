import crypto from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Db } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * A fresh, migrated database of its own on the test server (TEST_DATABASE_URL: the embedded server
 * that `npm test` starts, or a PostgreSQL server of your choice), dropped again when closed. The test
 * runner migrates a template once (TEST_TEMPLATE_DATABASE), so each database is a quick copy of it.
 */
export async function freshDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'No test database: run the tests with npm test (it starts one), or set TEST_DATABASE_URL.',
    );
  }
  const template = process.env.TEST_TEMPLATE_DATABASE;
  const name = `together_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin(url, `create database ${name}${template ? ` template ${template}` : ''}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), { max: 5 });
  if (!template) await migrate(db);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await admin(url, `drop database if exists ${name} with (force)`);
  };
  return db;
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
