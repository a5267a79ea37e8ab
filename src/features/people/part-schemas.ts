/** What is added to a record (names, addresses, relationships, households, involvements) and break-glass. */
import { z } from 'zod';
import { UUID } from '../../platform/access/policy.ts';
import { londonToday } from '../../platform/dates.ts';
import { field } from '../../platform/validation.ts';
import {
  INVOLVEMENT_ROLES,
  NAME_KINDS,
  RELATIONSHIP_KINDS,
  type AddedNameKind,
  type InvolvementRole,
  type RelationshipKind,
} from './codes.ts';
import { NAME_MAX, whenGood } from './schemas.ts';

/** A problem of one field found by a rule across fields (a date's points at its first input). */
function problem(ctx: z.RefinementCtx, key: string, message: string) {
  ctx.addIssue({ code: 'custom', path: [key], message });
}

/** A later date not before an earlier one, each optional. */
function inOrder(from: string, to: string, message: string) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const [a, b] = [v[from], v[to]];
    if (typeof a === 'string' && typeof b === 'string' && b < a) problem(ctx, to, message);
  };
}
const datesGood = (from: string, to: string) => ({ when: whenGood([from, to]) });

const postcode = field
  .postcode()
  .refine((v) => v !== undefined, { error: 'Enter postcode' })
  .transform((v) => v!);

/** An address: the add-address page's form, the create page's optional first address, the API's. */
const addressFields = {
  line1: field.requiredText(200, 'Address line 1'),
  line2: field.text(200, 'Address line 2'),
  town: field.text(100, 'Town or city'),
  postcode,
  fromDate: field.date('Date from', { formName: 'from', notFuture: true }),
};

export const addressSchema = z
  .object({
    ...addressFields,
    toDate: field.date('Date to', { formName: 'to' }),
    current: field.yesNo('Select whether this is where they live now').default(true),
  })
  .superRefine(
    inOrder('fromDate', 'toDate', 'Date to must be the same as or after date from'),
    datesGood('fromDate', 'toDate'),
  );

/** The API's first address of a new person: where they live now. */
export const newAddressSchema = z.strictObject(addressFields);

export interface AddressInput {
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  fromDate: string | null;
  toDate: string | null;
  /** Ends the person's other open addresses. */
  current: boolean;
}

/** An address as stored: an address with an end date is not where they live now. */
export function addressInput(
  a: z.infer<typeof newAddressSchema> & { toDate?: string; current?: boolean },
): AddressInput {
  return {
    line1: a.line1,
    line2: a.line2 ?? null,
    town: a.town ?? null,
    postcode: a.postcode,
    fromDate: a.fromDate ?? null,
    toDate: a.toDate ?? null,
    current: !a.toDate && a.current !== false,
  };
}

export const nameSchema = z.object({
  kind: field.code(NAME_KINDS.values, 'Select what kind of name this is'),
  givenName: field.text(NAME_MAX, 'First name').transform((v) => v ?? ''),
  familyName: field.requiredText(NAME_MAX, 'Last name'),
});

export interface NameInput {
  kind: AddedNameKind;
  givenName: string;
  familyName: string;
}

export const relationshipSchema = z.object({
  relatedPersonId: field.id('Select the person from the search results'),
  kind: field.code(RELATIONSHIP_KINDS.values, 'Select how they are related'),
  fromDate: field.date('Date from', { formName: 'from', notFuture: true }),
});

export interface RelationshipInput {
  relatedPersonId: string;
  kind: RelationshipKind;
  fromDate: string | null;
}

/** The household radios: one of the households offered, or "new". */
const householdChoice = z.preprocess(
  (v) => (v === '' ? undefined : typeof v === 'string' ? v.toLowerCase() : v),
  z
    .string({ error: 'Select a household, or choose to start a new one' })
    .refine((v) => v === 'new' || UUID.test(v), { error: 'Select a household from the list' }),
);

export const householdSchema = z
  .object({
    household: householdChoice,
    label: field.text(200, 'Household name'),
    fromDate: field.date('Date from', { formName: 'from', notFuture: true }),
    toDate: field.date('Date to', { formName: 'to' }),
  })
  .superRefine(
    (v, ctx) => {
      if (v.household === 'new' && !v.label) problem(ctx, 'label', 'Enter a name for the new household');
      inOrder('fromDate', 'toDate', 'Date to must be the same as or after date from')(v, ctx);
    },
    datesGood('fromDate', 'toDate'),
  );

export interface HouseholdInput {
  /** Null for a new household, named by `label`. */
  householdId: string | null;
  label: string | null;
  fromDate: string | null;
  toDate: string | null;
}

export function householdInput(h: z.infer<typeof householdSchema>): HouseholdInput {
  const isNew = h.household === 'new';
  return {
    householdId: isNew ? null : h.household,
    label: isNew ? (h.label ?? null) : null,
    fromDate: h.fromDate ?? null,
    toDate: h.toDate ?? null,
  };
}

export const involvementSchema = z
  .object({
    agencyId: field.id('Select the agency'),
    role: field.code(INVOLVEMENT_ROLES.values, 'Select what the agency is to them'),
    startedOn: field.date('Start date', { formName: 'start', notFuture: true }),
    endedOn: field.date('End date', { formName: 'end', notFuture: true }),
  })
  .superRefine(
    inOrder('startedOn', 'endedOn', 'End date must be the same as or after the start date'),
    datesGood('startedOn', 'endedOn'),
  );

export interface InvolvementInput {
  agencyId: string;
  role: InvolvementRole;
  startedOn: string;
  endedOn: string | null;
}

/** An involvement with no start date given starts today. */
export function involvementInput(
  i: z.infer<typeof involvementSchema>,
  today = londonToday(),
): InvolvementInput {
  return { agencyId: i.agencyId, role: i.role, startedOn: i.startedOn ?? today, endedOn: i.endedOn ?? null };
}

export const breakGlassSchema = z.object({
  reason: field
    .requiredText(2000, 'Reason', 'Enter why you need to see this record')
    .refine((v) => v.length >= 10, {
      error: 'Enter why you need to see this record, in at least 10 characters',
    }),
});
