import type { Db } from '../db/index.ts';
import { londonToday } from '../platform/dates.ts';
import { seedAssuranceCore } from './assurance-core.ts';
import { seedOrganisation, type DemoOrganisation } from './organisation.ts';
import { seedPeople, type DemoPeople } from './people.ts';
import { seedTraining } from './assurance-training.ts';
import { seedSection11 } from './assurance-s11.ts';
import { seedScrutiny } from './assurance-scrutiny.ts';
import { seedEscalations } from './assurance-escalations.ts';
import { seedAssuranceAudits } from './assurance-audits.ts';
import { seedReviews } from './reviews.ts';
import { seedEarlyHelp } from './early-help.ts';
import { seedYearlyReport } from './yearly-report.ts';

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
    const today = opts.today ?? londonToday(opts.now);
    await seedAssuranceCore(tx, org, today);
    await seedSection11(tx, org, today);
    await seedTraining(tx, org, today);
    await seedScrutiny(tx, org, { today });
    await seedYearlyReport(tx, org);
    const children = opts.children ?? 2000;
    if (children === 0) return org;
    const people = await seedPeople(tx, org, { children, today: opts.today, now: opts.now });
    await seedEscalations(tx, org, { today: opts.today });
    await seedAssuranceAudits(tx, org, { today });
    await seedReviews(tx, org, { today });
    await seedEarlyHelp(tx, org, { today });
    return { ...org, people };
  });
}
