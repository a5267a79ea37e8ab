import { UUID } from '../access/policy.ts';
import { NotFoundError } from '../errors.ts';

/** A record's id from the address: anything that is not a UUID is a page that does not exist. */
export function idParam(params: unknown, name = 'id'): string {
  const id = (params as Record<string, unknown> | undefined)?.[name];
  if (typeof id !== 'string' || !UUID.test(id)) throw new NotFoundError();
  return id.toLowerCase();
}
