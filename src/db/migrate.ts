import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './index.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the SQL files in migrations/ in name order, each once, each in its own transaction. */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(`create table if not exists schema_migration (
    version text primary key, applied_at timestamptz not null default now())`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const done = await db.transaction(async (tx) => {
      // Several app servers may start at once against one PostgreSQL: one migrates, others wait.
      await tx.query('select pg_advisory_xact_lock(7262001)');
      const rows = await tx.query('select 1 from schema_migration where version = $1', [version]);
      if (rows.length) return false;
      await tx.exec(fs.readFileSync(path.join(dir, file), 'utf8'));
      await tx.query('insert into schema_migration (version) values ($1)', [version]);
      return true;
    });
    if (done) applied.push(version);
  }
  return applied;
}
