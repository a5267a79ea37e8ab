import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { parse } from '../../platform/validation.ts';
import * as repo from './repository.ts';
import { passwordChangeSchema, type PasswordChange } from './schemas.ts';
import { mfaRequired, recordFailure } from './service.ts';

export type { PasswordChange };

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
  const row = await repo.accountRow(db, actor.partnershipId, actor.userId);
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

/**
 * Changes the signed-in user's password after checking the current one (a wrong one counts
 * towards the lockout). Ends every other session of the user; the caller rotates this one.
 */
export async function changePassword(
  db: Db,
  config: Config,
  actor: Actor,
  sessionId: string,
  change: PasswordChange,
): Promise<void> {
  const input = parse(passwordChangeSchema, { ...change, confirmPassword: change.newPassword });
  const user = await repo.passwordRow(db, actor.partnershipId, actor.userId);
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
    await repo.setOwnPassword(tx, actor.partnershipId, actor.userId, hash);
    const ended = await repo.endOtherSessions(tx, actor.userId, sessionId);
    await audit(tx, actor, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: actor.userId,
      detail: { otherSessionsEnded: ended },
    });
  });
}
