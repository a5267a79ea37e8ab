/**
 * The MASH manager's threshold decision. One decision per contact: the decision is saved only
 * against the version of the contact the manager saw, so when two managers decide at once one wins
 * and the other is told. The decision hands the children on (a referral awaiting allocation, or the
 * early help waiting list), writes an entry on each child's chronology, closes open requests and
 * tells the referrer.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError } from '../../../platform/errors.ts';
import { formatDate, formatDateTime, londonToday } from '../../../platform/dates.ts';
import { recordSystemEvent } from '../../chronology/service.ts';
import { startEpisodeFromDecision, type DecidedReferral } from '../../casework/service.ts';
import { requireHub } from '../access.ts';
import { DECISIONS, REFERRAL_DECISIONS, type Decision } from '../codes.ts';
import { loadContact, loadSubjects } from './contacts.ts';
import { notifyDecided } from '../outbox/outbox.ts';
import * as repo from '../repository/decisions.ts';
import { withdrawOpenRequests } from '../repository/requests.ts';
import { Problems, parse } from '../../../platform/validation.ts';
import { decisionSchema, type DecisionInput } from '../schemas.ts';

export class DecisionConflictError extends ConflictError {}

/** What a decision started: the episodes of need it opened, and why any child's was not. */
export interface DecisionOutcome {
  episodesOpened: number;
  /** One sentence's end per child whose episode did not open (no names: the caller adds none). */
  notOpened: string[];
}

/** The teams the decision may send the work to (for the page). */
export function teamsForDecision(db: Db, actor: Actor) {
  requireHub(actor, 'mash.decide');
  return repo.teamsToWaitFor(db, actor.partnershipId, actor.agencyId);
}

/** What must be true before deciding: every child on the contact linked to a record. */
export async function decisionBlockers(db: Db, actor: Actor, contactId: string): Promise<string[]> {
  const subjects = await loadSubjects(db, actor.partnershipId, contactId);
  return subjects
    .filter((s) => s.kind === 'child' && !s.personId)
    .map((s) => {
      const name = [s.givenName, s.familyName].filter(Boolean).join(' ') || 'the unborn child';
      return `Link ${name} to a record (an existing one or a new one) before deciding`;
    });
}

/** The decision that goes furthest (the list runs from no further action to immediate protection). */
const furthest = (ds: Decision[]): Decision =>
  ds.reduce((a, b) => (DECISION_ORDER.indexOf(b) > DECISION_ORDER.indexOf(a) ? b : a));
const DECISION_ORDER: readonly Decision[] = DECISIONS.values;

