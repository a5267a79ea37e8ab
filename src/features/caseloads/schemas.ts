/**
 * The input of caseloads' pages, one schema per action (platform/validation.ts): allocating a
 * child, moving a worker's children, and the drift report's filters.
 */
import { z } from 'zod';
import { field } from '../../platform/validation.ts';
import { DRIFT_KINDS } from './drift.ts';

const REASON_MAX = 500;

/** A choice that may be left out: an empty one (a select's first item) is no choice. */
const optional = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());
/** The most children one bulk reallocation moves. */
export const MAX_MOVES = 500;

export const allocateSchema = z.strictObject({
  workerId: field.id('Choose a worker'),
  reason: field.text(REASON_MAX, 'Reason'),
  /** Brothers and sisters on the same referral, allocated to the same worker at once. */
  siblings: field.ids('Siblings to allocate too', { max: 20 }).optional(),
});
export type Allocation = z.infer<typeof allocateSchema>;

/** The children a reallocation form lists (its per-child choices are named after them). */
export function childrenIn(input: unknown): string[] {
  const child = (input as { child?: unknown } | null | undefined)?.child;
  return [child ?? []].flat().filter((c): c is string => typeof c === 'string');
}

/** Moving a worker's children: to one colleague (`all`), or each to its own (`to-<child>`). */
export interface Reallocation {
  from: string;
  child: string[];
  all?: string;
  reason?: string;
  [to: `to-${string}`]: string | undefined;
}

/** The reallocation form for the children it lists. */
export function reallocateSchema(children: readonly string[]): z.ZodType<Reallocation> {
  const colleague = () => optional(field.id('Choose a colleague from the list'));
  return z.strictObject({
    from: field.id('Choose a worker'),
    child: field.ids('The children to move', { max: MAX_MOVES }),
    all: colleague(),
    reason: field.text(REASON_MAX, 'Reason'),
    ...Object.fromEntries(children.slice(0, MAX_MOVES).map((c) => [`to-${c}`, colleague()])),
  }) as unknown as z.ZodType<Reallocation>;
}

/** A page number from the address: a whole number from 1, else the first page. */
const page = z.preprocess((v) => {
  const n = typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
}, z.number());

/** The drift report's filters: a kind and a team from the lists, or every one. */
export const driftFilterSchema = z.object({
  kind: optional(field.code(DRIFT_KINDS, 'Choose a kind of drift from the list')),
  team: optional(field.id('Choose a team from the list')),
  page: page.optional(),
});
export type DriftFilter = z.infer<typeof driftFilterSchema>;

/** The unallocated list's filters: the team the work waits for and the urgency, or every one. */
export const unallocatedFilterSchema = z.object({
  team: optional(field.id('Choose a team from the list')),
  urgency: optional(
    field.code(
      ['immediate_protection', 'strategy_section_47', 'section_17'],
      'Choose an urgency from the list',
    ),
  ),
  page: page.optional(),
});
export type UnallocatedFilter = z.infer<typeof unallocatedFilterSchema>;
