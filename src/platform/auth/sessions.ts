import crypto from 'node:crypto';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../access/actor.ts';
import { isRole } from '../access/roles.ts';

export const SESSION_COOKIE = 'together_session';

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export interface SessionRow {
  id: string;
  user_id: string | null;
  csrf_token: string;
  mfa_pending: boolean;
  data: Record<string, unknown>;
  last_seen_at: Date;
}

/** Creates a session and returns the cookie value (only its hash is stored). */
export async function createSession(
  db: Db,
  opts: {
    partnershipId?: string | null;
    userId?: string | null;
    mfaPending?: boolean;
    ip?: string;
    data?: object;
  },
): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = randomToken();
  const csrfToken = randomToken();
  await db.query(
    `insert into user_session (id, partnership_id, user_id, csrf_token, mfa_pending, ip, data)
     values ($1,$2,$3,$4,$5,$6,$7)`,
    [
      sha256(cookie),
      opts.partnershipId ?? null,
      opts.userId ?? null,
      csrfToken,
      opts.mfaPending ?? false,
      opts.ip ?? null,
      JSON.stringify(opts.data ?? {}),
    ],
  );
  return { cookie, csrfToken };
}

export interface LoadedSession {
  session: SessionRow;
  actor?: Actor;
}

const USER_COLUMNS = `u.id as user_id, u.partnership_id, u.display_name, u.email, u.roles, u.team_id, u.active,
  a.id as agency_id, a.name as agency_name, a.kind as agency_kind`;

interface UserJoin {
  user_id: string;
  partnership_id: string;
  display_name: string;
  email: string;
  roles: string[];
  team_id: string | null;
  active: boolean;
  agency_id: string;
  agency_name: string;
  agency_kind: string;
}

export function actorFromRow(r: UserJoin, via: Actor['via'], ip?: string): Actor {
  return {
    userId: r.user_id,
    partnershipId: r.partnership_id,
    name: r.display_name,
    email: r.email,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    agencyKind: r.agency_kind,
    teamId: r.team_id,
    roles: r.roles.filter(isRole),
    via,
    ip,
  };
}

/**
 * Loads the session for a cookie, ending it when idle too long. Touches last_seen_at at most once a
 * minute so a busy page does not write on every request.
 */
export async function loadSession(
  db: Db,
  cookie: string,
  idleMinutes: number,
  ip?: string,
): Promise<LoadedSession | undefined> {
  const rows = await db.query<SessionRow & Partial<UserJoin> & { idle: boolean; stale: boolean }>(
    `select s.id, s.user_id, s.csrf_token, s.mfa_pending, s.data, s.last_seen_at,
       s.last_seen_at < now() - make_interval(mins => $2) as idle,
       s.last_seen_at < now() - interval '1 minute' as stale, ${USER_COLUMNS}
     from user_session s left join app_user u on u.id = s.user_id left join agency a on a.id = u.agency_id
     where s.id = $1`,
    [sha256(cookie), idleMinutes],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.idle || (row.user_id && !row.active)) {
    await db.query('delete from user_session where id = $1', [row.id]);
    return undefined;
  }
  if (row.stale) await db.query('update user_session set last_seen_at = now() where id = $1', [row.id]);
  const session: SessionRow = {
    id: row.id,
    user_id: row.user_id,
    csrf_token: row.csrf_token,
    mfa_pending: row.mfa_pending,
    data: row.data,
    last_seen_at: row.last_seen_at,
  };
  const actor = row.user_id && !row.mfa_pending ? actorFromRow(row as UserJoin, 'web', ip) : undefined;
  return { session, actor };
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.query('delete from user_session where id = $1', [sessionId]);
}

export async function setSessionData(
  db: Db,
  sessionId: string,
  data: Record<string, unknown>,
): Promise<void> {
  await db.query('update user_session set data = $2 where id = $1', [sessionId, JSON.stringify(data)]);
}

/** Idle sessions are deleted by the app's housekeeping timer. */
export async function purgeIdleSessions(db: Db, idleMinutes: number): Promise<number> {
  const rows = await db.query(
    `delete from user_session where last_seen_at < now() - make_interval(mins => $1) returning id`,
    [idleMinutes],
  );
  return rows.length;
}

/** The actor behind an API bearer token, or undefined. */
export async function actorForApiToken(db: Db, token: string, ip?: string): Promise<Actor | undefined> {
  const rows = await db.query<UserJoin & { token_id: string }>(
    `select t.id as token_id, ${USER_COLUMNS}
     from api_token t join app_user u on u.id = t.user_id join agency a on a.id = u.agency_id
     where t.token_hash = $1 and t.revoked_at is null and u.active`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row) return undefined;
  await db.query(
    `update api_token set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [row.token_id],
  );
  return actorFromRow(row, 'api', ip);
}
