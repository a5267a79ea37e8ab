/**
 * Idempotency keys for the API's POSTs: the request's key and body, the response it got, and the
 * SQL that keeps them (one small table, api_idempotency).
 */
import crypto from 'node:crypto';
import { maybeOne, type Db } from '../../db/index.ts';
import type { Actor } from '../access/actor.ts';
import { ValidationError } from '../errors.ts';

/** How long a key answers with its first response. */
const KEEP_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,200}$/;

export interface Stored {
  hash: string;
  status: number;
  location: string | null;
  /** The response body as it was sent (JSON text), so that a retry gets the same bytes. */
  response: string;
}

/** The Idempotency-Key header, checked; or undefined when none was sent. */
export function keyFromHeader(header: unknown): string | undefined {
  if (header === undefined) return undefined;
  const h = typeof header === 'string' ? header.trim() : '';
  if (!KEY.test(h))
    throw new ValidationError([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible characters' },
    ]);
  return h;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** What a retry must repeat exactly: the method, the address and the body (keys in any order). */
export function requestHash(method: string, path: string, body: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${method} ${path}\n${stableJson(body)}`)
    .digest('hex');
}

/**
 * Takes the key's lock for the rest of the transaction and returns what was stored for it, if
 * anything: a second request with the same key waits here until the first has committed.
 */
export async function lockKey(tx: Db, actor: Actor, key: string): Promise<Stored | undefined> {
  await tx.query('select pg_advisory_xact_lock(7262010, hashtext($1))', [`${actor.userId}:${key}`]);
  return maybeOne<Stored>(
    tx,
    `select request_hash as hash, status, location, response from api_idempotency
     where user_id = $1 and key = $2 and created_at > now() - make_interval(hours => $3)`,
    [actor.userId, key, KEEP_HOURS],
  );
}

/** Stores the response a key got, replacing an expired one, and forgets the user's expired keys. */
export async function storeKey(
  tx: Db,
  actor: Actor,
  key: string,
  stored: Stored & { personId: string | null },
): Promise<void> {
  await tx.query(
    `delete from api_idempotency where user_id = $1 and created_at <= now() - make_interval(hours => $2)`,
    [actor.userId, KEEP_HOURS],
  );
  await tx.query(
    `insert into api_idempotency (partnership_id, user_id, key, request_hash, status, location, response, person_id)
     values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      actor.partnershipId,
      actor.userId,
      key,
      stored.hash,
      stored.status,
      stored.location,
      stored.response,
      stored.personId,
    ],
  );
}
