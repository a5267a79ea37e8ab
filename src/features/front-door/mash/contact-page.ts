/**
 * Everything the MASH hub's contact page shows, gathered after the hub check and audited: the
 * referral, the people and their records, the history checks, what agencies hold about the adults
 * that bears on risk, the information requests and the merges.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePersonAccess } from '../../../platform/access/policy.ts';
import { aboutPerson, audit } from '../../../platform/audit.ts';
import { can } from '../../../platform/access/roles.ts';
import { AppError } from '../../../platform/errors.ts';
import { timeline, type TimelineEntry } from '../../chronology/service.ts';
import { requireHub } from '../access.ts';
import {
  auditContactView,
  contactHistory,
  hubOfficers,
  linkedPeople,
  loadContact,
  loadSubjects,
  type ContactRow,
  type LinkedPerson,
} from './contacts.ts';
import { decisionBlockers } from './decisions.ts';
import { agenciesToAsk, requestsForContact } from '../requests/requests.ts';
import { mergesForContact } from './merge.ts';
import { describeDeadline, requestDeadlinesFor } from '../settings.ts';
import { decisionClock } from '../timing.ts';

/** Chronology categories that bear on the risk an adult poses to a child. */
export const RISK_CATEGORIES = ['police_incident', 'domestic_abuse', 'probation', 'youth_justice'] as const;

export interface AdultRisk {
  person: LinkedPerson;
  entries: TimelineEntry[];
  /** Entries of the adult's the actor may not see (visibility): counted, not shown. */
  note: string | null;
}

/**
 * What agencies hold about each linked adult in the risk categories, as the chronology shows it
 * to the actor (visibility levels apply). Each read is audited.
 */
export async function adultRisks(db: Db, actor: Actor, contactId: string, adults: LinkedPerson[]) {
  const out: AdultRisk[] = [];
  for (const person of adults) {
    if (!person.canOpen) {
      out.push({
        person,
        entries: [],
        note: 'The MASH no longer has access to this record (the contact is decided).',
      });
      continue;
    }
    let access;
    try {
      access = await requirePersonAccess(db, actor, person.personId, 'chronology');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.push({ person, entries: [], note: 'You do not have access to this record.' });
      continue;
    }
    const t = await timeline(db, actor, access, {}, { all: true });
    const entries = t.entries.filter((e) => (RISK_CATEGORIES as readonly string[]).includes(e.category));
    await audit(
      db,
      actor,
      aboutPerson(person.personId, 'chronology.read', {
        page: 'mash.contact',
        contactId,
        categories: RISK_CATEGORIES,
        count: entries.length,
        basis: access.basis,
      }),
    );
    out.push({ person, entries, note: null });
  }
  return out;
}

/** Everything the hub's contact page shows, audited. */
export async function contactPage(db: Db, actor: Actor, contactId: string, now = new Date()) {
  requireHub(actor);
  const contact = await loadContact(db, actor.partnershipId, contactId);
  const [subjects, linked, requests, merges, officers, agencies, blockers, deadlines] = await Promise.all([
    loadSubjects(db, actor.partnershipId, contact.id),
    linkedPeople(db, actor, contact.id),
    requestsForContact(db, actor.partnershipId, contact.id, now),
    mergesForContact(db, actor.partnershipId, contact.id),
    hubOfficers(db, actor),
    agenciesToAsk(db, actor),
    decisionBlockers(db, actor, contact.id),
    requestDeadlinesFor(db, actor.partnershipId),
  ]);
  const history = await contactHistory(db, actor, contact);
  const byId = new Map(linked.map((p) => [p.personId, p]));
  const subjectsWithRecords = subjects.map((s) => ({
    ...s,
    record: s.personId ? byId.get(s.personId) : undefined,
  }));
  // Records on the contact that no one described (contacts made before the front door, or by hand).
  const described = new Set(subjects.map((s) => s.personId).filter(Boolean));
  const others = linked.filter((p) => !described.has(p.personId));
  await auditContactView(db, actor, contact.id, linked, 'mash.contact');
  const risks = await adultRisks(
    db,
    actor,
    contact.id,
    linked.filter((p) => p.kind === 'adult'),
  );
  return {
    contact,
    subjects: subjectsWithRecords,
    others,
    history,
    risks,
    requests,
    merges,
    officers,
    agencies,
    blockers,
    clock: clockOf(contact, now),
    // When answers are due, by RAG rating, in words.
    deadlines: Object.fromEntries(Object.entries(deadlines).map(([k, v]) => [k, describeDeadline(v)])),
    mayDecide: can(actor.roles, 'mash.decide'),
  };
}

/** The decision page: the contact, its children's records, requests still open, what blocks a decision. */
export async function decisionPage(db: Db, actor: Actor, contactId: string, now = new Date()) {
  requireHub(actor, 'mash.decide');
  const contact = await loadContact(db, actor.partnershipId, contactId);
  const [people, requests, blockers] = await Promise.all([
    linkedPeople(db, actor, contact.id),
    requestsForContact(db, actor.partnershipId, contact.id, now),
    decisionBlockers(db, actor, contact.id),
  ]);
  await auditContactView(db, actor, contact.id, people, 'mash.decision');
  return {
    contact,
    children: people.filter((p) => p.kind === 'child'),
    requests,
    waiting: requests.filter((r) => r.status === 'open').length,
    blockers,
    clock: clockOf(contact, now),
  };
}

const clockOf = (contact: ContactRow, now: Date) =>
  decisionClock(
    new Date(contact.receivedAt),
    contact.decisionDue,
    now,
    contact.decidedAt ? new Date(contact.decidedAt) : null,
  );
