import type { Db } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import type { OidcIdentity } from '../../platform/auth/oidc.ts';
import * as repo from './repository.ts';
import type { SignInUser } from './repository.ts';

export type OidcUserResult =
  { ok: true; user: SignInUser } | { ok: false; reason: 'unknown' | 'inactive' | 'locked' };

/**
 * The Together user behind an organisation's sign-in: by the subject stored at an earlier
 * sign-in, or, the first time, by a verified email address of an account not yet linked to
 * another subject (the subject is then stored). Roles always come from Together, never from the
 * token. Unknown, ambiguous, inactive and locked accounts are refused.
 */
export async function findOidcUser(db: Db, identity: OidcIdentity, ip?: string): Promise<OidcUserResult> {
  let rows = await repo.usersBySubject(db, identity.subject);
  let link = false;
  if (rows.length === 0 && identity.email && identity.emailVerified) {
    rows = await repo.oidcUsersByEmail(db, identity.email);
    link = true;
  }
  const user = rows.length === 1 ? rows[0] : undefined;
  if (!user || (link && user.oidc_subject !== null)) return { ok: false, reason: 'unknown' };
  const refuse = async (reason: 'inactive' | 'locked') => {
    await audit(
      db,
      null,
      { action: 'auth.oidc_refused', entityType: 'user', entityId: user.id, detail: { reason, ip } },
      user.partnership_id,
    );
    return { ok: false as const, reason };
  };
  if (!user.active) return refuse('inactive');
  if (user.locked) return refuse('locked');
  if (link) {
    const linked = await db.transaction(async (tx) => {
      if (!(await repo.linkSubject(tx, user.id, identity.subject))) return false;
      await audit(
        tx,
        null,
        { action: 'auth.oidc_linked', entityType: 'user', entityId: user.id, detail: { ip } },
        user.partnership_id,
      );
      return true;
    });
    if (!linked) return { ok: false, reason: 'unknown' };
  }
  return {
    ok: true,
    user: {
      id: user.id,
      partnership_id: user.partnership_id,
      display_name: user.display_name,
      roles: user.roles,
      totp_enabled: user.totp_enabled,
    },
  };
}
