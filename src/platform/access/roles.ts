/**
 * Roles say what a user may do; relationships (policy.ts) say to which child. This table is the
 * one place that maps roles to permissions.
 */
export const ROLES = [
  'mash_officer',
  'mash_manager',
  'social_worker',
  'team_manager',
  'referrer',
  'early_help_lead',
  'partner_practitioner',
  'business_manager',
  'scrutineer',
  'dpo',
  'sysadmin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  mash_officer: 'MASH officer',
  mash_manager: 'MASH manager',
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  referrer: 'Referrer',
  early_help_lead: 'Early help lead practitioner',
  partner_practitioner: 'Partner agency practitioner',
  business_manager: 'Partnership business manager',
  scrutineer: 'Independent scrutineer',
  dpo: 'Data protection officer',
  sysadmin: 'System administrator',
};

export const PERMISSIONS = [
  'person.search',
  'person.create',
  'person.edit',
  /** Read every unrestricted record in the partnership without a working relationship (scrutiny). */
  'person.read_all',
  'chronology.add',
  'breakglass.use',
  'breakglass.review',
  'audit.person_views',
  'audit.verify',
  'admin.manage',
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
  /** One's own allocated children and their work, by due date ("Your work"). */
  'caseload.view_own',
  /** One's own team: caseloads, unallocated children, overdue work. */
  'caseload.view_team',
  /** Allocate and reallocate children to workers. */
  'caseload.allocate',
  /** The drift report: team managers for their team, the scrutineer across the partnership. */
  'caseload.drift',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const practitioner: Permission[] = ['person.search', 'chronology.add', 'breakglass.use', 'referral.make'];
/**
 * MASH work. 'mash.work' and 'mash.decide' take effect only in the MASH hub (the local authority's
 * MASH: policy.ts worksInMashHub); partner agencies' MASH staff answer their agency's requests.
 */
const mash: Permission[] = ['mash.work', 'mash.answer', 'mash.dashboard'];

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
    'caseload.view_own',
    'caseload.view_team',
    'caseload.allocate',
    'caseload.drift',
  ],
  early_help_lead: [...practitioner, 'person.create', 'person.edit'],
  // An agency without a MASH desk (a school, a GP practice) answers requests through its practitioners.
  partner_practitioner: [...practitioner, 'api.use', 'mash.answer'],
  referrer: ['referral.make'],
  business_manager: ['mash.dashboard'],
  scrutineer: ['person.search', 'person.read_all', 'casework.read', 'caseload.drift', 'mash.dashboard'],
  dpo: ['person.search', 'audit.person_views', 'breakglass.review', 'audit.verify'],
  sysadmin: ['admin.manage', 'audit.verify'],
};

/** Roles that work in the MASH: they see children on an open contact. */
export const MASH_ROLES: readonly Role[] = ['mash_officer', 'mash_manager'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
