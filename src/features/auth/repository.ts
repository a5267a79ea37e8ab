/** SQL of signing in: accounts by email or sign-in subject, the lockout count, passwords, second factors. */
import { maybeOne, type Db } from '../../db/index.ts';

/** An account as signing in needs it. */
export interface SignInUser {
  id: string;
  partnership_id: string;
  display_name: string;
  roles: string[];
  totp_enabled: boolean;
}

export function usersByEmail(db: Db, email: string) {
  return db.query<SignInUser & { password_hash: string | null; active: boolean }>(
    `select id, partnership_id, display_name, roles, totp_enabled, password_hash, active
     from app_user where lower(email) = lower($1)`,
    [email],
  );
}

/** Takes a place in the lockout count in one statement; false when refused (see service.ts). */
export async function reserveAttempt(db: Db, userId: string, maxFailures: number): Promise<boolean> {
  const rows = await db.query(
    `with u as (
       select id,
         case when locked_until <= now() then 0 else failed_attempts end as failed,
         case when attempt_started_at < now() - interval '2 minutes' then 0 else attempts_in_flight end as flying
       from app_user where id = $1 and active and not coalesce(locked_until > now(), false)
       for update
     )
     update app_user a set failed_attempts = u.failed, attempts_in_flight = u.flying + 1,
       attempt_started_at = now(), locked_until = null
     from u where a.id = u.id and u.failed + u.flying < $2
     returning a.id`,
    [userId, maxFailures],
  );
  return rows.length === 1;
}

/** Ends an attempt that succeeded, unless the account locked meanwhile; `reset` clears the count. */
export async function endAttemptSucceeded(db: Db, userId: string, reset: boolean): Promise<boolean> {
  const rows = await db.query(
    `update app_user set attempts_in_flight = greatest(attempts_in_flight - 1, 0),
       failed_attempts = case when $2 then 0 else failed_attempts end,
       locked_until = case when $2 then null else locked_until end
     where id = $1 and not coalesce(locked_until > now(), false) returning id`,
    [userId, reset],
  );
  if (rows.length === 0)
    await db.query(
      'update app_user set attempts_in_flight = greatest(attempts_in_flight - 1, 0) where id = $1',
      [userId],
    );
  return rows.length === 1;
}

/** Counts a failed attempt, locking the account for `lockMinutes` at `maxFailures`; whether it is locked. */
export async function endAttemptFailed(
  db: Db,
  userId: string,
  maxFailures: number,
  lockMinutes: number,
): Promise<boolean> {
  const row = await maybeOne<{ locked: boolean }>(
    db,
    `update app_user set failed_attempts = failed_attempts + 1,
       attempts_in_flight = greatest(attempts_in_flight - 1, 0),
       locked_until = case when failed_attempts + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
     where id = $1 returning coalesce(locked_until > now(), false) as locked`,
    [userId, maxFailures, lockMinutes],
  );
  return row?.locked ?? false;
}

export async function markSignedIn(db: Db, userId: string): Promise<void> {
  await db.query(
    'update app_user set last_sign_in_at = now(), failed_attempts = 0, locked_until = null where id = $1',
    [userId],
  );
}

// ---- The signed-in user's own account ----

export async function accountRow(db: Db, partnershipId: string, userId: string) {
  return maybeOne<{
    email: string;
    has_password: boolean;
    password_changed_at: Date | null;
    totp_enabled: boolean;
    oidc: boolean;
  }>(
    db,
    `select email, password_hash is not null as has_password, password_changed_at, totp_enabled,
       oidc_subject is not null as oidc
     from app_user where id = $1 and partnership_id = $2`,
    [userId, partnershipId],
  );
}

export async function passwordRow(db: Db, partnershipId: string, userId: string) {
  return maybeOne<{
    id: string;
    partnership_id: string;
    password_hash: string | null;
    locked: boolean;
  }>(
    db,
    `select id, partnership_id, password_hash, coalesce(locked_until > now(), false) as locked
     from app_user where id = $1 and partnership_id = $2`,
    [userId, partnershipId],
  );
}

