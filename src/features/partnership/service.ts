/** The partnership itself: its hub page, partners, arrangements, priorities, funding and meetings. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { SECTIONS, type Section } from './sections.ts';

/** The hub's sections the actor may open. */
export async function hub(db: Db, actor: Actor): Promise<{ sections: Section[] }> {
  requirePermission(actor, 'assurance.read');
  await audit(db, actor, { action: 'partnership.hub_viewed' });
  return { sections: SECTIONS.filter((s) => can(actor.roles, s.permission)) };
}
