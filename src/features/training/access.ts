import type { Actor } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/roles.ts';
import { ForbiddenError } from '../../platform/errors.ts';

/** The catalogue is for whoever books training and for the partnership's readers. */
export function mayReadTraining(actor: Actor): boolean {
  return can(actor.roles, 'training.book') || can(actor.roles, 'assurance.read');
}

export function requireTrainingReader(actor: Actor): void {
  if (!mayReadTraining(actor)) throw new ForbiddenError();
}
