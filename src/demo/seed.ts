import type { Db } from '../db/index.ts';
import { londonToday } from '../platform/dates.ts';
import { seedAssuranceCore } from './assurance-core.ts';
import { seedOrganisation, type DemoOrganisation } from './organisation.ts';
import { seedPeople, type DemoPeople } from './people.ts';
import { seedAssuranceAudits } from './assurance-audits.ts';

export class SeedRefusedError extends Error {}

/**
 * Seeds the demo partnership into an empty database, all in one transaction: the organisation,
 * then the population. Refused in production; does nothing when a partnership already exists.
 */
export async function seedDemo(
  db: Db,
  opts: { production: boolean; children?: number; today?: string; now?: Date },
): Promise<(DemoOrganisation & { people?: DemoPeople }) | undefined> {
  if (opts.production) throw new SeedRefusedError('Demo data is refused when NODE_ENV=production.');
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('select count(*)::int as n from partnership');
    if (n > 0) return undefined;
    const org = await seedOrganisation(tx);
    await seedAssuranceCore(tx, org, opts.today ?? londonToday(opts.now));
    const children = opts.children ?? 2000;
    if (children === 0) return org;
    const people = await seedPeople(tx, org, { children, today: opts.today, now: opts.now });
    await seedAssuranceAudits(tx, org, { today: opts.today ?? londonToday(opts.now) });
    return { ...org, people };
  });
}
