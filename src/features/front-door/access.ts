/** Who may do what at the front door: permissions from the role table, plus the MASH hub rule. */
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission, worksInMashHub } from '../../platform/access/policy.ts';
import type { Permission } from '../../platform/access/roles.ts';
import { ForbiddenError } from '../../platform/errors.ts';

/**
 * MASH hub work (the queue, contacts, matching, decisions): the permission and membership of the
 * hub. Partner agencies' MASH staff hold the role but answer their own agency's requests only.
 */
export function requireHub(actor: Actor, permission: Permission = 'mash.work'): void {
  requirePermission(actor, permission);
  if (!worksInMashHub(actor)) throw new ForbiddenError();
}
