import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import { audit } from '../../platform/audit.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { isRole } from '../../platform/access/roles.ts';

export interface SignInUser {
  id: string;
  partnership_id: string;
  display_name: string;
  roles: string[];
  totp_enabled: boolean;
}

export type SignInResult =
  | { ok: true; user: SignInUser; needsMfa: 'verify' | 'enrol' | false }
  | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks an email and password. Failures count against the account; at the configured number the
 * account locks for a while, and a locked account answers "locked" whatever the password. Every
 * attempt on a known account is audited.
 */
export async function checkPassword(
  db: Db,
  config: Config,
  email: string,
  password: string,
  ip?: string,
): Promise<SignInResult> {
  const rows = await db.query<
    SignInUser & { password_hash: string | null; active: boolean; locked: boolean; failed_attempts: number }
  >(
    `select id, partnership_id, display_name, roles, totp_enabled, password_hash, active, failed_attempts,
       coalesce(locked_until > now(), false) as locked
     from app_user where lower(email) = lower($1)`,
    [email],
  );
  const user = rows.length === 1 ? rows[0] : undefined;
  const valid = await verifyPassword(user?.active ? user.password_hash : null, password);
  if (!user) return { ok: false, reason: 'invalid' };
  const who = { action: '', entityType: 'user', entityId: user.id };
  const actorLike = null;
  if (user.locked) {
    await audit(
      db,
      actorLike,
      { ...who, action: 'auth.sign_in_locked', detail: { ip } },
      user.partnership_id,
    );
    return { ok: false, reason: 'locked' };
  }
  if (!valid) {
    const locked = await recordFailure(db, config, user, 'auth.sign_in_failed', { ip });
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }
  const needsMfa = mfaStep(config, user);
  // With a second factor to come, the count of failures carries on until the code is right, so
  // signing in again with the password does not buy more guesses at the code.
  if (needsMfa !== 'verify')
    await db.query(`update app_user set failed_attempts = 0, locked_until = null where id = $1`, [user.id]);
  return { ok: true, user, needsMfa };
}

/**
 * Counts one failed attempt (a wrong password or code) and locks the account at the configured
 * number. Audits the failure; returns whether the account is now locked.
 */
export async function recordFailure(
  db: Db,
  config: Config,
  user: { id: string; partnership_id: string },
  action: string,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const [row] = await db.query<{ failed_attempts: number }>(
    `update app_user set failed_attempts = failed_attempts + 1,
       locked_until = case when failed_attempts + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
     where id = $1 returning failed_attempts`,
    [user.id, config.LOGIN_MAX_FAILURES, config.LOGIN_LOCK_MINUTES],
  );
  const locked = (row?.failed_attempts ?? 0) >= config.LOGIN_MAX_FAILURES;
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
  await db.query(
    'update app_user set last_sign_in_at = now(), failed_attempts = 0, locked_until = null where id = $1',
    [user.id],
  );
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