export async function decide(
  db: Db,
  actor: Actor,
  contactId: string,
  input: DecisionInput,
  now = new Date(),
): Promise<DecisionOutcome> {
  requireHub(actor, 'mash.decide');
  const contact = await loadContact(db, actor.partnershipId, contactId);
  // Every problem at once: the input's, and the children still to link.
  const p = new Problems();
  let checked: DecisionInput | undefined;
  try {
    checked = parse(decisionSchema, input);
  } catch (err) {
    p.absorb(err);
  }
  for (const b of await decisionBlockers(db, actor, contact.id)) p.add('decision', b);
  if (contact.status !== 'open')
    throw alreadyDecided(contact.decidedByName, contact.decidedAt, contact.decision);
  const children = await repo.childrenOn(db, contact.id);
  // Each child's decision: their own where siblings differ, else the one for all.
  const each = new Map<string, Decision>();
  for (const c of children) {
    const own = checked?.childDecisions?.[c.id];
    if (own) each.set(c.id, own);
    else if (checked?.childDecisions) p.add(`childDecisions-${c.id}`, `Select the decision for ${c.name}`);
    else if (checked?.decision) each.set(c.id, checked.decision);
  }
  const teams = await repo.teamsToWaitFor(db, actor.partnershipId, actor.agencyId);
  const hands = [...each.values()].some((d) => REFERRAL_DECISIONS.includes(d));
  if (hands && checked?.teamId && !teams.some((t) => t.id === checked.teamId))
    p.add('teamId', 'Select the team the work will wait for, from the list');
  p.check();
  const { rationale, version, feedback } = checked!;
  const decision = each.size ? furthest([...each.values()]) : checked!.decision!;
  const teamId = hands ? checked!.teamId! : null;
  const outcome: DecisionOutcome = { episodesOpened: 0, notOpened: [] };

  await db.transaction(async (tx) => {
    const decided = await repo.decideOpenContact(tx, {
      partnershipId: actor.partnershipId,
      contactId: contact.id,
      version,
      decision,
      rationale,
      feedback,
      at: now,
      by: actor.userId,
    });
    if (!decided) {
      const now_ = await repo.decisionState(tx, contact.id);
      if (now_?.status !== 'open')
        throw alreadyDecided(now_?.by ?? null, now_?.at ?? null, now_?.decision ?? null);
      throw new DecisionConflictError(
        'The contact changed after you opened it (for example its RAG rating). Your decision was not saved: check the contact and decide again.',
      );
    }
    // The children decided are the ones the manager saw: a child linked meanwhile means deciding again.
    const childrenNow = (await repo.childrenOn(tx, contact.id)).map((c) => c.id).sort();
    if (
      childrenNow.join() !==
      children
        .map((c) => c.id)
        .sort()
        .join()
    )
      throw new DecisionConflictError(
        'The children on the contact changed while you were deciding. Your decision was not saved: check the contact and decide again.',
      );
    const receivedOn = londonToday(new Date(contact.receivedAt));
    for (const { id: childId } of children) {
      const childDecision = each.get(childId)!;
      await repo.recordChildDecision(tx, contact.id, childId, childDecision);
      const handOn = {
        partnershipId: actor.partnershipId,
        contactId: contact.id,
        personId: childId,
        createdBy: actor.userId,
      };
      await recordSystemEvent(tx, actor, childId, {
        category: 'referral',
        summary: `Front door decision: ${DECISIONS.labelOf(childDecision)}`,
        detail: `Contact ${contact.reference ?? ''} received ${formatDate(receivedOn)}; decided by ${actor.name} (MASH).`,
        occurredOn: londonToday(now),
        significance:
          childDecision === 'strategy_section_47' || childDecision === 'immediate_protection'
            ? 'high'
            : 'medium',
      });
      if (REFERRAL_DECISIONS.includes(childDecision)) {
        const referralId = await repo.insertReferral(tx, {
          ...handOn,
          decision: childDecision,
          referralDate: receivedOn,
          receivedAt: contact.receivedAt,
          teamId,
          decidedAt: now,
          rag: contact.rag,
          immediateRisk: 'status' in contact.risks && contact.risks.status === 'yes',
        });
        // The decision starts the work: the child's episode of need and its clocks, at once.
        const started = await startEpisodeFromDecision(tx, actor, {
          referralId,
          personId: childId,
          referralDate: receivedOn,
          decision: childDecision as DecidedReferral['decision'],
          referrerType: contact.referrerType,
          referrerAgencyKind: contact.sourceAgencyKind,
        });
        if (started.opened) outcome.episodesOpened++;
        else outcome.notOpened.push(started.message);
      } else if (childDecision === 'early_help') {
        await repo.insertEarlyHelpRequest(tx, handOn);
      }
      await audit(tx, actor, {
        action: 'contact.decide',
        entityType: 'contact',
        entityId: contact.id,
        personId: childId,
        detail: { decision: childDecision, teamId },
      });
    }
    await withdrawOpenRequests(tx, contact.id, 'The contact was decided');
    if (contact.reference) {
      await notifyDecided(tx, actor.partnershipId, {
        contactId: contact.id,
        reference: contact.reference,
        referrerUserId: contact.referrerUserId,
        referrerEmail: contact.referrerUserId
          ? null
          : (('email' in contact.referrer ? contact.referrer.email : null) ?? null),
        decision,
        decidedAt: now,
      });
    }
  });
  return outcome;
}

function alreadyDecided(by: string | null, at: Date | null, decision: string | null): DecisionConflictError {
  return new DecisionConflictError(
    `${by ?? 'Another manager'} decided this contact${at ? ` at ${formatDateTime(at)}` : ''}: ${DECISIONS.labelOf(decision) || 'decided'}. Your decision was not saved.`,
  );
}
