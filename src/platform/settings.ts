import { maybeOne, type Db } from '../db/index.ts';
import type { Actor } from './access/actor.ts';
import { audit } from './audit.ts';

/**
 * Local settings: each feature keeps its typed defaults and validation; a partnership's overrides
 * are stored here, one JSON value per key. This is the one way to read and write them.
 */
export async function storedSetting(db: Db, partnershipId: string, key: string): Promise<unknown> {
  const row = await maybeOne<{ value: unknown }>(
    db,
    'select value from partnership_setting where partnership_id = $1 and key = $2',
    [partnershipId, key],
  );
  return row?.value;
}

/** Stores a validated value and audits the change; call it inside the caller's transaction. */
export async function saveSetting(
  tx: Db,
  actor: Actor,
  key: string,
  value: unknown,
  detail: unknown = value,
): Promise<void> {
  await tx.query(
    `insert into partnership_setting (partnership_id, key, value, updated_by) values ($1,$2,$3,$4)
     on conflict (partnership_id, key) do update set value = excluded.value, updated_at = now(),
       updated_by = excluded.updated_by`,
    [actor.partnershipId, key, JSON.stringify(value), actor.userId],
  );
  await audit(tx, actor, {
    action: 'settings.update',
    entityType: 'setting',
    entityId: key,
    detail: detail as Record<string, unknown>,
  });
}
