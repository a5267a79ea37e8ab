import { z } from 'zod';
import { isRole, ROLES, type Role } from '../../platform/access/roles.ts';
import { requiredText } from '../../platform/validation.ts';

export const AGENCY_KINDS = [
  'local_authority',
  'police',
  'health_commissioner',
  'health_provider',
  'school',
  'early_years',
  'probation',
  'youth_justice',
  'housing',
  'voluntary',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  local_authority: 'Local authority',
  police: 'Police',
  health_commissioner: 'Health commissioner (integrated care board)',
  health_provider: 'Health provider',
  school: 'School or college',
  early_years: 'Early years',
  probation: 'Probation',
  youth_justice: 'Youth justice service',
  housing: 'Housing',
  voluntary: 'Voluntary sector',
  other: 'Other',
};

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');

/** A single checkbox: present with "yes" when ticked, absent otherwise. */
const tick = z
  .union([z.literal('yes'), z.array(z.string())], { error: 'Select a valid option' })
  .optional()
  .transform((v) => v === 'yes' || (Array.isArray(v) && v.includes('yes')));

export const agencySchema = z.object({
  name: requiredText(200, 'Agency name'),
  kind: z.enum(AGENCY_KINDS, { error: 'Select the kind of agency' }),
  partnerType: z.enum(['statutory', 'relevant'], {
    error: 'Select whether the agency is a statutory partner or a relevant agency',
  }),
  active: yesNo('Select whether the agency is active').default(true),
});
export type AgencyInput = z.infer<typeof agencySchema>;

export const teamSchema = z.object({
  name: requiredText(200, 'Team name'),
  isMash: tick,
  active: yesNo('Select whether the team is active').default(true),
});
export type TeamInput = z.infer<typeof teamSchema>;

const EMAIL = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;
const anyId = (message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(100);

const roleList = z.preprocess(
  (v) => (v === undefined ? [] : [v].flat()),
  z
    .array(z.string({ error: 'Select roles from the list' }))
    .min(1, { error: 'Select at least one role' })
    .refine((rs) => rs.every(isRole), { error: 'Select roles from the list' })
    .transform((rs) => ROLES.filter((r) => rs.includes(r)) as Role[]),
);

const userFields = {
  name: requiredText(200, 'Full name', 'Enter the full name'),
  email: requiredText(320, 'Email address', 'Enter the email address').regex(EMAIL, {
    error: 'Enter an email address in the correct format, like name@example.com',
  }),
  agencyId: anyId('Select an agency'),
  teamId: z
    .string({ error: 'Select a team from the list' })
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  roles: roleList,
};

export const newUserSchema = z.object({
  ...userFields,
  password: z.string({ error: 'Enter a password' }).min(1, { error: 'Enter a password' }),
});
export type NewUserInput = z.infer<typeof newUserSchema>;

export const editUserSchema = z.object({
  ...userFields,
  active: yesNo('Select whether the account is active'),
  version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(1),
});
export type EditUserInput = z.infer<typeof editUserSchema>;

export const passwordSchema = z.object({
  password: z.string({ error: 'Enter a password' }).min(1, { error: 'Enter a password' }),
});

export const tokenSchema = z.object({
  name: requiredText(
    100,
    'Token name',
    'Enter a name for the token, like the partner system that will use it',
  ),
});

/** The users list filter: bad values are ignored rather than refused. */
export const userFilterSchema = z.object({
  agency: z.string().uuid().optional().catch(undefined),
  role: z
    .string()
    .refine(isRole)
    .optional()
    .catch(undefined)
    .transform((v) => v as Role | undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type UserFilter = z.infer<typeof userFilterSchema>;
