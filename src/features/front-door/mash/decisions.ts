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
import { requireHub } from '../access.ts';
import { decisionLabel, isDecision, REFERRAL_DECISIONS, type Decision } from '../codes.ts';
import { loadContact, loadSubjects } from './contacts.ts';
import { notifyDecided } from '../outbox/outbox.ts';
import { LONG_MAX, Problems, text } from '../referrals/rules.ts';

export class DecisionConflictError extends ConflictError {}

export interface DecisionInput {
  version: number;
  decision: string;
  rationale: string;
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

export async function decide(
  db: Db,
  actor: Actor,
  contactId: string,
  input: DecisionInput,
  now = new Date(),
): Promise<void> {
  requireHub(actor, 'mash.decide');
  const contact = await loadContact(db, actor.partnershipId, contactId);
  const p = new Problems();
  if (!isDecision(input.decision)) p.add('decision', 'Select the decision');
  const rationale = text(p, 'rationale', 'Rationale', input.rationale, LONG_MAX);
  if (rationale.length < 10)
    p.add('rationale', 'Give the rationale for your decision, in at least 10 characters');
  if (!Number.isInteger(input.version) || input.version < 1)
    p.add('form', 'The form was incomplete. Reload the page and try again.');
  for (const b of await decisionBlockers(db, actor, contact.id)) p.add('decision', b);
  if (contact.status !== 'open')
    throw alreadyDecided(contact.decidedByName, contact.decidedAt, contact.decision);
  p.throwIfAny();
  const decision = input.decision as Decision;

  await db.transaction(async (tx) => {
    const updated = await tx.query<{ id: string }>(
      `update contact set status = 'decided', decision = $3, decision_rationale = $4, decided_at = $5, decided_by = $6,
         version = version + 1
       where id = $1 and partnership_id = $2 and status = 'open' and version = $7 returning id`,
      [contact.id, actor.partnershipId, decision, rationale, now, actor.userId, input.version],
    );
    if (!updated.length) {
      const [now_] = await tx.query<{
        status: string;
        by: string | null;
        at: Date | null;
        decision: string | null;
      }>(
        `select c.status, u.display_name as by, c.decided_at as at, c.decision from contact c
         left join app_user u on u.id = c.decided_by where c.id = $1`,
        [contact.id],
      );
      if (now_?.status !== 'open')
        throw alreadyDecided(now_?.by ?? null, now_?.at ?? null, now_?.decision ?? null);
      throw new DecisionConflictError(
        'The contact changed after you opened it (for example its RAG rating). Your decision was not saved: check the contact and decide again.',
      );
    }
    const children = await tx.query<{ id: string }>(
      `select p.id from contact_person cp join person p on p.id = cp.person_id
       where cp.contact_id = $1 and p.kind = 'child' order by p.family_name, p.given_name`,
      [contact.id],
    );
    const receivedOn = londonToday(new Date(contact.receivedAt));
    for (const child of children) {
      await recordSystemEvent(tx, actor, child.id, {
        category: 'referral',
        summary: `Front door decision: ${decisionLabel(decision)}`,
        detail: `Contact ${contact.reference ?? ''} received ${formatDate(receivedOn)}; decided by ${actor.name} (MASH).`,
        occurredOn: londonToday(now),
        significance:
          decision === 'strategy_section_47' || decision === 'immediate_protection' ? 'high' : 'medium',
      });
      if (REFERRAL_DECISIONS.includes(decision)) {
        await tx.query(
          `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at, created_by,
             repeat_of)
           values ($1,$2,$3,$4,$5,$6,$7, (select r.id from referral r where r.person_id = $3 and r.partnership_id = $1
             and r.referral_date < $5 and r.referral_date >= ($5::date - interval '12 months')
             order by r.referral_date desc limit 1))`,
          [actor.partnershipId, contact.id, child.id, decision, receivedOn, contact.receivedAt, actor.userId],
        );
      } else if (decision === 'early_help') {
        await tx.query(
          `insert into early_help_request (partnership_id, contact_id, person_id, created_by) values ($1,$2,$3,$4)`,
          [actor.partnershipId, contact.id, child.id, actor.userId],
        );
      }
      await audit(tx, actor, {
        action: 'contact.decide',
        entityType: 'contact',
        entityId: contact.id,
        personId: child.id,
        detail: { decision },
      });
    }
    await tx.query(
      `update information_request set status = 'withdrawn', closed_reason = 'The contact was decided'
       where contact_id = $1 and status = 'open'`,
      [contact.id],
    );
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
}

function alreadyDecided(by: string | null, at: Date | null, decision: string | null): DecisionConflictError {
  return new DecisionConflictError(
    `${by ?? 'Another manager'} decided this contact${at ? ` at ${formatDateTime(at)}` : ''}: ${decisionLabel(decision) || 'decided'}. Your decision was not saved.`,
  );
}
