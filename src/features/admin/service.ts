import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { changes, checkId, requireAdmin, uniqueAsFieldError } from './guard.ts';
import * as repo from './repository.ts';
import type { AgencyInput, TeamInput } from './schemas.ts';

export async function overview(db: Db, actor: Actor) {
  requireAdmin(actor);
  return repo.overviewCounts(db, actor.partnershipId);
}

export async function agencies(db: Db, actor: Actor) {
  requireAdmin(actor);
  return repo.listAgencies(db, actor.partnershipId);
}

export async function agencyWithTeams(db: Db, actor: Actor, agencyId: string) {
  requireAdmin(actor);
  const agency = await repo.findAgency(db, actor.partnershipId, checkId(agencyId));
  if (!agency) throw new NotFoundError();
  const teams = await repo.listTeams(db, actor.partnershipId, agency.id);
  return { agency, teams };
}

const DUPLICATE_AGENCY = 'An agency with this name already exists';

export async function createAgency(db: Db, actor: Actor, input: AgencyInput): Promise<string> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    if (await repo.agencyNameTaken(tx, actor.partnershipId, input.name))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_AGENCY }]);
    const [row] = await uniqueAsFieldError(
      () =>
        tx.query<{ id: string }>(
          `insert into agency (partnership_id, name, kind, statutory_partner, active)
           values ($1,$2,$3,$4,$5) returning id`,
          [actor.partnershipId, input.name, input.kind, input.partnerType === 'statutory', input.active],
        ),
      'name',
      DUPLICATE_AGENCY,
    );
    const id = row!.id;
    await audit(tx, actor, {
      action: 'admin.agency.create',
      entityType: 'agency',
      entityId: id,
      detail: { name: input.name, kind: input.kind, partnerType: input.partnerType, active: input.active },
    });
    return id;
  });
}

export async function updateAgency(
  db: Db,
  actor: Actor,
  agencyId: string,
  input: AgencyInput,
): Promise<void> {
  requireAdmin(actor);
  const id = checkId(agencyId);
  await db.transaction(async (tx) => {
    const before = await repo.findAgency(tx, actor.partnershipId, id);
    if (!before) throw new NotFoundError();
    if (await repo.agencyNameTaken(tx, actor.partnershipId, input.name, id))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_AGENCY }]);
    await uniqueAsFieldError(
      () =>
        tx.query(
          `update agency set name = $3, kind = $4, statutory_partner = $5, active = $6
           where partnership_id = $1 and id = $2`,
          [actor.partnershipId, id, input.name, input.kind, input.partnerType === 'statutory', input.active],
        ),
      'name',
      DUPLICATE_AGENCY,
    );
    await audit(tx, actor, {
      action: 'admin.agency.update',
      entityType: 'agency',
      entityId: id,
      detail: {
        changes: changes(
          {
            name: before.name,
            kind: before.kind,
            statutoryPartner: before.statutoryPartner,
            active: before.active,
          },
          {
            name: input.name,
            kind: input.kind,
            statutoryPartner: input.partnerType === 'statutory',
            active: input.active,
          },
        ),
      },
    });
  });
}

export async function team(db: Db, actor: Actor, agencyId: string, teamId: string) {
  requireAdmin(actor);
  const found = await repo.findTeam(db, actor.partnershipId, checkId(teamId));
  if (!found || found.agencyId !== checkId(agencyId)) throw new NotFoundError();
  return found;
}

const DUPLICATE_TEAM = 'This agency already has a team with this name';

export async function createTeam(db: Db, actor: Actor, agencyId: string, input: TeamInput): Promise<string> {
  requireAdmin(actor);
  const aid = checkId(agencyId);
  return db.transaction(async (tx) => {
    if (!(await repo.findAgency(tx, actor.partnershipId, aid))) throw new NotFoundError();
    if (await repo.teamNameTaken(tx, actor.partnershipId, aid, input.name))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_TEAM }]);
    const [row] = await uniqueAsFieldError(
      () =>
        tx.query<{ id: string }>(
          `insert into team (partnership_id, agency_id, name, is_mash, active) values ($1,$2,$3,$4,$5) returning id`,
          [actor.partnershipId, aid, input.name, input.isMash, input.active],
        ),
      'name',
      DUPLICATE_TEAM,
    );
    await audit(tx, actor, {
      action: 'admin.team.create',
      entityType: 'team',
      entityId: row!.id,
      detail: { agencyId: aid, name: input.name, isMash: input.isMash, active: input.active },
    });
    return row!.id;
  });
}

export async function updateTeam(
  db: Db,
  actor: Actor,
  agencyId: string,
  teamId: string,
  input: TeamInput,
): Promise<void> {
  requireAdmin(actor);
  const aid = checkId(agencyId);
  const id = checkId(teamId);
  await db.transaction(async (tx) => {
    const before = await repo.findTeam(tx, actor.partnershipId, id);
    if (!before || before.agencyId !== aid) throw new NotFoundError();
    if (await repo.teamNameTaken(tx, actor.partnershipId, aid, input.name, id))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_TEAM }]);
    await uniqueAsFieldError(
      () =>
        tx.query(
          `update team set name = $3, is_mash = $4, active = $5 where partnership_id = $1 and id = $2`,
          [actor.partnershipId, id, input.name, input.isMash, input.active],
        ),
      'name',
      DUPLICATE_TEAM,
    );
    await audit(tx, actor, {
      action: 'admin.team.update',
      entityType: 'team',
      entityId: id,
      detail: {
        agencyId: aid,
        changes: changes(
          { name: before.name, isMash: before.isMash, active: before.active },
          { name: input.name, isMash: input.isMash, active: input.active },
        ),
      },
    });
  });
}

export { requireAdmin } from './guard.ts';
export { ROLE_CHANGES_PAGE_SIZE, roleChangeLog } from './roles.ts';
