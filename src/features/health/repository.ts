import type { Db } from '../../db/index.ts';

/** Answers when the database does; throws when it does not. */
export async function ping(db: Db): Promise<void> {
  await db.query('select 1');
}
