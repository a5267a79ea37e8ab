import type { Db } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import type { OidcIdentity } from '../../platform/auth/oidc.ts';
import type { SignInUser } from './service.ts';

export type OidcUserResult =
  { ok: true; user: SignInUser } | { ok: false; reason: 'unknown' | 'inactive' | 'locked' };

interface Row extends SignInUser {
  active: boolean;
  locked: boolean;
  oidc_subject: string | null;
}

const COLUMNS = `id, partnership_id, display_name, roles, totp_enabled, active, oidc_subject,
  coalesce(locked_until > now(), false) as locked`;

/**
 * The Together user behind an organisation's sign-in: by the subject stored at an earlier
 * sign-in, or, the first time, by a verified email address of an account not yet linked to
 * another subject (the subject is then stored). Roles always come from Together, never from the
 * token. Unknown, ambiguous, inactive and locked accounts are refused.
 */
export async function findOidcUser(db: Db, identity: OidcIdentity, ip?: string): Promise<OidcUserResult> {
  let rows = await db.query<Row>(`select ${COLUMNS} from app_user where oidc_subject = $1`, [
    identity.subject,
  ]);
  let link = false;
  if (rows.length === 0 && identity.email && identity.emailVerified) {
    rows = await db.query<Row>(`select ${COLUMNS} from app_user where lower(email) = lower($1)`, [
      identity.email,
    ]);
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
      const done = await tx.query(
        `update app_user set oidc_subject = $2 where id = $1 and oidc_subject is null returning id`,
        [user.id, identity.subject],
      );
      if (done.length !== 1) return false;
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
