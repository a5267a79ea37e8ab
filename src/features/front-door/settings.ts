/**
 * Local settings of the front door: typed defaults here, a partnership's overrides in
 * partnership_setting. Information requests are due by the contact's RAG rating.
 */
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { saveSetting, storedSetting } from '../../platform/settings.ts';
import { parse } from '../../platform/validation.ts';
import type { Rag } from './codes.ts';
import { workingDaysDeadline } from './timing.ts';

const deadline = z.union([
  z.object({ hours: z.number().int().min(1).max(72) }).strict(),
  z.object({ workingDays: z.number().int().min(0).max(20) }).strict(),
]);
export type Deadline = z.infer<typeof deadline>;

const requestDeadlines = z.object({ red: deadline, amber: deadline, green: deadline }).strict();
export type RequestDeadlines = z.infer<typeof requestDeadlines>;

export const DEFAULT_REQUEST_DEADLINES: RequestDeadlines = {
  red: { hours: 4 },
  amber: { workingDays: 1 },
  green: { workingDays: 3 },
};

const KEY = 'front_door.information_request_deadlines';

/** The partnership's deadlines: its override when it has a valid one, else the defaults. */
export async function requestDeadlinesFor(db: Db, partnershipId: string): Promise<RequestDeadlines> {
  const value = await storedSetting(db, partnershipId, KEY);
  const parsed = value === undefined ? undefined : requestDeadlines.safeParse(value);
  return parsed?.success ? parsed.data : DEFAULT_REQUEST_DEADLINES;
}

/** Sets the partnership's deadlines (administrators), audited. */
export async function setRequestDeadlines(db: Db, actor: Actor, value: unknown): Promise<RequestDeadlines> {
  requirePermission(actor, 'admin.manage');
  const v = parse(requestDeadlines, value);
  await db.transaction((tx) => saveSetting(tx, actor, KEY, v));
  return v;
}

/** When a request made at `requestedAt` for a contact rated `rag` is due. */
export function requestDueAt(deadlines: RequestDeadlines, rag: Rag, requestedAt: Date): Date {
  const d = deadlines[rag];
  if ('hours' in d) return new Date(requestedAt.getTime() + d.hours * 3_600_000);
  return workingDaysDeadline(requestedAt, d.workingDays);
}

export function describeDeadline(d: Deadline): string {
  if ('hours' in d) return `${d.hours} ${d.hours === 1 ? 'hour' : 'hours'}`;
  if (d.workingDays === 0) return 'the end of the working day';
  return `${d.workingDays} working ${d.workingDays === 1 ? 'day' : 'days'}`;
}
