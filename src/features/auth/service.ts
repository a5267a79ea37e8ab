import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import { audit } from '../../platform/audit.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { isRole } from '../../platform/access/roles.ts';
import * as repo from './repository.ts';
import type { SignInUser } from './repository.ts';

export type { SignInUser };

export type SignInResult =
  | { ok: true; user: SignInUser; needsMfa: 'verify' | 'enrol' | false }
  | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks an email and password. Each attempt on a known account takes its place in the lockout
 * count before the password is checked (reserveAttempt), so parallel attempts cannot get past it:
 * at most LOGIN_MAX_FAILURES passwords are ever checked before the account locks, and a locked
 * account answers "locked" whatever the password. Every attempt on a known account is audited.
 */
export async function checkPassword(
  db: Db,
  config: Config,
  email: string,
  password: string,
  ip?: string,
): Promise<SignInResult> {
  const rows = await repo.usersByEmail(db, email);
  const user = rows.length === 1 && rows[0]!.active ? rows[0] : undefined;
  if (!user) {
    // The same work as for a real account, so that timing does not tell which emails exist.
    await verifyPassword(null, password);
    return { ok: false, reason: 'invalid' };
  }
  // A locked account answers "locked", and the attempt is audited.
  const lockedOut = async (): Promise<SignInResult> => {
    await audit(
      db,
      null,
      { action: 'auth.sign_in_locked', entityType: 'user', entityId: user.id, detail: { ip } },
      user.partnership_id,
    );
    return { ok: false, reason: 'locked' };
  };
  if (!(await reserveAttempt(db, config, user.id))) {
    return lockedOut();
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const locked = await recordFailure(db, config, user, 'auth.sign_in_failed', { ip });
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }
  const needsMfa = mfaStep(config, user);
  // With a second factor to come, the count of failures carries on until the code is right, so
  // signing in again with the password does not buy more guesses at the code.
  if (!(await recordSuccess(db, user.id, needsMfa !== 'verify'))) {
    return lockedOut();
  }
  return { ok: true, user, needsMfa };
}

/**
 * Takes a place for one attempt in the account's lockout count, in one statement: refused (false)
 * when the account is locked, or when the failures so far and the attempts in flight already reach
 * LOGIN_MAX_FAILURES. A lock that has expired starts the count afresh; attempts in flight for more
 * than two minutes (a crashed process) are forgotten.
 */
export function reserveAttempt(db: Db, config: Config, userId: string): Promise<boolean> {
  return repo.reserveAttempt(db, userId, config.LOGIN_MAX_FAILURES);
}

/**
 * Ends an attempt that succeeded: refused (false) if the account was locked meanwhile by attempts
 * that failed at the same time. With `reset`, the failure count starts again from nothing.
 */
export function recordSuccess(db: Db, userId: string, reset: boolean): Promise<boolean> {
  return repo.endAttemptSucceeded(db, userId, reset);
}

/**
 * Ends an attempt that failed (a wrong password or code): counts it and locks the account at the
 * configured number. Audits the failure; returns whether the account is now locked.
 */
export async function recordFailure(
  db: Db,
  config: Config,
  user: { id: string; partnership_id: string },
  action: string,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const locked = await repo.endAttemptFailed(
    db,
    user.id,
    config.LOGIN_MAX_FAILURES,
    config.LOGIN_LOCK_MINUTES,
  );
  await audit(
    db,
    null,
    { action, entityType: 'user', entityId: user.id, detail: { ...detail, locked } },
    user.partnership_id,
  );
  return locked;
}

export function mfaStep(
  config: Config,
  user: Pick<SignInUser, 'roles' | 'totp_enabled'>,
): 'verify' | 'enrol' | false {
  if (user.totp_enabled) return 'verify';
  return mfaRequired(config, user.roles) ? 'enrol' : false;
}

/** Whether one of the user's roles must use a second factor (configuration MFA_REQUIRED_ROLES). */
export function mfaRequired(config: Config, roles: readonly string[]): boolean {
  return roles.some((r) => isRole(r) && config.MFA_REQUIRED_ROLES.includes(r));
}

export async function recordSignIn(db: Db, user: SignInUser, method: string, ip?: string): Promise<void> {
  await repo.markSignedIn(db, user.id);
  await audit(
    db,
    null,
    {
      action: 'auth.signed_in',
      entityType: 'user',
      entityId: user.id,
      detail: { method, ip, name: user.display_name },
    },
    user.partnership_id,
  );
}
