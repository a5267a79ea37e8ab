/** What every administration service starts with: the permission, and field errors. */
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { ValidationError } from '../../platform/errors.ts';

/** Every administration service starts here: the permission check, before anything is read. */
export function requireAdmin(actor: Actor): void {
  requirePermission(actor, 'admin.manage');
}

/** A unique-index race that got past the duplicate check becomes the same field error. */
export async function uniqueAsFieldError<T>(
  fn: () => Promise<T>,
  field: string,
  message: string,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ValidationError([{ field, message }]);
    throw err;
  }
}

/** The fields that changed, as { field: [before, after] }, for the audit detail. */
export function changes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = [before[k], v];
  }
  return out;
}
