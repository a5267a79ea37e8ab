/**
 * The MASH dashboard: how the front door is doing, from the contacts themselves. Counts only, no
 * names, so it is for managers, the partnership and the scrutineer alike.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { addMonths, workingDaysBetween } from '../../../platform/calendar.ts';
import { londonToday } from '../../../platform/dates.ts';
import { dueSoonLimit, dueStatus } from '../../../platform/due.ts';
import { parse } from '../../../platform/validation.ts';
import { DECISIONS, REFERRAL_DECISIONS } from '../codes.ts';
import * as repo from '../repository/dashboard.ts';
import type { Rates } from '../repository/dashboard.ts';
import { periodSchema, type PeriodInput } from '../schemas.ts';

export type { Rates } from '../repository/dashboard.ts';

export interface Dashboard {
  from: string;
  to: string;
  totals: Rates;
  /** Open contacts by working days since they arrived, and how many are past their decision day. */
  openByAge: { label: string; count: number }[];
  openOverdue: number;
  openTotal: number;
  /** Contacts received on today's London date, open or decided. */
  receivedToday: number;
  byAgency: (Rates & { agency: string })[];
  byMonth: (Rates & { month: string })[];
  byDecision: { label: string; count: number }[];
}

// Only a contact received on today's London date is "received today"; one that came in over a
// weekend or holiday, or at 23:30 yesterday, has waited at least a working day's worth of the queue.
const AGE_BANDS = [
  { label: 'Received today', max: 0 },
  { label: '1 working day (or since the last working day)', max: 1 },
  { label: '2 to 5 working days', max: 5 },
  { label: 'More than 5 working days', max: Infinity },
];

/** The dashboard for a period of receipt (default: the last 12 months to today). */
export async function mashDashboard(
  db: Db,
  actor: Actor,
  period: PeriodInput = {},
  now = new Date(),
): Promise<Dashboard> {
  requirePermission(actor, 'mash.dashboard');
  parse(periodSchema, period);
  const today = londonToday(now);
  const to = period.to ?? today;
  const from = period.from ?? addMonths(to, -12);
  const p = { partnershipId: actor.partnershipId, from, to, referralDecisions: REFERRAL_DECISIONS };
  const [totals, byAgency, byMonth, decisions, receivedToday] = await Promise.all([
    repo.totals(db, p),
    repo.ratesByAgency(db, p),
    repo.ratesByMonth(db, p),
    repo.decisionCounts(db, p),
    repo.receivedOn(db, actor.partnershipId, today),
  ]);
  // Open contacts are counted whenever they arrived: the queue as it stands today.
  const open = await repo.openContacts(db, actor.partnershipId);
  const openByAge = AGE_BANDS.map((b) => ({ label: b.label, count: 0 }));
  let openOverdue = 0;
  const soon = dueSoonLimit(today);
  for (const c of open) {
    const age = c.received === today ? 0 : Math.max(1, workingDaysBetween(c.received, today));
    const band = AGE_BANDS.findIndex((b) => age <= b.max);
    openByAge[band]!.count++;
    if (c.due && dueStatus(c.due, today, soon) === 'overdue') openOverdue++;
  }
  await audit(db, actor, { action: 'mash.dashboard.view', entityType: 'dashboard', detail: { from, to } });
  return {
    from,
    to,
    totals,
    openByAge,
    openOverdue,
    openTotal: open.length,
    receivedToday,
    byAgency,
    byMonth,
    byDecision: DECISIONS.map((d) => ({
      label: d.label,
      count: decisions.find((x) => x.decision === d.value)?.count ?? 0,
    })),
  };
}

/** A percentage for display: "83%", or "–" when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–';
}
