import type { Db } from '../db/index.ts';
import { seedOrganisation, type DemoOrganisation } from './organisation.ts';

export class SeedRefusedError extends Error {}

/** Seeds the demo partnership into an empty database. Refused in production. */
export async function seedDemo(
  db: Db,
  opts: { production: boolean; children?: number },
): Promise<DemoOrganisation | undefined> {
  if (opts.production) throw new SeedRefusedError('Demo data is refused when NODE_ENV=production.');
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from partnership');
  if (n > 0) return undefined;
  const org = await seedOrganisation(db);
  return org;
}
