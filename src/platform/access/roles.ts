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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const practitioner: Permission[] = ['person.search', 'chronology.add', 'breakglass.use'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  mash_officer: [...practitioner, 'person.create', 'person.edit'],
  mash_manager: [...practitioner, 'person.create', 'person.edit', 'audit.person_views'],
  social_worker: [...practitioner, 'person.create', 'person.edit'],
  team_manager: [...practitioner, 'person.create', 'person.edit', 'audit.person_views'],
  early_help_lead: [...practitioner, 'person.create', 'person.edit'],
  partner_practitioner: [...practitioner, 'api.use'],
  referrer: [],
  business_manager: [],
  scrutineer: ['person.search', 'person.read_all'],
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
