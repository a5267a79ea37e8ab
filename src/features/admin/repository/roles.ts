/** SQL of changes of users' roles (role_change). */
import { maybeOne, one, type Db } from '../../../db/index.ts';
import type { Role } from '../../../platform/access/roles.ts';

export interface RoleChangeRow {
  id: string;
  userId: string;
  userName: string;
  rolesBefore: Role[];
  rolesAfter: Role[];
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: Date;
  status: 'applied' | 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  note: string | null;
}

const ROLE_CHANGE_COLUMNS = `c.id, c.user_id as "userId", u.display_name as "userName", c.roles_before as "rolesBefore",
  c.roles_after as "rolesAfter", c.requested_by as "requestedBy", r.display_name as "requestedByName",
  c.requested_at as "requestedAt", c.status, c.decided_by as "decidedBy", d.display_name as "decidedByName",
  c.decided_at as "decidedAt", c.note`;
const ROLE_CHANGE_FROM = `role_change c join app_user u on u.id = c.user_id
  left join app_user r on r.id = c.requested_by left join app_user d on d.id = c.decided_by`;

export async function insertRoleChange(
  db: Db,
  partnershipId: string,
  c: {
    userId: string;
    before: readonly Role[];
    after: readonly Role[];
    by: string | null;
    status: 'applied' | 'pending';
  },
) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into role_change (partnership_id, user_id, roles_before, roles_after, requested_by, status)
     values ($1,$2,$3,$4,$5,$6) returning id`,
    [partnershipId, c.userId, c.before, c.after, c.by, c.status],
  );
  return id;
}

/** A user's change awaiting approval, locked, if there is one. */
export function lockPendingRoleChange(
  db: Db,
  partnershipId: string,
  where: { id?: string; userId?: string },
) {
  return maybeOne<RoleChangeRow>(
    db,
    `select ${ROLE_CHANGE_COLUMNS} from ${ROLE_CHANGE_FROM}
     where c.partnership_id = $1 and c.status = 'pending' and (c.id = $2::uuid or c.user_id = $3::uuid)
     for update of c`,
    [partnershipId, where.id ?? null, where.userId ?? null],
  );
}

export async function decideRoleChange(
  db: Db,
  id: string,
  d: { status: 'approved' | 'refused'; by: string; note: string | null },
): Promise<void> {
  await db.query(
    `update role_change set status = $2, decided_by = $3, decided_at = now(), note = $4 where id = $1`,
    [id, d.status, d.by, d.note],
  );
}

export function listRoleChanges(
  db: Db,
  partnershipId: string,
  opts: { status?: 'pending'; userId?: string; limit: number; offset: number },
): Promise<RoleChangeRow[]> {
  return db.query<RoleChangeRow>(
    `select ${ROLE_CHANGE_COLUMNS} from ${ROLE_CHANGE_FROM}
     where c.partnership_id = $1 and ($2::text is null or c.status = $2) and ($3::uuid is null or c.user_id = $3)
     order by c.requested_at desc, c.id limit $4 offset $5`,
    [partnershipId, opts.status ?? null, opts.userId ?? null, opts.limit, opts.offset],
  );
}

export async function countRoleChanges(db: Db, partnershipId: string, status?: 'pending'): Promise<number> {
  const row = await maybeOne<{ n: number }>(
    db,
    `select count(*)::int as n from role_change where partnership_id = $1 and ($2::text is null or status = $2)`,
    [partnershipId, status ?? null],
  );
  return row?.n ?? 0;
}
