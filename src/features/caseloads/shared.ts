/**
 * What the caseload services share: what they read of statutory casework, who may manage a team,
 * how a child is shown, list audit.
 */
import type { Actor } from '../../platform/access/actor.ts';
import { personAccessMany, requirePermission } from '../../platform/access/policy.ts';
import { aboutPerson, auditMany } from '../../platform/audit.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import type { Db } from '../../db/index.ts';
import { driftFacts, openWorkItems } from '../casework/service.ts';
import type { ChildRow } from './repository.ts';

/**
 * What caseloads reads of statutory casework (its service's open work items and drift facts).
 * The services take it as an option so that tests can give them work without whole episodes.
 */
export interface CaseworkReads {
  openWorkItems: typeof openWorkItems;
  driftFacts: typeof driftFacts;
}

export const casework: CaseworkReads = { openWorkItems, driftFacts };

export interface ShownChild {
  personId: string;
  name: string;
  dateOfBirth: string | null;
  unborn: boolean;
  /** A restricted record the viewer is not named on: no name, no link. */
  hidden: boolean;
  href: string | null;
}

export function shown(c: ChildRow): ShownChild {
  return {
    personId: c.personId,
    name: c.hidden ? 'Restricted record' : `${c.givenName} ${c.familyName}`.trim(),
    dateOfBirth: c.hidden ? null : c.dateOfBirth,
    unborn: c.hidden ? false : c.unborn,
    hidden: c.hidden,
    href: c.hidden ? null : `/people/${c.personId}`,
  };
}

/** A team manager acting on their own team: the permission, and a team to act on. */
export function requireTeam(actor: Actor, permission: 'caseload.view_team' | 'caseload.allocate'): string {
  requirePermission(actor, permission);
  if (!actor.teamId) throw new ForbiddenError('You are not a member of a team, so there is no team to show.');
  return actor.teamId;
}

/** One audit event per child whose name a list showed (restricted records shown without a name are not). */
export async function auditListed(
  db: Db,
  actor: Actor,
  children: Iterable<ShownChild>,
  page: string,
): Promise<void> {
  const ids = new Set<string>();
  for (const c of children) if (!c.hidden) ids.add(c.personId);
  await auditMany(
    db,
    actor,
    [...ids].map((id) => aboutPerson(id, 'person.listed', { page })),
  );
}

/**
 * The children a list names, linked only where the viewer may open the record (the same policy
 * the record page asks); any other child is named without a link.
 */
export async function linkOpenable<T extends { child: ShownChild }>(
  db: Db,
  actor: Actor,
  rows: T[],
): Promise<T[]> {
  const access = await personAccessMany(
    db,
    actor,
    rows.map((r) => r.child.personId),
  );
  return rows.map((r) =>
    access.get(r.child.personId.toLowerCase())?.canOpen ? r : { ...r, child: { ...r.child, href: null } },
  );
}
