import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { changes, requireAdmin, uniqueAsFieldError } from './guard.ts';
import * as repo from './repository/index.ts';
import { agencySchema, teamSchema, type AgencyInput, type TeamInput } from './schemas.ts';
import { parse } from '../../platform/validation.ts';

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
  const agency = await repo.findAgency(db, actor.partnershipId, agencyId);
  if (!agency) throw new NotFoundError();
  const teams = await repo.listTeams(db, actor.partnershipId, agency.id);
  return { agency, teams };
}

const DUPLICATE_AGENCY = 'An agency with this name already exists';

/** An agency's values as stored. */
const agencyValues = (a: AgencyInput): repo.AgencyValues => ({
  name: a.name,
  kind: a.kind,
  statutoryPartner: a.partnerType === 'statutory',
  active: a.active,
});

export async function createAgency(db: Db, actor: Actor, agency: AgencyInput): Promise<string> {
  requireAdmin(actor);
  const input = parse(agencySchema, agency);
  return db.transaction(async (tx) => {
    if (await repo.agencyNameTaken(tx, actor.partnershipId, input.name))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_AGENCY }]);
    const id = await uniqueAsFieldError(
      () => repo.insertAgency(tx, actor.partnershipId, agencyValues(input)),
      'name',
      DUPLICATE_AGENCY,
    );
    await audit(tx, actor, {
      action: 'admin.agency.create',
      entityType: 'agency',
      entityId: id,
      detail: { name: input.name, kind: input.kind, partnerType: input.partnerType, active: input.active },
    });
    return id;
  });
}

export async function updateAgency(db: Db, actor: Actor, id: string, agency: AgencyInput): Promise<void> {
  requireAdmin(actor);
  const input = parse(agencySchema, agency);
  await db.transaction(async (tx) => {
    const before = await repo.findAgency(tx, actor.partnershipId, id);
    if (!before) throw new NotFoundError();
    if (await repo.agencyNameTaken(tx, actor.partnershipId, input.name, id))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_AGENCY }]);
    await uniqueAsFieldError(
      () => repo.updateAgency(tx, actor.partnershipId, id, agencyValues(input)),
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
          { ...agencyValues(input) },
        ),
      },
    });
  });
}

export async function team(db: Db, actor: Actor, agencyId: string, teamId: string) {
  requireAdmin(actor);
  const found = await repo.findTeam(db, actor.partnershipId, teamId);
  if (!found || found.agencyId !== agencyId) throw new NotFoundError();
  return found;
}

const DUPLICATE_TEAM = 'This agency already has a team with this name';

export async function createTeam(db: Db, actor: Actor, aid: string, team: TeamInput): Promise<string> {
  requireAdmin(actor);
  const input = parse(teamSchema, team);
  return db.transaction(async (tx) => {
    if (!(await repo.findAgency(tx, actor.partnershipId, aid))) throw new NotFoundError();
    if (await repo.teamNameTaken(tx, actor.partnershipId, aid, input.name))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_TEAM }]);
    const id = await uniqueAsFieldError(
      () => repo.insertTeam(tx, actor.partnershipId, aid, input),
      'name',
      DUPLICATE_TEAM,
    );
    await audit(tx, actor, {
      action: 'admin.team.create',
      entityType: 'team',
      entityId: id,
      detail: { agencyId: aid, name: input.name, isMash: input.isMash, active: input.active },
    });
    return id;
  });
}

export async function updateTeam(
  db: Db,
  actor: Actor,
  aid: string,
  id: string,
  team: TeamInput,
): Promise<void> {
  requireAdmin(actor);
  const input = parse(teamSchema, team);
  await db.transaction(async (tx) => {
    const before = await repo.findTeam(tx, actor.partnershipId, id);
    if (!before || before.agencyId !== aid) throw new NotFoundError();
    if (await repo.teamNameTaken(tx, actor.partnershipId, aid, input.name, id))
      throw new ValidationError([{ field: 'name', message: DUPLICATE_TEAM }]);
    await uniqueAsFieldError(
      () => repo.updateTeam(tx, actor.partnershipId, id, input),
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
