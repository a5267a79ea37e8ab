import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { checkTotp, decryptTotpSecret, encryptTotpSecret, newTotpSecret } from '../../platform/auth/totp.ts';
import * as repo from './repository.ts';
import type { TotpUser } from './repository.ts';
import { mfaRequired, recordFailure, reserveAttempt } from './service.ts';

export type { TotpUser };

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
  const user = await repo.totpUser(db, userId);
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
  if (check.ok && (await repo.acceptStep(db, user.id, check.step))) return { ok: true, user };
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
  const user = await repo.totpUser(db, userId);
  if (!user || !user.active || user.totp_enabled) return undefined;
  const waiting = user.totp_secret && decryptTotpSecret(user.totp_secret, config.SESSION_SECRET, user.id);
  if (waiting) return { secret: waiting, email: user.email };
  const secret = newTotpSecret();
  await repo.storeWaitingSecret(db, user.id, encryptTotpSecret(secret, config.SESSION_SECRET, user.id));
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
  const user = await repo.totpUser(db, userId);
  if (!user || !user.active || user.totp_enabled || !user.totp_secret) return undefined;
  const secret = decryptTotpSecret(user.totp_secret, config.SESSION_SECRET, user.id);
  if (!secret) return undefined;
  const check = checkTotp(secret, code, null);
  if (!check.ok) return undefined;
  return db.transaction(async (tx) => {
    if (!(await repo.enableTotp(tx, user.id, check.step, user.totp_secret!))) return undefined;
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
    await repo.disableTotp(tx, actor.userId);
    await audit(tx, actor, {
      action: 'auth.mfa_disabled',
      entityType: 'user',
      entityId: actor.userId,
      detail: { method: 'totp' },
    });
  });
  return 'ok';
}
