/**
 * Who may see and change an early help episode. The lead practitioner and the early help service
 * see and change it; the team around the family sees it while the family's consent stands (or the
 * safeguarding condition is recorded); social care sees the history of children allocated to them
 * and the MASH of children on an open contact; the social worker who stepped it down sees it.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { worksInMashHub } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import * as repo from './repository/episodes.ts';

export type Seat = 'lead' | 'offered' | 'service' | 'team' | 'social_care' | 'mash' | 'stepped_down';

export interface Seen {
  episode: repo.EpisodeRow;
  seat: Seat;
  /** The lead (while open) or the early help service. */
  mayChange: boolean;
  /** The team around the family may record its meetings. */
  mayMeet: boolean;
}

const consentStands = (e: repo.EpisodeRow) => e.consent === 'given' || e.safeguardingBy !== null;

export async function seatOf(db: Db, actor: Actor, e: repo.EpisodeRow): Promise<Seat | undefined> {
  const s = await repo.standing(db, e.id, actor.userId, actor.teamId);
  // The practitioner asked to take a step-down answers it, even one of the early help service.
  if (s.lead && e.status === 'offered') return 'offered';
  if (can(actor.roles, 'early_help.service')) return 'service';
  if (s.lead && can(actor.roles, 'early_help.lead')) return 'lead';
  if (s.team && consentStands(e)) return 'team';
  if (s.allocated && can(actor.roles, 'casework.read')) return 'social_care';
  if (s.onContact && worksInMashHub(actor)) return 'mash';
  if (s.creator && can(actor.roles, 'casework.record')) return 'stepped_down';
  if (s.team) {
    await audit(db, actor, {
      action: 'early_help.consent_refused',
      entityType: 'eh_episode',
      entityId: e.id,
    });
    throw new ForbiddenError(
      'The family has withdrawn their consent to share early help information with the team around them, and no safeguarding decision overrides it.',
    );
  }
  return undefined;
}

/** The episode, if the actor may see it (404 otherwise, so that it does not show it exists). */
export async function seen(db: Db, actor: Actor, id: string, lock = false): Promise<Seen> {
  const e = await repo.episode(db, actor.partnershipId, id, lock);
  if (!e) throw new NotFoundError();
  const seat = await seatOf(db, actor, e);
  if (!seat) {
    await audit(db, actor, { action: 'early_help.access_refused', entityType: 'eh_episode', entityId: id });
    throw new NotFoundError();
  }
  const open = e.status === 'open';
  return {
    episode: e,
    seat,
    mayChange: open && (seat === 'lead' || seat === 'service'),
    mayMeet: open && (seat === 'lead' || seat === 'service' || seat === 'team'),
  };
}

/** The episode for a change: seen, open, and the actor its lead or the early help service. */
export async function forChange(db: Db, actor: Actor, id: string, what: 'change' | 'meet' = 'change') {
  const s = await seen(db, actor, id, true);
  if (s.episode.status === 'closed') throw new ConflictError('This early help episode is closed');
  if (s.episode.status === 'offered')
    throw new ConflictError('This early help episode is waiting for its lead practitioner to accept it');
  if (!(what === 'meet' ? s.mayMeet : s.mayChange)) throw new ForbiddenError();
  return s;
}

/** Every member of the family read: one audit event for each. */
export async function auditFamily(
  db: Db,
  actor: Actor,
  personIds: string[],
  action: string,
  episodeId: string,
) {
  await auditMany(
    db,
    actor,
    personIds.map((id) => aboutPerson(id, action, { episodeId })),
  );
}
