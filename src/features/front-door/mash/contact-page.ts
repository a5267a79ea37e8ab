/**
 * Everything the MASH hub's contact page shows, gathered after the hub check and audited: the
 * referral, the people and their records, the history checks, what agencies hold about the adults
 * that bears on risk, the information requests and the merges.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany, requirePersonAccess } from '../../../platform/access/policy.ts';
import { aboutPerson, audit } from '../../../platform/audit.ts';
import { can } from '../../../platform/access/roles.ts';
import { AppError } from '../../../platform/errors.ts';
import { timeline, type TimelineEntry } from '../../chronology/service.ts';
import { INVOLVEMENT_ROLES, RELATIONSHIP_KINDS } from '../../people/service.ts';
import {
  adultsLinkedTo,
  involvementsOf,
  type AdultOnContact,
  type InvolvementOfAdult,
} from '../repository/adults.ts';
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
import { earlyHelpOf } from '../repository/early-help.ts';
import { londonToday } from '../../../platform/dates.ts';

/** Chronology categories that bear on the risk an adult poses to a child. */
export const RISK_CATEGORIES = ['police_incident', 'domestic_abuse', 'probation', 'youth_justice'] as const;
const isRisk = (e: TimelineEntry) => (RISK_CATEGORIES as readonly string[]).includes(e.category);

export interface AdultHistory {
  person: AdultOnContact;
  /** "Parent of Ellie Marsh", from the person index's relationships. */
  links: string[];
  entries: TimelineEntry[];
  involvements: (InvolvementOfAdult & { roleLabel: string })[];
}

/** The children's own chronology entries in the risk categories (what agencies recorded about the household). */
export interface ChildRiskEntries {
  person: LinkedPerson;
  entries: TimelineEntry[];
}

/** What agencies hold about the adults linked to a contact's children (the contact and decision pages). */
export interface AdultsPanel {
  adults: AdultHistory[];
  children: ChildRiskEntries[];
  /** Adults linked to the children whose records the actor may not open: counted, never named. */
  unopenable: number;
}

const linkWords = (l: AdultOnContact['links'][number]) => {
  const kind = RELATIONSHIP_KINDS.find((k) => k.value === l.kind);
  return `${(l.side === 'label' ? kind?.label : kind?.inverse) ?? 'Linked'} of ${l.childName}`;
};

/**
 * What agencies hold about every adult linked to the contact's children: the adults on the contact
 * (named in the referral or linked by the MASH) and the adults the person index relates to a child
 * on it. For each adult the actor may open: their chronology entries in the risk categories and the
 * agencies involved with them. Besides, the risk entries on the children's own chronologies, where
 * agencies often record what an adult of the household did (a father's probation order).
 *
 * Visibility: access to each adult is decided by the policy (requirePersonAccess); a restricted
 * adult the actor is not named on is left out altogether (it must not show that it exists); any
 * other adult the actor may not open is counted, not shown. Entries of a visibility level the actor
 * may not see are left out, as on the chronology itself: a count of them would tell which agency
 * holds something it has chosen not to share. Each record read is audited.
 */
export async function adultsPanel(
  db: Db,
  actor: Actor,
  contactId: string,
  children: LinkedPerson[],
  page: 'mash.contact' | 'mash.decision' = 'mash.contact',
): Promise<AdultsPanel> {
  const adults = await adultsLinkedTo(db, actor.partnershipId, contactId);
  const access = await personAccessMany(
    db,
    actor,
    adults.map((a) => a.personId),
  );
  const shown = adults.filter((a) => access.get(a.personId)?.canOpen);
  const unopenable = adults.filter((a) => {
    const x = access.get(a.personId);
    return x && !x.hidden && !x.canOpen;
  }).length;
  const involvements = await involvementsOf(
    db,
    actor.partnershipId,
    shown.map((a) => a.personId),
  );
  const out: AdultHistory[] = [];
  for (const person of shown) {
    const checked = await readRisks(db, actor, { page, contactId }, person.personId);
    if (!checked) continue;
    out.push({
      person,
      links: person.links.map(linkWords),
      entries: checked,
      involvements: involvements
        .filter((i) => i.personId === person.personId)
        .map((i) => ({ ...i, roleLabel: INVOLVEMENT_ROLES.labelOf(i.role) })),
    });
  }
  const kids: ChildRiskEntries[] = [];
  for (const child of children.filter((c) => c.canOpen && c.kind === 'child')) {
    const entries = await readRisks(db, actor, { page, contactId }, child.personId);
    if (entries?.length) kids.push({ person: child, entries });
  }
  return { adults: out, children: kids, unopenable };
}

/** The person's visible chronology entries in the risk categories, the read audited; null when refused. */
async function readRisks(db: Db, actor: Actor, where: { page: string; contactId: string }, personId: string) {
  let access;
  try {
    access = await requirePersonAccess(db, actor, personId, 'chronology');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return null;
  }
  const t = await timeline(db, actor, access, {}, { all: true });
  const entries = t.entries.filter(isRisk);
  await audit(
    db,
    actor,
    aboutPerson(personId, 'chronology.read', {
      ...where,
      categories: RISK_CATEGORIES,
      count: entries.length,
      basis: access.basis,
    }),
  );
  return entries;
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
  const risks = await adultsPanel(db, actor, contact.id, linked);
  // Early help already tried with these children, and a family back within 12 months of it.
  const earlyHelp = await earlyHelpOf(
    db,
    actor.partnershipId,
    linked.filter((p) => p.kind === 'child').map((p) => p.personId),
    londonToday(now),
  );
  return {
    contact,
    earlyHelp,
    subjects: subjectsWithRecords,
    others,
    history,
    adults: risks,
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
    // For the decision page's `{% include "front-door/views/_adults-panel.njk" %}`.
    adults: await adultsPanel(db, actor, contact.id, people, 'mash.decision'),
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
