/**
 * Roles say what a user may do; relationships (policy.ts) say to which child. This table is the
 * one place that maps roles to permissions.
 */
import { valuesOf } from '../codes.ts';

export const ROLE_LABELS = {
  mash_officer: 'MASH officer',
  mash_manager: 'MASH manager',
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  principal_social_worker: 'Principal social worker',
  referrer: 'Referrer',
  early_help_lead: 'Early help lead practitioner',
  partner_practitioner: 'Partner agency practitioner',
  business_manager: 'Partnership business manager',
  agency_lead: 'Agency safeguarding lead',
  scrutineer: 'Independent scrutineer',
  dpo: 'Data protection officer',
  sysadmin: 'System administrator',
} as const;
export type Role = keyof typeof ROLE_LABELS;
export const ROLES = valuesOf(ROLE_LABELS);

export const PERMISSIONS = [
  'person.search',
  'person.create',
  'person.edit',
  /** Read the record itself: names, identifiers, addresses, relationships, households, involvements. */
  'record.read',
  /** Read the multi-agency chronology, its exports and its API. */
  'chronology.read',
  'chronology.add',
  'breakglass.use',
  'breakglass.review',
  /** "Who has looked at this record", for records the user may open. */
  'audit.person_views',
  /** "Who has looked at this record" for any record of the partnership (the data protection officer). */
  'audit.any_person_views',
  'audit.verify',
  /** The list of every change of users' roles (who gave whom which role, who approved it). */
  'audit.role_changes',
  'admin.manage',
  /** Hold API tokens: a token acts as its user, with the user's other permissions and relationships. */
  'api.use',
  /** Make a referral to the front door and follow its outcome. */
  'referral.make',
  /** Work contacts in the MASH hub: queue, matching, RAG, information requests, phone referrals. */
  'mash.work',
  /** Make the MASH threshold decision. */
  'mash.decide',
  /** The MASH dashboard: counts, no names. */
  'mash.dashboard',
  /** Answer the MASH information requests addressed to one's own agency. */
  'mash.answer',
  /** Read a child's statutory casework (episodes, assessments, child protection, the child's voice). */
  'casework.read',
  /** Record casework: assessments, strategy discussions, enquiries, conferences, plans, visits. */
  'casework.record',
  /** The manager's decisions in casework: authorise, sign off, end plans, close episodes. */
  'casework.authorise',
  /** Casework's local practice settings: how often a child on a child protection plan is visited. */
  'casework.settings',
  /** One's own allocated children and their work, by due date ("Your work"). */
  'caseload.view_own',
  /** One's own team: caseloads, unallocated children, overdue work. */
  'caseload.view_team',
  /** Allocate and reallocate children to workers. */
  'caseload.allocate',
  /** The drift report: team managers for their team, the scrutineer across the partnership. */
  'caseload.drift',
  /** The partnership's pages: arrangements, priorities, meetings, actions, challenges, results. */
  'assurance.read',
  /** Run the partnership: partners, arrangements drafts, priorities, measures, funding, meetings,
   * actions, case audits, section 11 rounds, training courses, feedback. */
  'partnership.manage',
  /** Sign off for one's own agency when it is a statutory partner (the service checks the agency). */
  'partnership.sign_off',
  /** Update the actions one's agency owns (the business manager: any action). */
  'actions.update',
  /** Raise challenges, judge answers, draft and publish scrutiny reports. */
  'scrutiny.challenge',
  /** Answer a challenge for one's own agency. */
  'scrutiny.respond',
  /** Answer a case audit's questions for one's own agency, for the sampled children, while it runs. */
  'case_audit.answer',
  /** Complete one's own agency's section 11 (or schools' 175/157) self-assessment. */
  'section11.complete',
  /** Book training, cancel and evaluate one's own place. */
  'training.book',
  /** Raise a professional disagreement about a child's case with another agency, and answer one. */
  'escalation.raise',
  /** Notify the national panel of a serious incident (the council: the service checks the agency). */
  'review.notify',
  /** Practice reviews and the learning across them (an agency lead: reviews its agency takes part in). */
  'review.read',
  /** Run practice reviews: the rapid review, the local review, recommendations, publication. */
  'review.manage',
  /** Add one's own agency's analysis to a review the agency takes part in. */
  'review.contribute',
  /** Lead early help for a family, or sit on its team around the family (early-help relationship). */
  'early_help.lead',
  /** The early help service: every early help episode, its queue, its settings. */
  'early_help.service',
  /** The statutory returns: the CIN census (build, validate, export, import) and Ofsted's Annex A lists.
   * The files hold children's identifiers, so each export is audited. */
  'returns.produce',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The parts of a child's record, each read under its own permission. */
export const RECORD_PARTS = {
  record: 'record.read',
  chronology: 'chronology.read',
  casework: 'casework.read',
} as const satisfies Record<string, Permission>;
export type RecordPart = keyof typeof RECORD_PARTS;

const reader: Permission[] = ['record.read', 'chronology.read'];
const practitioner: Permission[] = [
  ...reader,
  'person.search',
  'chronology.add',
  'breakglass.use',
  'referral.make',
  'api.use',
  'training.book',
  'escalation.raise',
];
/**
 * MASH work. 'mash.work' and 'mash.decide' take effect only in the MASH hub (the local authority's
 * MASH: policy.ts worksInMashHub); partner agencies' MASH staff answer their agency's requests.
 */
const mash: Permission[] = ['mash.work', 'mash.answer', 'mash.dashboard'];

/** What each role may do. docs/access.md holds the same table; the access tests read it from there. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  mash_officer: [...practitioner, 'person.create', 'person.edit', ...mash],
  mash_manager: [
    ...practitioner,
    'person.create',
    'person.edit',
    'audit.person_views',
    ...mash,
    'mash.decide',
  ],
  social_worker: [
    ...practitioner,
    'person.create',
    'person.edit',
    'casework.read',
    'casework.record',
    'caseload.view_own',
  ],
  team_manager: [
    ...practitioner,
    'person.create',
    'person.edit',
    'audit.person_views',
    'casework.read',
    'casework.record',
    'casework.authorise',
    'casework.settings',
    'caseload.view_own',
    'caseload.view_team',
    'caseload.allocate',
    'caseload.drift',
    'review.notify',
  ],
  early_help_lead: [...practitioner, 'person.create', 'person.edit', 'early_help.lead', 'early_help.service'],
  // Leads social work practice: sets the local practice settings; no child's record by this role.
  principal_social_worker: ['casework.settings', 'training.book'],
  // An agency without a MASH desk (a school, a GP practice) answers requests through its practitioners.
  partner_practitioner: [...practitioner, 'mash.answer', 'early_help.lead'],
  // A referrer sees what they referred and its outcome, never a record.
  referrer: ['referral.make'],
  // The business manager works with counts, never a child's record.
  // The returns carry children's identifiers but never open a record: the failure list names the LA
  // child ID and the rule, and the social workers fix the records.
  business_manager: [
    'mash.dashboard',
    'api.use',
    'assurance.read',
    'partnership.manage',
    'actions.update',
    'review.read',
    'review.manage',
    'returns.produce',
  ],
  // Speaks for an agency in the partnership: a child's record only as a case audit's auditor
  // (ROLE_RELATIONSHIPS: the audit sample), never by search or lists.
  agency_lead: [
    'record.read',
    'chronology.read',
    'casework.read',
    'api.use',
    'assurance.read',
    'partnership.sign_off',
    'actions.update',
    'scrutiny.respond',
    'case_audit.answer',
    'section11.complete',
    'training.book',
    'escalation.raise',
    'review.read',
    'review.contribute',
  ],
  scrutineer: [
    ...reader,
    'person.search',
    'casework.read',
    'caseload.drift',
    'mash.dashboard',
    'api.use',
    'assurance.read',
    'scrutiny.challenge',
    'review.read',
  ],
  // The DPO sees who looked at a record, not the record.
  dpo: ['person.search', 'audit.any_person_views', 'breakglass.review', 'audit.verify', 'audit.role_changes'],
  // Administrators manage users and see no child data.
  sysadmin: ['admin.manage', 'audit.verify'],
};

/**
 * The working relationships that admit a user to a child's record (policy.ts works each out):
 * - allocation: the user holds an open allocation for the child;
 * - team_allocation: the child is allocated to the user's team (its manager);
 * - waiting_team: a referral of the child awaits allocation to the user's team (its manager);
 * - team_involvement: an open involvement names the user's team;
 * - agency_involvement: an open involvement names the user's agency and no team;
 * - mash_contact: the child (or a child linked to this adult) is on an open contact, and the user
 *   works in the council's MASH hub;
 * - linked_child: the person is an adult linked to a child the user sees by allocation or involvement;
 * - break_glass: the user gave a reason and the time limit has not passed;
 * - scrutiny: reading across the partnership (every read is still audited);
 * - audit_sample: the child is in the sample of an open case audit (between its dates, not closed)
 *   and the user is one of its named auditors, for an agency taking part;
 * - early_help: the person is in the family of an early help episode not yet closed that the user
 *   leads (or is offered to lead), or is on its team around the family while the family's consent
 *   stands (or the safeguarding condition is recorded), or the user works in the early help service.
 * A restricted record adds a condition to all of them: the user is named on it.
 */
export const RELATIONSHIPS = [
  'allocation',
  'team_allocation',
  'waiting_team',
  'team_involvement',
  'agency_involvement',
  'mash_contact',
  'linked_child',
  'break_glass',
  'scrutiny',
  'audit_sample',
  'early_help',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

const worksWithChildren: Relationship[] = [
  'allocation',
  'team_involvement',
  'agency_involvement',
  'linked_child',
  'break_glass',
];

/**
 * Through which relationships each role reads the parts of a record its permissions grant. A role
 * with no record-reading permission is admitted by none of them: a relationship alone never opens
 * a record. docs/access.md holds the same table.
 */
export const ROLE_RELATIONSHIPS: Record<Role, readonly Relationship[]> = {
  mash_officer: [...worksWithChildren, 'mash_contact'],
  mash_manager: [...worksWithChildren, 'mash_contact'],
  social_worker: [...worksWithChildren, 'early_help'],
  team_manager: [...worksWithChildren, 'team_allocation', 'waiting_team', 'early_help'],
  principal_social_worker: [],
  early_help_lead: [...worksWithChildren, 'early_help'],
  partner_practitioner: [...worksWithChildren, 'early_help'],
  referrer: [],
  business_manager: [],
  // Reads only the children sampled by a case audit it audits, while the audit is open.
  agency_lead: ['audit_sample'],
  scrutineer: ['scrutiny'],
  dpo: [],
  sysadmin: [],
};

const PRIVILEGED: readonly Permission[] = [
  ...Object.values(RECORD_PARTS),
  'audit.person_views',
  'audit.any_person_views',
  'admin.manage',
];

/**
 * A role that reads child data (or who looked at it), or administers the system: giving it to a
 * user needs a second administrator's approval (admin/roles.ts).
 */
export function needsSecondApproval(role: Role): boolean {
  return ROLE_PERMISSIONS[role].some((p) => PRIVILEGED.includes(p));
}

/**
 * The scrutineer is independent: the role is held alone, never beside a partner's role. A clear
 * message for either way round (giving the scrutineer another role, or a partner the scrutineer's).
 */
export function independenceProblem(before: readonly Role[], requested: readonly Role[]): string | undefined {
  if (!requested.includes('scrutineer') || requested.length === 1) return undefined;
  return before.includes('scrutineer')
    ? 'This user is the independent scrutineer: a scrutineer holds no other role. Take the scrutineer role away first'
    : 'The independent scrutineer holds no other role: give the scrutineer role to a user without other roles, on its own';
}

/** Roles that work in the MASH: they see children on an open contact. */
export const MASH_ROLES: readonly Role[] = ['mash_officer', 'mash_manager'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/** Whether one of the roles reads this part of a record through this relationship. */
export function admits(roles: readonly Role[], part: RecordPart, relationship: Relationship): boolean {
  return roles.some(
    (r) => ROLE_PERMISSIONS[r].includes(RECORD_PARTS[part]) && ROLE_RELATIONSHIPS[r].includes(relationship),
  );
}
