import { z } from 'zod';
import { isRole, ROLES, type Role } from '../../platform/access/roles.ts';
import { valuesOf } from '../../platform/codes.ts';
import { field } from '../../platform/validation.ts';

export const AGENCY_KIND_LABELS = {
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
} as const;
export type AgencyKind = keyof typeof AGENCY_KIND_LABELS;
export const AGENCY_KINDS = valuesOf(AGENCY_KIND_LABELS);

export const agencySchema = z.object({
  name: field.requiredText(200, 'Agency name'),
  kind: field.code(AGENCY_KINDS, 'Select the kind of agency'),
  partnerType: field.code(
    ['statutory', 'relevant'],
    'Select whether the agency is a statutory partner or a relevant agency',
  ),
  active: field.yesNo('Select whether the agency is active').default(true),
});
export type AgencyInput = z.infer<typeof agencySchema>;

export const teamSchema = z.object({
  name: field.requiredText(200, 'Team name'),
  // A single checkbox: "yes" when ticked, absent otherwise.
  isMash: field.yesNo('Select whether this is a MASH team').default(false),
  active: field.yesNo('Select whether the team is active').default(true),
});
export type TeamInput = z.infer<typeof teamSchema>;

const EMAIL = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;

/** A password as typed: never trimmed (its rules are the platform's passwordProblem). */
const password = z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: 'Enter a password' }));

const userFields = {
  name: field.requiredText(200, 'Full name', 'Enter the full name'),
  email: field.requiredText(320, 'Email address', 'Enter the email address').refine((v) => EMAIL.test(v), {
    error: 'Enter an email address in the correct format, like name@example.com',
  }),
  agencyId: field.id('Select an agency'),
  teamId: z.preprocess((v) => (v === '' ? undefined : v), field.id('Select a team from the list').optional()),
  // Checkboxes: one problem for the whole list (its summary link is the first box), in the
  // table's order whatever order they were ticked in.
  roles: z.preprocess(
    (v) => (v === undefined ? [] : [v].flat()),
    z
      .array(z.string({ error: 'Select roles from the list' }))
      .min(1, { error: 'Select at least one role' })
      .refine((rs) => rs.every(isRole), { error: 'Select roles from the list' })
      .transform((rs) => ROLES.filter((r) => rs.includes(r))),
  ),
};

export const newUserSchema = z.object({ ...userFields, password });
export type NewUserInput = z.infer<typeof newUserSchema>;

export const editUserSchema = z.object({
  ...userFields,
  active: field.yesNo('Select whether the account is active'),
  version: field.int('Version', { min: 1, max: 2_000_000_000, missing: 'Reload the page and try again' }),
});
export type EditUserInput = z.infer<typeof editUserSchema>;

export const passwordSchema = z.object({ password });

export const tokenSchema = z.object({
  name: field.requiredText(
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
