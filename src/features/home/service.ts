import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { admits, can } from '../../platform/access/roles.ts';
import { worksInMashHub } from '../../platform/access/policy.ts';
import { aboutPerson, auditMany } from '../../platform/audit.ts';
import { PAGE_SIZE } from '../../platform/due.ts';
import { requestsWaiting } from '../front-door/service.ts';
import { escalationReminders } from '../escalations/service.ts';
import { earlyHelpReminders } from '../early-help/service.ts';
import * as repo from './repository.ts';

export type { PersonRow } from './repository.ts';

export interface HomeData {
  allocated: repo.PersonRow[];
  openContacts: repo.PersonRow[];
  involved: repo.PersonRow[];
  involvedTotal: number;
  /** The page of `involved` shown (from 1), of how many. */
  involvedPage: number;
  involvedPages: number;
  breakGlassToReview: number;
  counts?: repo.OrganisationCounts;
  /** The MASH's requests waiting for the user's agency to answer (users who answer for it). */
  requestsWaiting: Awaited<ReturnType<typeof requestsWaiting>>;
  /** Open escalations the user or their agency takes part in, soonest due first. */
  escalations: Awaited<ReturnType<typeof escalationReminders>>;
  /** The early help families the user leads, is offered or is in the team around, with what is due. */
  earlyHelp: Awaited<ReturnType<typeof earlyHelpReminders>>;
}

/**
 * What each user comes to do, from the records they have a working relationship with: their
 * allocated children, children on open MASH contacts, children their agency is involved with.
 * The names listed are reads of personal data, so each is audited.
 */
export async function homeData(db: Db, actor: Actor, involvedPage = 1): Promise<HomeData> {
  const pid = actor.partnershipId;
  const allocated = await repo.allocatedChildren(db, pid, actor.userId);
  // Only the council's MASH hub sees children through open contacts (partner MASH desks answer requests).
  const openContacts = worksInMashHub(actor) ? await repo.childrenOnOpenContacts(db, pid) : [];
  // The children an involvement of the user's team (or of their agency, naming no team) opens to them.
  const { children: involved, total: involvedTotal } =
    admits(actor.roles, 'record', 'team_involvement') && !worksInMashHub(actor)
      ? await repo.involvedChildren(db, pid, actor.agencyId, actor.teamId, {
          limit: PAGE_SIZE,
          offset: (involvedPage - 1) * PAGE_SIZE,
        })
      : { children: [], total: 0 };
  const involvedPages = Math.max(1, Math.ceil(involvedTotal / PAGE_SIZE));
  const breakGlassToReview = can(actor.roles, 'breakglass.review')
    ? await repo.breakGlassAwaitingReview(db, pid)
    : 0;
  const counts = can(actor.roles, 'admin.manage') ? await repo.organisationCounts(db, pid) : undefined;
  const listed = [...allocated, ...openContacts, ...involved];
  await auditMany(
    db,
    actor,
    [...new Set(listed.map((p) => p.id))].map((id) => aboutPerson(id, 'person.listed', { page: 'home' })),
  );
  return {
    allocated,
    openContacts,
    involved,
    involvedTotal,
    involvedPage,
    involvedPages,
    breakGlassToReview,
    counts,
    requestsWaiting: await requestsWaiting(db, actor),
    escalations: await escalationReminders(db, actor),
    earlyHelp: await earlyHelpReminders(db, actor),
  };
}
