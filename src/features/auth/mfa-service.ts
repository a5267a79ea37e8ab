import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { checkTotp, decryptTotpSecret, encryptTotpSecret, newTotpSecret } from '../../platform/auth/totp.ts';
import { mfaRequired, recordFailure, reserveAttempt, type SignInUser } from './service.ts';

export interface TotpUser extends SignInUser {
  email: string;
  active: boolean;
  locked: boolean;
  totp_secret: string | null;
  totp_last_step: number | null;
}

export async function loadTotpUser(db: Db, userId: string): Promise<TotpUser | undefined> {
  const rows = await db.query<TotpUser>(
    `select id, partnership_id, display_name, email, roles, active, totp_enabled, totp_secret, totp_last_step,
       coalesce(locked_until > now(), false) as locked
     from app_user where id = $1`,
    [userId],
  );
  return rows[0];
}

function readSecret(config: Config, user: TotpUser): string {
  const secret = user.totp_secret && decryptTotpSecret(user.totp_secret, config.SESSION_SECRET, user.id);
  if (!secret)
    throw new AppError(
      503,
      'Two-factor authentication is not available',
      'Your two-factor authentication cannot be checked. Ask your system administrator to reset it.',
    );
  return secret;
}

export type CodeResult = { ok: true; user: TotpUser } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks the current code of a user who has two-factor on. A wrong or reused code counts as a
 * failed attempt towards the lockout, as a wrong password does; a locked account is refused
 * whatever the code. The accepted step is stored in the same statement that checks it is new,
 * so two requests racing with one code cannot both pass.
 */
export async function verifyCode(
  db: Db,
  config: Config,
  userId: string,
  code: string,
  ip?: string,
): Promise<CodeResult> {
  const user = await loadTotpUser(db, userId);
  if (!user || !user.active || !user.totp_enabled) return { ok: false, reason: 'invalid' };
  if (!(await reserveAttempt(db, config, user.id))) {
    await audit(
      db,
      null,
      {
        action: 'auth.sign_in_locked',
        entityType: 'user',
        entityId: user.id,
        detail: { ip, factor: 'totp' },
      },
      user.partnership_id,
    );
    return { ok: false, reason: 'locked' };
  }
  const check = checkTotp(readSecret(config, user), code, user.totp_last_step);
  if (check.ok) {
    // The step is stored in the statement that checks it is new and that the account is not locked.
    const rows = await db.query(
      `update app_user set totp_last_step = $2, failed_attempts = 0, locked_until = null,
         attempts_in_flight = greatest(attempts_in_flight - 1, 0)
       where id = $1 and (totp_last_step is null or totp_last_step < $2)
         and not coalesce(locked_until > now(), false) returning id`,
      [user.id, check.step],
    );
    if (rows.length === 1) return { ok: true, user };
  }
  const replayed = check.ok || check.replayed;
  const locked = await recordFailure(db, config, user, 'auth.mfa_failed', { ip, replayed });
  return { ok: false, reason: locked ? 'locked' : 'invalid' };
}

/**
 * The secret for a user setting up two-factor: the one already waiting (so reloading the page
 * does not change it under an app that has scanned it) or a new one, stored encrypted. Undefined
 * when two-factor is already on.
 */
export async function enrolmentSecret(
  db: Db,
  config: Config,
  userId: string,
): Promise<{ secret: string; email: string } | undefined> {
  const user = await loadTotpUser(db, userId);
  if (!user || !user.active || user.totp_enabled) return undefined;
  const waiting = user.totp_secret && decryptTotpSecret(user.totp_secret, config.SESSION_SECRET, user.id);
  if (waiting) return { secret: waiting, email: user.email };
  const secret = newTotpSecret();
  await db.query(
    `update app_user set totp_secret = $2, totp_last_step = null where id = $1 and not totp_enabled`,
    [user.id, encryptTotpSecret(secret, config.SESSION_SECRET, user.id)],
  );
  return { secret, email: user.email };
}

/**
 * Turns two-factor on once the user shows a code from the new secret. Wrong codes here do not
 * count towards the lockout: whoever sees this page already holds the secret. Returns the user,
 * or undefined when the code is wrong or nothing is waiting.
 */
export async function confirmEnrolment(
  db: Db,
  config: Config,
  actor: Actor | null,
  userId: string,
  code: string,
  ip?: string,
): Promise<TotpUser | undefined> {
  const user = await loadTotpUser(db, userId);
  if (!user || !user.active || user.totp_enabled || !user.totp_secret) return undefined;
  const secret = decryptTotpSecret(user.totp_secret, config.SESSION_SECRET, user.id);
  if (!secret) return undefined;
  const check = checkTotp(secret, code, null);
  if (!check.ok) return undefined;
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `update app_user set totp_enabled = true, totp_last_step = $2, version = version + 1
       where id = $1 and not totp_enabled and totp_secret = $3 returning id`,
      [user.id, check.step, user.totp_secret],
    );
    if (rows.length !== 1) return undefined;
    await audit(
      tx,
      actor,
      { action: 'auth.mfa_enabled', entityType: 'user', entityId: user.id, detail: { method: 'totp', ip } },
      user.partnership_id,
    );
    return { ...user, totp_enabled: true };
  });
}

export type DisableResult = 'ok' | 'invalid' | 'locked' | 'required';

/** Turns two-factor off for the signed-in user, on a current code; never when a role needs it. */
export async function disableTotp(
  db: Db,
  config: Config,
  actor: Actor,
  code: string,
): Promise<DisableResult> {
  if (mfaRequired(config, actor.roles)) return 'required';
  const result = await verifyCode(db, config, actor.userId, code, actor.ip);
  if (!result.ok) return result.reason;
  await db.transaction(async (tx) => {
    await tx.query(
      `update app_user set totp_enabled = false, totp_secret = null, totp_last_step = null,
         version = version + 1 where id = $1`,
      [actor.userId],
    );
    await audit(tx, actor, {
      action: 'auth.mfa_disabled',
      entityType: 'user',
      entityId: actor.userId,
      detail: { method: 'totp' },
    });
  });
  return 'ok';
}
