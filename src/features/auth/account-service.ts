import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/passwords.ts';
import { mfaRequired, recordFailure } from './service.ts';

export interface AccountSummary {
  email: string;
  hasPassword: boolean;
  passwordChangedAt: Date | null;
  totpEnabled: boolean;
  totpRequired: boolean;
  organisationSignIn: boolean;
}

/** The signed-in user's own account: nothing about anyone else, so no access check beyond signing in. */
export async function accountSummary(db: Db, config: Config, actor: Actor): Promise<AccountSummary> {
  const [row] = await db.query<{
    email: string;
    has_password: boolean;
    password_changed_at: Date | null;
    totp_enabled: boolean;
    oidc: boolean;
  }>(
    `select email, password_hash is not null as has_password, password_changed_at, totp_enabled,
       oidc_subject is not null as oidc
     from app_user where id = $1 and partnership_id = $2`,
    [actor.userId, actor.partnershipId],
  );
  if (!row) throw new Error('signed-in user not found');
  return {
    email: row.email,
    hasPassword: row.has_password,
    passwordChangedAt: row.password_changed_at,
    totpEnabled: row.totp_enabled,
    totpRequired: mfaRequired(config, actor.roles),
    organisationSignIn: row.oidc,
  };
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The change-password form: every problem at once, in the order of the fields. */
export function parsePasswordChange(body: unknown): PasswordChange {
  const b = (body ?? {}) as Record<string, unknown>;
  const currentPassword = text(b.currentPassword);
  const newPassword = text(b.newPassword);
  const confirmPassword = text(b.confirmPassword);
  const errors: FieldError[] = [];
  if (!currentPassword) errors.push({ field: 'currentPassword', message: 'Enter your current password' });
  else if (currentPassword.length > 1000)
    errors.push({ field: 'currentPassword', message: 'Your current password is not right' });
  const problem = newPassword ? passwordProblem(newPassword) : 'Enter a new password';
  if (problem) errors.push({ field: 'newPassword', message: problem });
  if (!problem && !confirmPassword)
    errors.push({ field: 'confirmPassword', message: 'Enter your new password again' });
  else if (!problem && confirmPassword !== newPassword)
    errors.push({ field: 'confirmPassword', message: 'The passwords do not match' });
  if (errors.length) throw new ValidationError(errors);
  return { currentPassword, newPassword };
}

/**
 * Changes the signed-in user's password after checking the current one (a wrong one counts
 * towards the lockout). Ends every other session of the user; the caller rotates this one.
 */
export async function changePassword(
  db: Db,
  config: Config,
  actor: Actor,
  sessionId: string,
  input: PasswordChange,
): Promise<void> {
  const [user] = await db.query<{
    id: string;
    partnership_id: string;
    password_hash: string | null;
    locked: boolean;
  }>(
    `select id, partnership_id, password_hash, coalesce(locked_until > now(), false) as locked
     from app_user where id = $1 and partnership_id = $2`,
    [actor.userId, actor.partnershipId],
  );
  if (!user) throw new Error('signed-in user not found');
  const lockedMessage = `Your account is locked after too many failed attempts. Try again in ${config.LOGIN_LOCK_MINUTES} minutes.`;
  if (user.locked) throw new ValidationError([{ field: 'currentPassword', message: lockedMessage }]);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    const locked = await recordFailure(db, config, user, 'auth.password_change_failed', { ip: actor.ip });
    throw new ValidationError([
      { field: 'currentPassword', message: locked ? lockedMessage : 'Your current password is not right' },
    ]);
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.query(
      `update app_user set password_hash = $2, password_changed_at = now(), failed_attempts = 0,
         locked_until = null, version = version + 1
       where id = $1 and partnership_id = $3`,
      [actor.userId, hash, actor.partnershipId],
    );
    const ended = await tx.query(`delete from user_session where user_id = $1 and id <> $2 returning id`, [
      actor.userId,
      sessionId,
    ]);
    await audit(tx, actor, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: actor.userId,
      detail: { otherSessionsEnded: ended.length },
    });
  });
}
