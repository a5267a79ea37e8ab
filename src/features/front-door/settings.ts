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
import { mashPhoneSchema, type MashPhoneInput } from './schemas.ts';
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

/**
 * The MASH's phone number: the referrer of a child at immediate risk is told to phone it at once.
 * The default is a number of the range kept for drama and demonstrations.
 */
export const DEFAULT_MASH_PHONE = '01632 960 000';
const PHONE_KEY = 'front_door.mash_phone';

export async function mashPhoneFor(db: Db, partnershipId: string): Promise<string> {
  const value = await storedSetting(db, partnershipId, PHONE_KEY);
  const parsed = value === undefined ? undefined : mashPhoneSchema.safeParse({ mashPhone: value });
  return parsed?.success ? parsed.data.mashPhone : DEFAULT_MASH_PHONE;
}

/** The front door's settings as the administrators' page shows them. */
export async function frontDoorSettings(db: Db, actor: Actor) {
  requirePermission(actor, 'admin.manage');
  const [mashPhone, deadlines] = await Promise.all([
    mashPhoneFor(db, actor.partnershipId),
    requestDeadlinesFor(db, actor.partnershipId),
  ]);
  return {
    mashPhone,
    deadlines: (['red', 'amber', 'green'] as const).map((rag) => ({
      rag,
      text: describeDeadline(deadlines[rag]),
    })),
  };
}

/** Sets the MASH's phone number (administrators), audited. */
export async function setMashPhone(db: Db, actor: Actor, input: MashPhoneInput): Promise<void> {
  requirePermission(actor, 'admin.manage');
  const { mashPhone } = parse(mashPhoneSchema, input);
  await db.transaction((tx) => saveSetting(tx, actor, PHONE_KEY, mashPhone));
}