export async function setOwnPassword(
  db: Db,
  partnershipId: string,
  userId: string,
  hash: string,
): Promise<void> {
  await db.query(
    `update app_user set password_hash = $2, password_changed_at = now(), failed_attempts = 0,
       locked_until = null, version = version + 1
     where id = $1 and partnership_id = $3`,
    [userId, hash, partnershipId],
  );
}

/** Ends every session of the user but this one; how many ended. */
export async function endOtherSessions(db: Db, userId: string, sessionId: string): Promise<number> {
  const rows = await db.query(`delete from user_session where user_id = $1 and id <> $2 returning id`, [
    userId,
    sessionId,
  ]);
  return rows.length;
}

// ---- Two-factor authentication ----

export interface TotpUser extends SignInUser {
  email: string;
  active: boolean;
  locked: boolean;
  totp_secret: string | null;
  totp_last_step: number | null;
}

export async function totpUser(db: Db, userId: string): Promise<TotpUser | undefined> {
  const rows = await db.query<TotpUser>(
    `select id, partnership_id, display_name, email, roles, active, totp_enabled, totp_secret, totp_last_step,
       coalesce(locked_until > now(), false) as locked
     from app_user where id = $1`,
    [userId],
  );
  return rows[0];
}

/**
 * Accepts a code's time step in the statement that checks it is new and that the account is not
 * locked (so two requests racing with one code cannot both pass); false when refused.
 */
export async function acceptStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db.query(
    `update app_user set totp_last_step = $2, failed_attempts = 0, locked_until = null,
       attempts_in_flight = greatest(attempts_in_flight - 1, 0)
     where id = $1 and (totp_last_step is null or totp_last_step < $2)
       and not coalesce(locked_until > now(), false) returning id`,
    [userId, step],
  );
  return rows.length === 1;
}

/** Stores a new secret waiting to be confirmed (encrypted by the caller). */
export async function storeWaitingSecret(db: Db, userId: string, encrypted: string): Promise<void> {
  await db.query(
    `update app_user set totp_secret = $2, totp_last_step = null where id = $1 and not totp_enabled`,
    [userId, encrypted],
  );
}

/** Turns two-factor on with the secret that was waiting, if it still is; false otherwise. */
export async function enableTotp(db: Db, userId: string, step: number, encrypted: string): Promise<boolean> {
  const rows = await db.query(
    `update app_user set totp_enabled = true, totp_last_step = $2, version = version + 1
     where id = $1 and not totp_enabled and totp_secret = $3 returning id`,
    [userId, step, encrypted],
  );
  return rows.length === 1;
}

export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db.query(
    `update app_user set totp_enabled = false, totp_secret = null, totp_last_step = null,
       version = version + 1 where id = $1`,
    [userId],
  );
}

// ---- The organisation's sign-in (OpenID Connect) ----

export interface OidcRow extends SignInUser {
  active: boolean;
  locked: boolean;
  oidc_subject: string | null;
}

const OIDC_COLUMNS = `id, partnership_id, display_name, roles, totp_enabled, active, oidc_subject,
  coalesce(locked_until > now(), false) as locked`;

export function usersBySubject(db: Db, subject: string) {
  return db.query<OidcRow>(`select ${OIDC_COLUMNS} from app_user where oidc_subject = $1`, [subject]);
}

export function oidcUsersByEmail(db: Db, email: string) {
  return db.query<OidcRow>(`select ${OIDC_COLUMNS} from app_user where lower(email) = lower($1)`, [email]);
}

/** Links a sign-in subject to an account not yet linked to one; false when it already is. */
export async function linkSubject(db: Db, userId: string, subject: string): Promise<boolean> {
  const rows = await db.query(
    `update app_user set oidc_subject = $2 where id = $1 and oidc_subject is null returning id`,
    [userId, subject],
  );
  return rows.length === 1;
}
